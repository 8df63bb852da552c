"""The public read-only API (Wagtail API v2): public pages only, public fields only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint without internal-only cases.

    Internal fields are kept out by never listing them in ``api_fields``.
    """

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.exclude(casepage__visibility="internal")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
