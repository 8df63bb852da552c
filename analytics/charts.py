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
AXIS = "#8a8a8a"
WIDTH = 600
FONT = 12
#: the average width of a character at FONT px (a wide sans-serif: DejaVu, Segoe), to lay out
#: labels and the legend without measuring text (the server cannot)
CHAR = 7.0
LINE = 15.0
#: a bar chart draws at most this many rows (in the table's order); a long table of pages or
#: companies would make a chart taller than the screen, and the table beside it has them all
MAX_ROWS = 15
_ids = itertools.count(1)


class Series:
    def __init__(self, label: str, kind: str, values: list, currency: str | None = None):
        self.label, self.kind, self.values, self.currency = label, kind, values, currency
        self.top = 1.0

    def shown(self, value) -> str:
        return show(value, self.kind, self.currency)

    @property
    def unit(self) -> tuple[str, str | None]:
        """Series of the same unit share a scale; amounts in different currencies never do
        (a rouble bar beside a dollar bar would compare nothing)."""
        return (self.kind, self.currency)


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
    if value is None or isinstance(value, dict):
        return 0.0
    return float(Decimal(value))


def _scale(series: list[Series]) -> None:
    """Each series' top: the largest value of all series of its unit."""
    tops: dict[tuple, float] = {}
    for s in series:
        top = max((_number(v) for v in s.values), default=0.0)
        tops[s.unit] = max(tops.get(s.unit, 0.0), top)
    for s in series:
        s.top = tops[s.unit] or 1.0


def render(chart: Chart, table: Table) -> SafeString:
    """The chart of ``table`` as an inline SVG element (or a short sentence when there is
    nothing to draw: no rows, or only zeros and blanks)."""
    labels = [str(row.get(chart.label_column) or "—") for row in table.rows]
    series = series_of(chart, table)
    if chart.kind == "funnel":
        series = series[:1]
    shown_rows = len(labels) if chart.kind == "line" else min(len(labels), MAX_ROWS)
    if shown_rows < len(labels):
        labels = labels[:shown_rows]
        for s in series:
            s.values = s.values[:shown_rows]
    if not labels or not any(_number(v) for s in series for v in s.values):
        return format_html('<p class="analytics-chart__empty">{}</p>', _("Nothing to chart."))
    _scale(series)
    draw = {"hbar": _hbar, "funnel": _funnel, "line": _line}.get(chart.kind, _bar)
    title = str(chart.title or table.title)
    legend, top = _legend(series)
    body, height = draw(labels, series)
    if shown_rows < len(table.rows):
        note = _("The first %(shown)s of %(rows)s rows; the table lists them all.") % {
            "shown": shown_rows,
            "rows": len(table.rows),
        }
        body = _join([body, _text(8, height + 14, note)])
        height += 22
    ident = f"chart-{next(_ids)}"
    description = _("%(kind)s of %(series)s by %(label)s") % {
        "kind": _kind_name(chart.kind),
        "series": ", ".join(s.label for s in series),
        "label": _label_of(table, chart.label_column),
    }
    return format_html(
        '<svg class="analytics-chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="{font}" data-kind="{kind}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '{legend}<g transform="translate(0 {top})">{body}</g></svg>',
        id=ident,
        w=WIDTH,
        h=_f(top + height + 8),
        font=FONT,
        kind=chart.kind,
        title=title,
        desc=description,
        legend=legend,
        top=_f(top),
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


def _clip(text: str, chars: int) -> str:
    chars = max(chars, 2)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _wrap(text: str, chars: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``chars`` characters, cut at spaces where
    it can be, the last line ending in "…" when the text is longer."""
    chars = max(int(chars), 3)
    found, rest = [], text.strip()
    while rest and len(found) < lines - 1 and len(rest) > chars:
        cut = rest.rfind(" ", 0, chars + 1)
        cut = cut if cut > 0 else chars
        found.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        found.append(_clip(rest, chars))
    return found


def _legend(series: list[Series]) -> tuple[SafeString, float]:
    """The series' keys laid out left to right, wrapping onto as many lines as they need (never
    cut at the chart's edge); returns the legend and its height."""
    parts, x, y = [], 8.0, 4.0
    for i, s in enumerate(series):
        label = _clip(s.label, int((WIDTH - 40) / CHAR))
        width = 18 + len(label) * CHAR + 16
        if x > 8 and x + width > WIDTH - 8:
            x, y = 8.0, y + 18
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}" aria-hidden="true"></rect>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                _f(x),
                _f(y),
                PALETTE[i % len(PALETTE)],
                _f(x + 18),
                _f(y + 10.5),
                TEXT,
                label,
            )
        )
        x += width
    return _join(parts), y + 26


def _join(parts: list[SafeString]) -> SafeString:
    """Parts already escaped by format_html, joined (each is escaped again if it is not)."""
    return format_html_join("", "{}", ((part,) for part in parts))


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


def _text(x, y, text, anchor="start", size=None) -> str:
    return format_html(
        '<text x="{}" y="{}" fill="{}" text-anchor="{}"{}>{}</text>',
        _f(x),
        _f(y),
        TEXT,
        anchor,
        format_html(' font-size="{}"', size) if size else "",
        text,
    )


def _label(x, y, label: str, chars: int, anchor: str, lines: int = 2) -> str:
    """A row's label in up to ``lines`` lines from ``y`` (the full label as its tooltip when
    it had to be cut)."""
    wrapped = _wrap(label, chars, lines)
    spans = format_html_join(
        "",
        '<tspan x="{}" dy="{}">{}</tspan>',
        ((_f(x), "0" if i == 0 else _f(LINE), line) for i, line in enumerate(wrapped)),
    )
    cut = "".join(wrapped).replace(" ", "") != label.replace(" ", "")
    return format_html(
        '<text x="{}" y="{}" fill="{}" text-anchor="{}">{}{}</text>',
        _f(x),
        _f(y),
        TEXT,
        anchor,
        format_html("<title>{}</title>", label) if cut else "",
        spans,
    )


def _axis(x1, y1, x2, y2) -> str:
    return format_html(
        '<line class="analytics-chart__axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
        'aria-hidden="true"></line>',
        _f(x1),
        _f(y1),
        _f(x2),
        _f(y2),
        AXIS,
    )


def _bar(labels, series):
    """Vertical bars: a group per row, a bar per series, the figure above a bar wide enough
    to hold it; the rows' labels under the axis in up to three lines."""
    plot_h, left = 200.0, 8.0
    group = (WIDTH - 2 * left) / len(labels)
    width = max(group * 0.8 / len(series), 1.0)
    base = plot_h + 18
    parts = [_axis(left, base, WIDTH - left, base)]
    for i, label in enumerate(labels):
        x0 = left + i * group + group * 0.1
        for j, s in enumerate(series):
            h = plot_h * _number(s.values[i]) / s.top
            title = _mark(label, s, s.values[i])
            x = x0 + j * width
            parts.append(_rect(x, base - h, width, h, PALETTE[j % 6], title, s.values[i]))
            shown = s.shown(s.values[i])
            if s.values[i] is not None and len(shown) * CHAR * 0.9 <= width + 4:
                parts.append(_text(x + width / 2, base - h - 4, shown, "middle", 11))
        parts.append(
            _label(left + i * group + group / 2, base + 16, label, group / CHAR, "middle", 3)
        )
    return _join(parts), base + 16 + 3 * LINE


def _hbar(labels, series, centred=False):
    """Horizontal bars: a line per row (its label left, in up to two lines), a bar per series
    with its figure after it."""
    widest = max((len(s.shown(v)) for s in series for v in s.values), default=4)
    label_w = 170.0
    value_w = widest * CHAR + 10
    plot_w = WIDTH - label_w - value_w
    row_h = max(8 + 18 * len(series), 2 * LINE + 8)
    parts, y = [], 4.0
    for i, label in enumerate(labels):
        lines = len(_wrap(label, (label_w - 12) / CHAR))
        ly = y + row_h / 2 + 4 - (lines - 1) * LINE / 2
        parts.append(_label(label_w - 6, ly, label, (label_w - 12) / CHAR, "end"))
        top_y = y + (row_h - 18 * len(series) + 4) / 2
        for j, s in enumerate(series):
            w = plot_w * _number(s.values[i]) / s.top
            x = label_w + (plot_w - w) / 2 if centred else label_w
            by = top_y + j * 18
            parts.append(
                _rect(x, by, w, 14, PALETTE[j % 6], _mark(label, s, s.values[i]), s.values[i])
            )
            end = label_w + (plot_w + w) / 2 if centred else label_w + w
            parts.append(_text(end + 4, by + 11, s.shown(s.values[i])))
        y += row_h
    if not centred:
        parts.insert(0, _axis(label_w, 0, label_w, y))
    return _join(parts), y


def _funnel(labels, series):
    """Funnel steps: centred bars, widest first (the first series only)."""
    return _hbar(labels, series, centred=True)


def _line(labels, series):
    """A line per series over the rows (months), a dot with its figure at each point; the
    labels under the axis, every other one (or fewer) when they would overlap."""
    plot_h, left = 200.0, 24.0
    base = plot_h + 12
    step = (WIDTH - 2 * left) / max(len(labels) - 1, 1)
    widest = max((len(label) for label in labels), default=1) * CHAR + 6
    every = max(1, int(-(-widest // step))) if len(labels) > 1 else 1
    parts = [_axis(left / 2, base, WIDTH - left / 2, base)]
    for j, s in enumerate(series):
        colour = PALETTE[j % 6]
        points = [
            (left + i * step, base - plot_h * _number(v) / s.top) for i, v in enumerate(s.values)
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
        if i % every == 0:
            parts.append(_text(left + i * step, base + 16, _clip(label, 16), "middle"))
    return _join(parts), base + 24
