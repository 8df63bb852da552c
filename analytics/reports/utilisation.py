"""Utilisation: how booked the experts (and each competency) are over the next 12 weeks, from
the assignments of accepted proposals (projects.selectors: the same figures as the Team
workload screen and the proposal builder). Internal: on the Sales screens only."""

import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from experts.models import ExpertCompetency, ExpertPage
from projects import selectors

from ..base import Column, Kind, Report, Scope, Table
from ..key_figures import KeyFigure

TITLE = _("Utilisation")
QUESTION = _("How booked the experts are over the coming weeks.")
DEFINITIONS = _(
    "The 12 ISO weeks (Monday to Sunday) from the current one, whatever the period and the "
    "deal filters: an expert's time is booked by every accepted proposal whose deal is not "
    "lost. An expert's week = hours of their assignments in that week ÷ their hours a week "
    "(40 unless set on the Team workload screen); an assignment covering part of a week counts "
    "its working days there (Monday to Friday, each a fifth of the week); a manager's override "
    "replaces the figure until its end date. A competency's week = the booked hours of the "
    "published experts having it ÷ their hours a week together (an expert with two "
    "competencies counts in both). Over 100 % = booked beyond the usual week."
)

WEEKS = 12


def _week_columns(mondays: list[datetime.date]) -> list[Column]:
    return [
        Column(
            f"w{number}",
            gettext("Week of %(date)s")
            % {"date": formats.date_format(monday, "SHORT_DATE_FORMAT")},
            Kind.PERCENT,
        )
        for number, monday in enumerate(mondays)
    ]


def _fraction(hours: Decimal, capacity: Decimal) -> Decimal | None:
    if not capacity:
        return None
    return (hours / capacity).quantize(Decimal("0.0001"))


def _booked(week) -> Decimal:
    """The hours the shown percent stands for (an override's percent of the capacity)."""
    return week.capacity * week.percent / 100 if week.overridden else week.hours


def build(scope: Scope, *, weeks: int = WEEKS) -> Report:
    """Four queries whatever the number of experts and assignments: the experts, their
    competencies, their capacities and the assignments in the 12 weeks."""
    start = timezone.localtime(scope.now).date()
    experts = list(ExpertPage.objects.live().order_by("title").values_list("pk", "title"))
    ids = [pk for pk, _title in experts]
    loads = selectors.workload_by_week(experts=ids, start=start, weeks=weeks)
    mondays = [week.monday for week in next(iter(loads.values()), [])] or [
        selectors.week_start(start) + datetime.timedelta(weeks=n) for n in range(weeks)
    ]
    columns = _week_columns(mondays)
    by_expert = []
    for pk, title in experts:
        row = {"key": str(pk), "expert": title}
        for column, week in zip(columns, loads[pk], strict=True):
            row[column.name] = Decimal(week.percent) / 100
        by_expert.append(row)
    competencies: dict[int, dict] = {}
    links = (
        ExpertCompetency.objects.filter(expert_id__in=ids)
        .order_by("competency__name", "competency_id")
        .values_list("competency_id", "competency__name", "expert_id")
        .distinct()
    )
    for competency_id, name, expert_id in links:
        group = competencies.setdefault(competency_id, {"name": name, "experts": []})
        group["experts"].append(expert_id)
    by_competency = []
    for competency_id, group in competencies.items():
        row = {
            "key": str(competency_id),
            "competency": group["name"],
            "experts": len(group["experts"]),
        }
        for index, column in enumerate(columns):
            weeks_of = [loads[expert_id][index] for expert_id in group["experts"]]
            row[column.name] = _fraction(
                sum((_booked(week) for week in weeks_of), Decimal(0)),
                sum((week.capacity for week in weeks_of), Decimal(0)),
            )
        by_competency.append(row)
    return Report(
        tables=[
            Table(
                name="by_expert",
                title=gettext("By expert"),
                columns=[Column("expert", gettext("Expert")), *columns],
                rows=by_expert,
            ),
            Table(
                name="by_competency",
                title=gettext("By competency"),
                columns=[
                    Column("competency", gettext("Competency")),
                    Column("experts", gettext("Experts"), Kind.NUMBER),
                    *columns,
                ],
                rows=by_competency,
            ),
        ],
        notes=[] if experts else [gettext("No published experts.")],
    )


def key_figure(scope: Scope) -> list[KeyFigure]:
    """The overview card: the team's booked hours over its hours in the next four weeks
    (override included), and how many experts are booked 100 % or more in one of them."""
    start = timezone.localtime(scope.now).date()
    ids = list(ExpertPage.objects.live().values_list("pk", flat=True))
    loads = selectors.workload_by_week(experts=ids, start=start, weeks=4)
    weeks = [week for expert_weeks in loads.values() for week in expert_weeks]
    booked = sum((_booked(week) for week in weeks), Decimal(0))
    capacity = sum((week.capacity for week in weeks), Decimal(0))
    full = sum(1 for expert_weeks in loads.values() if any(w.percent >= 100 for w in expert_weeks))
    return [
        KeyFigure(gettext("Team booked, next 4 weeks"), _fraction(booked, capacity), Kind.PERCENT),
        KeyFigure(gettext("Experts fully booked in one of them"), full, Kind.NUMBER),
    ]
