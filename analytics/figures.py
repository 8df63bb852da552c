"""The core figures of a group of deals, for every group of a dimension at once: requests, deals
closed, won, lost, revenue, win rate by count and by amount, average won deal, and the median and
mean cycle. The win-rate report reads them for all deals (no dimension); the sources and the
segments reports read them per first-touch source, UTM tag, landing page, service, owner…

Which deals each figure counts (the reports' definitions say the same):

* **requests**: deals *created* in the period;
* **closed / won / lost, revenue, win rates, average won deal, cycle**: deals *closed* in the
  period (status won or lost, ``closed_at`` in it), whenever they were created; so a deal won in
  January that came in December adds to January's revenue but not to its requests;
* **revenue**: the amounts of the deals won in the period, per currency; a deal without an amount
  adds nothing to it, nor to the average won deal (revenue ÷ won deals *with an amount*, per
  currency), nor to the win rate by amount (won amount ÷ won and lost amount, per currency);
* **cycle**: days from ``created_at`` to ``closed_at``; the **median** is the middle value of the
  sorted cycles, the mean of the two middle values when their number is even.

The median is computed in the database, portably (SQLite has no percentile function): each
closed deal is numbered within its group in the order of its cycle (``ROW_NUMBER``); the size n
of each group is known from the sums query before it, so only the rows numbered ⌊(n+1)/2⌋ and
⌊(n+2)/2⌋ come back (one row for an odd n, two for an even n) and their mean is the median.

Every function here runs a fixed number of queries (three, plus one naming the groups of a
dimension by id), whatever the number of deals.
"""

import dataclasses
import datetime
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, DurationField, F, Func, Q, QuerySet, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from leads.choices import DealStatus

from .base import Column, Kind, Money, Period, Scope, money_add, rate

#: the key of the group of deals that have no value in a dimension (no source, no service…)
NONE_KEY = "~none"


class Cycle(Func):
    """``closed_at - created_at`` as a duration. On SQLite by ``julianday()``, in C, rather than
    Django's own duration arithmetic there, a Python function called for every row (the
    median's window sorts by it: 4 times slower at 20,000 deals)."""

    output_field = DurationField()

    def __init__(self):
        super().__init__(F("closed_at"), F("created_at"))

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        # microseconds, as Django stores a duration on SQLite
        template = "CAST(ROUND((julianday(%(expressions)s)) * 86400000000) AS INTEGER)"
        return super().as_sql(
            compiler, connection, template=template, arg_joiner=") - julianday(", **extra
        )


CYCLE = Cycle()
_DAY = Decimal(86400)
_TENTH = Decimal("0.1")


@dataclasses.dataclass(frozen=True)
class Dimension:
    """What the deals are grouped by: ``expression()`` is the group's value on a deal (its
    ``group`` annotation; None for "no value"), ``names(values)`` names the groups by their
    values in one query (None: a value is its own name), ``keep(rows)`` narrows the rows to one
    per deal and group when the expression crosses a many-to-many relation twice (a deal with
    two services of the same type is one deal of that type)."""

    slug: str
    label: str
    expression: Callable
    none_label: str
    names: Callable | None = None
    keep: Callable | None = None
    #: the group's value is an id: a row key is its digits
    by_id: bool = False


@dataclasses.dataclass
class Figures:
    """The core figures of one group (see the module docstring for what each counts)."""

    requests: int = 0
    won: int = 0
    lost: int = 0
    revenue: Money = dataclasses.field(default_factory=dict)
    lost_amount: Money = dataclasses.field(default_factory=dict)
    #: won deals with an amount, per currency (the average won deal's denominator)
    won_priced: dict[str, int] = dataclasses.field(default_factory=dict)
    cycle_total: dict[str, datetime.timedelta] = dataclasses.field(default_factory=dict)
    median: dict[str, Decimal | None] = dataclasses.field(default_factory=dict)

    @property
    def closed(self) -> int:
        return self.won + self.lost

    @property
    def win_rate(self) -> Decimal | None:
        return rate(self.won, self.closed)

    @property
    def win_rate_amount(self) -> dict[str, Decimal | None]:
        """Won amount ÷ (won + lost amount), per currency."""
        currencies = sorted(set(self.revenue) | set(self.lost_amount))
        return {
            currency: rate(
                self.revenue.get(currency, 0),
                self.revenue.get(currency, 0) + self.lost_amount.get(currency, 0),
            )
            for currency in currencies
        }

    @property
    def average_won(self) -> Money:
        return {
            currency: (total / self.won_priced[currency]).quantize(Decimal("0.01"))
            for currency, total in sorted(self.revenue.items())
            if self.won_priced.get(currency)
        }

    def mean_days(self, status: str) -> Decimal | None:
        count = self.won if status == DealStatus.WON else self.lost
        total = self.cycle_total.get(status)
        if not count or total is None:
            return None
        return days(total / count)

    def median_days(self, status: str) -> Decimal | None:
        return self.median.get(status)


#: the win rate by amount is one column per currency: ``win_rate_amount_RUB``…
AMOUNT_RATE = "win_rate_amount_"


def amount_rates(figures: Figures) -> dict[str, Decimal | None]:
    """The win rate by amount as row cells, one per currency (a table shows a per-cent figure
    per column, as it shows money one column per currency)."""
    return {AMOUNT_RATE + code: value for code, value in figures.win_rate_amount.items()}


def amount_rate_columns(rows: list[dict]) -> list[Column]:
    """A column for each currency the rows have a win rate by amount in, sorted."""
    codes = sorted(
        {name[len(AMOUNT_RATE) :] for row in rows for name in row if name.startswith(AMOUNT_RATE)}
    )
    return [
        Column(
            AMOUNT_RATE + code,
            format_lazy(_("Win rate by amount, {currency}"), currency=code),
            Kind.PERCENT,
            help_text=_("Won amount ÷ (won + lost amount), in this currency."),
        )
        for code in codes
    ]


def days(duration: datetime.timedelta | None) -> Decimal | None:
    """A duration as Decimal days, to a tenth."""
    if duration is None:
        return None
    return (Decimal(str(duration.total_seconds())) / _DAY).quantize(_TENTH)


def in_period(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.since, f"{field}__lt": period.until})


def closed_in(period: Period) -> Q:
    return in_period("closed_at", period) & Q(status__in=(DealStatus.WON, DealStatus.LOST))


def facts(scope: Scope) -> QuerySet:
    """The facts rows (:class:`analytics.models.DealFacts`) of the scope's deals."""
    return facts_of(scope.deals)


def facts_of(deals: QuerySet, *, joined: bool = False) -> QuerySet:
    """The facts rows of ``deals``: every row when ``deals`` is every deal (a manager without
    filters), else those of its deals.

    ``joined``: the rows will be joined to a table on the deal (the content report's page
    views). Their deal is then narrowed as ``deal_id + 0``: on the plain column SQLite carries
    the condition over to the joined table's column and walked the whole list of the scope's
    deals for every row (minutes for one pipeline at 100,000 deals); on an expression it is a
    lookup in the list, once per row."""
    from .models import DealFacts

    rows = DealFacts.objects.order_by()
    if deals.query.where.children or deals.query.is_sliced:
        scope_ids = deals.order_by().values("pk")
        if joined:
            rows = rows.alias(scoped=F("deal") + 0).filter(scoped__in=scope_ids)
        else:
            rows = rows.filter(deal__in=scope_ids)
    return rows


def grouped(scope: Scope, dimension: Dimension | None) -> QuerySet:
    """The scope's deals as facts rows, one row per deal and group, with the group's value as
    ``group`` (the deal's id is ``deal_id``)."""
    rows = facts(scope)
    if dimension is None:
        return rows
    rows = rows.annotate(group=dimension.expression())
    if dimension.keep is not None:
        rows = dimension.keep(rows)
    return rows


def row_key(value) -> str:
    return NONE_KEY if value is None else str(value)


def key_filter(dimension: Dimension, key: str) -> Q | None:
    """The rows of the group ``key`` names; None for a key that cannot name one."""
    if key == NONE_KEY:
        return Q(group__isnull=True)
    if dimension.by_id:
        return Q(group=int(key)) if key.isdigit() and len(key) < 19 else None
    return Q(group=key)


def figures_by(
    scope: Scope,
    dimension: Dimension | None = None,
    *,
    medians: tuple[str, ...] = (DealStatus.WON, DealStatus.LOST),
) -> dict[str, Figures]:
    """The core figures of each group that has a request or a closed deal in the period, by row
    key (``""`` for all the deals when there is no dimension). Three queries (two without
    ``medians``, the statuses whose median cycle is wanted: numbering the deals is the costly
    part, so a report that shows only the median to won numbers only the won deals)."""
    rows = grouped(scope, dimension)
    by = () if dimension is None else ("group",)
    result: dict[str, Figures] = {}

    def of(values) -> Figures:
        key = row_key(values[0]) if by else ""
        return result.setdefault(key, Figures())

    created = rows.filter(in_period("created_at", scope.period))
    if by:
        for value, count in created.values_list(*by).annotate(n=Count("pk")):
            of((value,)).requests = count
    else:
        of(()).requests = created.count()

    closed = rows.filter(closed_in(scope.period))
    sums = closed.values_list(*by, "status", "currency").annotate(
        n=Count("pk"), priced=Count("amount"), amount=Sum("amount"), cycle=Sum(CYCLE)
    )
    sizes: dict[tuple, int] = {}  # deals per partition of the medians (group values, status)
    for *values, status, currency, count, priced, amount, cycle in sums:
        figures = of(values)
        sizes[(*values, status)] = sizes.get((*values, status), 0) + count
        if status == DealStatus.WON:
            figures.won += count
            money_add(figures.revenue, currency, amount)
            if priced:
                figures.won_priced[currency] = figures.won_priced.get(currency, 0) + priced
        else:
            figures.lost += count
            money_add(figures.lost_amount, currency, amount)
        total = figures.cycle_total.get(status, datetime.timedelta())
        figures.cycle_total[status] = total + (cycle or datetime.timedelta())

    if medians:
        ended = closed.filter(status__in=medians)
        wanted = {part: n for part, n in sizes.items() if part[-1] in medians}
        for (*values, status), median in median_days(ended, (*by, "status"), wanted).items():
            of(values).median[status] = median
    return result


#: above this many partitions the middle places are not listed in the query (see median_days)
MAX_LISTED = 2000


def median_days(
    rows: QuerySet, partition: tuple[str, ...], sizes: dict[tuple, int] | None = None
) -> dict[tuple, Decimal]:
    """The median cycle (Decimal days) of ``rows`` per value of the ``partition`` fields, in one
    query: the middle row(s) of each partition by ``ROW_NUMBER`` (see the module docstring).

    Written as SQL around the rows' own query: the rows (their partition values, cycle and id)
    are selected once in a subquery, so each row's group expression and cycle are computed once
    and the database sorts once, by the cycle alone: deals of equal cycles may come in any
    order, the middle values are the same (a tie on the id cost a tenth more). Django's
    ``Window`` repeats the expressions in every window and in the filter on them, and SQLite
    sorted the rows three times.

    The middle places need each partition's size. With ``sizes`` (the rows per partition, which
    the caller counted already) the query numbers the rows and keeps only those at a middle
    place of *some* partition, both as a plain list of places and as "value|place" texts (the
    narrowing is the database's; which row is a middle of its own partition is decided here,
    on the few rows that come back). Without them, or for more than ``MAX_LISTED`` partitions
    (a query's parameters are limited), a second window counts each partition: on SQLite that
    is a second pass over every row, a third of the query's time at 100,000 deals."""
    names = [f"part_{number}" for number in range(len(partition))]
    inner = rows.values(
        **{name: F(field) for name, field in zip(names, partition, strict=True)},
        row_cycle=CYCLE,
        row_id=F("pk"),  # one row per deal and group
    )
    try:
        sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # a scope known to be empty (``pk__in=[]``): no deal, no median
        return {}
    columns = ", ".join(names)
    window = f"ROW_NUMBER() OVER (PARTITION BY {columns} ORDER BY row_cycle) AS place"
    places = {part: _middles(n) for part, n in (sizes or {}).items()}
    if sizes is not None and len(sizes) <= MAX_LISTED:
        # no partition: still one query (a report's query count does not depend on its data)
        listed = sorted({place for middle in places.values() for place in middle}) or [0]
        tags = sorted({_tag(part, place) for part, middle in places.items() for place in middle})
        tags = tags or [""]
        tag = " || '|' || ".join(f"COALESCE(CAST({name} AS TEXT), '')" for name in names)
        query = (  # the names are ours; the rows' SQL and parameters are Django's
            f"SELECT {columns}, row_cycle, place FROM ("  # noqa: S608
            f"SELECT {columns}, row_cycle, {window} FROM ({sql}) cycles"
            f") ranked WHERE place IN ({', '.join(['%s'] * len(listed))})"
            f" AND ({tag} || '|' || CAST(place AS TEXT)) IN ({', '.join(['%s'] * len(tags))})"
        )
        params = (*params, *listed, *tags)
    else:
        query = (  # as above
            f"SELECT {columns}, row_cycle, place FROM ("  # noqa: S608
            f"SELECT {columns}, row_cycle, {window}, "
            f"COUNT(*) OVER (PARTITION BY {columns}) AS size FROM ({sql}) cycles"
            ") ranked WHERE place >= (size + 1) / 2 AND place <= (size + 2) / 2"
        )
    middles: dict[tuple, list] = {}
    with connections[rows.db].cursor() as cursor:
        cursor.execute(query, params)
        for *values, cycle, place in cursor.fetchall():
            values = tuple(values)
            if sizes is None or place in places.get(values, ()):
                middles.setdefault(values, []).append(_duration(cycle))
    return {
        values: days(sum(cycles, datetime.timedelta()) / len(cycles))
        for values, cycles in middles.items()
    }


def _middles(n: int) -> set[int]:
    """The middle places of n sorted rows: one when n is odd, two when it is even."""
    return {(n + 1) // 2, (n + 2) // 2}


def _tag(values: tuple, place: int) -> str:
    """A partition's values and a place as the query writes them (an empty text for None: a
    None and an empty value share a tag, and the exact check is done on the rows returned)."""
    return "|".join("" if value is None else str(value) for value in values) + f"|{place}"


def _duration(value) -> datetime.timedelta:
    """A cycle as the cursor returns it: a timedelta (PostgreSQL's interval) or SQLite's
    integer microseconds (:class:`Cycle`)."""
    if isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(microseconds=int(value))


def group_names(dimension: Dimension, keys) -> dict[str, str]:
    """Each row key's name on screen (one query when the dimension names ids)."""
    values = [key for key in keys if key != NONE_KEY]
    names = dimension.names(values) if dimension.names else {}
    return {
        key: str(dimension.none_label) if key == NONE_KEY else names.get(key, key) for key in keys
    }
