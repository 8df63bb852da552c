"""Charts drawn on the server as SVG: they need no JavaScript, print, and go into the PDF.

Why not a chart library: every chart here is a handful of bars, funnel steps or points beside a
table holding the same figures; a vendored library would add a build step and a bundle for what
a hundred lines of SVG do, and would not draw without JavaScript.

Each chart is ``role="img"`` with a ``<title>`` (its name) and a ``<desc>`` (what it plots), and
every bar or point has its own ``<title>`` with the figure as the table shows it, so a screen
reader or a tooltip gives the exact value. The colours have at least 4.5:1 contrast on white.
"""

import itertools
from decimal import Decimal
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .base import Chart, Table
from .display import currencies, per_currency, show

#: series colours, each with ≥ 4.5:1 contrast against white
PALETTE = ("#1f5fa8", "#a8441a", "#2e7d32", "#6a3d9a", "#0b6e80", "#7a5c00")
TEXT = "#1a1a1a"
WIDTH = 640
_ids = itertools.count(1)


class Series:
    def __init__(self, label: str, kind: str, values: list, currency: str | None = None):
        self.label, self.kind, self.values, self.currency = label, kind, values, currency

    def shown(self, value) -> str:
        return show(value, self.kind, self.currency)


def series_of(chart: Chart, table: Table) -> list[Series]:
    """One series per value column; a money column gives one per currency present."""
    columns = {column.name: column for column in table.columns}
    found = []
    for name in chart.value_columns:
        column = columns[name]
        if per_currency(table, column):
            for code in currencies(table, column):
                values = [(row.get(name) or {}).get(code) for row in table.rows]
                found.append(Series(f"{column.label}, {code}", column.kind, values, code))
        else:
            values = [row.get(name) for row in table.rows]
            found.append(Series(str(column.label), column.kind, values))
    return found


def _number(value: Any) -> float:
    if value is None:
        return 0.0
    return float(Decimal(value))


def render(chart: Chart, table: Table) -> SafeString:
    """The chart of ``table`` as an inline SVG element."""
    labels = [str(row.get(chart.label_column) or "—") for row in table.rows]
    series = series_of(chart, table)
    if chart.kind == "funnel":
        series = series[:1]
    draw = {"hbar": _hbar, "funnel": _funnel, "line": _line}.get(chart.kind, _bar)
    title = str(chart.title or table.title)
    if not labels or not series:
        return format_html('<p class="analytics-chart__empty">{}</p>', _("Nothing to chart."))
    body, height = draw(labels, series)
    ident = f"chart-{next(_ids)}"
    description = _("%(kind)s of %(series)s by %(label)s") % {
        "kind": _kind_name(chart.kind),
        "series": ", ".join(s.label for s in series),
        "label": _label_of(table, chart.label_column),
    }
    return format_html(
        '<svg class="analytics-chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="12" data-kind="{kind}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{legend}{body}</svg>",
        id=ident,
        w=WIDTH,
        h=height + 24,
        kind=chart.kind,
        title=title,
        desc=description,
        legend=_legend(series),
        body=body,
    )


def _kind_name(kind: str) -> str:
    return {
        "hbar": _("Horizontal bar chart"),
        "funnel": _("Funnel"),
        "line": _("Line chart"),
    }.get(kind, _("Bar chart"))


def _label_of(table: Table, name: str) -> str:
    return next((str(c.label) for c in table.columns if c.name == name), name)


def _legend(series: list[Series]) -> SafeString:
    return format_html_join(
        "",
        '<rect x="{}" y="4" width="12" height="12" fill="{}" aria-hidden="true"></rect>'
        '<text x="{}" y="14" fill="{}">{}</text>',
        (
            (8 + i * 200, PALETTE[i % len(PALETTE)], 24 + i * 200, TEXT, s.label[:28])
            for i, s in enumerate(series)
        ),
    )


def _join(parts: list[SafeString]) -> SafeString:
    """Parts already escaped by format_html, joined (each is escaped again if it is not)."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _top(series: list[Series]) -> float:
    return max((_number(v) for s in series for v in s.values), default=0.0) or 1.0


def _mark(label: str, s: Series, value) -> str:
    return f"{label} — {s.label}: {s.shown(value)}"


def _f(number: float) -> str:
    return f"{number:.1f}"


def _rect(x, y, w, h, colour, title, value) -> str:
    return format_html(
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}" '
        'data-value="{}"><title>{}</title></rect>',
        _f(x),
        _f(y),
        _f(max(w, 0.0)),
        _f(max(h, 0.0)),
        colour,
        "" if value is None else str(value),
        title,
    )


def _text(x, y, text, anchor="start") -> str:
    return format_html(
        '<text x="{}" y="{}" fill="{}" text-anchor="{}">{}</text>',
        _f(x),
        _f(y),
        TEXT,
        anchor,
        text,
    )


def _bar(labels, series):
    """Vertical bars: a group per row, a bar per series."""
    top, plot_h, left, base = _top(series), 200.0, 8.0, 224.0
    group = (WIDTH - 2 * left) / len(labels)
    width = max(group * 0.8 / len(series), 1.0)
    parts = []
    for i, label in enumerate(labels):
        x0 = left + i * group + group * 0.1
        for j, s in enumerate(series):
            h = plot_h * _number(s.values[i]) / top
            title = _mark(label, s, s.values[i])
            parts.append(
                _rect(x0 + j * width, base - h, width, h, PALETTE[j % 6], title, s.values[i])
            )
        parts.append(_text(left + i * group + group / 2, base + 16, label[:18], "middle"))
    return _join(parts), base + 24


def _hbar(labels, series, centred=False):
    """Horizontal bars: a line per row (its label left), a bar per series."""
    top, label_w, row_h = _top(series), 180.0, 8 + 18 * len(series)
    plot_w = WIDTH - label_w - 90
    parts, y = [], 28.0
    for i, label in enumerate(labels):
        parts.append(_text(label_w - 6, y + row_h / 2 + 4, label[:26], "end"))
        for j, s in enumerate(series):
            w = plot_w * _number(s.values[i]) / top
            x = label_w + (plot_w - w) / 2 if centred else label_w
            by = y + 4 + j * 18
            parts.append(
                _rect(x, by, w, 14, PALETTE[j % 6], _mark(label, s, s.values[i]), s.values[i])
            )
            end = label_w + (plot_w + w) / 2 if centred else label_w + w
            parts.append(_text(end + 4, by + 11, s.shown(s.values[i])))
        y += row_h
    return _join(parts), y


def _funnel(labels, series):
    """Funnel steps: centred bars, widest first (the first series only)."""
    return _hbar(labels, series, centred=True)


def _line(labels, series):
    """A line per series over the rows (months), a dot with its figure at each point."""
    top, plot_h, left, base = _top(series), 200.0, 16.0, 224.0
    step = (WIDTH - 2 * left) / max(len(labels) - 1, 1)
    parts = []
    for j, s in enumerate(series):
        colour = PALETTE[j % 6]
        points = [
            (left + i * step, base - plot_h * _number(v) / top) for i, v in enumerate(s.values)
        ]
        parts.append(
            format_html(
                '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"></polyline>',
                colour,
                " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
            )
        )
        for (x, y), label, value in zip(points, labels, s.values, strict=True):
            parts.append(
                format_html(
                    '<circle class="bar" cx="{}" cy="{}" r="4" fill="{}" '
                    'data-value="{}"><title>{}</title></circle>',
                    _f(x),
                    _f(y),
                    colour,
                    "" if value is None else str(value),
                    _mark(label, s, value),
                )
            )
    for i, label in enumerate(labels):
        parts.append(_text(left + i * step, base + 16, label[:12], "middle"))
    return _join(parts), base + 24
