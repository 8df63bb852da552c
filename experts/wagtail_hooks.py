from wagtail.snippets.models import register_snippet

from .viewsets import CompetencyViewSet

register_snippet(CompetencyViewSet)
