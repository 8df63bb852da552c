"""The round trip's world: a CRM with every field the exports carry, and the steps of
export → forget → import (``test_round_trip*``)."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from catalog.factories import ServicePageFactory
from leads.choices import CustomFieldType, StageKind
from leads.models import Company, Contact, CustomField, Deal, LostReason, Pipeline, StageChange
from leads.services import imports

MOSCOW = datetime.timezone(datetime.timedelta(hours=3))


def moment(day, hour, minute=0, second=0):
    return datetime.datetime(2024, 3, day, hour, minute, second, 123456, tzinfo=MOSCOW)


@pytest.fixture
def crm(site_tree, sales_users, manager):
    olga, pavel = sales_users
    pipeline = Pipeline.objects.get(is_default=True)
    stages = list(pipeline.stages.order_by("sort_order", "pk"))
    opened = [stage for stage in stages if stage.kind == StageKind.OPEN]
    won = next(stage for stage in stages if stage.kind == StageKind.WON)
    lost = next(stage for stage in stages if stage.kind == StageKind.LOST)
    for key, name, kind, choices in (
        ("brief", "Brief", CustomFieldType.TEXT, ""),
        ("budget_approved", "Budget approved", CustomFieldType.BOOLEAN, ""),
        ("seats", "Seats", CustomFieldType.NUMBER, ""),
        ("launch", "Launch", CustomFieldType.DATE, ""),
        ("tier", "Tier", CustomFieldType.CHOICE, "Gold\nSilver"),
    ):
        CustomField.objects.create(
            pipeline=pipeline, key=key, name=name, field_type=kind, choices=choices
        )
    reason = LostReason.objects.create(name="Went with a competitor")
    audit = ServicePageFactory(parent=site_tree.services, title="Audit")
    design = ServicePageFactory(parent=site_tree.services, title="Design")
    romashka = Company.objects.create(
        name="ООО Ромашка", tax_number="7707083893", website="https://romashka.example/"
    )
    anna = Contact.objects.create(
        name="Анна Петрова",
        email="anna@romashka.example",
        phone="+79161234567",
        position="CTO",
        company=romashka,
    )
    ivan = Contact.objects.create(name="Ivan Solo", email="ivan@solo.example")
    deals = [
        Deal.objects.create(
            title="Open with UTM",
            contact=anna,
            company=romashka,
            pipeline=pipeline,
            stage=opened[1],
            owner=olga,
            amount=Decimal("150000.50"),
            currency="RUB",
            probability=40,
            expected_close_date=datetime.date(2024, 6, 30),
            source="form",
            utm={
                "utm_source": "yandex",
                "utm_medium": "cpc",
                "utm_campaign": "spring",
                "utm_term": "сайт под ключ",
                "utm_content": "banner-2",
            },
            referrer="https://ya.ru/",
            custom_values={
                "brief": "Новый сайт",
                "budget_approved": True,
                "seats": "12.5",
                "launch": "2024-09-01",
                "tier": "Gold",
            },
            created_at=moment(1, 10),
            stage_entered_at=moment(5, 12, 30, 15),
        ),
        Deal.objects.create(
            title="Won",
            contact=anna,
            company=romashka,
            pipeline=pipeline,
            stage=won,
            status=StageKind.WON,
            owner=pavel,
            amount=Decimal("99000"),
            currency="USD",
            source="manual",
            custom_values={"budget_approved": False, "tier": "Silver"},
            created_at=moment(2, 9),
            stage_entered_at=moment(20, 18),
            closed_at=moment(20, 18),
        ),
        Deal.objects.create(
            title="Lost",
            contact=ivan,
            pipeline=pipeline,
            stage=lost,
            status=StageKind.LOST,
            owner=None,
            lost_reason=reason,
            lost_comment="Cheaper elsewhere, they said",
            external_ref="amocrm:777",
            created_at=moment(3, 8),
            stage_entered_at=moment(10, 8),
            closed_at=moment(10, 8),
        ),
    ]
    deals[0].services.set([audit, design])
    deals[1].services.set([design])
    StageChange.objects.create(deal=deals[0], to_stage=opened[0], changed_at=moment(1, 10))
    StageChange.objects.create(
        deal=deals[0], from_stage=opened[0], to_stage=opened[1], changed_at=moment(5, 12, 30, 15)
    )
    return deals


def download(response) -> bytes:
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def export_file(client, url_name, export_format) -> bytes:
    return download(client.get(reverse(url_name), {"export": export_format}))


def second_of(moment):
    return moment.replace(microsecond=0) if moment else None


def deal_state(deal) -> dict:
    return {
        "pipeline": deal.pipeline.name,
        "stage": deal.stage.name,
        "status": deal.status,
        "amount": deal.amount,
        "currency": deal.currency,
        "owner": deal.owner.email if deal.owner else None,
        "contact": (
            deal.contact.name,
            deal.contact.email,
            deal.contact.phone,
            deal.contact.position,
        ),
        "company": (
            (deal.company.name, deal.company.tax_number, deal.company.website)
            if deal.company
            else None
        ),
        "created_at": second_of(deal.created_at),
        "stage_entered_at": second_of(deal.stage_entered_at),
        "closed_at": second_of(deal.closed_at),
        "expected_close_date": deal.expected_close_date,
        "probability": deal.probability,
        "source": deal.source,
        "utm": {key: value for key, value in deal.utm.items() if value},
        "referrer": deal.referrer,
        "lost_reason": deal.lost_reason.name if deal.lost_reason else None,
        "lost_comment": deal.lost_comment,
        "services": sorted(page.title for page in deal.services.all()),
        "custom_values": deal.custom_values,
    }


def deal_states() -> dict:
    return {deal.title: deal_state(deal) for deal in Deal.objects.order_by("pk")}


def forget_crm():
    """An empty CRM: the deals, their history, contacts and companies go; set-up stays."""
    Deal.objects.all().delete()
    Contact.objects.all().delete()
    Company.objects.all().delete()
    assert not StageChange.objects.exists()


def import_file(content: bytes, name: str, kind: str, user, mode=""):
    job = imports.import_job_create(
        upload=SimpleUploadedFile(name, content), kind=kind, user=user, preset="vitrina"
    )
    if mode:
        job = imports.import_job_configure(
            job=job, mapping=job.mapping, options={"update_mode": mode}, user=user
        )
    job = imports.import_preview(job=job, user=user)
    assert job.status == "previewed", (job.error, job.preview)
    job = imports.import_start(job=job, user=user)
    assert job.status == "done", job.error
    return job
