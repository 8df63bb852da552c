"""What may stop a case from being published more openly than allowed, without cases knowing
who allows it: another app (projects: the client's consent) registers a *visibility limit*, a
callable ``limit(page) -> Visibility | None`` giving the most open visibility the case may be
published with (None: no limit). cases never imports that app (DESIGN.md's dependency order).

Why the check sits in ``CasePage.save`` rather than in one admin view: every way Wagtail
publishes (the edit view, bulk publish, a workflow's approval, the scheduled command, the admin
API, publishing an older revision) ends in saving the page row with its new live revision, so
one check there closes them all. Admin views turn the refusal into a message
(``PublishRefusedMiddleware``); the scheduled command logs and skips (``CasePage.publish``)."""

import logging
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .choices import Visibility

logger = logging.getLogger(__name__)

#: how public each visibility is (a higher number shows more)
OPENNESS = {Visibility.INTERNAL: 0, Visibility.ANONYMISED: 1, Visibility.PUBLIC: 2}

_limits: list[Callable] = []


def register_visibility_limit(limit: Callable) -> Callable:
    """Add a limit (idempotent: registering the same callable twice keeps one)."""
    if limit not in _limits:
        _limits.append(limit)
    return limit


def allowed_visibility(page) -> str | None:
    """The most open visibility every registered limit allows for ``page`` (None: no limit)."""
    allowed = None
    for limit in _limits:
        value = limit(page)
        if value is not None and (allowed is None or OPENNESS[value] < OPENNESS[allowed]):
            allowed = value
    return allowed


class PublishRefused(ValidationError):
    """Publishing ``page`` as it stands would show it more openly than allowed."""

    def __init__(self, page, allowed: str):
        self.page_pk, self.allowed = page.pk, allowed
        super().__init__(
            {
                "visibility": _(
                    "The client allowed case “%(case)s” to be shown only as “%(allowed)s”: "
                    "change its visibility before publishing."
                )
                % {"case": page.title, "allowed": Visibility(allowed).label}
            },
            code="consent",
        )


def refusal(page) -> PublishRefused | None:
    """The refusal to publish ``page`` (a page object with the values to go live), or None."""
    if page.pk is None:
        return None
    allowed = allowed_visibility(page)
    if allowed is None or OPENNESS.get(page.visibility, 0) <= OPENNESS[allowed]:
        return None
    return PublishRefused(page, allowed)


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
