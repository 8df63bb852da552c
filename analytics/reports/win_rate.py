"""Win rate and sales cycle: how many of the deals closed in the period were won, by count and by
amount, how long winning and losing took, and the average won deal, each beside the previous
period of the same length. Also the admin home panel's figures (:func:`summary`)."""

from django.db.models import Count, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leads.choices import DealStatus

from ..base import Chart, Column, Kind, Report, Scope, Table, money_add, rate
from ..figures import (
    Figures,
    amount_rate_columns,
    amount_rates,
    closed_in,
    facts,
    figures_by,
    in_period,
)
from ..key_figures import KeyFigure

TITLE = _("Win rate and sales cycle")
DEFINITIONS = _(
    "Requests: deals created in the period (every request opens a deal; manual and API deals "
    "count too). Won, lost: deals whose status is won or lost and that were closed in the "
    "period, whenever they were created, so a deal created before the period and won in it "
    "counts here but not in the requests. Win rate: won ÷ (won + lost) of the deals closed in "
    "the period; by amount: won amount ÷ (won + lost amount), per currency, counting only deals "
    "with an amount. Revenue: the amounts of the deals won in the period, per currency, never "
    "summed across currencies. Average won deal: revenue ÷ won deals with an amount, per "
    "currency. Days to won (to lost): days from the deal's creation to its closing, for the "
    "deals won (lost) in the period; the median is the middle value (the mean of the two "
    "middle values when their number is even). The previous period is the one of the same "
    "length that ends the day before this one starts."
)

CURRENT, PREVIOUS = "current", "previous"

COLUMNS = [
    Column("requests", _("Requests"), Kind.COUNT, cohort="requests"),
    Column("won", _("Won"), Kind.COUNT, cohort="won"),
    Column("lost", _("Lost"), Kind.COUNT, cohort="lost"),
    Column("win_rate", _("Win rate"), Kind.PERCENT, cohort="closed"),
    Column("revenue", _("Revenue"), Kind.MONEY, cohort="won"),
    Column("average_won", _("Average won deal"), Kind.MONEY, cohort="won"),
    Column("median_won_days", _("Median days to won"), Kind.DAYS, cohort="won"),
    Column("mean_won_days", _("Mean days to won"), Kind.DAYS, cohort="won"),
    Column("median_lost_days", _("Median days to lost"), Kind.DAYS, cohort="lost"),
    Column("mean_lost_days", _("Mean days to lost"), Kind.DAYS, cohort="lost"),
]


def values(figures: Figures) -> dict:
    """The figures of :data:`COLUMNS`, by column name."""
    return {
        "requests": figures.requests,
        "won": figures.won,
        "lost": figures.lost,
        "win_rate": figures.win_rate,
        **amount_rates(figures),
        "revenue": figures.revenue,
        "average_won": figures.average_won,
        "median_won_days": figures.median_days(DealStatus.WON),
        "mean_won_days": figures.mean_days(DealStatus.WON),
        "median_lost_days": figures.median_days(DealStatus.LOST),
        "mean_lost_days": figures.mean_days(DealStatus.LOST),
    }


QUESTION = _("How many of the deals closed in the period were won, and what they brought.")


def _closed(scope: Scope, period) -> tuple[int, int, dict]:
    """(won, lost, revenue per currency) of the deals closed in ``period``: one query."""
    won, lost, revenue = 0, 0, {}
    for status, currency, count, amount in (
        facts(scope)
        .filter(closed_in(period))
        .values_list("status", "currency")
        .annotate(n=Count("pk"), amount=Sum("amount"))
    ):
        if status == DealStatus.WON:
            won += count
            money_add(revenue, currency, amount)
        else:
            lost += count
    return won, lost, revenue


def key_figure(scope: Scope) -> list[KeyFigure]:
    """The overview card: the win rate by count, the won deals and the revenue per currency,
    each beside the previous period's, as :func:`build` counts them; two queries (one a
    period), not the six of :func:`build`."""
    won, lost, revenue = _closed(scope, scope.period)
    won_before, lost_before, revenue_before = _closed(scope, scope.period.previous())
    return [
        KeyFigure(
            str(COLUMNS[3].label),
            rate(won, won + lost),
            Kind.PERCENT,
            previous=rate(won_before, won_before + lost_before),
            compared=True,
        ),
        KeyFigure(
            str(COLUMNS[1].label),
            won,
            cohort="won",
            key=CURRENT,
            previous=won_before,
            compared=True,
        ),
        KeyFigure(
            str(COLUMNS[4].label),
            revenue,
            Kind.MONEY,
            previous=revenue_before,
            compared=True,
        ),
    ]


def build(scope: Scope) -> Report:
    """Six queries: three for the period, three for the previous one."""
    previous_period = scope.period.previous()
    now = values(figures_by(scope)[""])
    before = values(figures_by(scope.with_period(previous_period))[""])
    rows = [
        {"key": CURRENT, "period": _period_label(scope.period), **now},
        {"key": PREVIOUS, "period": _period_label(previous_period), **before},
    ]
    columns = [*COLUMNS[:4], *amount_rate_columns([now, before]), *COLUMNS[4:]]
    table = Table(
        name="win_rate",
        title=_("This period and the previous one"),
        rows_are_periods=True,
        columns=[Column("period", _("Period")), *columns],
        rows=rows,
        chart=Chart(
            "bar",
            "period",
            ("median_won_days", "mean_won_days", "median_lost_days", "mean_lost_days"),
            title=_("Days to won and to lost"),
        ),
    )
    headline = [(column, now.get(column.name), before.get(column.name)) for column in columns]
    return Report(tables=[table], headline=headline)


def _period_label(period) -> str:
    """ "1 Jan 2026 – 31 Mar 2026": the days in the user's date format, as the drill-down
    link's description shows them."""
    return gettext("%(start)s – %(end)s") % {
        "start": date_format(period.start),
        "end": date_format(period.end),
    }


def cohort(scope: Scope, name: str, key: str):
    """The deals a figure counts; ``key`` is "current" (or empty, for a headline figure) or
    "previous"."""
    if key in ("", CURRENT):
        period = scope.period
    elif key == PREVIOUS:
        period = scope.period.previous()
    else:
        return None
    if name == "requests":
        return scope.deals.filter(in_period("created_at", period))
    statuses = {
        "won": (DealStatus.WON,),
        "lost": (DealStatus.LOST,),
        "closed": (DealStatus.WON, DealStatus.LOST),
    }.get(name)
    if statuses is None:
        return None
    return scope.deals.filter(closed_in(period), status__in=statuses)


def summary(scope: Scope) -> dict:
    """The admin home panel's figures for the scope's period: requests, win rate (by count) and
    revenue per currency, as this report defines them. Two queries."""
    figures = figures_by(scope, medians=())[""]
    return {"requests": figures.requests, "win_rate": figures.win_rate, "revenue": figures.revenue}
