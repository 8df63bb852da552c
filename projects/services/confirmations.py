"""The client's confirmation of a case: sending its private link, revoking it, what the link
shows, and the client's one answer, which becomes a draft revision of the case (an editor
reviews and publishes it; nothing here publishes or saves the live page)."""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Revision

from cases.choices import Visibility
from cases.confirmed_results import metrics_digest
from cases.models import CaseMetric, CasePage
from core.untrusted import strip_nul
from leads.choices import ActivityKind
from leads.services import activity_log
from leads.tasks import notify_deal_owner

from ..choices import Publication
from ..models import ClientConfirmation, Project

TOKEN_BYTES = 32  # as proposal links: 256 bits from secrets, 43 URL-safe characters
MAX_VALID_DAYS = 365
#: the sentence beside the consent checkbox, stored verbatim (in the site's language) with
#: the time and the address it was given from
CONSENT_TEXT = gettext_lazy(
    "I agree that the company stores my answers, name, position and photo and publishes them "
    "as I chose above."
)
#: what the client allows → the case's visibility the revision proposes (never more public)
VISIBILITY_FOR = {
    Publication.NAMED: Visibility.PUBLIC,
    Publication.ANONYMISED: Visibility.ANONYMISED,
    Publication.NONE: Visibility.INTERNAL,
}


def _project(case: CasePage) -> Project:
    project = Project.objects.select_related("deal", "deal__company").filter(case=case).first()
    if project is None:
        raise ValidationError(_("This case was not made from a deal: there is no client to ask."))
    return project


@transaction.atomic
def confirmation_send(*, case: CasePage, user, valid_days: int = 30) -> ClientConfirmation:
    """Open a new private link for the client; an earlier link not yet answered is revoked, so
    only one link of a case works at a time."""
    if not isinstance(valid_days, int) or not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError(
            {"valid_days": _("Enter a number of days from 1 to %(max)s.") % {"max": MAX_VALID_DAYS}}
        )
    project = _project(case)
    now = timezone.now()
    ClientConfirmation.objects.filter(
        case=case, answered_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    last_day = timezone.localdate() + datetime.timedelta(days=valid_days)
    confirmation = ClientConfirmation.objects.create(
        project=project,
        case=case,
        token=secrets.token_urlsafe(TOKEN_BYTES),
        link_expires_at=timezone.make_aware(datetime.datetime.combine(last_day, datetime.time.max)),
        sent_at=now,
        sent_by=user if getattr(user, "is_authenticated", False) else None,
    )
    with translation.override(settings.LANGUAGE_CODE):
        activity_log(
            kind=ActivityKind.NOTE,
            text=_("Confirmation link for case “%(case)s” sent to the client")
            % {"case": case.title},
            deal=project.deal,
            author=confirmation.sent_by,
            data={"source": "projects", "event": "confirmation_sent", "case": case.pk},
        )
    return confirmation


@transaction.atomic
def confirmation_revoke(*, confirmation: ClientConfirmation, user) -> ClientConfirmation:
    """Close a link: the client then sees "no longer active". An answered link stays answered."""
    confirmation = ClientConfirmation.objects.select_for_update().get(pk=confirmation.pk)
    if confirmation.answered_at or confirmation.revoked_at:
        return confirmation
    confirmation.revoked_at = timezone.now()
    confirmation.save(update_fields=["revoked_at"])
    project = Project.objects.select_related("deal").get(pk=confirmation.project_id)
    with translation.override(settings.LANGUAGE_CODE):
        activity_log(
            kind=ActivityKind.NOTE,
            text=_("Confirmation link for case “%(case)s” revoked") % {"case": confirmation.case},
            deal=project.deal,
            author=user if getattr(user, "is_authenticated", False) else None,
            data={"source": "projects", "event": "confirmation_revoked"},
        )
    return confirmation


def confirmation_link_state(confirmation: ClientConfirmation | None) -> str:
    """What the link shows: missing, answered (the thank-you, for as long as the row exists),
    revoked, expired or ok (the form)."""
    if confirmation is None or not confirmation.token:
        return "missing"
    if confirmation.answered_at:
        return "answered"
    if confirmation.revoked_at:
        return "revoked"
    if confirmation.link_expires_at and confirmation.link_expires_at < timezone.now():
        return "expired"
    return "ok"


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def _verbatim(data: dict) -> dict:
    """The answer as JSON: decimals as text, no NUL, nothing but the known keys."""
    keys = ("metrics", "quote", "name", "position", "score", "comment", "publication")
    answer = {key: data.get(key) for key in keys}
    answer["may_be_reference"] = bool(data.get("may_be_reference"))
    answer["metrics"] = [
        {key: _plain(value) for key, value in row.items()} for row in data.get("metrics") or []
    ]
    return strip_nul(answer)


def _store_photo(photo: UploadedFile, *, name: str):
    """A Wagtail image (its file served publicly): only ever for a NAMED publication."""
    from wagtail.images import get_image_model

    return get_image_model().objects.create(
        title=(_("Photo of %(name)s") % {"name": name})[:255], file=photo
    )


def _apply(page: CasePage, answer: dict, photo_image, *, confirmed_on=None) -> None:
    """Put the answer onto the in-memory revision object (child rows are never written)."""
    page.metrics = [
        CaseMetric(
            label=row["label"],
            value_before=Decimal(row["value_before"]),
            value_after=Decimal(row["value_after"]),
            unit=row.get("unit") or "",
            period=row.get("period") or "",
            higher_is_better=bool(row.get("higher_is_better", True)),
            sort_order=index,
        )
        for index, row in enumerate(answer["metrics"])
    ]
    publication = answer["publication"]
    page.visibility = VISIBILITY_FOR[publication]
    if answer.get("quote"):
        page.testimonial_quote = answer["quote"]
        # anonymised or not for publication: the quote is kept, but nothing that points at
        # the person (name, position such as "CEO of Acme", photo); the answer keeps them
        named = publication == Publication.NAMED
        page.testimonial_author = (answer.get("name") or "") if named else ""
        page.testimonial_position = (answer.get("position") or "") if named else ""
        if photo_image is not None and named:
            page.testimonial_photo = photo_image
        elif not named:
            page.testimonial_photo = None
    page.results_confirmed_on = confirmed_on or timezone.localdate()
    # pins the date to these results: CasePage.clean drops it once an editor changes them
    page.confirmed_results_digest = metrics_digest(page.metrics.all())


@transaction.atomic
def confirmation_answer(
    *, confirmation: ClientConfirmation, data: dict, photo: UploadedFile | None, ip_address
):
    """Take the client's one answer (``data`` is a valid ``ConfirmationForm``'s): keep it
    verbatim with the consent, and save it as a new draft revision of the case for an editor
    to review. A second answer (double submit, another tab) is refused."""
    confirmation = (
        ClientConfirmation.objects.select_for_update(of=("self",))
        .select_related("project__deal")
        .get(pk=confirmation.pk)
    )
    if confirmation_link_state(confirmation) != "ok":
        raise ValidationError(_("This link can no longer be answered."), code="answered")
    if not data.get("consent"):
        raise ValidationError({"consent": _("Tick the consent box to send your answer.")})
    if data.get("publication") not in Publication.values:
        raise ValidationError({"publication": _("Choose what we may publish.")})
    answer = _verbatim(data)
    with translation.override(settings.LANGUAGE_CODE):
        consent_text = str(CONSENT_TEXT)
        # the photo gets a public /media/ address once stored: kept only for a named case
        named = answer["publication"] == Publication.NAMED
        photo_image = (
            _store_photo(photo, name=answer.get("name") or "") if photo and named else None
        )
        case = CasePage.objects.select_for_update().get(pk=confirmation.case_id)
        page = case.get_latest_revision_as_object()
        _apply(page, answer, photo_image)
        # clean=False: the editor's draft may still miss fields the editor fills before
        # publishing; the client's values were validated by the form, and Wagtail validates
        # the whole page again when it is published
        revision = page.save_revision(user=None, log_action=True, clean=False)
        now = timezone.now()
        confirmation.answered_at = now
        confirmation.answer = answer
        confirmation.score = answer.get("score")
        confirmation.publication = answer["publication"]
        confirmation.may_be_reference = answer["may_be_reference"]
        confirmation.consent_text, confirmation.consent_at = consent_text, now
        confirmation.consent_ip = ip_address or None
        confirmation.photo, confirmation.revision = photo_image, revision
        confirmation.save()
        deal = confirmation.project.deal
        text = _("The client confirmed the results of case “%(case)s” (score %(score)s)") % {
            "case": case.title,
            "score": answer.get("score") or "—",
        }
        activity_log(
            kind=ActivityKind.NOTE,
            text=text,
            deal=deal,
            data={"source": "projects", "event": "confirmation_answered", "case": case.pk},
        )
    _notify(deal_id=deal.pk, case=case, text=text)
    return revision


@transaction.atomic
def confirmation_apply_again(*, confirmation: ClientConfirmation, user) -> Revision:
    """Put the client's stored answer onto the case once more, as a new draft revision made
    from the latest one. Why: an editor who saved a form opened before the answer arrived
    replaced the answer's revision with their own; the answer itself was kept verbatim, so it
    can be applied again instead of typed in. Never publishes; an editor reviews as before."""
    confirmation = (
        ClientConfirmation.objects.select_for_update(of=("self",))
        .select_related("project__deal", "photo")
        .get(pk=confirmation.pk)
    )
    answer = confirmation.answer or {}
    if not confirmation.answered_at or answer.get("publication") not in Publication.values:
        raise ValidationError(
            _("The client has not answered through this link: there is no answer to apply."),
            code="no_answer",
        )
    author = user if getattr(user, "is_authenticated", False) else None
    with translation.override(settings.LANGUAGE_CODE):
        case = CasePage.objects.select_for_update().get(pk=confirmation.case_id)
        page = case.get_latest_revision_as_object()
        _apply(
            page,
            answer,
            confirmation.photo,
            confirmed_on=timezone.localdate(confirmation.answered_at),
        )
        # clean=False as for the answer itself: the editor's draft may still miss fields
        revision = page.save_revision(user=author, log_action=True, clean=False)
        activity_log(
            kind=ActivityKind.NOTE,
            text=_("The client's answer was applied again to case “%(case)s”")
            % {"case": case.title},
            deal=confirmation.project.deal,
            author=author,
            data={
                "source": "projects",
                "event": "confirmation_applied_again",
                "case": case.pk,
                "revision": revision.pk,
            },
        )
    return revision


def _notify(*, deal_id: int, case: CasePage, text: str) -> None:
    from ..tasks import notify_editors  # projects.tasks (package A)

    body = _("A new draft revision of the case waits for review and publishing.")
    transaction.on_commit(lambda: notify_deal_owner.enqueue(deal_id, text, body))
    transaction.on_commit(lambda: notify_editors.enqueue(text, body, case.pk))
