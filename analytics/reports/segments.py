"""Services and owners: the core figures per service, service type, pipeline and owner, one at a
time, so a manager sees which services sell and who sells them."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalog.models import ServicePage, ServiceType
from core.formatting import person_name
from leads.models import Deal, Pipeline

from ..base import Report, Scope
from ..figures import Dimension
from ..grouped import FIGURE_DEFINITIONS, switch
from ..grouped import build as build_grouped
from ..grouped import cohort as grouped_cohort

TITLE = _("Services and owners")


def _names(model, name):
    def names(keys) -> dict[str, str]:
        # ``or [0]``: asks the database even for no ids, so the query count stays fixed
        ids = [int(key) for key in keys] or [0]
        return {str(row.pk): name(row) for row in model.objects.filter(pk__in=ids)}

    return names


def _one_row_per_type() -> Q:
    """A deal with two services of one type is one deal of that type, and a deal with services of
    no type is one deal of "(no service type)": keep the row of its first such service (by id);
    a deal with a typed service is not also in "(no service type)"."""
    links = Deal.services.through.objects.filter(
        deal=OuterRef("pk"), servicepage_id__lt=OuterRef("type_service")
    )
    typed = Deal.services.through.objects.filter(
        deal=OuterRef("pk"), servicepage__service_types__isnull=False
    )
    return Q(group__isnull=False, type_service__isnull=False) & ~Exists(
        links.filter(servicepage__service_types=OuterRef("group"))
    ) | Q(group__isnull=True) & ~Exists(typed) & (Q(type_service__isnull=True) | ~Exists(links))


def _type_rows(rows):
    """One row per deal and service type (see :func:`_one_row_per_type`); ``type_service`` is
    the service the row's type comes from (the same join as ``group``)."""
    return rows.annotate(type_service=F("services")).filter(_one_row_per_type())


DIMENSIONS = [
    Dimension(
        "service",
        _("Service"),
        lambda: F("services"),
        _("(no service)"),
        names=_names(ServicePage, lambda page: page.title),
        by_id=True,
    ),
    Dimension(
        "service_type",
        _("Service type"),
        lambda: F("services__service_types"),
        _("(no service type)"),
        names=_names(ServiceType, str),
        keep=_type_rows,
        by_id=True,
    ),
    Dimension(
        "pipeline",
        _("Pipeline"),
        lambda: F("pipeline"),
        _("(no pipeline)"),
        names=_names(Pipeline, lambda pipeline: pipeline.name),
        by_id=True,
    ),
    Dimension(
        "owner",
        _("Owner"),
        lambda: F("owner"),
        _("(no owner)"),
        names=_names(get_user_model(), person_name),
        by_id=True,
    ),
]

DEFINITIONS = format_lazy(
    "{}{}",
    _(
        "Groups the deals by one of: service (a deal with two services counts in both, so the rows "
        'add up to more than the deals; deals without a service are under "(no service)"); '
        "service type (the types of the deal's services, each deal once per type); pipeline; "
        "owner (the deal's current owner). "
    ),
    FIGURE_DEFINITIONS,
)


def extra_filters() -> dict:
    return switch(DIMENSIONS)


def build(scope: Scope) -> Report:
    """Four queries: three for the figures, one naming the groups."""
    return build_grouped(scope, DIMENSIONS)


def cohort(scope: Scope, name: str, key: str):
    return grouped_cohort(scope, DIMENSIONS, name, key)
