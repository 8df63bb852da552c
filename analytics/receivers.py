"""Keeps analytics' caches of the deals (:class:`analytics.models.DealPageView`,
:class:`analytics.models.DealFacts`, :class:`analytics.models.DealServiceType`) in step with
them, without analytics writing into leads or leads importing analytics: ``AnalyticsConfig.ready``
connects these to Deal's model signals and to ``leads.signals.deal_touch_erased`` (a contact's
erasure empties their deals' paths with one UPDATE, which sends no ``post_save``). A deleted
deal's rows go with it (the foreign keys cascade); a deleted owner leaves the facts row without
one, as it leaves the deal (``SET_NULL`` on both).

A deal remembers the fields each cache is made from as loaded (``post_init``, no query); saving
it writes a cache again only when its fields changed, so moving a deal between open stages
costs no query here, and a new deal without a path (manual, API without a visit) writes only
its facts row. The rows are written in a savepoint and a failure is logged, never raised: the
request that created the deal must not be lost for a report's cache (``manage.py
rebuild_page_views`` and ``rebuild_deal_facts`` repair them).
"""

import json
import logging

from django.db import transaction

from . import deal_facts, page_views

logger = logging.getLogger(__name__)
_UNKNOWN = object()


def _fingerprint(instance, fields) -> str:
    """The loaded ``fields`` as text (a deferred field is not read: that would be a query)."""
    loaded = instance.__dict__
    return json.dumps(
        [loaded.get(name, None) for name in fields if name in loaded],
        sort_keys=True,
        default=str,
    )


#: what each cache is made from, and where the loaded values are remembered
_KEPT = (
    ("_analytics_touch", page_views.TOUCH_FIELDS),
    ("_analytics_facts", deal_facts.FACT_FIELDS),
)


def deal_loaded(sender, instance, **kwargs):
    for mark, fields in _KEPT:
        setattr(instance, mark, _fingerprint(instance, fields))


def _changed(instance, mark, fields, update_fields) -> bool:
    """Whether the save changed any of ``fields`` since the deal was loaded (or last saved)."""
    if update_fields is not None and not _names(fields) & set(update_fields):
        return False
    fingerprint = _fingerprint(instance, fields)
    if fingerprint == getattr(instance, mark, _UNKNOWN):
        return False
    setattr(instance, mark, fingerprint)
    return True


def _names(fields) -> set[str]:
    """The fields as ``update_fields`` may name them ("owner" or "owner_id")."""
    return set(fields) | {name.removesuffix("_id") for name in fields}


def deal_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw:
        return  # loading fixtures: rebuild_page_views and rebuild_deal_facts afterwards
    touched = _changed(instance, "_analytics_touch", page_views.TOUCH_FIELDS, update_fields)
    if created:
        # a new deal always has a facts row; its read pages only when it came with a path
        _changed(instance, "_analytics_facts", deal_facts.FACT_FIELDS, None)
        touched = any(instance.__dict__.get(name) for name in page_views.TOUCH_FIELDS)
        refresh([instance.pk], pages=touched)
        return
    facts = _changed(instance, "_analytics_facts", deal_facts.FACT_FIELDS, update_fields)
    if touched or facts:
        refresh([instance.pk], pages=touched, facts=facts)


def deal_touch_erased(sender, deal_ids=(), **kwargs):
    refresh(deal_ids)


def deals_bulk_written(sender, deal_ids=(), **kwargs):
    """An import wrote these deals (and their services) with ``bulk_create``/``update``."""
    refresh(deal_ids)
    _refresh_service_types(deal_ids)


def refresh(deal_ids, *, pages: bool = True, facts: bool = True) -> None:
    if pages:
        try:
            with transaction.atomic():
                page_views.refresh(deal_ids)
        except Exception:  # a report's cache must never cost a request: logged, rebuilt later
            logger.exception("analytics: the pages read by deals %s were not recorded", deal_ids)
    if facts:
        try:  # the deal as the figures count and group it (analytics.deal_facts)
            with transaction.atomic():
                deal_facts.refresh_facts(deal_ids)
        except Exception:  # as above: ``manage.py rebuild_deal_facts`` repairs it
            logger.exception("analytics: the facts of deals %s were not recorded", deal_ids)


# --- each deal's service types (analytics.deal_facts) -------------------------------------------
# Deal.services and ServicePage.service_types send ``m2m_changed`` (a page's types too: modelcluster
# commits them through the ordinary manager when the page is saved); from either side of the
# relation, so the changed deals are the instance or the ``pk_set``. A "clear" names no pks: the
# deals concerned are read before it. A deleted service takes its deal links with it (no signal):
# its deals are read before the deletion and written again after it.


def _refresh_service_types(deal_ids) -> None:
    try:
        with transaction.atomic():
            deal_facts.refresh(deal_ids)
    except Exception:  # as above: logged, ``manage.py rebuild_deal_facts`` repairs it
        logger.exception("analytics: the service types of deals %s were not recorded", deal_ids)


def deal_services_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    """``deal.services`` (instance: a deal) or ``service.deals`` (instance: a service)."""
    if action == "pre_clear" and reverse:
        instance._analytics_deals = list(instance.deals.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        _refresh_service_types((pk_set or ()) if reverse else [instance.pk])
    elif action == "post_clear":
        deals = instance.__dict__.pop("_analytics_deals", []) if reverse else [instance.pk]
        _refresh_service_types(deals)


def service_types_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    """``service.service_types`` (instance: a service) or ``type.services`` (instance: a type)."""
    if action == "pre_clear":
        services = instance.services.values_list("pk", flat=True) if reverse else [instance.pk]
        instance._analytics_deals = deal_facts.deals_of_services(services)
    elif action in ("post_add", "post_remove"):
        services = (pk_set or ()) if reverse else [instance.pk]
        _refresh_service_types(deal_facts.deals_of_services(services))
    elif action == "post_clear":
        _refresh_service_types(instance.__dict__.pop("_analytics_deals", []))


def service_deleting(sender, instance, **kwargs):
    instance._analytics_deals = deal_facts.deals_of_services([instance.pk])


def service_deleted(sender, instance, **kwargs):
    _refresh_service_types(instance.__dict__.pop("_analytics_deals", []))
