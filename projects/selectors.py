"""Pure reads of projects: the experts' weekly load and availability.

How the load is computed (the one definition the builder, the Team workload screen and the
utilisation report share):

- weeks are ISO weeks, Monday to Sunday, named by their Monday; Monday–Friday are the working
  days, weekends carry no load;
- an assignment counts in a week for the working days of that week between its start and end
  (inclusive): a phase ending on a Wednesday loads that week 3/5 of its weekly hours;
- its weekly hours are its ``hours_per_week``, or its ``share_percent`` of the expert's capacity;
- the load is the sum of those hours over every assignment of accepted proposals whose deal is
  not lost, divided by the expert's capacity (``ExpertCapacity.hours_per_week``, 40 without a
  row), rounded to a whole percent;
- a manager's override replaces that percent for every week starting on or before its end date
  (it ends by itself after);
- an expert is "available from" the Monday of the first week, from the start asked, whose load
  is under 100 % (the start itself when that is its first week); none within :data:`HORIZON_WEEKS` weeks gives None.

Every function runs a fixed number of queries, whatever the number of experts and assignments.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from leads.choices import DealStatus
from proposals.availability import Availability
from proposals.choices import ProposalStatus

from .models import Assignment, ExpertCapacity
from .models.workload import DEFAULT_HOURS_PER_WEEK

WORKING_DAYS = 5
#: how far ahead "available from" looks
HORIZON_WEEKS = 52
#: the longest period a load is computed for (five years of weeks)
MAX_WEEKS = 260


@dataclass(frozen=True)
class WeekLoad:
    """One expert's week: ``hours`` booked of ``capacity``, ``percent`` as shown (the override's
    when ``overridden``), ``computed_percent`` from the assignments alone."""

    monday: datetime.date
    hours: Decimal
    capacity: Decimal
    percent: int
    computed_percent: int
    overridden: bool = False


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def working_days(first: datetime.date, last: datetime.date, monday: datetime.date) -> int:
    """Working days of the week starting on ``monday`` between ``first`` and ``last``."""
    start = max(first, monday)
    end = min(last, monday + datetime.timedelta(days=WORKING_DAYS - 1))
    return max((end - start).days + 1, 0)


def _percent(hours: Decimal, capacity: Decimal) -> int:
    if capacity <= 0:
        return 0
    return int((hours * 100 / capacity).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def active_assignments():
    """Assignments that count: their proposal is accepted and its deal not lost."""
    return Assignment.objects.filter(proposal__status=ProposalStatus.ACCEPTED).exclude(
        proposal__deal__status=DealStatus.LOST
    )


def capacities(expert_ids: Iterable[int]) -> dict[int, ExpertCapacity]:
    return {c.expert_id: c for c in ExpertCapacity.objects.filter(expert_id__in=list(expert_ids))}


def workload_by_week(
    *, experts: Iterable[int], start: datetime.date, weeks: int
) -> dict[int, list[WeekLoad]]:
    """Each expert's load for ``weeks`` ISO weeks from the one holding ``start``; two queries."""
    ids = list(dict.fromkeys(int(pk) for pk in experts))
    weeks = max(1, min(int(weeks), MAX_WEEKS))
    first = week_start(start)
    mondays = [first + datetime.timedelta(weeks=n) for n in range(weeks)]
    last = mondays[-1] + datetime.timedelta(days=6)
    found = capacities(ids)
    rows = (
        active_assignments()
        .filter(expert_id__in=ids, starts_on__lte=last, ends_on__gte=first)
        .values_list("expert_id", "starts_on", "ends_on", "hours_per_week", "share_percent")
    )
    by_expert: dict[int, list[tuple]] = defaultdict(list)
    for expert_id, *row in rows:
        by_expert[expert_id].append(row)
    result = {}
    for expert_id in ids:
        capacity_row = found.get(expert_id)
        capacity = capacity_row.hours_per_week if capacity_row else DEFAULT_HOURS_PER_WEEK
        loads = []
        for monday in mondays:
            hours = Decimal(0)
            for starts_on, ends_on, weekly, share in by_expert.get(expert_id, ()):
                days = working_days(starts_on, ends_on, monday)
                if not days:
                    continue
                weekly_hours = weekly if weekly is not None else capacity * (share or 0) / 100
                hours += weekly_hours * days / WORKING_DAYS
            computed = _percent(hours, capacity)
            overridden = bool(capacity_row and capacity_row.override_applies(monday))
            loads.append(
                WeekLoad(
                    monday=monday,
                    hours=hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                    capacity=capacity,
                    percent=capacity_row.override_percent if overridden else computed,
                    computed_percent=computed,
                    overridden=overridden,
                )
            )
        result[expert_id] = loads
    return result


def _weeks_between(start: datetime.date, end: datetime.date) -> int:
    return (week_start(end) - week_start(start)).days // 7 + 1


def expert_availability(
    *, expert_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, Availability]:
    """Peak load between ``start`` and ``end`` and the first week under 100 % from ``start``
    (looking :data:`HORIZON_WEEKS` ahead); the provider of ``proposals.availability``."""
    if end < start:
        start, end = end, start
    period = min(_weeks_between(start, end), MAX_WEEKS)
    loads = workload_by_week(experts=expert_ids, start=start, weeks=max(period, HORIZON_WEEKS))
    result = {}
    for expert_id, weeks in loads.items():
        in_period = weeks[:period]
        peak = max(in_period, key=lambda week: week.percent)
        free = next((max(week.monday, start) for week in weeks if week.percent < 100), None)
        result[expert_id] = Availability(
            expert_id=expert_id,
            peak_percent=peak.percent,
            peak_week=peak.monday if peak.percent > 0 else None,
            available_from=free,
        )
    return result
