"""What a change touches: the tags a save or delete of public content names.

- A page names itself (``page:<pk>``) and its model's ``change_tags`` (a case: ``cases``, so the
  lists of cases are gathered again; an index page names none). A page model that declares no
  ``change_tags`` names everything.
- A page that appears, disappears, moves, changes its slug or goes live or not also names
  ``tree`` (routes, ancestors, restrictions); one at the menu's depth (a site root or its
  children) names ``menu`` when its title or menu flag changes too. Such a change to a page
  with children names everything: their addresses or visibility changed with it.
- A model with a parental key to a page (a case's metrics, an expert's certificates) names
  that page's tags.
- Any other model names its ``change_tags`` (site settings: ``settings``), or everything.

Values kept with :func:`serving.content_version.memoize` name the tags they depend on.
"""

from functools import cache

from modelcluster.fields import ParentalKey
from wagtail.models import Page

from .content_version import ANY, bump_content_version, is_content_model

STRUCTURE = ("url_path", "live", "path", "depth", "locale_id", "expired")
WATCHED = (*STRUCTURE, "title", "show_in_menus")
#: Fields a draft, a lock or a comment saves alone: public pages show none of them.
DRAFT_ONLY = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
MENU_DEPTH = 3  # a site's root page is at depth 2, its menu is the root's children


def _own_tags(model) -> set[str]:
    declared = getattr(model, "change_tags", None)
    return {ANY} if declared is None else set(declared)


def page_tags(page, *, before: dict | None = None, appeared_or_gone: bool = False) -> set[str]:
    """The tags a change to ``page`` names; ``before`` holds its watched fields as stored."""
    tags = {f"page:{page.pk}"} | _own_tags(page.specific_class or type(page))
    if appeared_or_gone or before is None:
        changed = set(WATCHED)
    else:
        changed = {field for field in WATCHED if before[field] != getattr(page, field)}
    in_menu_depth = page.depth is not None and page.depth <= MENU_DEPTH
    if changed & set(STRUCTURE):
        tags.add("tree")
        if page.numchild:
            tags.add(ANY)
    if changed and in_menu_depth:
        tags.add("menu")
    if "title" in changed and page.numchild:
        tags.add("tree")  # breadcrumbs show it
    return tags


@cache
def _parent_page_field(model) -> str | None:
    """The name of ``model``'s parental key to a page, if it has one."""
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return field.name
    return None


def instance_tags(instance, *, created=False, deleted=False) -> set[str]:
    if isinstance(instance, Page):
        before = getattr(instance, "_vitrina_before", None)
        return page_tags(instance, before=before, appeared_or_gone=created or deleted)
    parent_field = _parent_page_field(type(instance))
    if parent_field:
        parent = getattr(instance, parent_field, None)
        if parent is not None:
            return {f"page:{parent.pk}"} | _own_tags(parent.specific_class or type(parent))
    return _own_tags(type(instance))


def _draft_only(update_fields) -> bool:
    return bool(update_fields) and set(update_fields) <= DRAFT_ONLY


def remember_page_before_save(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save: a page's watched fields as stored, to tell which of them the save changes."""
    if (
        isinstance(instance, Page)
        and instance.pk
        and is_content_model(sender)
        and not _draft_only(update_fields)
    ):
        instance._vitrina_before = Page.objects.filter(pk=instance.pk).values(*WATCHED).first()


def on_save(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    if is_content_model(sender) and not _draft_only(update_fields):
        bump_content_version(instance_tags(instance, created=created))
        instance.__dict__.pop("_vitrina_before", None)


def on_delete(sender, instance, **kwargs) -> None:
    if is_content_model(sender):
        bump_content_version(instance_tags(instance, deleted=True))


def on_unpublish(sender, instance, **kwargs) -> None:
    bump_content_version(page_tags(instance, appeared_or_gone=True))


def on_move(sender, instance, **kwargs) -> None:
    bump_content_version((ANY,))  # every address below it changed
