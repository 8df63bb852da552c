"""Keeps :class:`analytics.models.DealPageView` in step with the deals, without analytics writing
into leads or leads importing analytics: ``AnalyticsConfig.ready`` connects these to Deal's
model signals and to ``leads.signals.deal_touch_erased`` (a contact's erasure empties their
deals' paths with one UPDATE, which sends no ``post_save``). A deleted deal's rows go with it
(the foreign key cascades).

A deal remembers its path fields as loaded (``post_init``, no query); saving it writes its rows
again only when they changed, so moving a deal through the pipeline costs no query here, and a
new deal without a path (manual, API without a visit) none either. The rows are written in a
savepoint and a failure is logged, never raised: the request that created the deal must not be
lost for a report's cache (``manage.py rebuild_page_views`` repairs it).
"""

import json
import logging

from django.db import transaction

from . import deal_facts, page_views

logger = logging.getLogger(__name__)
_UNKNOWN = object()


def _fingerprint(instance) -> str:
    """The loaded path fields as text (a deferred field is not read: that would be a query)."""
    loaded = instance.__dict__
    return json.dumps(
        [loaded.get(name, None) for name in page_views.TOUCH_FIELDS if name in loaded],
        sort_keys=True,
        default=str,
    )


def deal_loaded(sender, instance, **kwargs):
    instance._analytics_touch = _fingerprint(instance)


def deal_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw:
        return  # loading fixtures: rebuild_page_views afterwards
    if update_fields is not None and not set(page_views.TOUCH_FIELDS) & set(update_fields):
        return
    fingerprint = _fingerprint(instance)
    if not created and fingerprint == getattr(instance, "_analytics_touch", _UNKNOWN):
        return
    instance._analytics_touch = fingerprint
    if created and not any(instance.__dict__.get(name) for name in page_views.TOUCH_FIELDS):
        return
    refresh([instance.pk])


def deal_touch_erased(sender, deal_ids=(), **kwargs):
    refresh(deal_ids)


def refresh(deal_ids) -> None:
    try:
        with transaction.atomic():
            page_views.refresh(deal_ids)
    except Exception:  # a report's cache must never cost a request: logged, rebuilt later
        logger.exception("analytics: the pages read by deals %s were not recorded", deal_ids)
    try:  # the deal's first-touch source and landing path (analytics.deal_facts)
        with transaction.atomic():
            deal_facts.refresh_touch(deal_ids)
    except Exception:  # as above: ``manage.py rebuild_deal_facts`` repairs it
        logger.exception("analytics: the sources of deals %s were not recorded", deal_ids)


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
