from wagtail.snippets.models import register_snippet

from .viewsets import ServiceCategoryViewSet

register_snippet(ServiceCategoryViewSet)
