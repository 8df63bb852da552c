from decimal import Decimal

import factory
import wagtail_factories

from .models import CaseIndexPage, CaseMetric, CasePage, CaseTeamMember, Industry


class IndustryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Industry {n}")
    slug = factory.Sequence(lambda n: f"industry-{n}")

    class Meta:
        model = Industry


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Cases"
    slug = "cases"

    class Meta:
        model = CaseIndexPage


class CasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Case {n}")
    client_name = factory.Sequence(lambda n: f"Client {n}")
    client_description = "A retail chain"
    industry = factory.SubFactory(IndustryFactory)
    year = 2024
    summary = "What we did."
    challenge = "<p>The challenge.</p>"
    solution = "<p>The solution.</p>"

    class Meta:
        model = CasePage


class CaseMetricFactory(factory.django.DjangoModelFactory):
    case = factory.SubFactory(CasePageFactory)
    label = "Conversion"
    value_before = Decimal("2")
    value_after = Decimal("3")
    unit = "%"

    class Meta:
        model = CaseMetric


class CaseTeamMemberFactory(factory.django.DjangoModelFactory):
    case = factory.SubFactory(CasePageFactory)
    role = "Tech lead"

    class Meta:
        model = CaseTeamMember
