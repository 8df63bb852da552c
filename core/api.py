"""The public read-only API (Wagtail API v2): public pages only, public fields only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from .public import listable


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint over listable pages only (no internal-only cases).

    Internal fields are kept out by never listing them in ``api_fields``; relations to other
    pages list only listable ones (``CasePage.public_service_ids``).
    """

    def get_base_queryset(self):
        return listable(super().get_base_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
