"""Win rate and sales cycle: how many of the deals closed in the period were won, by count and by
amount, how long winning and losing took, and the average won deal, each beside the previous
period of the same length. Also the admin home panel's figures (:func:`summary`)."""

from django.utils.translation import gettext_lazy as _

from leads.choices import DealStatus

from ..base import Chart, Column, Kind, Report, Scope, Table
from ..figures import (
    Figures,
    amount_rate_columns,
    amount_rates,
    closed_in,
    figures_by,
    in_period,
)

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


def key_figure(scope: Scope) -> tuple[Column, int]:
    """The overview card's figure, the headline's first (the period's requests) alone: one
    count, not the six queries of :func:`build`."""
    return COLUMNS[0], scope.deals.filter(in_period("created_at", scope.period)).count()


def build(scope: Scope) -> Report:
    """Six queries: three for the period, three for the previous one."""
    previous_period = scope.period.previous()
    now = values(figures_by(scope)[""])
    before = values(figures_by(scope.with_period(previous_period))[""])
    label = _("%(start)s – %(end)s")
    rows = [
        {
            "key": CURRENT,
            "period": label % {"start": scope.period.start, "end": scope.period.end},
            **now,
        },
        {
            "key": PREVIOUS,
            "period": label % {"start": previous_period.start, "end": previous_period.end},
            **before,
        },
    ]
    columns = [*COLUMNS[:4], *amount_rate_columns([now, before]), *COLUMNS[4:]]
    table = Table(
        name="win_rate",
        title=_("This period and the previous one"),
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
    figures = figures_by(scope, medians=False)[""]
    return {"requests": figures.requests, "win_rate": figures.win_rate, "revenue": figures.revenue}
