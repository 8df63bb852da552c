"""Each deal's service types as rows of :class:`analytics.models.DealServiceType`.

A deal is of a service type when one of its services (``Deal.services``) has that type
(``ServicePage.service_types``); it counts once per type however many of its services have it.
Finding that in each report query meant joining both many-to-many relations (about two rows
per deal) and de-duplicating them with correlated probes: 1.3-1.5 s at 100,000 deals. The pairs
are written here instead, when a deal's services or a service's types change
(:mod:`analytics.receivers`), so the report joins one narrow indexed table.

The functions take the models as arguments so that the migration filling the table runs the
same code on its historical models (:func:`live_models` gives the real ones).
"""

from collections.abc import Iterable
from types import SimpleNamespace

from django.apps import apps as global_apps

CHUNK = 2000


def live_models(apps=global_apps) -> SimpleNamespace:
    """The models the functions below use, from ``apps`` (a migration's historical apps)."""
    Deal = apps.get_model("leads", "Deal")
    return SimpleNamespace(
        Deal=Deal,
        DealServices=Deal._meta.get_field("services").remote_field.through,
        DealServiceType=apps.get_model("analytics", "DealServiceType"),
    )


def _pairs(models, links) -> list:
    """Unsaved rows for the distinct (deal, service type) pairs of ``links`` (deal ↔ service)."""
    pairs = (
        links.filter(servicepage__service_types__isnull=False)
        .values_list("deal_id", "servicepage__service_types")
        .order_by()
        .distinct()
    )
    return [models.DealServiceType(deal_id=deal, service_type_id=kind) for deal, kind in pairs]


def refresh(deal_ids: Iterable[int], models=None) -> None:
    """Write the pairs of these deals again from their current services (a deleted deal: none)."""
    models = models or live_models()
    deal_ids = list(deal_ids)
    for start in range(0, len(deal_ids), CHUNK):
        chunk = deal_ids[start : start + CHUNK]
        models.DealServiceType.objects.filter(deal_id__in=chunk).delete()
        links = models.DealServices.objects.filter(deal_id__in=chunk)
        models.DealServiceType.objects.bulk_create(_pairs(models, links))


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
