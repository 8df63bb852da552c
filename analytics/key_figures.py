"""The overview's cards: what each report's ``key_figure(scope)`` answers, and the cheap queries
several of them share.

A report module may offer

* ``QUESTION``: one line (gettext_lazy) saying what the report answers, shown on its card;
* ``key_figure(scope) -> list[KeyFigure]``: the card's figures, each computed alone in one or
  two aggregate queries (building every report for the overview took seconds at 100,000 deals).

A figure with a ``cohort`` counts deals and links to exactly those deals on the deals list
(``analytics.drilldown.link``: the report's ``cohort(scope, cohort, key)``, so the report's table
must have a row with that key); any other figure links to its report with the same filters.
Money is never summed across currencies: a money figure is ``{currency: Decimal}``, and where a
card names one "best" group by money it compares groups in the **main currency**, the currency
with most deals won in the period (ties: the first code alphabetically).
"""

import dataclasses
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext

from leads.choices import DealStatus

from .base import Kind, Money, Scope, money_add
from .figures import Dimension, closed_in, facts, group_names, grouped, in_period, row_key


@dataclasses.dataclass(frozen=True)
class KeyFigure:
    """One figure of an overview card."""

    label: str
    value: Any
    kind: str = Kind.COUNT
    #: the report's cohort the figure counts, and the row key of it (drill-down link)
    cohort: str | None = None
    key: str | None = None
    #: the previous period's value, when the card compares periods
    previous: Any = None
    compared: bool = False
    #: switches of the report the link needs (``{"dimension": "service"}``)
    params: dict[str, str] = dataclasses.field(default_factory=dict)
    #: the slug of the report whose ``cohort`` it is, when not the card's own (the lost
    #: reasons card's "lost deals" are the win rate report's)
    report: str | None = None


def main_currency(won_per_currency: dict[str, int]) -> str | None:
    """The currency with most won deals (ties: the first code alphabetically); None without
    won deals."""
    counted = [(-count, code) for code, count in won_per_currency.items() if count]
    return min(counted)[1] if counted else None


@dataclasses.dataclass(frozen=True)
class TopGroup:
    """The group of a dimension with most won revenue in the main currency (or, when nothing
    was won in the period, the group with most requests: ``currency`` None)."""

    key: str
    name: str
    won: int
    requests: int
    revenue: Money
    currency: str | None


def top_group(scope: Scope, dimension: Dimension, *, one_per_deal: bool) -> TopGroup | None:
    """The won deals of the period per group and currency (one query, over the won deals
    only: a fifth of a year's deals, five times faster than counting the requests beside them
    at 100,000 deals), the groups' names (one more for a dimension of ids) and, when a deal may
    be in several groups (``one_per_deal`` false: two services), the won deals per currency,
    counted over the deals themselves rather than the groups' rows (where such a deal would
    count twice). Ties: the group with more won deals, then the first by name. Only when
    nothing was won: the requests per group, in one more query."""
    period = scope.period
    won = closed_in(period) & Q(status=DealStatus.WON)
    per_currency: dict[str, int] = {}
    if not one_per_deal:
        per_currency = dict(
            facts(scope)
            .filter(won)
            .values("currency")
            .annotate(n=Count("pk"))
            .values_list("currency", "n")
        )
    groups: dict[str, dict] = {}
    for value, code, count, revenue in (
        grouped(scope, dimension)
        .filter(won)
        .values_list("group", "currency")
        .annotate(won=Count("pk"), revenue=Sum("amount"))
    ):
        group = groups.setdefault(row_key(value), {"won": 0, "revenue": {}})
        group["won"] += count
        money_add(group["revenue"], code, revenue)
        if one_per_deal:
            per_currency[code] = per_currency.get(code, 0) + count
    currency = main_currency(per_currency)
    if currency is None:
        return _most_requests(scope, dimension)
    names = group_names(dimension, list(groups))

    def rank(key):
        group = groups[key]
        return (-(group["revenue"].get(currency) or 0), -group["won"], str(names[key]).lower())

    key = min(groups, key=rank)
    revenue = groups[key]["revenue"]
    return TopGroup(
        key=key,
        name=str(names[key]),
        won=groups[key]["won"],
        requests=0,
        revenue={currency: revenue[currency]} if currency in revenue else {},
        currency=currency,
    )


def _most_requests(scope: Scope, dimension: Dimension) -> TopGroup | None:
    """The group with most requests in the period (ties: the first by name), or None."""
    requests = {
        row_key(value): count
        for value, count in grouped(scope, dimension)
        .filter(in_period("created_at", scope.period))
        .values_list("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    }
    if not requests:
        return None
    names = group_names(dimension, list(requests))
    key = min(requests, key=lambda key: (-requests[key], str(names[key]).lower()))
    return TopGroup(key, str(names[key]), won=0, requests=requests[key], revenue={}, currency=None)


def best_group(scope: Scope, dimension: Dimension, *, one_per_deal: bool) -> list[KeyFigure]:
    """The sources and the services-and-owners cards: the group of ``dimension`` with most won
    revenue in the main currency, that revenue and the group's won deals (any currency, as the
    report's "won" cell counts them); when nothing was won in the period, the group with most
    requests."""
    top = top_group(scope, dimension, one_per_deal=one_per_deal)
    if top is None:
        return []
    switch = {"dimension": dimension.slug}
    if top.currency is None:
        return [
            KeyFigure(
                gettext("Most requests: %(name)s") % {"name": top.name},
                top.requests,
                cohort="requests",
                key=top.key,
                params=switch,
            )
        ]
    return [
        KeyFigure(
            gettext("Most won revenue: %(name)s") % {"name": top.name},
            top.revenue,
            Kind.MONEY,
        ),
        KeyFigure(
            gettext("Won deals: %(name)s") % {"name": top.name},
            top.won,
            cohort="won",
            key=top.key,
            params=switch,
        ),
    ]
