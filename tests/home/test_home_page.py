"""The home page shows the newest content, or what editors chose, skipping what is not public."""

from cases.factories import CasePageFactory
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def test_home_shows_newest_content_when_editors_chose_nothing(client, portfolio):
    html = client.get("/").content.decode()
    assert portfolio.tree.home.hero_title in html
    for page in (*portfolio.services, *portfolio.cases, *portfolio.experts):
        assert page.title in html


def test_home_shows_editors_choice_in_their_order_and_skips_internal(client, portfolio):
    home = portfolio.tree.home
    internal = CasePageFactory(
        parent=portfolio.tree.cases, title="Internal pick", visibility="internal"
    )
    home.featured_cases = [
        ("case", portfolio.cases[2]),
        ("case", internal),
        ("case", portfolio.cases[0]),
    ]
    home.save()

    html = client.get("/").content.decode()
    cases_section = html.split('id="cases"', 1)[1].split("</section>", 1)[0]
    assert cases_section.index("Case 2") < cases_section.index("Case 0")
    assert "Case 1" not in cases_section
    assert "Internal pick" not in html


def cases_section(html: str) -> str:
    return html.split('id="cases"', 1)[1].split("</section>", 1)[0]


def test_a_preview_shows_the_unsaved_choice_and_the_live_home_keeps_its_own(client, portfolio):
    """The live home's lists are kept in memory; a preview must not read them, nor change them."""
    assert "Case 0" in cases_section(client.get("/").content.decode())
    home = portfolio.tree.home
    home.featured_cases = [("case", portfolio.cases[1])]  # in the editor, not saved
    preview = cases_section(home.make_preview_request().content.decode())
    assert "Case 1" in preview and "Case 0" not in preview
    live = cases_section(client.get("/").content.decode())
    assert "Case 0" in live and "Case 1" in live


def test_a_published_choice_replaces_the_kept_lists(client, portfolio):
    assert "Case 0" in cases_section(client.get("/").content.decode())
    home = portfolio.tree.home
    home.featured_cases = [("case", portfolio.cases[1])]
    home.save_revision().publish()
    live = cases_section(client.get("/").content.decode())
    assert "Case 1" in live and "Case 0" not in live
