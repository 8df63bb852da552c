"""A report of the core figures (:mod:`analytics.figures`) per group of one dimension, chosen by
a switch in the report's filters: the sources report (first-touch source, UTM tags, landing
page) and the services-and-owners report (service, service type, pipeline, owner) are two lists
of dimensions over this one table, so they count the same way.

One dimension at a time keeps the query count fixed (three queries for the figures, one for the
groups' names when they are ids) and the table readable; the switch is in the URL like every
other filter, so each dimension has its own link and export."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from leads.choices import DealStatus

from .base import Chart, Column, Kind, Report, Scope, Table
from .figures import (
    Dimension,
    amount_rate_columns,
    amount_rates,
    closed_in,
    figures_by,
    group_names,
    grouped,
    in_period,
    key_filter,
)

DIMENSION_PARAM = "dimension"

COLUMNS = [
    Column("requests", _("Requests"), Kind.COUNT, cohort="requests"),
    Column(
        "closed",
        _("Deals closed"),
        Kind.COUNT,
        cohort="closed",
        help_text=_("Won + lost in the period: the win rate's denominator."),
    ),
    Column("won", _("Won"), Kind.COUNT, cohort="won"),
    Column("revenue", _("Revenue"), Kind.MONEY, cohort="won"),
    Column("win_rate", _("Win rate"), Kind.PERCENT, cohort="closed"),
    Column("average_won", _("Average won deal"), Kind.MONEY, cohort="won"),
    Column("median_days", _("Median days to won"), Kind.DAYS, cohort="won"),
    Column("mean_days", _("Mean days to won"), Kind.DAYS, cohort="won"),
]

#: what every figure of the table counts (each report adds what its groups are)
FIGURE_DEFINITIONS = _(
    "Requests: deals created in the period. Deals closed, won, revenue, win rate, average won "
    "deal and days to won count the deals closed (won or lost) in the period, whenever they "
    "were created: a group's revenue may come from deals that are not among its requests. Win "
    "rate: won ÷ (won + lost); by amount: won amount ÷ (won + lost amount), per currency. "
    "Revenue: the amounts of the deals won in the period, per currency, never summed across "
    "currencies. Average won deal: revenue ÷ won deals with an amount, per currency. Days to "
    "won: days from the deal's creation to its win; the median is the middle value (the mean "
    "of the two middle values when their number is even)."
)


def chosen(scope: Scope, dimensions: list[Dimension]) -> Dimension:
    """The dimension the switch names; the first one when it names none."""
    slug = scope.params.get(DIMENSION_PARAM) or ""
    return next((d for d in dimensions if d.slug == slug), dimensions[0])


def switch(dimensions: list[Dimension]) -> dict:
    """The report's extra filter: which dimension to group by. It narrows nothing (the report
    reads it from ``scope.params``)."""
    return {
        DIMENSION_PARAM: django_filters.ChoiceFilter(
            label=_("Group by"),
            choices=[(d.slug, d.label) for d in dimensions],
            empty_label=None,
            method=lambda queryset, name, value: queryset,
        )
    }


def build(scope: Scope, dimensions: list[Dimension]) -> Report:
    dimension = chosen(scope, dimensions)
    figures = figures_by(scope, dimension, medians=(DealStatus.WON,))
    names = group_names(dimension, figures)
    rows = []
    for key, group in figures.items():
        rows.append(
            {
                "key": key,
                "group": names[key],
                "requests": group.requests,
                "closed": group.closed,
                "won": group.won,
                "revenue": group.revenue,
                "win_rate": group.win_rate,
                **amount_rates(group),
                "average_won": group.average_won,
                "median_days": group.median_days(DealStatus.WON),
                "mean_days": group.mean_days(DealStatus.WON),
            }
        )
    rows.sort(key=lambda row: (-row["requests"], -row["won"], str(row["group"]).lower()))
    table = Table(
        name=dimension.slug,
        title=dimension.label,
        columns=[
            Column("group", dimension.label),
            *COLUMNS[:5],
            *amount_rate_columns(rows),
            *COLUMNS[5:],
        ],
        rows=rows,
        chart=Chart("hbar", "group", ("requests", "won"), title=dimension.label),
    )
    return Report(tables=[table])


def cohort(scope: Scope, dimensions: list[Dimension], name: str, key: str):
    """The deals of group ``key`` a figure counts (each deal once, also when it is in the group
    through two services)."""
    dimension = chosen(scope, dimensions)
    in_group = key_filter(dimension, key)
    if in_group is None:
        return None
    period = scope.period
    when = {
        "requests": in_period("created_at", period),
        "closed": closed_in(period),
        "won": closed_in(period) & Q(status=DealStatus.WON),
        "lost": closed_in(period) & Q(status=DealStatus.LOST),
    }.get(name)
    if when is None:
        return None
    rows = grouped(scope, dimension).filter(in_group, when)
    return scope.deals.filter(pk__in=rows.values("deal_id"))
