"""Every public page has a meta description: the editor's, else the page's own summary text."""

from cases.factories import CasePageFactory
from experts.factories import ExpertPageFactory
from home.factories import HomePageFactory


def test_description_falls_back_to_the_pages_own_text(db):  # a built page reads its content type
    long_summary = "We moved the shop to a new platform. " * 10
    case = CasePageFactory.build(search_description="", summary=long_summary)
    description = case.get_meta_description()
    assert description.startswith("We moved the shop to a new platform.")
    assert len(description) <= 160

    assert ExpertPageFactory.build(short_bio="Architect.\n Ten years.").get_meta_description() == (
        "Architect. Ten years."
    )
    assert HomePageFactory.build(hero_text="Software that ships").get_meta_description() == (
        "Software that ships"
    )
    chosen = CasePageFactory.build(search_description="Chosen words", summary="Summary")
    assert chosen.get_meta_description() == "Chosen words"
