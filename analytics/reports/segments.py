"""Services and owners: the core figures per service, service type, pipeline and owner, one at a
time, so a manager sees which services sell and who sells them."""

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalog.models import ServicePage, ServiceType
from core.formatting import person_name
from leads.models import Pipeline

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


DIMENSIONS = [
    Dimension(
        "service",
        _("Service"),
        lambda: F("service_links__servicepage"),
        _("(no service)"),
        names=_names(ServicePage, lambda page: page.title),
        by_id=True,
    ),
    Dimension(
        "service_type",
        _("Service type"),
        # each deal's types, one row per deal and type (analytics.deal_facts): a deal with two
        # services of one type is one deal of that type; without a typed service, no row
        lambda: F("type_links__service_type"),
        _("(no service type)"),
        names=_names(ServiceType, str),
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


QUESTION = _("Which services bring the revenue, and who sells them.")


def key_figure(scope: Scope) -> list:
    """The overview card: the service with most won revenue in the main currency
    (:func:`analytics.key_figures.best_group`). Three queries (four when nothing was won): a
    deal with two services is in two groups, so the main currency is counted over the deals
    apart."""
    from ..key_figures import best_group

    return best_group(scope, DIMENSIONS[0], one_per_deal=False)
