"""Forecast: what the open deals should bring, month by month of their expected close date.

Each open deal's amount is weighted by its chance of being won: the deal's own ``probability``
when the seller set one, its stage's ``win_probability`` otherwise. The weighted and the
unweighted amounts are summed per expected close month and per currency (never across
currencies), in one query grouped by month and currency.

The period filter does not apply: the forecast is about the deals open *now* (``scope.now``),
whenever they were created and whichever month they are expected to close in; the other filters
(pipeline, owner, service, service type, source) do. Months run from the earliest expected close
month to the latest, months without deals included (up to :data:`MAX_FILLED_MONTHS`; a wider
spread, a typing slip like the year 2206, shows only the months that have deals). A month that
ended before the current month is marked overdue: its deals were expected to close already.
Deals without an expected close date are a table of their own; deals without an amount are
counted in their month and said apart (their amount is unknown, so they add nothing to money).

:func:`next_month` gives the admin home panel the weighted forecast of the calendar month after
the current one.
"""

import datetime
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from leads.choices import DealStatus

from ..base import Chart, Column, Kind, Money, Report, Scope, Table, money_add
from ..key_figures import KeyFigure

TITLE = _("Forecast")

DEFINITIONS = _(
    "Open deals now (whatever the period: the forecast is about the deals open today, in every "
    "month they are expected to close; the other filters apply). Weighted amount = the deal's "
    "amount × its win probability: the deal's own probability when set, its stage's win "
    "probability otherwise. Amounts are summed per expected close month and per currency, never "
    "across currencies. A month that ended before this month is marked overdue: its deals were "
    "expected to close already and are still open. Deals without an expected close date are "
    "shown apart; deals without an amount are counted but add nothing to the amounts."
)

#: the row key of the deals without an expected close date
NO_DATE = "no_date"
#: the key of the months table's totals row (every deal with an expected close date)
DATED = "dated"
#: months between the earliest and the latest filled in with empty rows, at most
MAX_FILLED_MONTHS = 36

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")

#: a deal's win probability in percent: its own, else its stage's
PROBABILITY = Coalesce(F("probability"), F("stage__win_probability"))
WEIGHTED_CENTS = ExpressionWrapper(
    F("amount") * PROBABILITY, output_field=DecimalField(max_digits=20, decimal_places=2)
)


def _columns() -> list[Column]:
    return [
        Column("month", _("Expected close month")),
        Column("mark", _("Note")),
        Column("deals", _("Open deals"), Kind.COUNT, cohort="deals"),
        Column("no_amount", _("Without an amount"), Kind.COUNT, cohort="no_amount"),
        Column("amount", _("Amount"), Kind.MONEY),
        Column(
            "weighted",
            _("Weighted amount"),
            Kind.MONEY,
            help_text=_("Amount × win probability (the deal's, else its stage's)."),
        ),
    ]


def open_deals(scope: Scope) -> QuerySet:
    return scope.deals.filter(status=DealStatus.OPEN)


def _today(scope: Scope) -> datetime.date:
    return timezone.localtime(scope.now).date()


def _month_key(month: datetime.date | None) -> str:
    return NO_DATE if month is None else f"{month.year:04d}-{month.month:02d}"


def _next(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _weighted(cents) -> Decimal:
    return (Decimal(cents) / _HUNDRED).quantize(_CENT)


def _empty(key: str, label: str, mark: str = "") -> dict:
    return {
        "key": key,
        "month": label,
        "mark": mark,
        "deals": 0,
        "no_amount": 0,
        "amount": {},
        "weighted": {},
    }


def _add(row: dict, group: dict) -> None:
    row["deals"] += group["deals"]
    row["no_amount"] += group["no_amount"]
    money_add(row["amount"], group["currency"], group["total"])
    if group["cents"] is not None:
        money_add(row["weighted"], group["currency"], _weighted(group["cents"]))


def _groups(scope: Scope) -> list[dict]:
    """Open deals per expected close month and currency: one query."""
    return list(
        open_deals(scope)
        .annotate(month=TruncMonth("expected_close_date"))
        .values("month", "currency")
        .annotate(
            deals=Count("pk"),
            no_amount=Count("pk", filter=Q(amount__isnull=True)),
            overdue=Count("pk", filter=Q(expected_close_date__lt=_today(scope))),
            total=Sum("amount"),
            cents=Sum(WEIGHTED_CENTS),
        )
        .order_by("month", "currency")
    )


def _months(first: datetime.date, last: datetime.date, present: set) -> list[datetime.date]:
    """Every month from ``first`` to ``last``, or only those ``present`` when too many."""
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span > MAX_FILLED_MONTHS:
        return sorted(present)
    months, month = [first], first
    while month < last:
        month = _next(month)
        months.append(month)
    return months


#: the first headline figure
OPEN_DEALS = Column("deals", _("Open deals"), Kind.COUNT)

QUESTION = _("What the open deals expected to close next month should bring, by their chances.")


def key_figure(scope: Scope) -> list[KeyFigure]:
    """The overview card: the weighted forecast of the calendar month after ``scope.now``'s
    per currency (the headline's last figure, :func:`next_month`), and the open deals expected
    to close in it (that month's row). One query."""
    start = _next(_today(scope).replace(day=1))
    weighted: Money = {}
    count = 0
    for group in (
        open_deals(scope)
        .filter(expected_close_date__gte=start, expected_close_date__lt=_next(start))
        .values("currency")
        .annotate(deals=Count("pk"), cents=Sum(WEIGHTED_CENTS))
        .order_by("currency")
    ):
        count += group["deals"]
        if group["cents"] is not None:
            money_add(weighted, group["currency"], _weighted(group["cents"]))
    month = date_format(start, "YEAR_MONTH_FORMAT")
    return [
        KeyFigure(gettext("Weighted forecast, %(month)s") % {"month": month}, weighted, Kind.MONEY),
        KeyFigure(
            gettext("Open deals expected to close then"),
            count,
            cohort="deals",
            key=_month_key(start),
        ),
    ]


def build(scope: Scope) -> Report:
    groups = _groups(scope)
    this_month = _today(scope).replace(day=1)
    dated = [group for group in groups if group["month"] is not None]
    present = {group["month"] for group in dated}
    months = _months(min(present), max(present), present) if present else []
    rows = {}
    for month in months:
        mark = gettext("Overdue") if month < this_month else ""
        if month == this_month:
            mark = gettext("This month")
        rows[month] = _empty(_month_key(month), date_format(month, "YEAR_MONTH_FORMAT"), mark)
    totals = _empty(DATED, gettext("All months"))
    undated = _empty(NO_DATE, gettext("No expected close date"))
    for group in groups:
        if group["month"] is None:
            _add(undated, group)
        else:
            _add(rows[group["month"]], group)
            _add(totals, group)
    everything = _empty("all", "")
    _add_row(everything, totals)
    _add_row(everything, undated)
    months_table = Table(
        name="months",
        title=_("Open deals by expected close month"),
        columns=_columns(),
        rows=list(rows.values()),
        chart=Chart("bar", "month", ("weighted", "amount"), _("Weighted and full amount")),
        totals=totals,
    )
    no_date_table = Table(
        name="no_date",
        title=_("Open deals without an expected close date"),
        columns=[column for column in _columns() if column.name != "mark"],
        rows=[undated],
    )
    return Report(
        tables=[months_table, no_date_table],
        headline=[
            (OPEN_DEALS, everything["deals"], None),
            (Column("amount", _("Open amount"), Kind.MONEY), everything["amount"], None),
            (Column("weighted", _("Weighted forecast"), Kind.MONEY), everything["weighted"], None),
            (
                Column("next_month", _("Weighted forecast for next month"), Kind.MONEY),
                rows[_next(this_month)]["weighted"] if _next(this_month) in rows else {},
                None,
            ),
        ],
        notes=_notes(groups),
    )


def _add_row(total: dict, row: dict) -> None:
    total["deals"] += row["deals"]
    total["no_amount"] += row["no_amount"]
    for name in ("amount", "weighted"):
        for currency, value in row[name].items():
            money_add(total[name], currency, value)


def _notes(groups: list[dict]) -> list[str]:
    notes = []
    no_amount = sum(group["no_amount"] for group in groups)
    if no_amount:
        notes.append(
            ngettext(
                "%(count)d open deal without an amount: it adds nothing to the amounts.",
                "%(count)d open deals without an amount: they add nothing to the amounts.",
                no_amount,
            )
            % {"count": no_amount}
        )
    overdue = sum(group["overdue"] for group in groups)
    if overdue:
        notes.append(
            ngettext(
                "%(count)d open deal is past its expected close date.",
                "%(count)d open deals are past their expected close date.",
                overdue,
            )
            % {"count": overdue}
        )
    return notes


def cohort(scope: Scope, name: str, key: str) -> QuerySet | None:
    """``deals`` / ``no_amount`` of a month ("2026-04"), of ``no_date`` or of every dated month
    (``dated``, the totals row)."""
    if name not in ("deals", "no_amount"):
        return None
    deals = open_deals(scope)
    if name == "no_amount":
        deals = deals.filter(amount__isnull=True)
    if key == NO_DATE:
        return deals.filter(expected_close_date__isnull=True)
    if key == DATED:
        return deals.filter(expected_close_date__isnull=False)
    month = _parse_month(key)
    if month is None:
        return None
    return deals.filter(expected_close_date__gte=month, expected_close_date__lt=_next(month))


def _parse_month(key: str) -> datetime.date | None:
    year, _sep, month = key.partition("-")
    if not (len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        return None
    if not 1 <= int(month) <= 12 or not 1 <= int(year) < 9999:
        return None
    return datetime.date(int(year), int(month), 1)


def next_month(scope: Scope) -> Money:
    """The weighted forecast of the calendar month after ``scope.now``'s (the open deals
    expected to close in it), per currency: one query."""
    start = _next(_today(scope).replace(day=1))
    groups = (
        open_deals(scope)
        .filter(expected_close_date__gte=start, expected_close_date__lt=_next(start))
        .values("currency")
        .annotate(cents=Sum(WEIGHTED_CENTS))
        .order_by("currency")
    )
    total: Money = {}
    for group in groups:
        if group["cents"] is not None:
            money_add(total, group["currency"], _weighted(group["cents"]))
    return total
