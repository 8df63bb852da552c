"""Which reports exist, in menu order, and the module of each.

A report is a module ``analytics.reports.<slug>``, written on its own; the screens import it only
when it is asked for, and a slug whose module is missing (not written yet, or removed) is
skipped rather than breaking the whole Analytics area. Tests and projects may put other modules
in the list with the ``ANALYTICS_REPORTS`` setting: ``[(slug, dotted module path), …]``.
"""

import importlib
from types import ModuleType

from django.conf import settings

#: the reports, in the order of the menu and of the overview
SLUGS = (
    "funnel",
    "stage_time",
    "win_rate",
    "lost_reasons",
    "sources",
    "segments",
    "forecast",
    "proposals",
    "content",
    "repeat",
    "utilisation",
)


def _declared() -> list[tuple[str, str]]:
    custom = getattr(settings, "ANALYTICS_REPORTS", None)
    if custom is not None:
        return [(slug, path) for slug, path in custom]
    return [(slug, f"analytics.reports.{slug}") for slug in SLUGS]


def _load(path: str) -> ModuleType | None:
    try:
        module = importlib.import_module(path)
    except ModuleNotFoundError as error:
        # only the report's own module may be missing; an import error inside it is a bug
        if error.name is not None and path.startswith(error.name):
            return None
        raise
    if not (hasattr(module, "build") and hasattr(module, "TITLE")):
        return None
    return module


def reports() -> list[tuple[str, ModuleType]]:
    """``(slug, module)`` of every report that exists, in menu order."""
    found = []
    for slug, path in _declared():
        module = _load(path)
        if module is not None:
            found.append((slug, module))
    return found


def get(slug: str) -> ModuleType | None:
    """The report module of ``slug``, or None when there is no such report."""
    for known, path in _declared():
        if known == slug:
            return _load(path)
    return None
