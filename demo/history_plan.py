"""The random model behind ``demo.pipeline_history``: how one deal's life goes, as plain data
(stages and moments, its outcome, its source and its proposal), with no database access, so the
generator stays fast and every choice is drawn from one seeded ``random.Random`` in a fixed order.

The model, in short (what the reports are meant to find in it):

* a deal walks its pipeline's open stages in order, sometimes skipping one (12 %), sometimes won
  straight from one of the last three stages (4 %); at every stage it may be lost (22 % at the
  first, 12 % later, less for good sources and for visitors who read cases) or stall (2 %);
  a few lost deals (5 %) are reopened one stage back and walk on;
* when more stage changes per deal are asked for than the walk makes, the deal goes back one
  stage and forward again (re-qualification, a second meeting) as often as needed;
* its moves are spread over a lifetime of about five weeks (log-normal), shorter in pipelines
  with fewer stages; moves after the end of the range are cut, so recent deals are still open;
* lost reasons depend on the stage: "not a target" and "no response" early, price and
  competitors late, "declined the proposal" once a proposal was sent.
"""

import dataclasses
import datetime
import math
import random

#: (utm_source, utm_medium, campaigns, weight, win bias); None: no UTM tags (direct visits)
CHANNELS = [
    ("yandex", "cpc", ["brand", "services", "retargeting"], 25, 0.0),
    ("google", "cpc", ["brand", "services"], 12, 0.0),
    ("yandex", "organic", [], 15, 0.1),
    ("google", "organic", [], 8, 0.1),
    ("telegram", "social", ["launch", "webinar"], 8, -0.15),
    ("partner", "referral", ["partners"], 7, 0.3),
    ("email", "newsletter", ["digest"], 5, 0.05),
    (None, None, [], 20, 0.05),
]
CHANNEL_WEIGHTS = [channel[3] for channel in CHANNELS]
#: requests per month, January first: quiet in January, May and August, busy in spring and autumn
SEASON = [0.6, 0.9, 1.15, 1.2, 0.8, 0.95, 0.8, 0.65, 1.15, 1.3, 1.25, 1.0]
#: loss weights over the lost reasons in the migrations' order (not a target, price, competitor,
#: no budget, no response, bad timing, declined the proposal); extra reasons weigh 1
EARLY_REASONS = [6, 1, 1, 2, 5, 2, 0]
LATE_REASONS = [0, 4, 4, 2, 1, 2, 0]
PROPOSAL_REASONS = [0, 4, 3, 1, 1, 1, 6]


@dataclasses.dataclass(frozen=True)
class Flow:
    """A pipeline's stages as the walk sees them: the open ones in order, the won and the lost,
    and the positions (in ``open``) of the stages proposals being sent / accepted lead to."""

    pipeline_id: int
    open: list  # [Stage]
    won: object
    lost: object
    sent_index: int | None
    accepted_index: int | None


@dataclasses.dataclass
class Life:
    """One deal's planned life: ``moves`` are (stage, moment) from its first stage on."""

    moves: list
    reopened: bool = False


def walk(rng: random.Random, flow: Flow, bias: float) -> Life:
    """The stages a deal goes through (without moments yet)."""
    stages, i, reopened = [flow.open[0]], 0, False
    count = len(flow.open)
    while True:
        loss = (0.22 if i == 0 else 0.12) * (1 - bias)
        draw = rng.random()
        if draw < loss:
            stages.append(flow.lost)
            if reopened or rng.random() >= 0.05:
                break
            reopened = True
            i = max(i - 1, min(1, count - 1))
            stages.append(flow.open[i])
            continue
        if draw < loss + 0.02:
            break  # stalled: still open, going nowhere
        if i == count - 1 or (i >= count - 3 and draw > 0.96):
            stages.append(flow.won)
            break
        i += 2 if (i + 2 < count and rng.random() < 0.12) else 1
        stages.append(flow.open[i])
    return Life(moves=stages, reopened=reopened)


def add_loops(rng: random.Random, flow: Flow, life: Life, loops: int) -> None:
    """Send the deal back one stage and forward again ``loops`` times (where it can)."""
    position = {stage.pk: n for n, stage in enumerate(flow.open)}
    for _ in range(loops):
        candidates = [
            k
            for k, stage in enumerate(life.moves)
            if position.get(getattr(stage, "pk", None), 0) > 0
        ]
        if not candidates:
            return
        k = rng.choice(candidates)
        stage = life.moves[k]
        life.moves[k + 1 : k + 1] = [flow.open[position[stage.pk] - 1], stage]


def schedule(
    rng: random.Random,
    life: Life,
    created: datetime.datetime,
    limit: datetime.datetime,
    scale: float,
) -> None:
    """Give the moves their moments within a lifetime drawn around five weeks, the first at
    ``created``; moves after ``limit`` are cut (the deal is still in the stage it reached)."""
    days = min(rng.lognormvariate(math.log(35 * scale), 0.7), 330)
    span = datetime.timedelta(days=days)
    offsets = sorted(rng.random() for _ in range(len(life.moves) - 1))
    moments = [created] + [created + span * offset for offset in offsets]
    life.moves = [
        (stage, moment)
        for stage, moment in zip(life.moves, moments, strict=True)
        if moment <= limit
    ]


def reason_weights(count: int, early: bool, after_proposal: bool) -> list[int]:
    weights = PROPOSAL_REASONS if after_proposal else EARLY_REASONS if early else LATE_REASONS
    return [weights[n] if n < len(weights) else 1 for n in range(count)]


def creation_days(start: datetime.date, end: datetime.date) -> tuple[list, list]:
    """Every day of the range with its cumulative weight (season and weekday): for
    ``rng.choices(days, cum_weights=...)``."""
    days, total, cumulative = [], 0.0, []
    day = start
    while day <= end:
        total += SEASON[day.month - 1] * (0.25 if day.weekday() >= 5 else 1.0)
        days.append(day)
        cumulative.append(total)
        day += datetime.timedelta(days=1)
    return days, cumulative


def rounded(value: float, step: int) -> int:
    return max(step, int(round(value / step)) * step)
