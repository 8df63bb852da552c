"""A report's figures as the screen shows them: cells with their text and, for counts of deals
with a cohort, the link to exactly those deals; a chart beside each table; the overview's cards.
"""

from typing import Any

from django.http import QueryDict
from django.urls import reverse

from . import charts, drilldown
from .base import Column, Kind, Report, Scope
from .display import Cell, expand, lines, show

NUMERIC = (Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.DAYS, Kind.NUMBER)


def _cell(cell: Cell, row: dict[str, Any], slug: str, scope: Scope) -> dict[str, Any]:
    value = cell.value(row)
    column = cell.column
    href = None
    if column.cohort and column.kind == Kind.COUNT and value and row.get("key") is not None:
        href = drilldown.link(slug, column.cohort, row["key"], scope.params)
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
                "rows": [[_cell(c, row, slug, scope) for c in cells] for row in table.rows],
                "totals": [_cell(c, table.totals, slug, scope) for c in cells]
                if table.totals
                else None,
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


def key_figure(report: Report) -> tuple[Column, Any] | None:
    """The figure an overview card shows: the report's first headline figure (None when the
    report has no headline)."""
    if report.headline:
        column, value, _previous = report.headline[0]
        return column, value
    return None


def cards(reports, scope: Scope | None) -> list[dict[str, Any]]:
    """One card per report: name, key figure, link. A card shows a figure only when its report
    offers ``key_figure(scope) -> (Column, value)``, the first headline figure computed alone
    (a count or two): building every report for the overview took seconds at 100,000 deals,
    and the reports without a headline had no figure to show anyway."""
    found = []
    for slug, module in reports:
        figure = None
        if scope is not None and hasattr(module, "key_figure"):
            figure = module.key_figure(scope)
        found.append(
            {
                "slug": slug,
                "title": module.TITLE,
                "url": reverse("analytics:report", args=[slug]),
                "label": figure[0].label if figure else None,
                "text": show(figure[1], figure[0].kind) if figure else None,
            }
        )
    return found
