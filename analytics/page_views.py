"""The pages each deal's visitor read, as rows of :class:`analytics.models.DealPageView`.

``Deal.visitor_path`` is what the visitor's own browser recorded on this site for the visit that
sent the request (``leads.visitor``: the last 20 pages, ``{"url", "title", "at"}`` each), and
``Deal.first_touch["landing"]`` the page their first visit (kept 90 days) landed on. Counting
over JSON arrays differs on every database (``json_each`` on SQLite, ``jsonb_array_elements`` on
PostgreSQL), so the content report reads these rows instead, written here from Python.

An address is reduced to its path (query and fragment dropped, a trailing slash added, as
Wagtail's ``url_path`` has) and resolved to a page **by the pages' current addresses**: the
site's root ``url_path`` + the path (the site whose hostname the address names, else the default
site); an address no page has now is looked up in Wagtail's redirects (moving a page creates
one), else it stays unresolved (``page`` None: the report says how many). A row keeps the page
it resolved to when written; ``rebuild`` resolves every deal again.

What the rows of a deal say (it read a content page, it has a path, its first visit landed on a
content page: :data:`FLAGS`) is also stored on the deal's facts row
(:class:`analytics.models.DealFacts`), written with the rows (:func:`mark_facts`; a facts row
written later reads them from the rows), so the content report's totals count the facts rows
instead of probing the page views three times per deal.

The functions take the models as arguments so that the migration filling the table runs the
same code on its historical models (:func:`live_models` gives the real ones).
"""

from collections.abc import Iterable
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from django.apps import apps as global_apps
from django.db.models import Exists, OuterRef, Q

#: the Deal fields the rows come from: saving a deal that changes none of them changes no row
TOUCH_FIELDS = ("visitor_path", "first_touch", "landing_page")
#: the page types that are content (cases, services, experts); the home page, indexes, search
#: and the contact form are not
CONTENT_MODELS = (("cases", "casepage"), ("catalog", "servicepage"), ("experts", "expertpage"))
CHUNK = 2000
#: DealPageView.READ and LANDING (a migration's historical model has no class attributes)
READ, LANDING = "read", "landing"
MAX_PATH = 2000


def live_models(apps=global_apps) -> SimpleNamespace:
    """The models the functions below use, from ``apps`` (a migration's historical apps)."""
    return SimpleNamespace(
        Deal=apps.get_model("leads", "Deal"),
        DealPageView=apps.get_model("analytics", "DealPageView"),
        DealFacts=_facts_model(apps),
        Page=apps.get_model("wagtailcore", "Page"),
        Site=apps.get_model("wagtailcore", "Site"),
        Redirect=apps.get_model("wagtailredirects", "Redirect"),
        ContentType=apps.get_model("contenttypes", "ContentType"),
    )


def _facts_model(apps):
    """DealFacts when it has the flags below, else None (a migration's state from before them)."""
    try:
        model = apps.get_model("analytics", "DealFacts")
    except LookupError:
        return None
    return model if has_flags(model) else None


def has_flags(model) -> bool:
    return all(any(f.name == name for f in model._meta.get_fields()) for name in FLAGS)


#: what the deal's rows say, stored on its facts row (analytics.models.DealFacts): the filters
#: of the rows each flag is the existence of
FLAGS = {
    "read_content": {"role": READ, "content": True},
    "has_path": {"role": READ},
    "landed_content": {"role": LANDING, "content": True},
}


def flags(models, deal: str) -> dict:
    """The flags as expressions over the page views of the deal whose id is ``deal`` (an outer
    reference: "pk" from a deal, "deal_id" from a facts row)."""
    views = models.DealPageView.objects.filter(deal_id=OuterRef(deal))
    return {name: Exists(views.filter(**where)) for name, where in FLAGS.items()}


def mark_facts(deal_ids: Iterable[int] | None, models) -> None:
    """Write the flags of these deals' facts rows (every row for None) from their page views; a
    deal without a facts row yet gets them when it is written (``deal_facts._facts``)."""
    if models.DealFacts is None:
        return
    rows = models.DealFacts.objects.all()
    if deal_ids is not None:
        rows = rows.filter(deal_id__in=list(deal_ids))
    rows.update(**flags(models, "deal_id"))


def address(url) -> tuple[str, str] | None:
    """``(hostname, path)`` of a link or a site-relative address; None when there is no path."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:  # "http://[::1" and other broken links
        return None
    path = unquote(parts.path)
    if not path.startswith("/"):
        return None
    if not path.endswith("/"):
        path += "/"
    return host, path[:MAX_PATH]


def _touch(visitor_path, first_touch, landing_page):
    """The deal's distinct read addresses with their first position, and its first landing."""
    reads, seen = [], set()
    for position, item in enumerate(visitor_path if isinstance(visitor_path, list) else []):
        found = address(item.get("url")) if isinstance(item, dict) else None
        if found and found not in seen:
            seen.add(found)
            reads.append((position, found))
    landing = first_touch.get("landing") if isinstance(first_touch, dict) else None
    # no first touch stored (older requests): the last touch was the first, as leads.visitor says
    return reads, address(landing) or address(landing_page)


class Resolver:
    """Addresses → ``(page id, is content)``, two or three queries per batch of addresses."""

    def __init__(self, models):
        self.models = models
        sites = list(
            models.Site.objects.order_by("-is_default_site", "pk").values_list(
                "hostname", "root_page__url_path"
            )
        )
        self.roots = {hostname.lower(): root for hostname, root in sites}
        self.default_root = sites[0][1] if sites else None
        query = Q(pk__in=[])
        for app_label, model in CONTENT_MODELS:
            query |= Q(app_label=app_label, model=model)
        self.content_types = set(
            models.ContentType.objects.filter(query).values_list("pk", flat=True)
        )

    def url_path(self, found: tuple[str, str]) -> str | None:
        root = self.roots.get(found[0], self.default_root)
        return None if root is None else root.rstrip("/") + found[1]

    def resolve(self, addresses: Iterable[tuple[str, str]]) -> dict:
        addresses = set(addresses)
        wanted: dict[str, list] = {}
        for found in addresses:
            wanted.setdefault(self.url_path(found), []).append(found)
        wanted.pop(None, None)
        resolved = {}
        for page_id, url_path, content_type in self.models.Page.objects.filter(
            url_path__in=list(wanted)
        ).values_list("pk", "url_path", "content_type_id"):
            for found in wanted[url_path]:
                resolved[found] = (page_id, content_type in self.content_types)
        missing: dict[str, list] = {}
        for found in addresses - set(resolved):
            missing.setdefault(found[1].rstrip("/") or "/", []).append(found)
        if missing:
            for old_path, page_id, content_type in self.models.Redirect.objects.filter(
                old_path__in=list(missing), redirect_page__isnull=False
            ).values_list("old_path", "redirect_page_id", "redirect_page__content_type_id"):
                for found in missing[old_path]:
                    resolved.setdefault(found, (page_id, content_type in self.content_types))
        return resolved


def build_rows(deals: list[tuple], resolver: Resolver) -> list:
    """Unsaved rows for ``deals``: ``(pk, visitor_path, first_touch, landing_page)`` each."""
    touches = [(pk, *_touch(*fields)) for pk, *fields in deals]
    addresses = set()
    for _pk, reads, landing in touches:
        addresses.update(found for _position, found in reads)
        if landing:
            addresses.add(landing)
    resolved = resolver.resolve(addresses)
    View = resolver.models.DealPageView
    rows = []
    for pk, reads, landing in touches:
        pages, deal_rows = set(), []
        for position, found in reads:
            page_id, content = resolved.get(found, (None, False))
            key = page_id or found[1]  # two addresses of one page are one page read
            if key in pages:
                continue
            pages.add(key)
            deal_rows.append(
                View(
                    deal_id=pk,
                    page_id=page_id,
                    path=found[1],
                    role=READ,
                    position=min(position, 32767),
                    content=content,
                )
            )
        split = sum(row.content for row in deal_rows)
        for row in deal_rows:
            row.split = split if row.content else 0
        rows += deal_rows
        if landing:
            page_id, content = resolved.get(landing, (None, False))
            rows.append(
                View(
                    deal_id=pk,
                    page_id=page_id,
                    path=landing[1],
                    role=LANDING,
                    position=0,
                    content=content,
                    split=int(content),
                )
            )
    return rows


def refresh(deal_ids: Iterable[int], models=None) -> None:
    """Write the rows of these deals again from their current paths (a deleted deal: none)."""
    models = models or live_models()
    deal_ids = list(deal_ids)
    models.DealPageView.objects.filter(deal_id__in=deal_ids).delete()
    deals = list(models.Deal.objects.filter(pk__in=deal_ids).values_list("pk", *TOUCH_FIELDS))
    if any(reads or landing for _pk, *fields in deals for reads, landing in [_touch(*fields)]):
        models.DealPageView.objects.bulk_create(build_rows(deals, Resolver(models)))
    mark_facts(deal_ids, models)


def rebuild(models=None, progress=None) -> int:
    """Write every deal's rows from scratch; returns the number of rows. ``progress(done)`` is
    called after each batch of deals."""
    models = models or live_models()
    models.DealPageView.objects.all().delete()
    resolver, written, done = Resolver(models), 0, 0
    batch = []
    deals = models.Deal.objects.order_by("pk").values_list("pk", *TOUCH_FIELDS)
    for deal in deals.iterator(chunk_size=CHUNK):
        batch.append(deal)
        if len(batch) == CHUNK:
            written += len(models.DealPageView.objects.bulk_create(build_rows(batch, resolver)))
            done, batch = done + len(batch), []
            if progress:
                progress(done)
    if batch:
        written += len(models.DealPageView.objects.bulk_create(build_rows(batch, resolver)))
        if progress:
            progress(done + len(batch))
    mark_facts(None, models)
    return written
