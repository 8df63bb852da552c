"""Each deal's service types as rows of :class:`analytics.models.DealServiceType`, and the deal
as the core figures count and group it as a row of :class:`analytics.models.DealFacts`.

A deal is of a service type when one of its services (``Deal.services``) has that type
(``ServicePage.service_types``); it counts once per type however many of its services have it.
Finding that in each report query meant joining both many-to-many relations (about two rows
per deal) and de-duplicating them with correlated probes: 1.3-1.5 s at 100,000 deals. The pairs
are written here instead, when a deal's services or a service's types change
(:mod:`analytics.receivers`), so the report joins one narrow indexed table.

The sources and segments reports read each deal's dates, status, amount and groups: from the
deal's own table that meant walking every row's JSON (the visitor's path and UTM tags come
before the dates), evaluating JSON keys and a URL's path cut in SQL for every deal of the
period, and joining a second table, in each of three queries (1.0-1.45 s on SQLite at 100,000
deals). The facts row holds those values, evaluated once with the sources report's own SQL
expressions (:data:`analytics.reports.sources.STORED`) when a deal is created or one of them
changes (:mod:`analytics.receivers`), so the figures scan one narrow table by index.

The functions take the models as arguments so that the migration filling the table runs the
same code on its historical models (:func:`live_models` gives the real ones).
"""

from collections.abc import Iterable
from types import SimpleNamespace

from django.apps import apps as global_apps

from core.bulk import insert, insert_rows

from . import page_views

CHUNK = 2000


def live_models(apps=global_apps) -> SimpleNamespace:
    """The models the functions below use, from ``apps`` (a migration's historical apps)."""
    Deal = apps.get_model("leads", "Deal")
    return SimpleNamespace(
        Deal=Deal,
        DealServices=Deal._meta.get_field("services").remote_field.through,
        DealServiceType=apps.get_model("analytics", "DealServiceType"),
        DealFacts=_model(apps, "analytics", "DealFacts"),
        DealPageView=apps.get_model("analytics", "DealPageView"),
    )


def _model(apps, app_label: str, name: str):
    """The model, or None in a migration's state from before it (analytics 0002's fill)."""
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _pairs(models, links) -> list:
    """Unsaved rows for the distinct (deal, service type) pairs of ``links`` (deal ↔ service)."""
    pairs = (
        links.filter(servicepage__service_types__isnull=False)
        .values_list("deal_id", "servicepage__service_types")
        .order_by()
        .distinct()
    )
    return [models.DealServiceType(deal_id=deal, service_type_id=kind) for deal, kind in pairs]


#: the deal's own fields a facts row copies as they are
COPIED = ("pipeline_id", "owner_id", "status", "created_at", "closed_at", "amount", "currency")
#: every field of the deal a facts row is made from (a change to any of them writes it again)
FACT_FIELDS = (*COPIED, "source", "utm", "first_touch", "landing_page")


def _facts(models, deals) -> list[dict]:
    """The facts rows for ``deals`` (``DealFacts`` fields): their own fields, their groups as
    the sources report defines them (its SQL expressions, evaluated here once per deal), and
    what their page views say (:data:`analytics.page_views.FLAGS`, from the rows as they are now)."""
    from .reports.sources import STORED

    expressions = {f"fact_{name}": expression() for name, expression in STORED.items()}
    stored = tuple(STORED)
    if page_views.has_flags(models.DealFacts):  # not in a migration's state from before them
        expressions.update(
            {f"fact_{name}": flag for name, flag in page_views.flags(models, "pk").items()}
        )
        stored += tuple(page_views.FLAGS)
    values = (
        deals.order_by()
        .annotate(**expressions)
        .values_list("pk", *COPIED, *(f"fact_{name}" for name in stored))
    )
    names = ("deal_id", *COPIED, *stored)
    return [dict(zip(names, row, strict=True)) for row in values]


def refresh(deal_ids: Iterable[int], models=None) -> None:
    """Write the pairs of these deals again from their current services (a deleted deal: none)."""
    models = models or live_models()
    deal_ids = list(deal_ids)
    for start in range(0, len(deal_ids), CHUNK):
        chunk = deal_ids[start : start + CHUNK]
        models.DealServiceType.objects.filter(deal_id__in=chunk).delete()
        links = models.DealServices.objects.filter(deal_id__in=chunk)
        insert(_pairs(models, links))


def refresh_facts(deal_ids: Iterable[int], models=None) -> None:
    """Write the facts rows of these deals again from their current fields (a deleted deal: none)."""
    models = models or live_models()
    deal_ids = list(deal_ids)
    for start in range(0, len(deal_ids), CHUNK):
        chunk = deal_ids[start : start + CHUNK]
        models.DealFacts.objects.filter(deal_id__in=chunk).delete()
        deals = models.Deal.objects.filter(pk__in=chunk)
        insert_rows(models.DealFacts, _facts(models, deals))  # no instances, no compiler


def deals_of_services(service_ids: Iterable[int], models=None) -> list[int]:
    """The deals that have any of these services (their pairs change with the services' types)."""
    models = models or live_models()
    links = models.DealServices.objects.filter(servicepage_id__in=list(service_ids))
    return list(links.values_list("deal_id", flat=True).order_by().distinct())


def rebuild(models=None) -> int:
    """Write every deal's pairs from scratch; returns the number of rows."""
    models = models or live_models()
    models.DealServiceType.objects.all().delete()
    rows = _pairs(models, models.DealServices.objects.all())
    return len(models.DealServiceType.objects.bulk_create(rows, batch_size=CHUNK))


def rebuild_facts(models=None) -> int:
    """Write every deal's facts row from scratch; returns the number of rows."""
    models = models or live_models()
    models.DealFacts.objects.all().delete()
    written = 0
    ids = list(models.Deal.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        deals = models.Deal.objects.filter(pk__in=ids[start : start + CHUNK])
        rows = _facts(models, deals)
        insert_rows(models.DealFacts, rows)
        written += len(rows)
    return written
