"""Build the relevance set's site for one language through the project's factories.

The site is written for this set, not taken from the demo: a ranking tuned on the demo's own
words would only prove it learnt them.
"""

from importlib import import_module

from django.utils.text import slugify

from wagtail.search import index

from cases.choices import Visibility
from cases.factories import CasePageFactory, IndustryFactory
from catalog.factories import ServiceCategoryFactory, ServicePageFactory
from experts.factories import CompetencyFactory, ExpertCompetencyFactory, ExpertPageFactory
from tests.builders import build_site_tree

VISIBILITY = {"p": Visibility.PUBLIC, "a": Visibility.ANONYMISED, "i": Visibility.INTERNAL}


def data(language: str):
    return import_module(f"tests.search.quality.data_{language}")


def rows(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines() if line.strip()]


def _slug(name: str, number: int) -> str:
    return f"{slugify(name, allow_unicode=True)[:40] or 'x'}-{number}"


def hidden_client_names(language: str) -> dict[str, str]:
    """Hidden client name → the title of its (anonymised or internal) case."""
    return {row[1]: row[0] for row in rows(data(language).CASES) if row[3] in "ai"}


def internal_titles(language: str) -> set[str]:
    return {row[0] for row in rows(data(language).CASES) if row[3] == "i"}


def _save_and_index(page) -> None:
    """Save a page whose many-to-many fields were just set, and index it with them. A page
    commits those fields after its post-save signal; the worker indexes it after the commit,
    but the tests' immediate task backend indexes it at the signal, before them."""
    page.save()
    index.insert_or_update_object(page)


def build(language: str) -> dict[str, int]:
    """Make the site (replacing any page tree) and return the number of pages of each kind."""
    source = data(language)
    tree = build_site_tree()
    categories = {
        name: ServiceCategoryFactory(name=name, slug=_slug(name, n))
        for n, name in enumerate(source.CATEGORIES.split(";"))
    }
    industries = {
        name: IndustryFactory(name=name, slug=_slug(name, n))
        for n, name in enumerate(source.INDUSTRIES.split(";"))
    }
    competencies = {
        name: CompetencyFactory(name=name, slug=_slug(name, n))
        for n, name in enumerate(source.COMPETENCIES.split(";"))
    }
    services = {}
    for number, (title, category, skills, summary, methodology) in enumerate(rows(source.SERVICES)):
        service = ServicePageFactory(
            parent=tree.services,
            title=title,
            slug=_slug(title, number),
            category=categories[category],
            summary=summary,
            methodology=f"<p>{methodology}</p>",
        )
        service.required_competencies.add(*[competencies[name] for name in skills.split(";")])
        _save_and_index(service)
        services[title] = service
    for number, (name, position, skills, bio) in enumerate(rows(source.EXPERTS)):
        expert = ExpertPageFactory(
            parent=tree.experts,
            title=name,
            slug=_slug(name, number),
            position=position,
            short_bio=bio,
        )
        for skill in skills.split(";"):
            ExpertCompetencyFactory(expert=expert, competency=competencies[skill])
        expert.save()  # reindexed with its competencies, as the editor's save does
    for number, row in enumerate(rows(source.CASES)):
        title, client, description, visibility, industry, used, summary, challenge, solution = row
        case = CasePageFactory(
            parent=tree.cases,
            title=title,
            slug=_slug(title, number),
            client_name=client,
            client_description=description,
            visibility=VISIBILITY[visibility],
            industry=industries[industry],
            year=2020 + number % 6,
            summary=summary,
            challenge=f"<p>{challenge}</p>",
            solution=f"<p>{solution}</p>",
        )
        case.services.add(*[services[name] for name in used.split(";")])
        _save_and_index(case)
    return {
        "services": len(services),
        "experts": len(rows(source.EXPERTS)),
        "cases": len(rows(source.CASES)),
    }
