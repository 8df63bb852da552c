"""Static export: every public page, sitemap, robots, assets; forms and search reach the live app;
no broken internal link; publishing re-exports only the pages it affects."""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from wagtail_factories import ImageFactory

from catalog.models import ServicePage
from serving.export import file_for, local_references
from serving.tasks import affected_pages
from tests.builders import build_portfolio

APP = "https://app.example"


def broken_links(root: Path) -> list[str]:
    """Every local link, image, script and stylesheet of every exported file resolves to a file."""
    broken = []
    for html in root.rglob("*.html"):
        for reference in local_references(html.read_text(encoding="utf-8")):
            if not (root / file_for(reference)).is_file():
                broken.append(f"{html.relative_to(root)} → {reference}")
    return broken


def listing_text(root: Path) -> str:
    """All exported case-list pages: which one shows a case depends on year and publish order."""
    pages = [root / "cases/index.html", *sorted(root.glob("cases/page/*/index.html"))]
    return "".join(page.read_text() for page in pages)


@pytest.fixture
def exported(site_tree, tmp_path, settings):
    settings.PUBLIC_APP_URL = ""  # the command's --app-url must win
    portfolio = build_portfolio(site_tree, cases=30, image=ImageFactory(width=64, height=64))
    internal = portfolio.cases[1]
    internal.visibility = "internal"
    internal.save_revision().publish()
    call_command("export_site", str(tmp_path), app_url=APP, verbosity=0)
    return portfolio, tmp_path


def test_every_public_page_sitemap_robots_and_assets_are_written(exported):
    portfolio, root = exported
    pages = [portfolio.tree.home, portfolio.tree.services, portfolio.tree.cases]
    for page in pages + portfolio.services + portfolio.experts + [portfolio.cases[0]]:
        assert (root / file_for(page.url)).is_file(), page.url
    assert (root / "cases/page/2/index.html").is_file()
    assert (root / "cases/page/3/index.html").is_file()
    assert not (root / file_for(portfolio.cases[1].url)).exists()  # internal-only
    assert "<urlset" in (root / "sitemap.xml").read_text()
    assert "Sitemap:" in (root / "robots.txt").read_text()
    assert list((root / "media").rglob("*.webp")) or list((root / "media").rglob("*.jpg"))
    assert (root / "static/css/site.css").is_file()


def test_exported_site_has_no_broken_internal_links(exported):
    _, root = exported
    assert broken_links(root) == []


def test_forms_filters_and_search_point_at_the_live_app(exported):
    portfolio, root = exported
    service = (root / file_for(portfolio.services[0].url)).read_text()
    assert f'action="{APP}/requests/"' in service
    assert f'action="{APP}/search/"' in service and f'data-suggest-url="{APP}/search/suggest/"'
    assert 'name="csrfmiddlewaretoken"' not in service
    cases = (root / "cases/index.html").read_text()
    assert f'action="{APP}{portfolio.tree.cases.url}"' in cases


def test_the_command_refuses_without_an_app_url(site_tree, tmp_path, settings):
    settings.PUBLIC_APP_URL = ""
    with pytest.raises(CommandError, match="PUBLIC_APP_URL"):
        call_command("export_site", str(tmp_path), verbosity=0)


def test_publishing_reexports_only_the_affected_pages(
    exported, settings, django_capture_on_commit_callbacks
):
    portfolio, root = exported
    settings.EXPORT_DIR = str(root)
    service = ServicePage.objects.get(pk=portfolio.services[0].pk)
    case = service.case_list[0].specific  # shown on the service page: it must follow the rename
    untouched = root / file_for(portfolio.experts[2].url)
    before = untouched.stat().st_mtime_ns
    case.title = "Case renamed in the admin"
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()  # test tasks run at once
    assert "Case renamed in the admin" in (root / file_for(case.url)).read_text()
    assert "Case renamed in the admin" in listing_text(root)
    assert "Case renamed in the admin" in (root / file_for(service.url)).read_text()
    assert untouched.stat().st_mtime_ns == before
    affected = {page.pk for page in affected_pages([case.pk])}
    assert portfolio.experts[2].pk not in affected and portfolio.tree.cases.pk in affected


def test_unpublishing_removes_the_copy_and_the_links_to_it(
    exported, settings, django_capture_on_commit_callbacks
):
    portfolio, root = exported
    settings.EXPORT_DIR = str(root)
    case = portfolio.cases[0]
    link = urlsplit(case.get_url()).path
    assert link in listing_text(root)
    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish()
    assert not (root / file_for(case.url)).exists()
    assert link not in listing_text(root)
