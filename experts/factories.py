import factory
import wagtail_factories

from .models import Competency, ExpertCompetency, ExpertIndexPage, ExpertPage


class CompetencyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Competency {n}")
    slug = factory.Sequence(lambda n: f"competency-{n}")
    area = "engineering"

    class Meta:
        model = Competency


class ExpertIndexPageFactory(wagtail_factories.PageFactory):
    title = "Experts"
    slug = "experts"

    class Meta:
        model = ExpertIndexPage


class ExpertPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Expert {n}")
    position = "Engineer"
    short_bio = "Builds things that last."
    seniority = "senior"
    years_of_experience = 7

    class Meta:
        model = ExpertPage


class ExpertCompetencyFactory(factory.django.DjangoModelFactory):
    expert = factory.SubFactory(ExpertPageFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 3
    years = 4

    class Meta:
        model = ExpertCompetency
