"""The file's distinct stage, pipeline, owner, lost reason and currency values, and a first guess
of what each means here (the Values step shows them with a select each).

- ``distinct_values(table, mapping, *, cap=500) -> {target: Counter}``: one pass over the rows;
  at most ``cap`` distinct values per target are kept (the rest are counted under ``None``).
- ``guess_values(distinct, *, pipeline) -> {target: {value: "<id>" | ""}}``: stages by name in
  ``pipeline`` (then any pipeline), amoCRM's "Успешно реализовано" / "Закрыто и не реализовано"
  and Bitrix24's "Сделка успешна" / "Сделка провалена" → the pipeline's won / lost stage; owners
  by email, full name or username among the users who may own a deal (active, in Sales); pipelines and lost reasons by name; currencies by name
  ("Российский рубль" → RUB). A value with no guess is left out (the user chooses).
"""

from collections import Counter

from ..choices import StageKind
from ..models import LostReason, Pipeline
from .context import VALUE_TARGETS, name_key, user_keys, value_text
from .widgets import currency_code

WON_WORDS = frozenset(
    ["успешно реализовано", "сделка успешна", "успешна", "выиграна", "won", "closed won"]
)
LOST_WORDS = frozenset(
    [
        "закрыто и не реализовано",
        "сделка провалена",
        "провалена",
        "проиграна",
        "lost",
        "closed lost",
        "некачественный лид",
    ]
)


def distinct_values(table, mapping, *, cap: int = 500) -> dict[str, Counter]:
    """How often each value of the value targets occurs in the file (one pass, capped)."""
    columns = {int(column): key for column, key in mapping.items() if key in VALUE_TARGETS and key}
    found: dict[str, Counter] = {key: Counter() for key in columns.values()}
    for _row, cells in table.rows():
        for column, key in columns.items():
            text = value_text(cells[column]) if column < len(cells) else ""
            if not text:
                continue
            counter = found[key]
            if text in counter or len(counter) < cap:
                counter[text] += 1
            else:
                counter[None] += 1
    return found


def _by_name(objects, attribute="name") -> dict[str, object]:
    index = {}
    for obj in objects:
        index.setdefault(name_key(getattr(obj, attribute)), obj)
    return index


def guess_values(distinct, *, pipeline) -> dict[str, dict[str, str]]:
    """A first choice for each distinct value (ids as text, like ``job.value_mapping``)."""
    guessed: dict[str, dict[str, str]] = {}
    values = {key: [v for v in counter if v] for key, counter in distinct.items()}
    if values.get("deal.stage"):
        guessed["deal.stage"] = _guess_stages(values["deal.stage"], pipeline)
    if values.get("deal.pipeline"):
        pipelines = _by_name(Pipeline.objects.all())
        guessed["deal.pipeline"] = {
            value: str(pipelines[name_key(value)].pk)
            for value in values["deal.pipeline"]
            if name_key(value) in pipelines
        }
    if values.get("deal.owner"):
        from ..services.deals import sales_users  # here: leads.services imports this package

        index = {}
        for user in sales_users().order_by("pk"):
            for key in user_keys(user):
                index.setdefault(key, user)
        guessed["deal.owner"] = {
            value: str(index[name_key(value)].pk)
            for value in values["deal.owner"]
            if name_key(value) in index
        }
    if values.get("deal.lost_reason"):
        reasons = _by_name(LostReason.objects.all())
        guessed["deal.lost_reason"] = {
            value: str(reasons[name_key(value)].pk) if name_key(value) in reasons else "new"
            for value in values["deal.lost_reason"]
        }
    if values.get("deal.currency"):
        guessed["deal.currency"] = {
            value: code for value in values["deal.currency"] if (code := currency_code(value))
        }
    return guessed


def _guess_stages(values, pipeline) -> dict[str, str]:
    stages = list(pipeline.stages.all()) if pipeline is not None else []
    others = [
        stage
        for other in Pipeline.objects.prefetch_related("stages")
        if pipeline is None or other.pk != pipeline.pk
        for stage in other.stages.all()
    ]
    own, anywhere = _by_name(stages), _by_name(others)
    first = {
        kind: next((stage for stage in stages if stage.kind == kind), None)
        for kind in (StageKind.WON, StageKind.LOST)
    }
    guessed = {}
    for value in values:
        key = name_key(value)
        stage = own.get(key)
        if stage is None and key in WON_WORDS:
            stage = first[StageKind.WON]
        if stage is None and key in LOST_WORDS:
            stage = first[StageKind.LOST]
        stage = stage or anywhere.get(key)
        if stage is not None:
            guessed[value] = str(stage.pk)
    return guessed
