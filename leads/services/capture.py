"""The path of a request into the pipeline, from the fields a sender typed to a deal.

Three entry points; which one runs depends on who waits for what:

* ``lead_receive`` (the site's request form, while the visitor waits): stores the request as it
  arrived (a ``LeadSubmission``, one insert) and announces it (``leads.signals.request_stored``);
  ``leads.queue`` queues ``leads.tasks.process_submission``. The deal is not built yet.
* ``lead_process`` (the background worker, a moment later; also the worker's sweep of requests
  nobody queued, ``lead_process_pending``, and a manager accepting a request held as suspected
  spam, ``lead_accept_suspected``): builds the deal of one stored request (contact, owner, the
  stage's tasks, the timeline) and announces it (``deal_received``: the owner's email, queued
  on commit by ``leads.queue``). Running it twice does no harm.
* ``lead_capture`` (the JSON API, imports, demo data: the caller wants the deal back at once):
  both halves in one transaction, with the same store and the same deal building.

Every entry point takes the fields as sent (stored verbatim) and their cleaned values
(``lead_clean``, ``LeadCaptureForm``'s rules); never a form object. Where the request came from
is a :class:`~leads.services.lead_meta.LeadMeta`. The services never import ``leads.tasks``
(its tasks call them): they send the signals of ``leads.signals`` and ``leads.queue`` queues.
"""

import datetime
import hashlib
import json
import logging
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.formatting import person_name

from ..choices import ActivityKind, SpamStatus
from ..forms import LeadCaptureForm
from ..models import Deal, LeadSubmission, Pipeline
from ..signals import deal_received, request_stored
from ..spam import normalise_ip, rate_key, rate_limit_reached
from .contacts import contact_find_or_create
from .deals import activity_log, deal_create, owner_next
from .lead_meta import LeadMeta

logger = logging.getLogger(__name__)
MAX_RAW_VALUE = 20_000


class RateLimited(Exception):
    """The sender already sent ``LEADS_RATE_LIMIT`` requests in the window: nothing was stored."""


def pipeline_for_page(page: Page | None) -> Pipeline | None:
    """The pipeline for a request: the one naming the service, else its type's, else the default."""
    service = None
    if page is not None:
        specific = page.specific
        if specific._meta.label == "catalog.ServicePage":
            service = specific
    if service is not None:
        pipeline = Pipeline.objects.filter(services=service).order_by("sort_order").first()
        if pipeline is None:
            type_ids = list(service.service_types.values_list("pk", flat=True))
            pipeline = (
                Pipeline.objects.filter(service_types__in=type_ids).order_by("sort_order").first()
            )
        if pipeline is not None:
            return pipeline
    return (
        Pipeline.objects.filter(is_default=True).order_by("sort_order").first()
        or Pipeline.objects.order_by("sort_order").first()
    )


def _raw(data: dict[str, Any]) -> dict[str, Any]:
    """The posted fields as posted (strings, bounded), whatever their type."""
    raw = {}
    for key, value in list(data.items())[:50]:
        text = (
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        )
        raw[str(key)[:100]] = text[:MAX_RAW_VALUE]
    return raw


def _dedupe_key(meta: LeadMeta, raw: dict[str, Any]) -> str:
    """The form's one-time token, or a hash of sender and content within a ten-minute window."""
    if meta.dedupe_key:
        basis = f"token:{meta.dedupe_key}"
    else:
        window = int(timezone.now().timestamp() // 600)
        basis = f"{meta.ip_address}|{meta.channel}|{json.dumps(raw, sort_keys=True)}|{window}"
    return hashlib.sha256(basis.encode()).hexdigest()


def _title(cleaned: dict[str, Any], page: Page | None) -> str:
    who = cleaned.get("company") or cleaned["name"]
    return (
        f"{page.title} — {who}"
        if page is not None and page.depth > 2
        else _("Request from %(who)s") % {"who": who}
    )


def _services(page: Page | None) -> list:
    if page is None:
        return []
    specific = page.specific
    if specific._meta.label == "catalog.ServicePage":
        return [specific]
    if specific._meta.label == "cases.CasePage":
        return list(specific.services.all())
    return []


def lead_clean(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of a request as the pipeline uses them (``LeadCaptureForm``'s cleaned data).

    Invalid data raises ``ValidationError`` (field → messages). The form is the one set of
    rules for every channel; the site's view validates with its own subclass and hands over
    ``form.cleaned_data`` instead."""
    form = LeadCaptureForm(data)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def _store(
    *,
    data: dict[str, Any],
    cleaned: dict[str, Any],
    source_page: Page | None,
    meta: LeadMeta,
    durable: bool = False,
) -> tuple[LeadSubmission | None, bool]:
    """Write the raw ``LeadSubmission``: ``(submission, created)``.

    A request already stored (same form token, or same sender and content within ten minutes)
    comes back with ``created`` false. The unique key is checked by the insert itself: a
    duplicate rolls back this block (a savepoint inside a caller's transaction), then the stored
    one is read. ``durable``: this block is the whole transaction, committed when it returns
    (Django refuses to nest it in another one).

    A request from an address (``meta.ip_address``) counts against the rate limit: checked and
    inserted in one transaction under the sender's lock, so parallel requests cannot all pass
    the check; over the limit it raises :class:`RateLimited` (a resubmission of a request
    already stored still comes back as a duplicate)."""
    raw = _raw(data)
    ip_address = normalise_ip(meta.ip_address)  # junk would break an inet column
    key = rate_key(ip_address)
    dedupe_key = _dedupe_key(meta, raw)
    # Alone, the insert is its own transaction; with the rate limit's check it needs one (and
    # inside a caller's transaction, a savepoint keeps a duplicate from breaking it).
    needs_atomic = bool(key) or connection.in_atomic_block
    try:
        with transaction.atomic(durable=durable) if needs_atomic else nullcontext():
            if rate_limit_reached(key):
                duplicate = _stored(dedupe_key)
                if duplicate is None:
                    raise RateLimited
                return duplicate, False
            submission = LeadSubmission.objects.create(
                data=raw,
                channel=meta.channel,
                source=meta.source[:120],
                source_page=source_page,
                source_url=meta.source_url[:2000],
                ip_address=ip_address,
                rate_key=key,
                user_agent=meta.user_agent[:1000],
                utm=meta.utm,
                referrer=meta.referrer[:2000],
                landing_page=meta.landing_page[:2000],
                visitor_path=meta.visitor_path,
                first_touch=meta.first_touch,
                consent_text=meta.consent_text,
                consent_at=timezone.now() if cleaned["consent"] else None,
                dedupe_key=dedupe_key,
                spam_status=SpamStatus.SUSPECTED if meta.spam_reason else SpamStatus.CLEAN,
                spam_reason=meta.spam_reason[:255],
            )
    except IntegrityError:
        return _stored(dedupe_key), False
    return submission, True


def _stored(dedupe_key: str) -> LeadSubmission | None:
    return LeadSubmission.objects.filter(dedupe_key=dedupe_key).select_related("deal").first()


def _process(submission, cleaned, source_page, meta: LeadMeta, notify: bool) -> Deal | None:
    """Turn a stored request into a deal; whatever goes wrong, the request stays stored.
    ``notify``: the owner's email is queued once the caller's transaction commits."""
    try:
        with transaction.atomic():
            deal = _deal_from_submission(submission, cleaned, source_page, meta)
    except Exception:  # keep the request whatever went wrong while building the deal
        logger.exception("Request %s stored, but its deal could not be created", submission.pk)
        return None
    if notify:
        deal_received.send(sender=Deal, deal_id=deal.pk)
    return deal


def lead_capture(
    *,
    data: dict[str, Any],
    source_page: Page | None = None,
    meta: LeadMeta | None = None,
    notify: bool = True,
) -> Deal | None:
    """Store a request and turn it into a deal, in one transaction (the API, imports, demo).

    ``data``: the fields as sent; validated here (:func:`lead_clean`): invalid data raises
    ``ValidationError`` (field → messages) and writes nothing. The raw ``LeadSubmission`` is
    written first; if building the deal fails unexpectedly, the submission is still kept (its
    ``deal`` stays empty) so no request is ever lost. The same request submitted twice (same
    form token, or same sender and content within ten minutes) returns the first deal. A sender
    over the rate limit gets :class:`RateLimited`; a request with ``meta.spam_reason`` is stored
    as suspected spam without a deal (None). After commit, the deal's owner is notified by a
    background task (``notify=False`` skips it, for imports and demo data).

    Override point: sites that need extra processing wrap this function; views never bypass it.
    """
    meta = meta or LeadMeta()
    cleaned = lead_clean(data)
    with transaction.atomic():
        submission, created = _store(data=data, cleaned=cleaned, source_page=source_page, meta=meta)
        if not created:
            return submission.deal if submission else None
        if meta.spam_reason:
            return None
        return _process(submission, cleaned, source_page, meta, notify)


def lead_receive(
    *,
    data: dict[str, Any],
    cleaned: dict[str, Any] | None = None,
    source_page: Page | None = None,
    meta: LeadMeta | None = None,
) -> LeadSubmission | None:
    """The site's request form: store the request, then queue the building of its deal.

    ``data``: the fields as posted, stored verbatim; ``cleaned``: the same fields validated by
    the view's form (``form.cleaned_data``), else validated here (:func:`lead_clean`). The
    visitor waits only for the verbatim ``LeadSubmission`` (one insert, its own durable
    transaction, so the database's write lock is held for one statement) and the queued task
    (``request_stored`` → ``leads.queue``); the worker then runs :func:`lead_process`. A request
    with ``meta.spam_reason`` is stored as suspected spam and waits for a manager
    (:func:`lead_accept_suspected`); a sender over the rate limit gets :class:`RateLimited`.
    """
    if cleaned is None:
        cleaned = lead_clean(data)
    submission, created = _store(
        data=data, cleaned=cleaned, source_page=source_page, meta=meta or LeadMeta(), durable=True
    )
    if created and submission.spam_status != SpamStatus.SUSPECTED:
        request_stored.send(sender=LeadSubmission, submission_id=submission.pk)
    return submission


PENDING_AFTER = datetime.timedelta(minutes=2)  # queued ones are built sooner than that
PENDING_FOR = datetime.timedelta(days=1)  # a request that keeps failing is left to the staff


def lead_process_pending(limit: int = 20) -> int:
    """Build the deals of stored requests that no task is building (queueing failed, a process
    died): older than ``PENDING_AFTER``, newer than ``PENDING_FOR``. How many got a deal."""
    now = timezone.now()
    stranded = (
        LeadSubmission.objects.filter(
            deal=None, created_at__lt=now - PENDING_AFTER, created_at__gt=now - PENDING_FOR
        )
        .exclude(spam_status=SpamStatus.SUSPECTED)
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in list(stranded) if lead_process(pk) is not None)


def lead_process(submission_id: int) -> Deal | None:
    """Build the deal of a stored request (the worker's half of :func:`lead_receive`); a request
    that already has its deal is left as it is, so running the task twice does no harm. A
    request held as suspected spam gets none (None) until a manager accepts it.

    The stored fields are cleaned again (:func:`lead_clean`) because the row keeps only what
    was posted, verbatim, never the cleaned values (the normalised phone, the lower-case email,
    the consent as a boolean) the contact and the deal are made of; a request that no longer
    passes (the rules changed while it waited) is logged and left without a deal rather than
    turned into a contact the rules now refuse."""
    with transaction.atomic():
        submission = (
            LeadSubmission.objects.select_for_update(of=("self",))
            .select_related("deal", "source_page")
            .filter(pk=submission_id)
            .first()
        )
        if submission is None or submission.deal_id:
            return submission.deal if submission else None
        if submission.spam_status == SpamStatus.SUSPECTED:
            return None
        try:
            cleaned = lead_clean(submission.data)
        except ValidationError as error:  # it was valid when stored; the form changed since
            logger.error("Request %s no longer passes the form: %s", submission_id, error)
            return None
        meta = LeadMeta.from_submission(submission)
        return _process(submission, cleaned, submission.source_page, meta, notify=True)


def lead_accept_suspected(*, submission: LeadSubmission, user) -> Deal:
    """A manager's verdict on a request held as suspected spam: a person sent it after all.

    Builds its deal exactly as for any request (:func:`lead_process`: contact, owner, tasks,
    timeline, the owner's email) and notes on the timeline who accepted it. Accepting it twice
    returns the same deal; a request that cannot become a deal raises ``ValidationError`` and
    stays held."""
    with transaction.atomic():
        locked = (
            LeadSubmission.objects.select_for_update(of=("self",))
            .select_related("deal")
            .filter(pk=submission.pk)
            .first()
        )
        if locked is not None and locked.deal_id:
            return locked.deal
        if locked is None or locked.spam_status != SpamStatus.SUSPECTED:
            raise ValidationError(_("This request is not held as suspected spam."))
        locked.spam_status = SpamStatus.ACCEPTED
        locked.save(update_fields=["spam_status"])
        deal = lead_process(locked.pk)
        if deal is None:
            raise ValidationError(_("The deal could not be built from this request."))
        activity_log(
            kind=ActivityKind.NOTE,
            text=_("Held as suspected spam (%(reason)s); accepted by %(user)s.")
            % {"reason": locked.spam_reason, "user": person_name(user)},
            deal=deal,
            author=user,
        )
    return deal


def _deal_from_submission(
    submission: LeadSubmission, cleaned: dict[str, Any], page: Page | None, meta: LeadMeta
) -> Deal:
    contact = contact_find_or_create(
        name=cleaned["name"],
        email=cleaned["email"],
        phone=cleaned["phone"],
        company_name=cleaned["company"],
        preferred_channel=cleaned["preferred_channel"],
        consent_text=meta.consent_text if cleaned["consent"] else "",
    )
    pipeline = pipeline_for_page(page)
    if pipeline is None:
        raise ValidationError(_("No pipeline is set up."))
    deal = deal_create(
        contact=contact,
        pipeline=pipeline,
        title=_title(cleaned, page),
        owner=owner_next(),
        services=_services(page),
        source_page=page,
        source=meta.source or meta.channel,
        utm=meta.utm,
        referrer=meta.referrer[:2000],
        landing_page=meta.landing_page[:2000],
        visitor_path=meta.visitor_path,
        first_touch=meta.first_touch,
    )
    submission.deal = deal
    submission.save(update_fields=["deal"])
    lines = [cleaned["message"]] if cleaned["message"] else []
    if cleaned["budget"]:
        lines.append(
            _("Budget: %(budget)s")
            % {"budget": dict(LeadCaptureForm.base_fields["budget"].choices)[cleaned["budget"]]}
        )
    activity_log(
        kind=ActivityKind.REQUEST,
        text="\n".join(str(line) for line in lines),
        deal=deal,
        data={"submission": submission.pk, "source_url": meta.source_url},
    )
    return deal
