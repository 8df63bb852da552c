"""Keeps the experts' assignments in step with the proposals (connected in ProjectsConfig)."""

import logging

from django.db import transaction

from proposals.choices import ProposalStatus

logger = logging.getLogger(__name__)


def proposal_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """An accepted proposal books its team (an accepted proposal is final; its deal being lost
    later drops it out of the load, see ``projects.selectors``). Only a
    save that may change the status is looked at (the PDF or a view count leave it alone).
    Never raises: a failure to book must not undo the client's acceptance (it is logged, and
    ``assignments_from_proposal`` can be run again)."""
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status != ProposalStatus.ACCEPTED:
        return
    from .services.workload import assignments_from_proposal

    try:
        with transaction.atomic():
            assignments_from_proposal(proposal=instance)
    except Exception:
        logger.exception("Booking the team of proposal %s failed", instance.pk)
