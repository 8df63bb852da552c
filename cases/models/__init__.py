"""The portfolio: case studies with measurable results, testimonials and the team."""

from .index import CaseIndexPage
from .inlines import CaseMetric, CaseTeamMember
from .pages import CasePage
from .snippets import Industry

__all__ = ["CaseIndexPage", "CaseMetric", "CasePage", "CaseTeamMember", "Industry"]
