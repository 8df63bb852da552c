"""How a report's figures are shown and exported: money columns expand into one column per
currency present (never summed across currencies), percents localized ("25%" / "25 %"), days
with one decimal, "—" for nothing.

Money reads in whole units of its currency ("$20,000", "1 000 000 ₽"): a report's amounts are
sums and averages over many deals, where kopecks and cents are noise that makes the columns
hard to compare; the deal itself and the proposals keep the minor unit, the export keeps the
exact figure.

The screen's tables, the charts' labels and the CSV/XLSX export all read the same
:func:`expand` columns, so what is exported is what is shown.
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.numbers import format_decimal

from core.formatting import babel_locale, format_money, format_number, format_percent

from .base import Column, Kind, Table

TENTH = Decimal("0.1")
NONE = "—"


@dataclasses.dataclass(frozen=True)
class Cell:
    """One shown column: a report column, and the currency for a money column."""

    column: Column
    currency: str | None = None

    @property
    def key(self) -> str:
        return f"{self.column.name}_{self.currency}" if self.currency else self.column.name

    @property
    def label(self) -> str:
        label = str(self.column.label)
        return f"{label}, {self.currency}" if self.currency else label

    def value(self, row: dict[str, Any]) -> Any:
        value = row.get(self.column.name)
        if self.currency is not None:
            return (value or {}).get(self.currency)
        return value


def currencies(table: Table, column: Column) -> list[str]:
    """The currencies a money column has figures in, in its rows and totals, sorted."""
    found = set()
    for row in [*table.rows, table.totals or {}]:
        found.update((row.get(column.name) or {}).keys())
    return sorted(found)


def per_currency(table: Table, column: Column) -> bool:
    """A money column, or any column whose figures are per currency (a rate by amount)."""
    if column.kind == Kind.MONEY:
        return True
    return any(isinstance(row.get(column.name), dict) for row in [*table.rows, table.totals or {}])


def expand(table: Table) -> list[Cell]:
    """The table's columns as shown: a money column becomes one column per currency present
    (none when no row has an amount: nothing to show)."""
    cells = []
    for column in table.columns:
        if per_currency(table, column):
            cells.extend(Cell(column, code) for code in currencies(table, column))
        else:
            cells.append(Cell(column))
    return cells


def show(value: Any, kind: str, currency: str | None = None) -> str:
    """A figure as the screen shows it."""
    if value is None or value == "":
        return NONE
    if isinstance(value, dict) and kind != Kind.MONEY:
        shown = (f"{show(v, kind)} ({code})" for code, v in sorted(value.items()))
        return " · ".join(shown) or NONE
    if kind == Kind.PERCENT:
        # half up, as the exported figure reads in a spreadsheet (26.65 → 26.7, not 26.6)
        return format_percent((Decimal(value) * 100).quantize(TENTH, rounding=ROUND_HALF_UP))
    if kind == Kind.DAYS:
        days = Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)
        return format_decimal(days, format="#,##0.0", locale=babel_locale())
    if kind == Kind.MONEY:
        if isinstance(value, dict):
            return " · ".join(money(v, c) for c, v in sorted(value.items())) or NONE
        return money(value, currency)
    if kind in (Kind.COUNT, Kind.NUMBER):
        return format_number(value)
    return str(value)


def money(amount: Any, currency: str | None) -> str:
    """An amount in whole units of its currency, as people read it ("$20,000", "1 000 000 ₽")."""
    number = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return format_money(number, currency, whole=True)


def lines(value: Any, kind: str) -> list[str]:
    """A headline figure as the lines of its card: one per currency for money, else one."""
    if isinstance(value, dict) and value:
        if kind == Kind.MONEY:
            return [money(v, code) for code, v in sorted(value.items())]
        return [f"{show(v, kind)} ({code})" for code, v in sorted(value.items())]
    return [show(value, kind)]


def export_value(value: Any, kind: str) -> Any:
    """A figure as the spreadsheet gets it: numbers stay numbers (a percent as its per cent
    figure, 25 for 25 %), nothing is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{code} {v}" for code, v in sorted(value.items()))
    if kind == Kind.PERCENT:
        return Decimal(value) * 100
    if kind in (Kind.COUNT, Kind.NUMBER, Kind.DAYS, Kind.MONEY):
        return value
    return str(value)
