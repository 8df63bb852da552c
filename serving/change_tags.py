"""What a change touches: the tags a save or delete of public content names.

- A page names itself (``page:<pk>``) and its model's ``change_tags`` (a case: ``cases``, so the
  lists of cases are gathered again; an index page names none). A page model that declares no
  ``change_tags`` names everything.
- A page that appears, disappears, moves, changes its slug or goes live or not also names
  ``tree`` (routes, ancestors, restrictions); one at the menu's depth (a site root or its
  children) names ``menu`` when its title or menu flag changes too. Such a change to a page
  with children names everything: their addresses or visibility changed with it.
- Lists are narrower: a page's save names ``<tag>:listed`` (``cases:listed``) only when what
  lists select, sort or count by changed: the fields its model names in ``listing_fields``
  (a case's year, visibility, industry, services), or its place in the tree; a model that
  names none always does. A list holds its pages through :func:`serving.routing.stored_pages`
  or their cards, so it names each page it shows (``page:<pk>``) as well: a new summary
  re-renders the lists that show the case, not every list of cases.
- A model with a parental key to a page (a case's metrics, an expert's certificates) names
  that page's own tags, and its ``:listed`` ones when it appears, goes, or changes one of its
  own ``listing_fields`` (a team member's expert or role; a metric declares none).
- Any other model names its ``change_tags`` (site settings: ``settings``), or everything.

Values kept with :func:`serving.content_version.memoize` name the tags they depend on.
"""

from functools import cache

from django.db.models import ForeignKey

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
LISTED = ":listed"


def named_pages(tags) -> set[int]:
    """The ids of the pages a change's ``tags`` name (``page:<pk>``)."""
    return {int(tag[5:]) for tag in tags if tag.startswith("page:")}


def listed(tag: str) -> str:
    """The tag of the lists of ``tag``'s pages: which of them, in which order, how many."""
    return f"{tag}{LISTED}"


def _own_tags(model) -> set[str]:
    declared = getattr(model, "change_tags", None)
    return {ANY} if declared is None else set(declared)


def listed_tags(model) -> set[str]:
    """What lists of ``model``'s pages depend on (everything, when it names no tags)."""
    own = _own_tags(model)
    return {ANY} if ANY in own else {listed(tag) for tag in own}


def listing_facts(instance, *, stored: bool) -> dict | None:
    """The values of ``instance``'s ``listing_fields``: as stored (a query per many-to-many
    field), or as about to be stored (a many-to-many field as the instance holds it); None
    when its model names none (every change counts) or it is not stored yet."""
    names = getattr(type(instance), "listing_fields", None)
    if names is None or (stored and not instance.pk):
        return None
    model = type(instance)
    fields = [model._meta.get_field(name) for name in names]
    plain = [field.attname for field in fields if not field.many_to_many]
    if stored:
        facts = model._default_manager.filter(pk=instance.pk).values(*plain).first()
        if facts is None:
            return None
    else:
        facts = {name: getattr(instance, name) for name in plain}
    for field in fields:
        if field.many_to_many:
            if stored:
                through = field.remote_field.through._default_manager
                rows = through.filter(**{field.m2m_field_name(): instance.pk})
                ids = rows.values_list(field.m2m_reverse_field_name(), flat=True)
            else:
                ids = (item.pk for item in getattr(instance, field.name).all())
            facts[field.name] = frozenset(ids)
    return facts


def _listing_changed(instance, before: dict | None) -> bool:
    if before is None or "listing" not in before or before["listing"] is None:
        return True
    return listing_facts(instance, stored=False) != before["listing"]


def page_tags(page, *, before: dict | None = None, appeared_or_gone: bool = False) -> set[str]:
    """The tags a change to ``page`` names; ``before`` holds its watched fields and listing
    facts as stored."""
    model = page.specific_class or type(page)
    tags = {f"page:{page.pk}"} | _own_tags(model)
    if appeared_or_gone or before is None:
        changed = set(WATCHED)
    else:
        changed = {field for field in WATCHED if before[field] != getattr(page, field)}
    in_menu_depth = page.depth is not None and page.depth <= MENU_DEPTH
    if changed & set(STRUCTURE) or _listing_changed(page, before):
        tags |= listed_tags(model)
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
    """The name of ``model``'s key to the page it belongs to: a parental key (a case's metric),
    or the source key of a page's many-to-many table (a case's services)."""
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return field.name
    source = model._meta.auto_created
    if source and issubclass(source, Page):
        for field in model._meta.get_fields():
            if isinstance(field, ForeignKey) and field.related_model is source:
                return field.name
    return None


def instance_tags(instance, *, created=False, deleted=False) -> set[str]:
    if isinstance(instance, Page):
        before = getattr(instance, "_vitrina_before", None)
        return page_tags(instance, before=before, appeared_or_gone=created or deleted)
    parent_field = _parent_page_field(type(instance))
    parent = getattr(instance, parent_field, None) if parent_field else None
    if parent is None:
        return _own_tags(type(instance))
    parent_model = parent.specific_class or type(parent)
    tags = {f"page:{parent.pk}"} | _own_tags(parent_model)
    before = None if created or deleted else getattr(instance, "_vitrina_before", None)
    if getattr(type(instance), "listing_fields", None) != () and _listing_changed(instance, before):
        tags |= listed_tags(parent_model)
    return tags


def _draft_only(update_fields) -> bool:
    return bool(update_fields) and set(update_fields) <= DRAFT_ONLY


def remember_page_before_save(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save: a page's watched fields and listing facts as stored (a child's listing facts),
    to tell which of them the save changes."""
    if not instance.pk or not is_content_model(sender) or _draft_only(update_fields):
        return
    if isinstance(instance, Page):
        before = Page.objects.filter(pk=instance.pk).values(*WATCHED).first()
        if before is not None:
            before["listing"] = listing_facts(instance, stored=True)
        instance._vitrina_before = before
    elif getattr(sender, "listing_fields", None) and _parent_page_field(sender):
        instance._vitrina_before = {"listing": listing_facts(instance, stored=True)}


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
