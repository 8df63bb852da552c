from wagtail.snippets.models import register_snippet

from .viewsets import IndustryViewSet

register_snippet(IndustryViewSet)
