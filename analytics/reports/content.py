"""Content that sells: which cases, services and experts the visitors read before asking, counted
over the requests and the won deals of the period, with the won revenue split evenly over the
pages read and, apart, the whole amount given to the page the first visit landed on.

Read from :class:`analytics.models.DealPageView` (the deals' JSON paths as rows), so every figure
is a GROUP BY: six queries whatever the number of deals. The deal's status, dates, amount and
currency come from its facts row (:class:`analytics.models.DealFacts`, joined by the deal): the
deal's own table is wide (its JSON comes before its dates), and a list of the period's deals to
look each row up in cost as much as the count. The page views are read from an index that holds
every column the queries read. The totals count the facts rows by what their page views say
(``read_content``, ``has_path``, ``landed_content``, stored with the rows by
:mod:`analytics.page_views`) instead of probing the page views three times per deal: at 100,000
deals on SQLite the report went from 1.15-1.6 s to about 0.4 s.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from leads.choices import DealStatus
from leads.models import Deal

from ..base import Chart, Column, Kind, Money, Report, Scope, Table, money_add, rate
from ..figures import facts_of
from ..key_figures import KeyFigure
from ..models import DealPageView

TITLE = _("Content that sells")
DEFINITIONS = _(
    "Which cases, services and expert pages the visitors read before sending their request. "
    "Requests: deals created in the period; won: deals won in the period (closed as won in "
    "it, whenever created). A deal counts for a page when the page is in its path: the pages "
    "the visitor's own browser recorded on this site during the visit that sent the request "
    "(the last 20 pages). Only cases, services and experts count; the home page, indexes, "
    "search and the request form do not. Revenue split over the pages read: each won deal's "
    "amount divided evenly among the distinct content pages of its path (a path of two pages "
    "gives each half), per currency. First-touch landing: the whole amount given to the page "
    "the visitor's first visit landed on (remembered by their browser for 90 days; without "
    "it, the landing page of the visit that sent the request), when that page is a case, a "
    "service or an expert. Addresses are matched to the pages' current addresses (and to the "
    "redirects left by pages that moved); the addresses no page has now are counted as pages "
    "no longer found. What the path cannot prove: that a page caused the sale (it shows what "
    "was read, not why the client bought), nor anything read on other devices, in other "
    "visits before the first one remembered, or outside this site; a visitor with storage "
    "turned off, a request made by API or entered by hand has no path and counts for no page. "
    "The split is even, not a model of each page's influence. Money is never summed across "
    "currencies."
)

KINDS = {
    "casepage": _("Case"),
    "servicepage": _("Service"),
    "expertpage": _("Expert"),
}
ALL = "all"
_CENT = Decimal("0.01")

COLUMNS = [
    Column("page", _("Page")),
    Column("kind", _("Type")),
    Column(
        "requests",
        _("Requests"),
        Kind.COUNT,
        cohort="requests",
        help_text=_("Deals created in the period whose visitor read the page before asking."),
    ),
    Column(
        "won",
        _("Won"),
        Kind.COUNT,
        cohort="won",
        help_text=_("Deals won in the period whose visitor read the page before asking."),
    ),
    Column(
        "revenue",
        _("Revenue, split over the pages read"),
        Kind.MONEY,
        help_text=_("Each won deal's amount divided evenly among the content pages it read."),
    ),
    Column(
        "landed_won",
        _("Won, first landed here"),
        Kind.COUNT,
        cohort="landed_won",
        help_text=_("Deals won in the period whose visitor's first visit landed on the page."),
    ),
    Column(
        "landing_revenue",
        _("Revenue, first-touch landing"),
        Kind.MONEY,
        help_text=_("The whole amount of those deals."),
    ),
]


def _requests(scope: Scope):
    period = scope.period
    return scope.deals.filter(created_at__gte=period.since, created_at__lt=period.until)


def _won(scope: Scope):
    period = scope.period
    return scope.deals.filter(
        status=DealStatus.WON, closed_at__gte=period.since, closed_at__lt=period.until
    )


def _views(role: str, deals, page=None):
    views = DealPageView.objects.filter(role=role, content=True, deal__in=deals.values("pk"))
    return views if page is None else views.filter(page_id=page)


def _created(scope: Scope) -> Q:
    period = scope.period
    return Q(created_at__gte=period.since, created_at__lt=period.until)


def _won_in(scope: Scope) -> Q:
    period = scope.period
    return Q(status=DealStatus.WON, closed_at__gte=period.since, closed_at__lt=period.until)


def _facts(scope: Scope):
    """The facts rows of the scope's deals, to be joined to their page views."""
    return facts_of(scope.deals, joined=True)


def _read(scope: Scope, deals: Q, role: str, **where):
    """The content page views (``role``) of the scope's deals that meet ``deals``, as the facts
    rows of those deals joined to their page views (one row per page view; the page view's
    fields under ``page_views__``): the period is a range of the facts rows' index, and each
    deal's page views are found in the page views' index by role and deal."""
    return _facts(scope).filter(deals, page_views__role=role, page_views__content=True, **where)


def _page_rows(scope: Scope) -> dict[int, dict]:
    """One row per content page read by a request or a won deal, or landed on by a won deal."""
    rows: dict[int, dict] = {}
    # pages named afterwards, in one query: no join per row read

    def row(values) -> dict:
        return rows.setdefault(
            values["page"],
            {
                "key": str(values["page"]),
                "page": "",
                "kind": "",
                "requests": 0,
                "won": 0,
                "revenue": {},
                "landed_won": 0,
                "landing_revenue": {},
            },
        )

    page = {"page": F("page_views__page")}
    requests = _read(scope, _created(scope), DealPageView.READ).values(**page)
    for values in requests.annotate(n=Count("*")):
        row(values)["requests"] = values["n"]
    won = _read(scope, _won_in(scope), DealPageView.READ)
    won = won.values("currency", **page, split=F("page_views__split"))
    for values in won.annotate(n=Count("*"), amount=Sum("amount")):
        target = row(values)
        target["won"] += values["n"]
        if values["amount"] is not None:
            money_add(target["revenue"], values["currency"], values["amount"] / values["split"])
    landed = _read(scope, _won_in(scope), DealPageView.LANDING)
    landed = landed.values("currency", **page)
    for values in landed.annotate(n=Count("*"), amount=Sum("amount")):
        target = row(values)
        target["landed_won"] += values["n"]
        money_add(target["landing_revenue"], values["currency"], values["amount"])
    for target in rows.values():
        target["revenue"] = _cents(target["revenue"])
    names = Page.objects.filter(pk__in=list(rows)).values_list("pk", "title", "content_type__model")
    for pk, title, model in names:
        rows[pk]["page"], rows[pk]["kind"] = title, KINDS.get(model, "")
    return rows


def _cents(money: Money) -> Money:
    return {currency: amount.quantize(_CENT, ROUND_HALF_UP) for currency, amount in money.items()}


def _totals(scope: Scope) -> tuple[dict, dict]:
    """The totals row (deals that read any content page…) and the counts the notes need: the
    facts rows of the period's requests and won deals, grouped by currency and by what their
    page views say (stored on the row: no probe of the page views per deal)."""
    created, won = _created(scope), _won_in(scope)
    totals = {
        "key": ALL,
        "page": str(_("All content pages")),
        "kind": "",
        "requests": 0,
        "won": 0,
        "revenue": {},
        "landed_won": 0,
        "landing_revenue": {},
    }
    counts = {"requests": 0, "requests_no_path": 0, "won": 0, "won_no_path": 0}
    groups = ("currency", "read_content", "has_path", "landed_content")
    none = Value(None, output_field=DecimalField())
    # the requests and the won deals apart, each a range of its own index, in one query: one
    # condition "created or won" made SQLite merge the two indexes' rows and read every row
    requests = (
        _facts(scope)
        .filter(created)
        .values(*groups)
        .annotate(requests=Count("*"), won=Value(0), revenue=none)
    )
    won_deals = (
        _facts(scope)
        .filter(won)
        .values(*groups)
        .annotate(requests=Value(0), won=Count("*"), revenue=Sum("amount"))
    )
    for values in requests.union(won_deals, all=True):
        currency = values["currency"]
        counts["requests"] += values["requests"]
        counts["won"] += values["won"]
        if not values["has_path"]:
            counts["requests_no_path"] += values["requests"]
            counts["won_no_path"] += values["won"]
        if values["read_content"]:
            totals["requests"] += values["requests"]
            totals["won"] += values["won"]
            money_add(totals["revenue"], currency, values["revenue"])
        if values["landed_content"]:
            totals["landed_won"] += values["won"]
            money_add(totals["landing_revenue"], currency, values["revenue"])
    totals["revenue"] = _cents(totals["revenue"])
    return totals, counts


def _not_found(scope: Scope) -> int:
    """Distinct addresses read (or first landed on) by the period's requests or won deals that
    match no page now."""
    deals = _facts(scope).filter(_created(scope) | _won_in(scope)).values("deal")
    views = DealPageView.objects.filter(page__isnull=True, deal__in=deals)
    return views.values("path").distinct().count()


def _notes(counts: dict, not_found: int) -> list[str]:
    notes = [
        ngettext(
            "%(none)s of %(all)s request has no pages read on record (storage off in the "
            "browser, a request by API or entered by hand).",
            "%(none)s of %(all)s requests have no pages read on record (storage off in the "
            "browser, requests by API or entered by hand).",
            counts["requests"],
        )
        % {"none": counts["requests_no_path"], "all": counts["requests"]},
        ngettext(
            "%(none)s of %(all)s won deal has no pages read on record.",
            "%(none)s of %(all)s won deals have no pages read on record.",
            counts["won"],
        )
        % {"none": counts["won_no_path"], "all": counts["won"]},
    ]
    if not_found:
        notes.append(
            ngettext(
                "Pages no longer found: %(count)s (an address read or landed on that no page "
                "of the site has now: a deleted page, or a screen that is not a page, such as "
                "search).",
                "Pages no longer found: %(count)s (addresses read or landed on that no page of "
                "the site has now: deleted pages, or screens that are not pages, such as "
                "search).",
                not_found,
            )
            % {"count": not_found}
        )
    return notes


def build(scope: Scope) -> Report:
    rows = sorted(
        _page_rows(scope).values(),
        key=lambda row: (-row["won"], -row["requests"], -row["landed_won"], row["page"]),
    )
    totals, counts = _totals(scope)
    table = Table(
        name="pages",
        title=str(_("Pages read before asking")),
        columns=COLUMNS,
        rows=rows,
        chart=Chart("hbar", "page", ("requests", "won"), title=str(_("Deals that read the page"))),
        totals=totals,
    )
    return Report(tables=[table], notes=_notes(counts, _not_found(scope)))


def cohort(scope: Scope, name: str, key: str):
    """``requests`` / ``won``: the period's requests / won deals that read the page (``key``:
    its id, or ``all`` for any content page); ``landed_won``: the won deals whose first visit
    landed on it."""
    if key == ALL:
        page = None
    elif key.isdigit():
        page = int(key)
    else:
        return None
    if name == "requests":
        deals, role = _requests(scope), DealPageView.READ
    elif name == "won":
        deals, role = _won(scope), DealPageView.READ
    elif name == "landed_won":
        deals, role = _won(scope), DealPageView.LANDING
    else:
        return None
    return Deal.objects.filter(pk__in=deals.values("pk")).filter(
        pk__in=_views(role, deals, page).values("deal_id")
    )


QUESTION = _("Which cases, services and experts the clients read before the deals they won.")


def key_figure(scope: Scope) -> list[KeyFigure]:
    """The overview card: the content page read before most deals won in the period (ties:
    the first by id; the table's own order also weighs requests), how many, and their share
    of all the deals won in the period. Three queries (the page, the won deals, its title)."""
    top = (
        # joined to the won deals' facts rows (by their status and closing day, an index), not
        # filtered by a list of them
        _read(scope, _won_in(scope), DealPageView.READ, page_views__page__isnull=False)
        .values(page=F("page_views__page"))
        .annotate(won=Count("*"))
        .order_by("-won", "page")
        .first()
    )
    won = _facts(scope).filter(_won_in(scope)).count()
    # the title apart, by id: joined, it made SQLite read every page view first, and as a
    # subquery PostgreSQL ran it for every row grouped (0.45 s at 100,000 deals)
    page = top["page"] if top else 0
    title = Page.objects.filter(pk=page).values_list("title", flat=True).first()
    if top is None:
        return []
    return [
        KeyFigure(
            gettext("Read before most won deals: %(page)s") % {"page": title},
            top["won"],
            cohort="won",
            key=str(top["page"]),
        ),
        KeyFigure(gettext("Share of the period's won deals"), rate(top["won"], won), Kind.PERCENT),
    ]
