"""The pipeline a stage report looks at and its stages in the order a deal goes through them:
open stages by their order, then the won stages, then the lost ones.

The funnel and the time-in-stage reports read stages one pipeline at a time (a funnel mixing two
pipelines' stages would have no order); when the filters name no pipeline they take the default
one (the first when none is the default) and say so in a note.
"""

import dataclasses

from django.utils.translation import gettext

from leads.choices import StageKind
from leads.models import Pipeline

from .base import Scope


@dataclasses.dataclass(frozen=True)
class Stages:
    pipeline: Pipeline | None
    open: list  # open stages, in order
    won: list
    lost: list
    #: why this pipeline: a sentence for the report's notes when the filters chose none
    note: str = ""

    @property
    def ordered(self) -> list:
        """Every stage as the report's rows list them."""
        return [*self.open, *self.won, *self.lost]

    @property
    def by_key(self) -> dict:
        return {str(stage.pk): stage for stage in self.ordered}

    def ids(self, stages) -> list[int]:
        return [stage.pk for stage in stages]


def stages_of(scope: Scope) -> Stages:
    """The scope's pipeline (or the default one) and its stages: two queries."""
    pipeline, note = scope.pipeline, ""
    if pipeline is None:
        pipeline = Pipeline.objects.order_by("-is_default", "sort_order", "name", "pk").first()
        if pipeline is not None:
            note = gettext(
                "No pipeline was chosen: the report shows “%(name)s”, the default pipeline. "
                "Choose another one in the filters."
            ) % {"name": pipeline.name}
    if pipeline is None:
        return Stages(None, [], [], [])
    stages = list(pipeline.stages.order_by("sort_order", "pk"))
    return Stages(
        pipeline,
        [stage for stage in stages if stage.kind == StageKind.OPEN],
        [stage for stage in stages if stage.kind == StageKind.WON],
        [stage for stage in stages if stage.kind == StageKind.LOST],
        note,
    )


def pipeline_deals(scope: Scope, stages: Stages):
    """The scope's deals of the report's pipeline (none when there is no pipeline at all)."""
    if stages.pipeline is None:
        return scope.deals.none()
    return scope.deals.filter(pipeline=stages.pipeline)
