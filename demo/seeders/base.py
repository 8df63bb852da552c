"""What every seeder shares: the language, the page counter and the pause on index updates."""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.models import Page

from tqdm import tqdm

GENERATED_PREFIX = "generated-"


@contextmanager
def index_updates_paused():
    """Skip per-save search and reference index tasks; the caller rebuilds the indexes once."""
    from django.apps import apps

    from wagtail.signal_handlers import disable_reference_index_auto_update

    from modelsearch.signal_handlers import post_save_signal_handler

    disconnected = [
        model
        for model in apps.get_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


class Seeding:
    """One run of the seeders in one language (``en`` or ``ru``): passed to every seeder so
    they pick the same language and add to the same count of created pages."""

    def __init__(self, *, lang: str = "en", stdout=None):
        self.lang = lang
        self.index = 1 if lang == "ru" else 0
        self.stdout = stdout
        self.created = 0

    def t(self, pair):
        """Pick the text of the seeding language from an ``(english, russian)`` pair."""
        if isinstance(pair, tuple):
            return pair[self.index]
        return pair

    def log(self, message: str) -> None:
        if self.stdout:
            self.stdout.write(message)

    def add_page(self, parent: Page, page: Page) -> Page:
        """Publish ``page`` under ``parent``, or return the child already there with its slug."""
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing:
            return existing.specific
        page.first_published_at = page.first_published_at or timezone.now()
        page.last_published_at = page.first_published_at
        parent.add_child(instance=page)
        self.created += 1
        return page

    def generate(self, parent, model, count, build, rng, covers) -> list[Page]:
        """Add generated ``model`` pages under ``parent`` up to ``count`` (for ``--scale``);
        ``build(number, rng, covers)`` makes one unsaved page."""
        existing = model.objects.child_of(parent).filter(slug__startswith=GENERATED_PREFIX).count()
        made = []
        if existing >= count:
            return made
        progress = tqdm(
            total=count, initial=existing, desc=f"{model._meta.verbose_name_plural}", unit="page"
        )
        for number in range(existing, count):
            page = build(self, number, rng, covers)
            with transaction.atomic():
                made.append(self.add_page(parent, page))
            progress.update(1)
        progress.close()
        return made
