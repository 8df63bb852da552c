"""Proposals: how the offers sent in the period fared — sent, viewed, accepted, declined,
expired — how long the client took to open them and to accept, and which services and which
templates are accepted most.

**What is counted.** A proposal sent in the period (``sent_at`` in it) and still standing: a
version replaced by a newer *sent* version (status "superseded") is not counted, its successor
is, in the period the successor was sent. So a proposal revised twice before the client
accepted it counts once, as one offer, not as three offers of which one succeeded. Two proposals
of one deal under different numbers count twice. The deal must be in the screen's scope (its
filters and, for Sales, their own deals).

**Steps.** Viewed = first viewed (``first_viewed_at`` set), whatever happened next; accepted,
declined, expired = the proposal's status; awaiting = sent or viewed and not answered yet.
Each rate is the step's count ÷ the proposals sent.

**Times.** From ``sent_at`` to ``first_viewed_at`` (the proposals viewed) and from ``sent_at``
to ``accepted_at`` (the accepted ones), shown in hours and in days. The median is the middle
value of the sorted times, the mean of the two middle ones when their number is even; it is
computed in the database portably (SQLite has no percentile function): each row is numbered in
the order of its time (``ROW_NUMBER``) beside the number of rows (``COUNT`` over the same
window), and only the one or two middle rows come back.

**Per service / template.** The services are the *deal's* (what the request was about; the same
grouping as the other reports — a proposal's lines may be free text without a service); a deal
with two services counts in both. The template is the one the draft was filled from (kept by
its new versions); "no template" when it was written from scratch.

The links from the figures go to the *deals* of the counted proposals: the deals' columns count
deals (a deal with two counted proposals is one deal), the proposals' columns count proposals.

Five queries whatever the number of proposals: the steps, two medians, per service, per
template.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from proposals.choices import ProposalStatus
from proposals.models import Proposal

from ..base import Chart, Column, Kind, Report, Scope, Table, rate
from ..figures import NONE_KEY  # the proposals without a service / a template
from ..key_figures import KeyFigure
from ..stays import Seconds

TITLE = _("Proposals")

DEFINITIONS = _(
    "Proposals sent in the period (the date a version was sent); a version replaced by a newer "
    "sent version is not counted, the newer one is (one offer, however often revised). Viewed: "
    "the client opened it at least once. Accepted, declined, expired: its status now. Awaiting: "
    "sent or viewed, not answered yet. Each rate is of the proposals sent. Time to first view "
    "and to acceptance: from sending, the median (the middle value, or the mean of the two "
    "middle values). Per service: the services of the proposal's deal (a deal with two services "
    "counts in both); per template: the template the draft was filled from. Acceptance rate = "
    "accepted ÷ sent. The deals' figures count deals and link to them."
)

_HOUR, _DAY = Decimal(3600), Decimal(86400)
_TENTH = Decimal("0.1")

TO_VIEW = Seconds(F("first_viewed_at"), F("sent_at"))
TO_ACCEPT = Seconds(F("accepted_at"), F("sent_at"))

#: step → the proposals it counts, among the counted ones
STEPS = {
    "sent": Q(),
    "viewed": Q(first_viewed_at__isnull=False),
    "accepted": Q(status=ProposalStatus.ACCEPTED),
    "declined": Q(status=ProposalStatus.DECLINED),
    "expired": Q(status=ProposalStatus.EXPIRED),
    "awaiting": Q(status__in=(ProposalStatus.SENT, ProposalStatus.VIEWED)),
}


def _step_labels() -> dict[str, str]:
    return {
        "sent": gettext("Sent"),
        "viewed": gettext("Viewed"),
        "accepted": gettext("Accepted"),
        "declined": gettext("Declined"),
        "expired": gettext("Expired"),
        "awaiting": gettext("Awaiting an answer"),
    }


def counted(scope: Scope) -> QuerySet:
    """The proposals the report counts (see the module docstring)."""
    return Proposal.objects.filter(
        deal__in=scope.deals.values("pk"),
        sent_at__gte=scope.period.since,
        sent_at__lt=scope.period.until,
    ).exclude(status__in=(ProposalStatus.DRAFT, ProposalStatus.SUPERSEDED))


def _step_counts(deal_steps=tuple(STEPS)) -> dict:
    """Per step: proposals (``<step>``), and distinct deals (``<step>_deals``) for the
    ``deal_steps`` (a distinct count is the dearest part of the query)."""
    figures = {}
    for step, condition in STEPS.items():
        figures[step] = Count("pk", filter=condition)
        if step in deal_steps:
            figures[f"{step}_deals"] = Count("deal", filter=condition, distinct=True)
    return figures


def _hours(seconds: Decimal | None) -> Decimal | None:
    return None if seconds is None else (seconds / _HOUR).quantize(_TENTH)


def _days(seconds: Decimal | None) -> Decimal | None:
    return None if seconds is None else (seconds / _DAY).quantize(_TENTH)


def median(rows: QuerySet, duration: Seconds) -> tuple[int, Decimal | None]:
    """(how many rows, the median of ``duration`` in whole seconds) in one query: the middle
    row(s) by ``ROW_NUMBER`` over ``COUNT``."""
    ranked = (
        rows.annotate(
            took=duration,
            place=Window(RowNumber(), order_by=[duration.asc(), F("pk").asc()]),
            size=Window(Count("pk")),
        )
        .filter(place__gte=(F("size") + 1) / 2, place__lte=(F("size") + 2) / 2)
        .values_list("took", "size")
    )
    middles = list(ranked)
    if not middles:
        return 0, None
    middle = sum(took for took, _size in middles) / len(middles)
    return middles[0][1], Decimal(round(middle))


def _steps_table(figures: dict) -> Table:
    labels = _step_labels()
    rows = [
        {
            "key": step,
            "step": labels[step],
            "proposals": figures[step],
            "share": rate(figures[step], figures["sent"]),
            "deals": figures[f"{step}_deals"],
        }
        for step in STEPS
    ]
    return Table(
        name="steps",
        title=_("Sent, viewed, answered"),
        columns=[
            Column("step", _("Step")),
            Column("proposals", _("Proposals"), Kind.COUNT),
            Column("share", _("Share of sent"), Kind.PERCENT),
            Column("deals", _("Deals"), Kind.COUNT, cohort="deals"),
        ],
        rows=rows,
        chart=Chart("funnel", "step", ("proposals",), _("Proposals by step")),
    )


def _timing_table(viewed: tuple, accepted: tuple) -> Table:
    rows = []
    for key, label, (size, took) in (
        ("to_view", gettext("Sent → first view"), viewed),
        ("to_accept", gettext("Sent → accepted"), accepted),
    ):
        rows.append(
            {
                "key": key,
                "measure": label,
                "measured": size,
                "median_hours": _hours(took),
                "median_days": _days(took),
            }
        )
    return Table(
        name="timing",
        title=_("How long the client took"),
        columns=[
            Column("measure", _("From sending to")),
            Column("measured", _("Proposals measured"), Kind.COUNT),
            Column("median_hours", _("Median, hours"), Kind.NUMBER),
            Column("median_days", _("Median, days"), Kind.DAYS),
        ],
        rows=rows,
    )


def _group_columns(first: Column, cohort_name: str) -> list[Column]:
    return [
        first,
        Column("sent", _("Sent"), Kind.COUNT),
        Column("viewed", _("Viewed"), Kind.COUNT),
        Column("accepted", _("Accepted"), Kind.COUNT),
        Column("declined", _("Declined"), Kind.COUNT),
        Column("expired", _("Expired"), Kind.COUNT),
        Column("acceptance", _("Acceptance rate"), Kind.PERCENT),
        Column("deals", _("Deals"), Kind.COUNT, cohort=cohort_name),
        Column("accepted_deals", _("Deals accepted"), Kind.COUNT, cohort=f"{cohort_name}_accepted"),
    ]


def _group_rows(groups, group_field: str, name_field: str, none_label: str) -> list[dict]:
    rows = []
    for group in groups:
        value = group[group_field]
        rows.append(
            {
                "key": NONE_KEY if value is None else str(value),
                "name": none_label if value is None else group[name_field],
                **{step: group[step] for step in STEPS if step != "awaiting"},
                "acceptance": rate(group["accepted"], group["sent"]),
                "deals": group["sent_deals"],
                "accepted_deals": group["accepted_deals"],
            }
        )
    # the groups with a name by name, "none" last
    return sorted(rows, key=lambda row: (row["key"] == NONE_KEY, str(row["name"]).lower()))


def _grouped(rows: QuerySet, field: str, name: str) -> QuerySet:
    return (
        rows.values(field, name)
        .annotate(**_step_counts(deal_steps=("sent", "accepted")))
        .order_by(field)
    )


#: the first headline figure
SENT = Column("sent", _("Proposals sent"), Kind.COUNT)

QUESTION = _("How many of the proposals sent in the period the clients accepted.")


def key_figure(scope: Scope) -> list[KeyFigure]:
    """The overview card: the acceptance rate (accepted ÷ sent proposals, the headline's), the
    deals sent a proposal and the deals whose proposal was accepted (the steps table's deals).
    One query."""
    accepted = STEPS["accepted"]
    figures = counted(scope).aggregate(
        sent=Count("pk"),
        accepted=Count("pk", filter=accepted),
        sent_deals=Count("deal", distinct=True),
        accepted_deals=Count("deal", filter=accepted, distinct=True),
    )
    return [
        KeyFigure(
            gettext("Acceptance rate"), rate(figures["accepted"], figures["sent"]), Kind.PERCENT
        ),
        KeyFigure(
            gettext("Deals sent a proposal"), figures["sent_deals"], cohort="deals", key="sent"
        ),
        KeyFigure(
            gettext("Deals accepted"), figures["accepted_deals"], cohort="deals", key="accepted"
        ),
    ]


def build(scope: Scope) -> Report:
    rows = counted(scope)
    figures = rows.aggregate(**_step_counts())
    viewed = median(rows.filter(STEPS["viewed"]), TO_VIEW)
    accepted = median(rows.filter(STEPS["accepted"], accepted_at__isnull=False), TO_ACCEPT)
    services = _group_rows(
        _grouped(rows, "deal__services", "deal__services__title"),
        "deal__services",
        "deal__services__title",
        gettext("No service"),
    )
    templates = _group_rows(
        _grouped(rows, "template", "template__name"),
        "template",
        "template__name",
        gettext("No template"),
    )
    return Report(
        tables=[
            _steps_table(figures),
            _timing_table(viewed, accepted),
            Table(
                name="services",
                title=_("Acceptance per service"),
                columns=_group_columns(Column("name", _("Service")), "service"),
                rows=services,
                chart=Chart("hbar", "name", ("acceptance",), _("Acceptance rate per service")),
            ),
            Table(
                name="templates",
                title=_("Acceptance per template"),
                columns=_group_columns(Column("name", _("Template")), "template"),
                rows=templates,
                chart=Chart("hbar", "name", ("acceptance",), _("Acceptance rate per template")),
            ),
        ],
        headline=[
            (SENT, figures["sent"], None),
            (
                Column("viewed", _("Viewed"), Kind.PERCENT),
                rate(figures["viewed"], figures["sent"]),
                None,
            ),
            (
                Column("accepted", _("Accepted"), Kind.PERCENT),
                rate(figures["accepted"], figures["sent"]),
                None,
            ),
            (
                Column("to_view", _("Median time to first view, hours"), Kind.NUMBER),
                _hours(viewed[1]),
                None,
            ),
            (
                Column("to_accept", _("Median time to acceptance, days"), Kind.DAYS),
                _days(accepted[1]),
                None,
            ),
        ],
    )


def _group_filter(field: str, key: str) -> Q | None:
    if key == NONE_KEY:
        return Q(**{f"{field}__isnull": True})
    if not key.isdigit() or len(key) > 18:
        return None
    return Q(**{field: int(key)})


def cohort(scope: Scope, name: str, key: str) -> QuerySet | None:
    """The deals of the counted proposals: ``deals`` per step (key: the step), ``service`` /
    ``service_accepted`` per service of the deal (key: its id or ``~none``), ``template`` /
    ``template_accepted`` per template (key: its id or ``~none``)."""
    rows = counted(scope)
    if name == "deals":
        if key not in STEPS:
            return None
        rows = rows.filter(STEPS[key])
    else:
        group, _sep, accepted = name.partition("_")
        field = {"service": "deal__services", "template": "template"}.get(group)
        if field is None or accepted not in ("", "accepted"):
            return None
        condition = _group_filter(field, key)
        if condition is None:
            return None
        rows = rows.filter(condition)
        if accepted:
            rows = rows.filter(STEPS["accepted"])
    return scope.deals.filter(pk__in=rows.values("deal"))
