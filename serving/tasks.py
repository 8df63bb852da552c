"""Keep the static copy (``EXPORT_DIR``) current: publishing re-exports only what it affects."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Page, ReferenceIndex

from django_tasks import task

from .export import SiteExporter

logger = logging.getLogger(__name__)


def affected_pages(page_ids: list[int]) -> list[Page]:
    """The changed pages, their ancestors (lists and the home page show them), the pages that
    link to them or that they link to, the pages that list them (``export_related_pages``: a
    service lists its cases); every page when a menu page changed, as the menu is on all."""
    pages = list(Page.objects.filter(pk__in=page_ids))
    if any(page.show_in_menus for page in pages):
        return list(Page.objects.live())
    page_type = ContentType.objects.get_for_model(Page)
    related = set(page_ids)
    for page in pages:
        related.update(page.get_ancestors().values_list("pk", flat=True))
        specific = page.specific
        if hasattr(specific, "export_related_pages"):
            related.update(other.pk for other in specific.export_related_pages())
        inbound = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
        related.update(int(pk) for pk in inbound.values_list("object_id", flat=True))
        outbound = ReferenceIndex.get_references_for_object(page).filter(to_content_type=page_type)
        related.update(int(pk) for pk in outbound.values_list("to_object_id", flat=True))
    return list(Page.objects.filter(pk__in=related))


@task()
def export_changed_pages(page_ids: list[int], removed_url_paths: list[str]) -> dict:
    """Re-export ``page_ids`` and what they affect; delete the copies of those no longer public
    and of the pages that were at ``removed_url_paths`` (Wagtail's ``url_path``)."""
    if not settings.EXPORT_DIR:
        return {"pages": 0}
    exporter = SiteExporter(settings.EXPORT_DIR)
    root_url_path = exporter.site.root_page.url_path
    removed = [
        "/" + path.removeprefix(root_url_path)
        for path in removed_url_paths
        if path.startswith(root_url_path)
    ]
    report = exporter.export_pages(affected_pages(page_ids), removed)
    logger.info(
        "Re-exported %s pages into %s, deleted %s copies",
        report.pages,
        settings.EXPORT_DIR,
        len(report.removed),
    )
    return {"pages": report.pages, "skipped": report.skipped, "removed": report.removed}


def _queue(page_ids: list[int], removed: list[str]) -> None:
    if settings.EXPORT_DIR:
        transaction.on_commit(lambda: export_changed_pages.enqueue(page_ids, removed))


def on_publish(sender, instance, **kwargs) -> None:
    _queue([instance.pk], [])


def on_unpublish(sender, instance, **kwargs) -> None:
    parent = instance.get_parent()
    _queue([parent.pk] if parent else [], [instance.url_path])


def on_move(sender, instance, url_path_before, url_path_after, **kwargs) -> None:
    if url_path_before != url_path_after:
        _queue([instance.pk, instance.get_parent().pk], [url_path_before])


def on_slug_change(sender, instance, instance_before, **kwargs) -> None:
    """A live page renamed: its copies (and its subpages') move to the new address."""
    if instance.live and instance_before.url_path != instance.url_path:
        _queue([instance.pk], [instance_before.url_path])


def on_restriction_change(sender, instance, **kwargs) -> None:
    """A view restriction added, changed or lifted: the page and every page below it."""
    if not settings.EXPORT_DIR:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _queue(list(page.get_descendants(inclusive=True).values_list("pk", flat=True)), [])


def on_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live and instance.depth > 1:
        on_unpublish(sender, instance)
