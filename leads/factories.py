"""Test data for the sales side: rows as the services would leave them, without the flows.

A factory writes one row and what it points to. It runs no business rule: ``DealFactory``
creates no stage tasks, no stage history and no timeline entry. Tests of those flows go
through ``leads.services`` (``lead_capture``, ``deal_create``, ``deal_move_to_stage``…).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

import factory

from .choices import ActivityKind, StageKind, TaskKind
from .models import Activity, Company, Contact, Deal, Pipeline, Stage, Task


def default_pipeline() -> Pipeline | None:
    """The pipeline the migrations mark as the default one (where unmatched requests go)."""
    return Pipeline.objects.filter(is_default=True).order_by("sort_order").first()


def first_open_stage(pipeline: Pipeline) -> Stage | None:
    """Where a new deal of ``pipeline`` starts, as ``deal_create`` chooses it."""
    return pipeline.stages.filter(kind=StageKind.OPEN).order_by("sort_order").first()


class CompanyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Company {n}")

    class Meta:
        model = Company


class ContactFactory(factory.django.DjangoModelFactory):
    """A contact with its own e-mail (e-mails are unique) and no company unless given one."""

    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.com")
    company = None

    class Meta:
        model = Contact


class DealFactory(factory.django.DjangoModelFactory):
    """An open deal in the default pipeline's first open stage, for its contact's company."""

    title = factory.Sequence(lambda n: f"Deal {n}")
    contact = factory.SubFactory(ContactFactory)
    company = factory.SelfAttribute("contact.company")
    pipeline = factory.LazyFunction(default_pipeline)
    stage = factory.LazyAttribute(lambda deal: first_open_stage(deal.pipeline))
    amount = Decimal("250000")

    class Meta:
        model = Deal


class TaskFactory(factory.django.DjangoModelFactory):
    """A task due tomorrow on a deal and its contact, for the deal's owner (as ``task_create``);
    ``TaskFactory(deal=None, contact=…)`` makes a task on a contact alone."""

    title = factory.Sequence(lambda n: f"Task {n}")
    kind = TaskKind.CALL
    deal = factory.SubFactory(DealFactory)
    contact = factory.LazyAttribute(lambda task: task.deal.contact if task.deal else None)
    assignee = factory.LazyAttribute(lambda task: task.deal.owner if task.deal else None)
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))

    class Meta:
        model = Task


class ActivityFactory(factory.django.DjangoModelFactory):
    """A note on a deal's timeline, shown on its contact's and company's (as ``activity_log``)."""

    kind = ActivityKind.NOTE
    text = factory.Sequence(lambda n: f"Note {n}")
    deal = factory.SubFactory(DealFactory)
    contact = factory.SelfAttribute("deal.contact")
    company = factory.SelfAttribute("deal.company")

    class Meta:
        model = Activity
