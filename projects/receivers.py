"""projects listens to the pipeline (leads never imports projects): a stage change that ends a
deal's sale queues its draft case.

Which change that is comes from the pipeline's :class:`projects.models.PipelineCaseSetting`:
entering a won stage (the default, also for a pipeline without a setting), or leaving the
pipeline's delivery stage forward. The case is made after the deal's transaction committed, in
a task: a failure there is logged and never undoes the move (``deal_move_to_stage``).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _ends_sale(change) -> bool:
    from leads.choices import StageKind

    from .choices import CaseTrigger
    from .models import PipelineCaseSetting

    to_stage, from_stage = change.to_stage, change.from_stage
    setting = PipelineCaseSetting.objects.filter(pipeline_id=to_stage.pipeline_id).first()
    if setting is None or setting.trigger == CaseTrigger.WON or setting.stage_id is None:
        return to_stage.kind == StageKind.WON
    if from_stage is None or change.from_stage_id != setting.stage_id:
        return False
    if to_stage.kind == StageKind.LOST:
        return False
    return to_stage.kind == StageKind.WON or to_stage.sort_order > from_stage.sort_order


def _enqueue(deal_id: int) -> None:
    from .tasks import case_draft_for_deal

    try:
        case_draft_for_deal.enqueue(deal_id)
    except Exception:
        logger.exception("Could not queue the draft case of deal %s", deal_id)


def stage_changed(sender, instance, created=False, raw=False, **kwargs):
    """A new :class:`leads.models.StageChange`: queue the deal's draft case if it ends the sale."""
    if raw or not created:
        return
    try:
        with transaction.atomic():  # a failing query must not break the deal's transaction
            ends = _ends_sale(instance)
    except Exception:
        logger.exception("Could not tell whether stage change %s ends a sale", instance.pk)
        return
    if not ends:
        return
    deal_id = instance.deal_id
    transaction.on_commit(lambda: _enqueue(deal_id), robust=True)
