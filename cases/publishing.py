"""What may stop a case from being published, without cases knowing who objects. A publication
is refused while any of a short list of *checks* finds a problem:

- the visibility limits other apps register (projects: the client's consent), each a callable
  ``limit(page) -> Visibility | None`` giving the most open visibility the case may be published
  with (None: no limit);
- the anonymity rule cases owns: an anonymised case never names its hidden client;
- the *publish checks* other apps register (projects: the draft's starting notes), each a
  callable ``check(page) -> iterable of (field, message)``.

cases never imports those apps (DESIGN.md's dependency order): they register in their
``AppConfig.ready``.

Why the checks sit in ``CasePage.save`` rather than in one admin view: every way Wagtail
publishes (the edit view, bulk publish, a workflow's approval, the scheduled command, the admin
API, publishing an older revision) ends in saving the page row with its new live revision, so
one check there closes them all. Admin views turn the refusal into a message
(``PublishRefusedMiddleware``); the scheduled command logs and skips (``CasePage.publish``)."""

import html
import logging
import re
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .choices import Visibility

logger = logging.getLogger(__name__)

#: how public each visibility is (a higher number shows more)
OPENNESS = {Visibility.INTERNAL: 0, Visibility.ANONYMISED: 1, Visibility.PUBLIC: 2}

#: the case's fields a visitor reads (on the page, in the API, in search), rich text included
PUBLIC_TEXT_FIELDS = (
    "title",
    "seo_title",
    "search_description",
    "summary",
    "challenge",
    "solution",
    "testimonial_quote",
    "testimonial_author",
    "testimonial_position",
)
#: a client name shorter than this is not looked for (it would match ordinary words)
MIN_CLIENT_NAME = 3

Problem = tuple[str, str]  # (field, message)

_limits: list[Callable] = []
_checks: list[Callable] = []


def register_visibility_limit(limit: Callable) -> Callable:
    """Add a limit (idempotent: registering the same callable twice keeps one)."""
    if limit not in _limits:
        _limits.append(limit)
    return limit


def register_publish_check(check: Callable) -> Callable:
    """Add a check ``check(page) -> iterable of (field, message)`` (idempotent)."""
    if check not in _checks:
        _checks.append(check)
    return check


def allowed_visibility(page) -> str | None:
    """The most open visibility every registered limit allows for ``page`` (None: no limit)."""
    allowed = None
    for limit in _limits:
        value = limit(page)
        if value is not None and (allowed is None or OPENNESS[value] < OPENNESS[allowed]):
            allowed = value
    return allowed


def field_label(page, name: str) -> str:
    """The field's name as an editor reads it in the form ("title", "challenge")."""
    try:
        return str(page._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def public_texts(page) -> Iterator[tuple[str, str, str]]:
    """``(field, label, text)`` for every public text of ``page``: its text fields as plain
    text (rich text without tags; its raw HTML too, since a link's address is public) and each
    result's label. The slug is not among them (see :func:`anonymity_problems`)."""
    for name in PUBLIC_TEXT_FIELDS:
        value = str(getattr(page, name, "") or "")
        if value:
            plain = html.unescape(strip_tags(value))
            text = plain if plain == value else f"{plain}\n{html.unescape(value)}"
            yield name, field_label(page, name), text
    metrics = getattr(page, "metrics", None)
    for metric in metrics.all() if metrics is not None else ():
        if metric.label:
            label = _("result “%(label)s”") % {"label": metric.label}
            yield "metrics", label, metric.label


def _name_pattern(name: str) -> re.Pattern:
    """The name at the start of a word, any case, any run of spaces between its words."""
    words = [re.escape(word) for word in name.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words), re.IGNORECASE)


def anonymity_problems(page) -> Iterator[Problem]:
    """An anonymised case hides its client's name: none of its public texts, nor its address,
    may name the client (a name shorter than 3 characters is not looked for)."""
    if getattr(page, "visibility", None) != Visibility.ANONYMISED:
        return
    name = " ".join(str(page.client_name or "").split())
    if len(name) < MIN_CLIENT_NAME:
        return
    pattern = _name_pattern(name)
    for field, label, text in public_texts(page):
        if pattern.search(text):
            yield field, _names_client(label, name)
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    slug_name = slugify(name, allow_unicode=allow_unicode)
    slug = str(page.slug or "")
    if len(slug_name) >= MIN_CLIENT_NAME and re.search(
        r"(?:^|-)" + re.escape(slug_name), slug.lower()
    ):
        yield "slug", _names_client(field_label(page, "slug"), name)


def _names_client(label: str, name: str) -> str:
    return _(
        "The %(field)s names the client “%(client)s”, which an anonymised case hides: "
        "rewrite it before publishing."
    ) % {"field": label, "client": name}


def visibility_problems(page) -> Iterator[Problem]:
    """The case is shown more openly than a registered limit allows."""
    allowed = allowed_visibility(page)
    if allowed is not None and OPENNESS.get(page.visibility, 0) > OPENNESS[allowed]:
        yield (
            "visibility",
            _(
                "The client allowed case “%(case)s” to be shown only as “%(allowed)s”: "
                "change its visibility before publishing."
            )
            % {"case": page.title, "allowed": Visibility(allowed).label},
        )


def problems(page) -> dict[str, list[str]]:
    """Every reason not to publish ``page`` as it stands, by field (empty: it may go live)."""
    found: dict[str, list[str]] = {}
    checks: Iterable[Callable] = (visibility_problems, anonymity_problems, *_checks)
    for check in checks:
        for field, message in check(page) or ():
            if message not in found.setdefault(field, []):
                found[field].append(message)
    return found


class PublishRefused(ValidationError):
    """Publishing ``page`` as it stands is refused; ``messages`` say why, ``message_dict`` by
    field (the admin API answers 400 with it)."""

    def __init__(self, page, found: dict[str, list[str]]):
        self.page_pk = page.pk
        super().__init__(found, code="publish")


def refusal(page) -> PublishRefused | None:
    """The refusal to publish ``page`` (a page object with the values to go live), or None."""
    if page.pk is None:
        return None
    found = problems(page)
    return PublishRefused(page, found) if found else None


def is_being_published(page) -> bool:
    """True when saving ``page`` makes a revision live (newly live, or another live revision):
    other saves of a live page (a move, a draft's bookkeeping) are not publications."""
    if not page.live or page.pk is None:
        return False
    row = type(page).objects.filter(pk=page.pk).values("live", "live_revision_id").first()
    return row is None or not row["live"] or row["live_revision_id"] != page.live_revision_id


class PublishRefusedMiddleware:
    """An admin view whose publication was refused (bulk publish, a workflow's approval, ...)
    answers with the reason as a message instead of a server error. The refusal was raised
    inside Wagtail's own transaction (an approval stays pending)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishRefused):
            return None
        for message in exception.messages:
            messages.error(request, message)
        target = reverse("wagtailadmin_pages:edit", args=[exception.page_pk])
        for back in (request.GET.get("next", ""), request.headers.get("referer", "")):
            if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
                target = back
                break
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's workflow modals follow a "success" step's redirect
            return JsonResponse({"step": "success", "redirect": target})
        return HttpResponseRedirect(target)
