"""Find the page for a URL in two queries instead of one per level of the tree."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page


def page_for_path(root: Page, path_components: list[str]) -> Page | None:
    """The live page at ``path_components`` below ``root``, as its specific class, or None."""
    url_path = root.url_path + "/".join(path_components) + "/"
    row = Page.objects.filter(url_path=url_path, live=True).values("pk", "content_type_id").first()
    if row is None:
        return None
    model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
    if model is None:
        return None
    return model.objects.filter(pk=row["pk"]).first()
