"""The path of a request into the pipeline: ``lead_capture`` (API, imports: at once) and
``lead_receive`` + ``lead_process`` (the site's form: stored at once, deal built by the worker);
``lead_accept_suspected`` for a request held as suspected spam."""

import datetime
import hashlib
import json
import logging
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.formatting import person_name
from core.untrusted import strip_nul

from ..choices import ActivityKind, SpamStatus
from ..forms import LeadCaptureForm
from ..models import Deal, LeadSubmission, Pipeline
from ..spam import normalise_ip, rate_key, rate_limit_reached
from .contacts import contact_find_or_create
from .deals import activity_log, deal_create, owner_next

logger = logging.getLogger(__name__)
MAX_RAW_VALUE = 20_000


class RateLimited(Exception):
    """The sender already sent ``LEADS_RATE_LIMIT`` requests in the window: nothing was stored."""


@dataclass
class LeadMeta:
    """Where a request came from: everything but the fields the person typed."""

    channel: str = "form"
    source: str = ""
    source_url: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    utm: dict[str, str] = field(default_factory=dict)
    referrer: str = ""
    landing_page: str = ""
    visitor_path: list[dict[str, Any]] = field(default_factory=list)
    #: the visit that first brought the sender (landing, referrer, utm, at); utm, referrer,
    #: landing_page and visitor_path above are the last touch, the visit that sent the request
    first_touch: dict[str, Any] = field(default_factory=dict)
    consent_text: str = ""
    dedupe_key: str = ""
    #: why the request looks automated (sent too fast): stored, but no deal until accepted
    spam_reason: str = ""

    def __post_init__(self):
        # Headers, UTM tags and page titles are whatever the sender put there; PostgreSQL
        # refuses a NUL in text and JSON, and the request must be stored all the same.
        for name in self.__dataclass_fields__:
            setattr(self, name, strip_nul(getattr(self, name)))
        if not self.first_touch and (self.landing_page or self.referrer or self.utm):
            # no earlier visit known: this one brought the sender first
            self.first_touch = {
                "landing": self.landing_page,
                "referrer": self.referrer,
                "utm": dict(self.utm),
                "at": timezone.now().isoformat(timespec="seconds"),
            }


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


def _store(data: dict[str, Any], source_page: Page | None, meta: LeadMeta, form, then):
    """Validate, write the raw ``LeadSubmission`` and run ``then(submission, cleaned)`` in the
    same transaction: ``(submission, then's result, created)``.

    ``form``: a ``LeadCaptureForm`` (or subclass) the caller already bound to ``data``; its
    validation is reused. Invalid data raises ``ValidationError`` (field → messages) and writes
    nothing; a request already stored (same form token, or same sender and content within ten
    minutes) comes back with ``created`` false. The unique key is checked by the insert itself,
    outside any savepoint: a duplicate rolls the whole transaction back.

    A request from an address (``meta.ip_address``) counts against the rate limit: checked and
    inserted in one transaction under the sender's lock, so parallel requests cannot all pass
    the check; over the limit it raises :class:`RateLimited` (a resubmission of a request
    already stored still comes back as a duplicate)."""
    if not isinstance(form, LeadCaptureForm):
        form = LeadCaptureForm(data)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    cleaned = form.cleaned_data
    raw = _raw(data)
    ip_address = normalise_ip(meta.ip_address)  # junk would break an inet column
    key = rate_key(ip_address)
    dedupe_key = _dedupe_key(meta, raw)
    try:
        # Alone, the insert is its own transaction; with the rate limit's check or ``then``
        # they commit together (inside a caller's transaction, a savepoint keeps a duplicate
        # from breaking it).
        outer = connection.in_atomic_block
        with transaction.atomic() if then or outer or key else nullcontext():
            if rate_limit_reached(key):
                duplicate = _stored(dedupe_key)
                if duplicate is None:
                    raise RateLimited
                return duplicate, None, False
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
            return submission, then(submission, cleaned) if then else None, True
    except IntegrityError:
        return _stored(dedupe_key), None, False


def _stored(dedupe_key: str) -> LeadSubmission | None:
    return LeadSubmission.objects.filter(dedupe_key=dedupe_key).select_related("deal").first()


def _process(submission, cleaned, source_page, meta: LeadMeta, notify: bool) -> Deal | None:
    """Turn a stored request into a deal; whatever goes wrong, the request stays stored."""
    try:
        with transaction.atomic():
            deal = _deal_from_submission(submission, cleaned, source_page, meta)
    except Exception:  # keep the request whatever went wrong while building the deal
        logger.exception("Request %s stored, but its deal could not be created", submission.pk)
        return None

    def send_notification():
        from ..tasks import notify_new_deal

        try:
            notify_new_deal.enqueue(deal.pk)
        except Exception:  # the request is stored; a failing queue must not reach the visitor
            logger.exception("Could not enqueue the notification for deal %s", deal.pk)

    if notify:
        transaction.on_commit(send_notification)
    return deal


def lead_capture(
    *,
    data: dict[str, Any],
    source_page: Page | None = None,
    meta: LeadMeta | None = None,
    notify: bool = True,
) -> Deal | None:
    """Store a request and turn it into a deal, in one transaction (the API, imports, demo).

    Invalid data raises ``ValidationError`` (field → messages) and writes nothing. The raw
    ``LeadSubmission`` is written first; if building the deal fails unexpectedly, the submission is
    still kept (its ``deal`` stays empty) so no request is ever lost. The same request submitted
    twice (same form token, or same sender and content within ten minutes) returns the first deal.
    A sender over the rate limit gets :class:`RateLimited`; a request with ``meta.spam_reason``
    is stored as suspected spam without a deal (None). After commit, the deal's owner is
    notified by a background task (``notify=False`` skips it, for imports and demo data).

    Override point: sites that need extra processing wrap this function; views never bypass it.
    """
    meta = meta or LeadMeta()
    submission, deal, created = _store(
        data,
        source_page,
        meta,
        None,
        None
        if meta.spam_reason
        else lambda submission, cleaned: _process(submission, cleaned, source_page, meta, notify),
    )
    if not created:
        return submission.deal if submission else None
    return deal


def lead_receive(
    *,
    data: dict[str, Any],
    source_page: Page | None = None,
    meta: LeadMeta | None = None,
    form: LeadCaptureForm | None = None,
) -> LeadSubmission | None:
    """The site's request form: store the request, then queue the building of its deal.

    The visitor waits only for the verbatim ``LeadSubmission`` (one insert, its own transaction,
    so the database's write lock is held for one statement) and the queued task; the worker
    then runs :func:`lead_process`: contact, deal, owner, tasks, timeline and the owner's email,
    exactly as :func:`lead_capture` does. Should queueing fail or the process die in between,
    the request is stored all the same and the next task picks it up
    (:func:`lead_process_pending`). A request with ``meta.spam_reason`` is stored as suspected
    spam and waits for a manager (:func:`lead_accept_suspected`); a sender over the rate limit
    gets :class:`RateLimited`.
    """
    from ..tasks import process_submission

    submission, _result, created = _store(data, source_page, meta or LeadMeta(), form, None)
    if created and submission.spam_status != SpamStatus.SUSPECTED:
        try:
            process_submission.enqueue(submission.pk)
        except Exception:  # stored: a later task's sweep builds its deal
            logger.exception("Request %s stored, but its deal could not be queued", submission.pk)
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
    request held as suspected spam gets none (None) until a manager accepts it."""
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
        form = LeadCaptureForm(submission.data)
        if not form.is_valid():  # it was valid when stored; the form changed since
            logger.error("Request %s no longer passes the form: %s", submission_id, form.errors)
            return None
        meta = LeadMeta(
            channel=submission.channel,
            source=submission.source,
            source_url=submission.source_url,
            ip_address=submission.ip_address,
            user_agent=submission.user_agent,
            utm=submission.utm,
            referrer=submission.referrer,
            landing_page=submission.landing_page,
            visitor_path=submission.visitor_path,
            first_touch=submission.first_touch,
            consent_text=submission.consent_text,
        )
        page = submission.source_page
        return _process(submission, form.cleaned_data, page, meta, notify=True)


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
