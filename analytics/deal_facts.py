"""Each deal's service types as rows of :class:`analytics.models.DealServiceType`, and its
first-touch source and landing path as a row of :class:`analytics.models.DealTouch`.

A deal is of a service type when one of its services (``Deal.services``) has that type
(``ServicePage.service_types``); it counts once per type however many of its services have it.
Finding that in each report query meant joining both many-to-many relations (about two rows
per deal) and de-duplicating them with correlated probes: 1.3-1.5 s at 100,000 deals. The pairs
are written here instead, when a deal's services or a service's types change
(:mod:`analytics.receivers`), so the report joins one narrow indexed table.

The sources report grouped by a JSON key (the first-touch UTM source) and by a URL's path cut in
SQL, computed for every deal of the period in each of its three queries (1.25-1.45 s on SQLite at
100,000 deals); the same SQL expressions (:mod:`analytics.reports.sources`) are evaluated here
once per deal when its visit is written (a deal saved with changed touch fields, a contact's
erasure: :mod:`analytics.receivers`), so the groups are read from stored values.

The functions take the models as arguments so that the migration filling the table runs the
same code on its historical models (:func:`live_models` gives the real ones).
"""

from collections.abc import Iterable
from types import SimpleNamespace

from django.apps import apps as global_apps
from django.db.models import Q

CHUNK = 2000


def live_models(apps=global_apps) -> SimpleNamespace:
    """The models the functions below use, from ``apps`` (a migration's historical apps)."""
    Deal = apps.get_model("leads", "Deal")
    return SimpleNamespace(
        Deal=Deal,
        DealServices=Deal._meta.get_field("services").remote_field.through,
        DealServiceType=apps.get_model("analytics", "DealServiceType"),
        DealTouch=_model(apps, "analytics", "DealTouch"),
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


def _touches(models, deals) -> list:
    """Unsaved rows for ``deals`` with a first-touch source or a landing path."""
    from .reports.sources import first_source, landing_path

    values = (
        deals.order_by()
        .annotate(touch_source=first_source(), touch_landing=landing_path())
        .filter(Q(touch_source__isnull=False) | Q(touch_landing__isnull=False))
        .values_list("pk", "touch_source", "touch_landing")
    )
    return [
        models.DealTouch(deal_id=pk, first_source=source, landing_path=landing)
        for pk, source, landing in values
    ]


def refresh(deal_ids: Iterable[int], models=None) -> None:
    """Write the pairs of these deals again from their current services (a deleted deal: none)."""
    models = models or live_models()
    deal_ids = list(deal_ids)
    for start in range(0, len(deal_ids), CHUNK):
        chunk = deal_ids[start : start + CHUNK]
        models.DealServiceType.objects.filter(deal_id__in=chunk).delete()
        links = models.DealServices.objects.filter(deal_id__in=chunk)
        models.DealServiceType.objects.bulk_create(_pairs(models, links))


def refresh_touch(deal_ids: Iterable[int], models=None) -> None:
    """Write the source row of these deals again from their current visit fields."""
    models = models or live_models()
    deal_ids = list(deal_ids)
    for start in range(0, len(deal_ids), CHUNK):
        chunk = deal_ids[start : start + CHUNK]
        models.DealTouch.objects.filter(deal_id__in=chunk).delete()
        deals = models.Deal.objects.filter(pk__in=chunk)
        models.DealTouch.objects.bulk_create(_touches(models, deals))


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


def rebuild_touch(models=None) -> int:
    """Write every deal's source row from scratch; returns the number of rows."""
    models = models or live_models()
    models.DealTouch.objects.all().delete()
    rows = _touches(models, models.Deal.objects.all())
    return len(models.DealTouch.objects.bulk_create(rows, batch_size=CHUNK))
