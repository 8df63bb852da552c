"""Values read whole once and then kept up to date page by page: the search vocabulary, the
facet table. A change that names a page of a kind the value covers (``page:12`` with ``cases``)
re-reads that page alone; a change of the tree or of everything (a page published or moved, which
may list or hide its children without naming them) reads the value afresh.

A value is an object with ``version`` (the content version it shows) and ``lock``; ``patch(value,
{model: pks})`` re-reads the named pages into it.
"""

from .change_tags import named_pages
from .content_version import ANY, changes_between, content_version, memoize

REREAD = ("tree",)  # tags that read a value afresh (besides everything: ``*``)


def kept_per_page(key, build, patch, models):
    """The value under ``key``: ``build()`` the first time, then ``patch``-ed with the pages of
    ``models`` that changes named since the version it shows."""
    value = memoize(key, build, tags=REREAD)
    version = content_version()
    if value.version != version:
        with value.lock:
            if value.version != version:  # another thread did not bring it up already
                changed = changed_pages(value.version, version, models)
                if changed is None:
                    fresh = build()
                    fresh.lock = value.lock
                    value.__dict__.update(fresh.__dict__)
                else:
                    patch(value, changed)
                value.version = version
    return value


def changed_pages(since: int, until: int, models) -> dict | None:
    """``{model: pks}`` of the pages of ``models`` named by the changes after ``since`` up to
    ``until``, or None when the value must be read afresh (the log no longer holds them, or one
    named the tree or everything)."""
    changes = changes_between(since, until)
    if changes is None:
        return None
    kinds = {tag: model for model in models for tag in model.change_tags}
    changed: dict = {}
    for tags in changes:
        if ANY in tags or tags.intersection(REREAD):
            return None
        for model in {kinds[tag] for tag in tags if tag in kinds}:
            pks = named_pages(tags)
            changed.setdefault(model, set()).update(pks)
    return changed
