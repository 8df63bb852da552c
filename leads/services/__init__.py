"""Every write that follows a business rule of the sales pipeline.

Views, admin screens, the API and commands call these functions and never re-implement them.
Each function is one transaction and writes its own timeline entry.
"""

from .apikeys import apikey_authenticate, apikey_create
from .capture import (
    RateLimited,
    lead_accept_suspected,
    lead_capture,
    lead_clean,
    lead_process,
    lead_process_pending,
    lead_receive,
)
from .contacts import contact_erase, contact_export, contact_find_or_create, contact_merge
from .deal_fields import deal_reassign, deal_set_custom_values
from .deals import (
    activity_log,
    deal_close_lost,
    deal_close_won,
    deal_create,
    deal_move_to_stage,
    lead_qualify,
    task_complete,
    task_create,
)
from .lead_meta import LeadMeta
from .milestones import deal_ask_whether_lost, deal_reach_milestone, next_working_morning

__all__ = [
    "LeadMeta",
    "RateLimited",
    "activity_log",
    "apikey_authenticate",
    "apikey_create",
    "contact_erase",
    "contact_export",
    "contact_find_or_create",
    "contact_merge",
    "deal_close_lost",
    "deal_close_won",
    "deal_ask_whether_lost",
    "deal_create",
    "deal_move_to_stage",
    "deal_reach_milestone",
    "deal_reassign",
    "deal_set_custom_values",
    "lead_accept_suspected",
    "lead_capture",
    "lead_clean",
    "lead_process",
    "lead_process_pending",
    "lead_receive",
    "lead_qualify",
    "next_working_morning",
    "task_complete",
    "task_create",
]
