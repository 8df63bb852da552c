"""Repeat business: per company, its first deal against the deals that followed, its lifetime won
revenue and what the repeat deals brought; and the share of the period's revenue that came from
returning clients. Three queries whatever the number of deals.

A deal is a *repeat* deal when its company had an earlier deal (``created_at``, then id for
deals created at the same moment), among all the company's deals ever, whoever owns them and in
whatever pipeline: being a returning client is a fact about the company, not about the filters.
The screen's queries test it by an EXISTS probe of the company's earlier deal (the index of the
deals by company and creation) for the deals they count; the cohort of returning clients' wins
finds each company's first deal once by ``ROW_NUMBER`` over its deals. Both are that one test.
"""

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from leads.choices import DealStatus
from leads.models import Deal

from ..base import Chart, Column, Kind, Report, Scope, Table, money_add, rate

TITLE = _("Repeat business")
DEFINITIONS = _(
    "A company's first deal is its earliest deal by creation date, among all its deals ever "
    "(before the period too, in any pipeline, whoever owns it); every later deal of the "
    "company is a repeat deal. Deals without a company are neither. Companies: those with a "
    "deal created or won in the period; their figures are lifetime (all their deals, not only "
    "the period's, within the chosen pipeline, owner, service and source). Lifetime revenue: "
    "the amounts of the company's won deals, per currency; repeat revenue: the same for its "
    "repeat deals. Revenue from returning clients: the amounts of the deals won in the period "
    "that are repeat deals (the company had a deal before), against all revenue won in the "
    "period (deals without a company included), per currency; money is never summed across "
    "currencies."
)

#: the companies the table shows: a screen of 20,000 rows (100,000 deals) took 30 s to render
#: and could not be read; the first ones by won then deals, the rest counted in a note
SHOWN_COMPANIES = 100

COMPANY_COLUMNS = [
    Column("company", _("Company")),
    Column(
        "first_deal_at",
        _("Client since"),
        help_text=_("The day the company's first deal was created."),
    ),
    Column("deals", _("Deals"), Kind.COUNT, cohort="deals"),
    Column("first", _("First deal"), Kind.COUNT, cohort="first"),
    Column("repeat", _("Repeat deals"), Kind.COUNT, cohort="repeat"),
    Column("won", _("Won"), Kind.COUNT, cohort="won"),
    Column("revenue", _("Lifetime revenue"), Kind.MONEY),
    Column("repeat_revenue", _("Repeat deals' revenue"), Kind.MONEY),
]
SHARE_COLUMNS = [
    Column("currency", _("Currency")),
    Column("won", _("Won in the period"), Kind.COUNT, cohort="period_won"),
    Column("revenue", _("Revenue"), Kind.MONEY),
    Column("returning_won", _("Won from returning clients"), Kind.COUNT, cohort="returning_won"),
    Column("returning_revenue", _("Revenue from returning clients"), Kind.MONEY),
    Column("share", _("Share from returning clients"), Kind.PERCENT),
]


def _first_deals():
    """Each company's first deal (ever, in any scope): the first by ``created_at``, then id, of
    its partition (``ROW_NUMBER``)."""
    return (
        Deal.objects.filter(company__isnull=False)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("company")],
                order_by=[F("created_at").asc(), F("pk").asc()],
            )
        )
        .filter(place=1)
        .values("pk")
    )


def _repeat() -> ExpressionWrapper:
    """The deal's company had a deal before it (ever, in any scope): it has a company and is
    not the company's first deal. The first deals are found once for the query (one sort of
    the deals by company), where a NOT EXISTS per deal probed the company's deals 85,000
    times at 100,000 deals."""
    repeat = Q(company__isnull=False) & ~Q(pk__in=_first_deals())
    return ExpressionWrapper(repeat, output_field=BooleanField())


def _earlier():
    """The deal's company's deals before it (``created_at``, then id): the same repeat test
    as :func:`_repeat`, as an EXISTS probe of the deals by company and creation. For the
    period's won deals alone (the shares) it takes a third of the time of finding every
    company's first deal (0.36 s to 0.12 s at 100,000 deals on SQLite). The redundant
    ``created_at <=`` bounds the index range (PostgreSQL probed all the company's deals)."""
    return Deal.objects.filter(
        company=OuterRef("company"), created_at__lte=OuterRef("created_at")
    ).filter(
        Q(created_at__lt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    )


def _deals(scope: Scope):
    """The scope's deals with a company, once each, with ``is_repeat``."""
    return Deal.objects.filter(pk__in=scope.deals.values("pk"), company__isnull=False).annotate(
        is_repeat=Exists(_earlier())
    )


def _won_in(scope: Scope) -> Q:
    period = scope.period
    return Q(status=DealStatus.WON, closed_at__gte=period.since, closed_at__lt=period.until)


def _active(scope: Scope) -> Q:
    period = scope.period
    return Q(created_at__gte=period.since, created_at__lt=period.until) | _won_in(scope)


def _companies(scope: Scope) -> tuple[list[dict], int]:
    """The first :data:`SHOWN_COMPANIES` companies by won deals, then deals, then name, with
    their figures, and how many companies there are. Three queries: the active companies,
    every company's counts (cheap: no repeat test), then the shown companies' figures by currency and first / repeat
    with the day of their first deal; only the shown companies' deals are tested for repeat."""
    # The active companies' ids are read first (one small query): nested IN subqueries of the
    # scope made PostgreSQL pick nested loops over unanalysed tables (a 1,000-deal test ran for
    # 38 minutes before its statement was cancelled).
    active = set(
        Deal.objects.filter(pk__in=scope.deals.values("pk"))
        .filter(_active(scope), company__isnull=False)
        .values_list("company", flat=True)
        .distinct()
    )
    deals = _deals(scope).filter(company__in=active)
    won = Q(status=DealStatus.WON)
    ranked = sorted(
        deals.values_list("company", "company__name").annotate(
            won=Count("pk", filter=won), deals=Count("pk")
        ),
        key=lambda values: (-values[2], -values[3], values[1]),
    )
    shown = [values[0] for values in ranked[:SHOWN_COMPANIES]]
    rows: dict[int, dict] = {
        company: {
            "key": str(company),
            "company": name,
            "first_deal_at": None,
            "deals": 0,
            "first": 0,
            "repeat": 0,
            "won": 0,
            "revenue": {},
            "repeat_revenue": {},
        }
        for company, name, _won, _deals in ranked[:SHOWN_COMPANIES]
    }
    first_deal = Deal.objects.filter(company=OuterRef("company")).order_by("created_at")
    # grouped by is_repeat too: it is evaluated once per deal, not once per figure
    for values in (
        deals.filter(company__in=shown)
        .values("company", "currency", "is_repeat")
        .annotate(
            deals=Count("pk"),
            won=Count("pk", filter=won),
            revenue=Sum("amount", filter=won),
            first_deal_at=Subquery(first_deal.values("created_at")[:1]),
        )
    ):
        row = rows[values["company"]]
        row["first_deal_at"] = values["first_deal_at"].date()
        row["deals"] += values["deals"]
        row["won"] += values["won"]
        row["repeat" if values["is_repeat"] else "first"] += values["deals"]
        money_add(row["revenue"], values["currency"], values["revenue"])
        if values["is_repeat"]:
            money_add(row["repeat_revenue"], values["currency"], values["revenue"])
    return [rows[company] for company in shown], len(ranked)


def _shares(scope: Scope) -> list[dict]:
    """Per currency: the period's revenue, and what of it came from returning clients."""
    deals = (
        Deal.objects.filter(pk__in=scope.deals.values("pk"))
        .filter(_won_in(scope))
        .annotate(returning=Exists(_earlier()))  # a deal without a company has no earlier one
    )
    rows: dict[str, dict] = {}
    for values in deals.values("currency", "returning").annotate(
        won=Count("pk"), revenue=Sum("amount")
    ):
        currency = values["currency"]
        row = rows.setdefault(
            currency,
            {
                "key": currency,
                "currency": currency,
                "won": 0,
                "revenue": {},
                "returning_won": 0,
                "returning_revenue": {},
                "share": None,
            },
        )
        row["won"] += values["won"]
        money_add(row["revenue"], currency, values["revenue"])
        if values["returning"]:
            row["returning_won"] += values["won"]
            money_add(row["returning_revenue"], currency, values["revenue"])
    for currency, row in rows.items():
        row["share"] = rate(
            row["returning_revenue"].get(currency, 0), row["revenue"].get(currency, 0)
        )
    return [rows[currency] for currency in sorted(rows)]


def build(scope: Scope) -> Report:
    rows, count = _companies(scope)
    notes = []
    if count > len(rows):
        hidden = count - len(rows)
        notes.append(
            ngettext(
                "The table shows the first %(shown)d companies by won deals, then deals; "
                "%(count)d more company is not shown (narrow the filters to see it).",
                "The table shows the first %(shown)d companies by won deals, then deals; "
                "%(count)d more companies are not shown (narrow the filters to see them).",
                hidden,
            )
            % {"shown": SHOWN_COMPANIES, "count": hidden}
        )
    companies = Table(
        name="companies",
        title=str(_("Companies: first and repeat deals")),
        columns=COMPANY_COLUMNS,
        rows=rows,
        chart=Chart("hbar", "company", ("first", "repeat"), title=str(_("First and repeat deals"))),
    )
    shares = Table(
        name="returning",
        title=str(_("Revenue from returning clients")),
        columns=SHARE_COLUMNS,
        rows=_shares(scope),
        chart=Chart("bar", "currency", ("share",), title=str(_("Share from returning clients"))),
    )
    return Report(tables=[shares, companies], notes=notes)


def cohort(scope: Scope, name: str, key: str):
    """Per company (``key``: its id): ``deals``, ``first`` (its first deal, when
    the filters show it), ``repeat``, ``won`` (lifetime); per currency (``key``: its code):
    ``period_won`` (won in the period) and ``returning_won`` (of those, repeat deals)."""
    if name in ("period_won", "returning_won"):
        deals = Deal.objects.filter(pk__in=scope.deals.values("pk"), currency=key).filter(
            _won_in(scope)
        )
        if name == "returning_won":
            deals = deals.filter(company__isnull=False).filter(_repeat())
        return deals
    if name not in ("deals", "first", "repeat", "won"):
        return None
    if not key.isdigit():
        return None
    deals = _deals(scope).filter(company_id=int(key))
    if name == "first":
        deals = deals.filter(is_repeat=False)
    elif name == "repeat":
        deals = deals.filter(is_repeat=True)
    elif name == "won":
        deals = deals.filter(status=DealStatus.WON)
    return deals


QUESTION = _("How much of the period's revenue came from clients who had bought before.")


def key_figure(scope: Scope) -> list:
    """The overview card: the share of the period's revenue from returning clients per
    currency, and the deals won from them per currency (the returning table's rows). One
    query: the repeat test by an EXISTS probe of the company's earlier deal (the index of the
    deals by company and creation) for the period's won deals only, a third of the time of
    :func:`_shares`' first deals of every company at 100,000 deals; the same definition."""
    from django.db.models import Exists
    from django.utils.translation import gettext

    from ..key_figures import KeyFigure

    earlier = Deal.objects.filter(company=OuterRef("company")).filter(
        Q(created_at__lt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    )
    rows: dict[str, dict] = {}
    for currency, returning, won, revenue in (
        scope.deals.order_by()
        .filter(_won_in(scope))
        .annotate(returning=Exists(earlier))
        .values_list("currency", "returning")
        .annotate(won=Count("pk"), revenue=Sum("amount"))
    ):
        row = rows.setdefault(currency, {"revenue": {}, "returning_won": 0, "returning": {}})
        money_add(row["revenue"], currency, revenue)
        if returning:
            row["returning_won"] += won
            money_add(row["returning"], currency, revenue)
    rows = [
        {
            "currency": currency,
            "share": rate(row["returning"].get(currency, 0), row["revenue"].get(currency, 0)),
            "returning_won": row["returning_won"],
        }
        for currency, row in sorted(rows.items())
    ]
    figures = [
        KeyFigure(
            gettext("Revenue from returning clients"),
            {row["currency"]: row["share"] for row in rows},
            Kind.PERCENT,
        )
    ]
    for row in rows:
        if row["returning_won"]:
            figures.append(
                KeyFigure(
                    gettext("Won from returning clients, %(currency)s")
                    % {"currency": row["currency"]},
                    row["returning_won"],
                    cohort="returning_won",
                    key=row["currency"],
                )
            )
    return figures
