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
