"""The public read-only API (Wagtail API v2): public pages only, public fields only."""

import re

from django.utils.translation import gettext as _

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from .public import listable
from .untrusted import parse_positive_int

MAX_OFFSET = 10**9
SEARCH_OPERATORS = (None, "and", "or")
MAX_SEARCH_WORDS = 16


class BoundedPagination(WagtailPagination):
    """Wagtail's ``offset``/``limit``, with an offset no database refuses (a 500 before)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if parse_positive_int(offset, allow_zero=True, maximum=MAX_OFFSET) is None:
            raise BadRequestError(
                _("offset must be an integer from 0 to %(max)d") % {"max": MAX_OFFSET}
            )
        return super().paginate_queryset(queryset, request, view)


class _WithGet:
    """A request with other query parameters: what ``SearchFilter`` reads."""

    def __init__(self, request, get):
        self._request, self.GET = request, get

    def __getattr__(self, name):
        return getattr(self._request, name)


class WordsSearchFilter(SearchFilter):
    """``?search=``: only its words reach the search backend. Quotes, brackets or a NUL in the
    query answered 500 on SQLite's full-text syntax; a query without words finds nothing."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator") not in SEARCH_OPERATORS:
            raise BadRequestError(_("search_operator must be 'and' or 'or'"))
        words = re.findall(r"\w+", request.GET["search"][:1000])[:MAX_SEARCH_WORDS]
        if not words:
            return queryset.none()
        get = request.GET.copy()
        get["search"] = " ".join(words)
        return super().filter_queryset(_WithGet(request, get), queryset, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint over listable pages only (no internal-only cases).

    Internal fields are kept out by never listing them in ``api_fields``; relations to other
    pages list only listable ones (``CasePage.public_service_ids``).
    """

    pagination_class = BoundedPagination
    filter_backends = [
        WordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_base_queryset(self):
        return listable(super().get_base_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
