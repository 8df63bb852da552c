"""The public read-only API (Wagtail API v2): public pages only, public fields only."""

import re

from django.utils.translation import gettext as _

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from .public import listable

MAX_OFFSET = 10**9
_MAX_DIGITS = len(str(2**63 - 1))  # longer strings are refused unread, as everywhere
SEARCH_OPERATORS = (None, "and", "or")
MAX_SEARCH_WORDS = 16


def _is_offset(value: str) -> bool:
    """ASCII digits only (no sign, space or Unicode digit), 0 to ``MAX_OFFSET``: what
    ``core.untrusted.parse_positive_int`` accepts, written out so serving needs no project app."""
    return (
        0 < len(value) <= _MAX_DIGITS
        and value.isascii()
        and value.isdigit()
        and int(value) <= MAX_OFFSET
    )


class BoundedPagination(WagtailPagination):
    """Wagtail's ``offset``/``limit``, with an offset no database refuses (a 500 before)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if not _is_offset(offset):
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
    pages list only listable ones (each page model's API fields use ``listable`` too).
    """

    pagination_class = BoundedPagination
    filter_backends = [
        WordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_base_queryset(self):
        return listable(super().get_base_queryset())

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.page_cache_exempt = True  # answers depend on the query string; never kept
        return response


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
