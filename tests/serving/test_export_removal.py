"""The static copy holds only what is public now: a page made internal-only, unpublished,
renamed or put behind a view restriction loses its copy on the worker's re-export and on a full
``export_site`` into the same folder; files the export did not write are never deleted."""

import json
from pathlib import Path

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest
from wagtail_factories import ImageFactory

from cases.factories import IndustryFactory
from serving.export import file_for, local_references
from serving.export_manifest import MANIFEST_NAME
from tests.builders import build_portfolio

APP = "https://app.example"


def export(root: Path) -> None:
    call_command("export_site", str(root), app_url=APP, verbosity=0)


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.fixture
def exported(site_tree, tmp_path, settings):
    """14 cases (two pages of the case list), the first one the only case of "Mining"."""
    settings.PUBLIC_APP_URL = APP
    portfolio = build_portfolio(site_tree, cases=14)
    publish(portfolio.cases[0], industry=IndustryFactory(name="Mining", slug="mining"))
    export(tmp_path)
    return portfolio, tmp_path


@pytest.fixture
def worker(exported, settings, django_capture_on_commit_callbacks):
    """From now on every change re-exports what it affects at once, as the worker would."""
    settings.EXPORT_DIR = str(exported[1])

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def test_making_a_case_internal_only_deletes_its_copy_and_every_trace(exported, worker):
    portfolio, root = exported
    case = portfolio.cases[0]
    copy = root / file_for(case.url)
    assert copy.is_file() and "Mining" in (root / "cases/index.html").read_text()
    worker(lambda: publish(case, visibility="internal"))
    assert not copy.exists() and not copy.parent.exists()
    assert case.url not in (root / "sitemap.xml").read_text()
    listing = (root / "cases/index.html").read_text()
    assert case.url not in listing
    assert "Mining" not in listing  # the filter lists no industry of internal cases only
    assert (root / file_for(portfolio.cases[1].url)).is_file()


def test_a_view_restriction_deletes_the_copy_and_lifting_it_writes_it_again(exported, worker):
    portfolio, root = exported
    expert = portfolio.experts[0]
    copy = root / file_for(expert.url)
    restriction = PageViewRestriction(page=expert, restriction_type="password", password="x1")
    worker(restriction.save)
    assert not copy.exists()
    assert expert.url not in (root / "experts/index.html").read_text()
    worker(restriction.delete)
    assert copy.is_file()
    assert expert.url in (root / "experts/index.html").read_text()


def test_a_restricted_section_loses_the_copies_of_all_its_pages(exported, worker):
    portfolio, root = exported
    services = portfolio.tree.services
    restriction = PageViewRestriction(page=services, restriction_type="password", password="x1")
    worker(restriction.save)
    assert not (root / "services").exists()
    assert (root / file_for(portfolio.cases[0].url)).is_file()


def test_a_shorter_case_list_deletes_its_last_page(exported, worker):
    portfolio, root = exported
    assert (root / "cases/page/2/index.html").is_file()
    worker(lambda: publish(portfolio.cases[2], visibility="internal"))
    worker(lambda: portfolio.cases[3].unpublish())
    assert not (root / "cases/page").exists()  # 12 cases left: one page


def test_a_renamed_page_is_copied_to_its_new_address_only(exported, worker):
    portfolio, root = exported
    case = portfolio.cases[4]
    old = root / file_for(case.url)
    worker(lambda: publish(case, slug="renamed-case"))
    assert not old.exists()
    assert (root / "cases/renamed-case/index.html").is_file()


def test_unpublishing_a_section_page_keeps_the_copies_of_its_live_pages(exported, worker):
    """Only the page's own copy goes: its subpages are still live and still served."""
    portfolio, root = exported
    worker(portfolio.tree.cases.unpublish)
    assert not (root / "cases/index.html").exists()
    assert not (root / "cases/page/2/index.html").exists()
    assert (root / file_for(portfolio.cases[0].url)).is_file()


def test_a_full_export_deletes_what_is_no_longer_public_and_nothing_else(exported):
    portfolio, root = exported
    internal, unpublished, restricted = portfolio.cases[0], portfolio.cases[1], portfolio.experts[1]
    (root / "legacy").mkdir()
    (root / "legacy/index.html").write_text("written by hand")
    (root / file_for(unpublished.url)).with_name("notes.txt").write_text("someone's notes")
    publish(internal, visibility="internal")  # no EXPORT_DIR: nothing re-exported meanwhile
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    export(root)
    for page in (internal, unpublished, restricted):
        assert not (root / file_for(page.url)).exists(), page.url
    assert not (root / file_for(internal.url)).parent.exists()
    assert (root / file_for(unpublished.url)).with_name("notes.txt").is_file()
    assert (root / "legacy/index.html").read_text() == "written by hand"
    assert (root / file_for(portfolio.cases[2].url)).is_file()
    assert (root / file_for(portfolio.experts[0].url)).is_file()
    written = json.loads((root / MANIFEST_NAME).read_text())["pages"]
    assert internal.url not in written and portfolio.cases[2].url in written


def test_a_full_export_deletes_images_only_hidden_pages_used(site_tree, tmp_path, settings):
    settings.PUBLIC_APP_URL = APP
    portfolio = build_portfolio(site_tree, cases=3)
    case = portfolio.cases[0]
    publish(case, hero_image=ImageFactory(width=48, height=48))
    export(tmp_path)
    html = (tmp_path / file_for(case.url)).read_text()
    images = {ref for ref in local_references(html) if ref.startswith(settings.MEDIA_URL)}
    assert images and all((tmp_path / ref.lstrip("/")).is_file() for ref in images)
    publish(case, visibility="internal")
    export(tmp_path)
    assert not any((tmp_path / ref.lstrip("/")).exists() for ref in images)
    assert (tmp_path / "static/css/site.css").is_file()
