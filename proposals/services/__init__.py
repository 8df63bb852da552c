"""Every write on proposals: create from a deal, recalculate, add evidence, send, revise,
revoke, and the client's view, acceptance and decline.

Split by who acts and when: ``drafting`` (sales shaping a draft), ``sending`` (freezing it and
its private link), ``answers`` (the client on the public page). Callers import from here.
"""

from .answers import proposal_accept, proposal_decline, proposal_record_view
from .drafting import (
    DEFAULT_VALID_DAYS,
    proposal_add_case,
    proposal_add_expert,
    proposal_create_from_deal,
    proposal_recalculate,
    proposal_revise,
)
from .sending import TOKEN_BYTES, proposal_link_state, proposal_revoke, proposal_send

__all__ = [
    "DEFAULT_VALID_DAYS",
    "TOKEN_BYTES",
    "proposal_accept",
    "proposal_add_case",
    "proposal_add_expert",
    "proposal_create_from_deal",
    "proposal_decline",
    "proposal_link_state",
    "proposal_recalculate",
    "proposal_record_view",
    "proposal_revise",
    "proposal_revoke",
    "proposal_send",
]
