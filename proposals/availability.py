"""How busy the experts are, for the proposal builder, without proposals importing projects.

projects (which knows the experts' assignments and capacities) registers a provider in its
``ready()``; proposals asks :func:`expert_availability`. Without a provider nothing is known and
the builder ranks by competencies only. Same shape as ``leads.filters.register_deal_cohort``.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Availability:
    """An expert's load over a period.

    ``peak_percent``: the highest weekly load in the period (100 = fully booked);
    ``peak_week``: the Monday of that week (None when the expert has no load at all);
    ``available_from``: the Monday of the first week from the period's start loaded under
    100 %, None when there is none within the provider's horizon."""

    expert_id: int
    peak_percent: int
    peak_week: datetime.date | None
    available_from: datetime.date | None

    @property
    def overbooked(self) -> bool:
        return self.peak_percent >= 100


#: ``provider(*, expert_ids, start, end) -> dict[int, Availability]``
Provider = Callable[..., dict[int, Availability]]

_PROVIDERS: list[Provider] = []


def register_expert_availability(provider: Provider) -> Provider:
    """Let an app above proposals (projects) say how busy the experts are. The last provider
    registered answers; registering the same one twice changes nothing."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def expert_availability(
    *, expert_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, Availability]:
    """The experts' availability between ``start`` and ``end`` (inclusive); empty when no app
    provides it (experts missing from the answer have no known load)."""
    ids = list(expert_ids)
    if not _PROVIDERS or not ids:
        return {}
    return _PROVIDERS[-1](expert_ids=ids, start=start, end=end)
