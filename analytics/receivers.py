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

from . import page_views

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
