"""``{% fragment "name" vary… %}…{% endfragment %}``: render a piece of a public page once per
content version.

Header, footer, cards, the empty request form and the lists a page gathers from other pages (a
service's cases and experts, an expert's cases) are the same for every visitor and change only
when content does, yet rendering them is most of a page's cost. The rendered HTML is kept
in this process (:func:`serving.content_version.memoize`) under the fragment's name, the language,
the site, the live app's address and the ``vary`` values the caller gives (the page a card
shows, the active menu section). Previews always render afresh: they show unpublished content.
Nothing that differs per visitor (tokens, time, messages) may go inside a fragment.
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from ..content_version import memoize
from ..public import site_for_request

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

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
        return memoize(key, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
