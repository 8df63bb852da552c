"""Contacts: found again by email or phone, merged, exported and erased on request."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals
from ..choices import ActivityKind
from ..models import Activity, Company, Contact, Deal, LeadSubmission, SalesLogEntry, Task
from .deals import activity_log


def _find(email: str, phone: str) -> Contact | None:
    """The oldest contact with this email or this phone: one indexed lookup each (``email = ? OR
    phone = ?`` ordered by id made SQLite walk every contact)."""
    found = [
        Contact.objects.filter(**{field: value}).order_by("pk").first()
        for field, value in (("email", email), ("phone", phone))
        if value
    ]
    return min((contact for contact in found if contact), key=lambda c: c.pk, default=None)


def contact_find_or_create(
    *,
    name: str,
    email: str = "",
    phone: str = "",
    company_name: str = "",
    position: str = "",
    preferred_channel: str = "",
    consent_text: str = "",
) -> Contact:
    """The contact with this (normalised) email or phone, or a new one.

    Missing details (phone, company…) are filled in on an existing contact; nothing is overwritten.
    Safe under concurrent requests: a unique index decides and the loser reads the winner's row.
    """
    contact = _find(email, phone)
    if contact is None:
        try:
            with transaction.atomic():
                contact = Contact.objects.create(
                    name=name,
                    email=email,
                    phone=phone,
                    position=position,
                    preferred_channel=preferred_channel,
                )
        except IntegrityError:
            contact = _find(email, phone)
            if contact is None:
                raise
    changed = []
    for field, value in (
        ("email", email),
        ("phone", phone),
        ("position", position),
        ("preferred_channel", preferred_channel),
    ):
        if (
            value
            and not getattr(contact, field)
            and not Contact.objects.filter(**{field: value}).exclude(pk=contact.pk).exists()
        ):
            setattr(contact, field, value)
            changed.append(field)
    if company_name and contact.company_id is None:
        contact.company = Company.objects.filter(
            name__iexact=company_name
        ).first() or Company.objects.create(name=company_name)
        changed.append("company")
    if consent_text:
        contact.consent_given, contact.consent_text, contact.consent_at = (
            True,
            consent_text,
            timezone.now(),
        )
        changed += ["consent_given", "consent_text", "consent_at"]
    if changed:
        contact.save(update_fields=changed)
    return contact


@transaction.atomic
def contact_merge(*, survivor: Contact, duplicate: Contact, user=None) -> Contact:
    """Move the duplicate's deals, tasks and timeline to the survivor, fill its gaps, delete the duplicate."""
    if survivor.pk == duplicate.pk:
        from django.core.exceptions import ValidationError

        raise ValidationError(_("Choose two different contacts."))
    Deal.objects.filter(contact=duplicate).update(contact=survivor)
    Task.objects.filter(contact=duplicate).update(contact=survivor)
    Activity.objects.filter(contact=duplicate).update(contact=survivor)
    fields = ["email", "phone", "company", "position", "preferred_channel"]
    gaps = {
        field: getattr(duplicate, field)
        for field in fields
        if not getattr(survivor, field) and getattr(duplicate, field)
    }
    description = f"{duplicate.name} <{duplicate.email or duplicate.phone}>"
    duplicate.delete()
    for field, value in gaps.items():
        setattr(survivor, field, value)
    survivor.save()
    activity_log(
        kind=ActivityKind.MERGED,
        text=_("Merged with %(name)s") % {"name": description},
        contact=survivor,
        author=user,
    )
    return survivor


def contact_export(*, contact: Contact) -> dict[str, Any]:
    """Everything held about a person, for a data subject access request."""
    deals = contact.deals.select_related("pipeline", "stage")
    submissions = LeadSubmission.objects.filter(deal__contact=contact).distinct()
    return {
        "contact": {
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "company": contact.company.name if contact.company else "",
            "position": contact.position,
            "preferred_channel": contact.preferred_channel,
            "consent_given": contact.consent_given,
            "consent_text": contact.consent_text,
            "consent_at": contact.consent_at.isoformat() if contact.consent_at else None,
            "created_at": contact.created_at.isoformat(),
        },
        "deals": [
            {
                "title": deal.title,
                "pipeline": deal.pipeline.name,
                "stage": deal.stage.name,
                "status": deal.status,
                "amount": str(deal.amount) if deal.amount is not None else None,
                "created_at": deal.created_at.isoformat(),
                "utm": deal.utm,
                "referrer": deal.referrer,
                "visitor_path": deal.visitor_path,
                "first_touch": deal.first_touch,
            }
            for deal in deals
        ],
        "requests": [
            {
                "received_at": submission.created_at.isoformat(),
                "data": submission.data,
                "ip_address": submission.ip_address,
                "user_agent": submission.user_agent,
                "consent_text": submission.consent_text,
            }
            for submission in submissions
        ],
        "tasks": [
            {"title": task.title, "due_at": task.due_at.isoformat()} for task in contact.tasks.all()
        ],
        "timeline": [
            {"kind": activity.kind, "text": activity.text, "at": activity.created_at.isoformat()}
            for activity in contact.activities.all()
        ],
    }


ERASED = "—"


def _relabel_history(instances) -> None:
    """The admin's history names records as they were: after an erasure, as they are now."""
    for instance in instances:
        SalesLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
        ).update(label=str(instance))


@transaction.atomic
def contact_erase(*, contact: Contact, user=None) -> Contact:
    """Anonymise a person's data; deals keep their figures for reports."""
    old_name = contact.name
    contact.name = _("Erased contact #%(id)s") % {"id": contact.pk}
    for deal in contact.deals.all():
        if old_name and old_name in deal.title:
            deal.title = deal.title.replace(old_name, contact.name)
            deal.save(update_fields=["title"])
    contact.email = ""
    contact.phone = ""
    contact.position = ""
    contact.consent_text = ""
    contact.erased_at = timezone.now()
    contact.save()
    submissions = LeadSubmission.objects.filter(deal__contact=contact)
    submissions.update(
        data={},
        ip_address=None,
        user_agent="",
        referrer="",
        landing_page="",
        visitor_path=[],
        utm={},
        first_touch={},
    )
    contact.deals.update(referrer="", visitor_path=[], utm={}, landing_page="", first_touch={})
    signals.deal_touch_erased.send(
        sender=Deal, deal_ids=list(contact.deals.values_list("pk", flat=True))
    )
    contact.activities.filter(
        kind__in=[
            ActivityKind.REQUEST,
            ActivityKind.NOTE,
            ActivityKind.CALL,
            ActivityKind.EMAIL,
            ActivityKind.MEETING,
        ]
    ).update(text=ERASED, data={})
    contact.tasks.update(title=ERASED)
    _relabel_history([contact, *contact.deals.all(), *contact.tasks.all()])
    activity_log(
        kind=ActivityKind.NOTE,
        text=_("Personal data erased on request"),
        contact=contact,
        author=user,
    )
    return contact
