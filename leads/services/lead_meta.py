"""Where a request came from (everything but the fields the person typed), built in one place.

:meth:`LeadMeta.from_request` reads it off the HTTP request for the site's form and the API;
:meth:`LeadMeta.from_submission` reads it back off the stored ``LeadSubmission`` when the worker
builds the deal later. Nothing else assembles a ``LeadMeta`` field by field.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from core.untrusted import strip_nul

from ..models import LeadSubmission
from ..spam import client_ip


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

    @classmethod
    def from_request(
        cls,
        request,
        *,
        channel: str,
        source: str,
        visit: dict[str, Any],
        consent_text: str,
        source_url: str | None = None,
        dedupe_key: str = "",
        spam_reason: str = "",
    ) -> "LeadMeta":
        """The metadata of a request arriving now.

        ``visit``: the sender's visit as :func:`leads.visitor.parse_visitor_path` returns it
        (the form's hidden field, or the API body's keys). ``source_url``: the page the request
        was sent from; None takes the browser's ``Referer`` (the site's form). The sender's
        address and browser come from the request itself (:func:`leads.spam.client_ip`)."""
        if source_url is None:
            source_url = request.META.get("HTTP_REFERER", "")
        return cls(
            channel=channel,
            source=source,
            source_url=source_url[:2000],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            utm=visit["utm"],
            referrer=visit["referrer"],
            landing_page=visit["landing"],
            visitor_path=visit["pages"],
            first_touch=visit["first"],
            consent_text=consent_text,
            dedupe_key=dedupe_key,
            spam_reason=spam_reason,
        )

    @classmethod
    def from_submission(cls, submission: LeadSubmission) -> "LeadMeta":
        """The metadata a stored request was received with (the worker builds its deal later).

        ``dedupe_key`` stays empty: the row keeps only the hash made of it, and the request is
        already stored."""
        return cls(
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
            spam_reason=submission.spam_reason,
        )
