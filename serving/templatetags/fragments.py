"""``{% fragment "name" vary… on dependency… %}…{% endfragment %}``: render a piece of a public
page once, until a change touches what it shows.

Header, footer, cards, the empty request form and the lists a page gathers from other pages (a
service's cases and experts, an expert's cases) are the same for every visitor and change only
when content does, yet rendering them is most of a page's cost. The rendered HTML is kept
in this process (:func:`serving.content_version.memoize`) under the fragment's name, the language,
the site, the live app's address and the ``vary`` values the caller gives (the page a card
shows, the active menu section). It is kept until a change names one of the ``on`` values (a
page stands for ``page:<pk>``, a string for itself: ``"menu"``, ``"cases"``; see
:mod:`serving.change_tags`), or any change when there are none. Previews always render afresh:
they show unpublished content.
Nothing that differs per visitor (tokens, time, messages) may go inside a fragment.

Why not Wagtail's ``{% wagtailcache %}`` / ``{% wagtailpagecache %}``: they are Django's
``{% cache %}`` with a preview bypass, so every fragment is a round trip to the cache backend
(pickling on local memory, the network with Redis) and a timeout instead of the content version
ends an entry. Measured with ``tests/bench/fragments.py`` (warm process, full-page cache off,
the project's default local-memory cache, the same key for both; median ms per request, best of
an A/B/B/A run, on a shared 2-core machine under load; the same queries either way):

    page                                  {% fragment %}    {% wagtailcache %}
    service page (cases, experts)         49.3 ms, 6 q      72.4 ms, 6 q
    home page                             50.2 ms, 4 q      71.7 ms, 4 q
    case index                            53.5 ms, 3 q      63.9 ms, 3 q

Never faster, often slower; so the templates keep ``{% fragment %}``.
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page

from ..content_version import memoize
from ..public import site_for_request

register = template.Library()


def _tag(value) -> str:
    return f"page:{value.pk}" if isinstance(value, Page) else str(value)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, depends):
        self.nodelist, self.name, self.vary, self.depends = nodelist, name, vary, depends

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        site = site_for_request(request)
        key = (
            "fragment",
            self.name.resolve(context),
            get_language(),
            site.pk if site else None,
            settings.PUBLIC_APP_URL,
            *(value.resolve(context) for value in self.vary),
        )
        tags = tuple(_tag(value.resolve(context)) for value in self.depends)
        return memoize(key, lambda: self.nodelist.render(context), tags=tags)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    vary, depends = bits[2:], []
    if "on" in vary:
        at = vary.index("on")
        vary, depends = vary[:at], vary[at + 1 :]
        if not depends:
            raise template.TemplateSyntaxError("{% fragment … on %} needs what it depends on")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(b) for b in vary],
        [parser.compile_filter(b) for b in depends],
    )
