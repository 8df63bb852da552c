"""Background work of the core app: the generated cover and social picture of a page."""

from django_tasks import task


@task()
def draw_social_image(page_id: int) -> bool:
    """Draw (or delete) the generated picture of page ``page_id`` (``core.social_images``);
    True when it drew. A page deleted since has nothing to draw."""
    from wagtail.models import Page

    from .social_images import SocialImageMixin, refresh_social_image

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return False
    page = page.specific
    if not isinstance(page, SocialImageMixin):
        return False
    return refresh_social_image(page)


@task()
def redraw_site_social_images(site_id: int) -> int:
    """The site's look changed (its brand colour, its company name): every live page's picture
    is drawn again where what it shows changed; how many were drawn."""
    from wagtail.models import Site

    from .social_images import SocialImageMixin, refresh_social_image

    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    if site is None:
        return 0
    drawn = 0
    for model in _page_models(SocialImageMixin):
        # pages without a picture yet get theirs at their next publish
        pages = (
            model.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .filter(generated_image__isnull=False)
        )
        for page in pages.iterator(chunk_size=200):
            drawn += refresh_social_image(page)
    return drawn


def _page_models(base) -> list:
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if issubclass(model, base)]
