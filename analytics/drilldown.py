"""From a figure to the deals it counts: the link's ``cohort`` parameter on the deals list.

The value packs the report's slug, the cohort's name, the row's key and the screen's filter
state (the period as its days) in one URL-encoded string, so the deals list's other filters keep
their own names and meanings. Leads may not import analytics: analytics registers
:func:`resolve` with ``leads.filters.register_deal_cohort``. The resolver rebuilds the Scope for
the user who follows the link (never the one who made it), builds the report to find what the
figure is called, and returns the report's own ``cohort(scope, name, key)``: the count on the
deals list is the figure.
"""

from urllib.parse import parse_qsl, quote_plus, urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from leads.filters import DealCohort

from . import registry
from .base import Table
from .scope import filterset_for, scope_from

MAX_VALUE = 2000


def link(slug: str, name: str, key, params: dict[str, str]) -> str:
    """The deals list showing the deals of ``name``/``key`` in report ``slug``."""
    value = urlencode({"report": slug, "figure": name, "key": str(key), **params})
    return reverse("leads_deals:index") + "?" + urlencode({"cohort": value})


def linker(slug: str, params: dict[str, str]):
    """:func:`link` for many figures of one screen: the list's URL and the encoded filters
    once, only the figure's name and key per link (a table of 100 companies has 400 links; a
    ``reverse()`` and two ``urlencode`` each were a third of the table's time). The same
    string as :func:`link`: URL-encoding is character by character, so the encoded parts join
    as the encoded whole."""
    if {"report", "figure", "key"} & set(params):
        return lambda name, key: link(slug, name, key, params)
    head = reverse("leads_deals:index") + "?cohort=" + quote_plus(f"report={quote_plus(slug)}")
    tail = quote_plus("&" + urlencode(params)) if params else ""

    def make(name: str, key) -> str:
        middle = f"&figure={quote_plus(name)}&key={quote_plus(str(key))}"
        return head + quote_plus(middle) + tail

    return make


def _invalid(reason: str) -> DealCohort:
    return DealCohort(
        None,
        _("Not a valid link to a report's figure (%(reason)s): no deals shown.")
        % {"reason": reason},
    )


def resolve(request, value: str) -> DealCohort | None:
    if len(value) > MAX_VALUE or "\x00" in value:
        return _invalid(_("unreadable"))
    fields = dict(parse_qsl(value, keep_blank_values=True))
    slug, name, key = (
        fields.pop("report", None),
        fields.pop("figure", None),
        fields.pop("key", None),
    )
    if slug is None:
        return None  # not a figure of ours
    if not (name and key is not None):
        return _invalid(_("incomplete"))
    module = registry.get(slug)
    if module is None:
        return _invalid(_("no such report"))
    extra = module.extra_filters() if hasattr(module, "extra_filters") else None
    data = QueryDict(mutable=True)
    data.update(fields)
    filters = filterset_for(request, data, extra)
    scope = scope_from(filters, request)
    if scope is None:
        return _invalid(_("its filters are not valid"))
    if not _readable_key(key):
        return _invalid(_("no such figure"))
    try:
        deals = module.cohort(scope, name, key)
    except (ValueError, TypeError, OverflowError):  # a key no report ever wrote
        deals = None
    if deals is None:
        return _invalid(_("no such figure"))
    found = _figure_name(module.build(scope).tables, name, key)
    if found is None:
        return _invalid(_("no such figure"))
    figure, table = found
    if table.rows_are_periods:
        description = _("Analytics: %(report)s — %(figure)s") % {
            "report": module.TITLE,
            "figure": figure,
        }
        return DealCohort(deals, description)
    period = f"{date_format(scope.period.start)} – {date_format(scope.period.end)}"
    description = _("Analytics: %(report)s — %(figure)s, %(period)s") % {
        "report": module.TITLE,
        "figure": figure,
        "period": period,
    }
    return DealCohort(deals, description)


def _readable_key(key: str) -> bool:
    """Ids in a key ("12", "3/7") are ASCII digits a database column can hold: "²" passes
    ``str.isdigit`` and then fails ``int()``, 10**20 overflows a bigint."""
    return all(
        part.isascii() and len(part) < 19
        for part in key.split("/")
        if part.isdigit() or part.isdecimal()
    )


def _figure_name(tables: list[Table], name: str, key: str) -> tuple[str, Table] | None:
    """ "<column>: <row label>" for the figure and its table, or None when no table has it."""
    for table in tables:
        column = next((c for c in table.columns if c.cohort == name), None)
        if column is None:
            continue
        rows = [*table.rows, *([table.totals] if table.totals else [])]
        row = next((r for r in rows if str(r.get("key")) == key), None)
        if row is None:
            continue
        label_column = table.chart.label_column if table.chart else table.columns[0].name
        row_label = row.get(label_column)
        label = f"{column.label}: {row_label}" if row_label not in (None, "") else str(column.label)
        return label, table
    return None
