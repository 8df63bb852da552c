"""Proposals are reached through their deal: the deal permission policy decides (leads/permissions.py)."""

from leads.permissions import ThroughDealPermissionPolicy

proposal_policy = ThroughDealPermissionPolicy("proposals.Proposal")
