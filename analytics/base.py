"""What every report shares: the period it looks at, the deals it may count, and the shape of
its answer (tables of rows, each column saying what its figures are, a chart drawn from one).

A report is a module of ``analytics.reports`` with two functions:

* ``build(scope: Scope) -> Report``: the figures, aggregated in the database in a fixed number of
  queries whatever the number of deals;
* ``cohort(scope: Scope, name: str, key: str) -> QuerySet[Deal]``: exactly the deals a figure
  counts (a column's ``cohort`` name and its row's ``key``), for the link from the figure to the
  deals list. ``None`` for a name or key it does not know.

Money is never summed across currencies: a money cell is a ``{currency code: Decimal}`` mapping.
A share or a rate is a ``Decimal`` fraction (0.25 for 25 %), ``None`` when its denominator is
zero; durations are ``Decimal`` days, ``None`` when there is nothing to measure.
"""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

#: a money figure per currency: {"RUB": Decimal("1000000.00"), "USD": Decimal("20000.00")}
Money = dict[str, Decimal]


class Kind:
    """What a column's figures are: how they are shown, exported and charted."""

    TEXT = "text"
    COUNT = "count"  # a number of deals (or proposals, requests); may link to the deals
    MONEY = "money"  # Money: one figure per currency
    PERCENT = "percent"  # a Decimal fraction, shown as a percentage
    DAYS = "days"  # a Decimal number of days
    NUMBER = "number"  # any other Decimal (a score, an average)


@dataclasses.dataclass(frozen=True)
class Period:
    """Calendar days from ``start`` to ``end``, both included, in the site's time zone."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def since(self) -> datetime.datetime:
        """The first moment of the period (aware)."""
        return _midnight(self.start)

    @property
    def until(self) -> datetime.datetime:
        """The first moment after the period (aware): compare with ``<``."""
        return _midnight(self.end + datetime.timedelta(days=1))

    def previous(self) -> "Period":
        """The period of the same length that ends the day before this one starts."""
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclasses.dataclass(frozen=True)
class Scope:
    """What a report counts: ``deals`` are the deals the user may see, narrowed by every filter
    but the period (pipeline, owner, service, service type, source); the report applies
    ``period`` itself, as its definition says. ``now`` is the moment "open for N days" and
    "current age" are measured at (tests fix it)."""

    deals: QuerySet
    period: Period
    pipeline: Any = None  # the chosen leads.Pipeline, or None for all of them
    user: Any = None
    now: datetime.datetime = dataclasses.field(default_factory=timezone.now)
    #: the rest of the filter state, as the report's URL carries it (for links)
    params: dict[str, str] = dataclasses.field(default_factory=dict)

    def with_period(self, period: Period) -> "Scope":
        return dataclasses.replace(self, period=period)


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: str = Kind.TEXT
    #: the cohort the figure links to (``cohort(scope, name, row["key"])``), for counts of deals
    cohort: str | None = None
    help_text: str = ""


@dataclasses.dataclass(frozen=True)
class Chart:
    """A chart drawn from a table: one bar (or funnel step) per row, labelled by
    ``label_column``, one series per column of ``value_columns`` (counts, percents or days;
    a money column draws one series per currency)."""

    kind: str  # "bar", "hbar", "funnel", "line"
    label_column: str
    value_columns: tuple[str, ...]
    title: str = ""


@dataclasses.dataclass
class Table:
    name: str  # a slug: the export chooses a table by it (``?table=<name>``)
    title: str
    columns: list[Column]
    #: each row maps column names to figures; ``"key"`` (str) names the row for cohort links
    rows: list[dict[str, Any]]
    chart: Chart | None = None
    #: a row of totals shown under the rows (same keys), or None
    totals: dict[str, Any] | None = None
    #: the rows are periods (this one and the previous one): a figure's row names its own
    #: period, so the drill-down does not add the screen's
    rows_are_periods: bool = False


@dataclasses.dataclass
class Report:
    tables: list[Table]
    #: figures shown as cards above the tables (win rate, cycle…): Column → value, with the
    #: previous period's value when the report compares periods
    headline: list[tuple[Column, Any, Any]] = dataclasses.field(default_factory=list)
    #: what the report could not count, said plainly ("3 deals without an amount")
    notes: list[str] = dataclasses.field(default_factory=list)


def rate(part, whole) -> Decimal | None:
    """``part / whole`` as a Decimal fraction rounded to 4 places; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


def money_add(total: Money, currency: str, amount) -> Money:
    """Add ``amount`` to ``total[currency]`` (in place; returns ``total``); None adds nothing."""
    if amount is not None:
        total[currency] = total.get(currency, Decimal("0")) + Decimal(amount)
    return total
