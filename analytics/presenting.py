"""A report's figures as the screen shows them: cells with their text and, for counts of deals
with a cohort, the link to exactly those deals; a chart beside each table; the overview's cards
(each report's ``QUESTION`` and ``key_figure(scope)``, :mod:`analytics.key_figures`).
"""

from typing import Any

from django.http import QueryDict
from django.urls import reverse

from . import charts, drilldown
from .base import Kind, Report, Scope
from .display import NONE, Cell, expand, lines, money, show
from .key_figures import KeyFigure

NUMERIC = (Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.DAYS, Kind.NUMBER)


def _cell(cell: Cell, row: dict[str, Any], link) -> dict[str, Any]:
    """``link(cohort, key)``: the screen's :func:`analytics.drilldown.linker`."""
    value = cell.value(row)
    column = cell.column
    href = None
    if column.cohort and column.kind == Kind.COUNT and value and row.get("key") is not None:
        href = link(column.cohort, row["key"])
    return {
        "text": show(value, column.kind, cell.currency),
        "href": href,
        "numeric": column.kind in NUMERIC,
        "value": value,
    }


def tables(report: Report | None, slug: str, scope: Scope, url: str, query: QueryDict):
    """Each table with its shown columns, rows, totals, chart and export links."""
    if report is None:
        return []
    found = []
    link = drilldown.linker(slug, scope.params)
    for table in report.tables:
        cells = expand(table)
        exports = {}
        for format_ in ("csv", "xlsx"):
            params = query.copy()
            params["export"], params["table"] = format_, table.name
            exports[format_] = f"{url}?{params.urlencode()}"
        found.append(
            {
                "table": table,
                "cells": cells,
                "rows": [[_cell(c, row, link) for c in cells] for row in table.rows],
                "totals": [_cell(c, table.totals, link) for c in cells] if table.totals else None,
                "chart": charts.render(table.chart, table) if table.chart else None,
                "exports": exports,
            }
        )
    return found


def headline(report: Report | None) -> list[dict[str, Any]]:
    """The cards: each figure, and the previous period's when the report compares."""
    if report is None:
        return []
    return [
        {
            "label": column.label,
            "help_text": column.help_text,
            "text": show(value, column.kind),
            "lines": lines(value, column.kind),
            "previous": show(previous, column.kind) if previous is not None else None,
        }
        for column, value, previous in report.headline
    ]


def cards(reports, scope: Scope | None, query: QueryDict | None = None) -> list[dict[str, Any]]:
    """One card per report: its name and the line saying what it answers, linked to the report
    with the screen's filters, and its key figures (``key_figure(scope)``, a query or two each:
    building every report for the overview took seconds at 100,000 deals). A figure that
    counts deals links to exactly those deals (:func:`analytics.drilldown.link`), any other to
    its report."""
    query = query if query is not None else QueryDict()
    found = []
    for slug, module in reports:
        url = reverse("analytics:report", args=[slug])
        figures = []
        if scope is not None and hasattr(module, "key_figure"):
            figures = [
                _figure(figure, slug, url, scope, query)
                for figure in _key_figures(module.key_figure(scope))
            ]
        found.append(
            {
                "slug": slug,
                "title": module.TITLE,
                "question": getattr(module, "QUESTION", ""),
                "url": _with(url, query),
                "figures": figures,
            }
        )
    return found


def _key_figures(answer) -> list[KeyFigure]:
    """A report's ``key_figure`` answer as a list; ``(Column, value)`` is one figure."""
    if answer is None:
        return []
    if isinstance(answer, tuple):
        column, value = answer
        return [KeyFigure(str(column.label), value, column.kind)]
    return list(answer)


def _with(url: str, query: QueryDict, extra: dict[str, str] | None = None) -> str:
    params = query.copy()
    for name, value in (extra or {}).items():
        params[name] = value
    return f"{url}?{params.urlencode()}" if params else url


def _figure(figure: KeyFigure, slug: str, url: str, scope: Scope, query: QueryDict) -> dict:
    if figure.cohort and figure.kind == Kind.COUNT and figure.value and figure.key is not None:
        params = {**scope.params, **figure.params}
        href = drilldown.link(figure.report or slug, figure.cohort, figure.key, params)
        counts_deals = True
    else:
        href, counts_deals = _with(url, query, figure.params), False
    return {
        "label": figure.label,
        "lines": _lines(figure),
        "href": href,
        "counts_deals": counts_deals,
        "compared": figure.compared,
    }


def _lines(figure: KeyFigure) -> list[dict[str, str | None]]:
    """The figure's lines: one per currency for a figure per currency (money never summed
    across currencies), else one; each with the previous period's figure when compared."""
    value, previous, kind = figure.value, figure.previous, figure.kind
    if isinstance(value, dict) or isinstance(previous, dict):
        value, previous = value or {}, previous or {}
        codes = sorted(set(value) | set(previous))
        return [
            {
                "text": _in_currency(value.get(code), kind, code),
                "previous": _in_currency(previous.get(code), kind, code)
                if figure.compared
                else None,
            }
            for code in codes
        ] or [{"text": NONE, "previous": NONE if figure.compared else None}]
    return [
        {
            "text": show(value, kind),
            "previous": show(previous, kind) if figure.compared else None,
        }
    ]


def _in_currency(value, kind: str, code: str) -> str:
    if value is None:
        return f"{NONE} ({code})"
    if kind == Kind.MONEY:
        return money(value, code)
    return f"{show(value, kind)} ({code})"
