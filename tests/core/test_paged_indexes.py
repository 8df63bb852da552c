"""The service and expert indexes cost the same at 13 and at 1,000 items: each shows one page of
cards (``core.paged_index``), the plain list's further pages at ``page/N/`` (which a static copy
holds), a filtered list's at ``?…&page=N``."""

from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

import pytest

from catalog.choices import ServiceTypeCode
from catalog.factories import ServiceCategoryFactory, ServicePageFactory
from catalog.models import ServiceIndexPage, ServicePage, ServiceType
from experts.factories import CompetencyFactory, ExpertCompetencyFactory, ExpertPageFactory
from experts.models import ExpertIndexPage, ExpertPage
from search.indexing import index_saved
from tests.builders import receiver_off
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

PER_PAGE = ServiceIndexPage.per_page
assert ExpertIndexPage.per_page == PER_PAGE


@pytest.fixture(autouse=True)
def _queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def add(site_tree, count: int, start: int = 0) -> None:
    categories = [ServiceCategoryFactory(name=f"Category {start}-{n}") for n in range(3)]
    for number in range(start, start + count):
        ServicePageFactory(
            parent=site_tree.services,
            title=f"Service {number:04}",
            slug=f"service-{number}",
            category=categories[number % 3],
        )
        ExpertPageFactory(
            parent=site_tree.experts, title=f"Expert {number:04}", slug=f"expert-{number}"
        )


def cost(client, url: str) -> tuple[int, str]:
    """Queries of a warm request (the first two warm the site facts and the cards), and the HTML."""
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response.content.decode()


def test_the_indexes_cost_the_same_at_13_and_at_1000_items(client, site_tree):
    add(site_tree, 13)
    urls = [site_tree.services.url, site_tree.experts.url]
    small = {url: cost(client, url) for url in urls}
    assert all(html.count('class="card ') == 13 for _queries, html in small.values())
    assert client.get(site_tree.services.url + "page/2/").status_code == 404
    # The 987 more are pages like the first 13, without their search entries (a third of each
    # save), which neither index reads.
    with receiver_off(post_save, index_saved, senders=[ServicePage, ExpertPage]):
        add(site_tree, 987, start=13)
    large = {url: cost(client, url) for url in urls}
    for url in urls:
        assert large[url][0] == small[url][0], url
        assert large[url][1].count('class="card ') == PER_PAGE, url
        assert "Page 1 of 42" in large[url][1]
    for index in (site_tree.services, site_tree.experts):  # the last page as well
        queries, html = cost(client, index.url + "page/42/")
        assert queries == small[index.url][0] and html.count('class="card ') == 1000 - 41 * PER_PAGE


@pytest.mark.parametrize("index_name", ["services", "experts"])
def test_pages_as_paths_and_a_filtered_list_in_its_query(client, site_tree, index_name):
    add(site_tree, PER_PAGE + 6)
    index = getattr(site_tree, index_name).specific
    first = client.get(index.url).content.decode()
    assert f'href="{index.url}page/2/" rel="next"' in first
    second = client.get(index.url + "page/2/").content.decode()
    assert second.count('class="card ') == 6
    assert f'href="{index.url}" rel="prev"' in second
    assert client.get(index.url + "page/3/").status_code == 404
    assert client.get(index.url + "page/02/").status_code == 404
    assert client.get(index.url, {"page": "abc"}).status_code == 200  # the first page
    assert index.export_subpaths() == ["page/2/"]


def test_a_filtered_service_list_pages_in_its_query(client, site_tree):
    category = ServiceCategoryFactory(name="Consulting")
    for number in range(PER_PAGE + 1):
        service = ServicePageFactory(
            parent=site_tree.services, title=f"Audit {number:02}", category=category
        )
        service.service_types.add(ServiceType.objects.get(code=ServiceTypeCode.PROJECT))
        service.save()
    url = site_tree.services.url
    first = client.get(url, {"type": ServiceTypeCode.PROJECT}).content.decode()
    assert f'href="?type={ServiceTypeCode.PROJECT}&amp;page=2" rel="next"' in first
    last = client.get(url, {"type": ServiceTypeCode.PROJECT, "page": "2"}).content.decode()
    assert last.count('class="card ') == 1 and "Audit 24" in last


def test_a_filtered_expert_list_pages_in_its_query(client, site_tree):
    competency = CompetencyFactory(name="Kubernetes", slug="kubernetes")
    for number in range(PER_PAGE + 2):
        expert = ExpertPageFactory(parent=site_tree.experts, title=f"Kube {number:02}")
        ExpertCompetencyFactory(expert=expert, competency=competency)
    ExpertPageFactory(parent=site_tree.experts, title="Other")
    url = site_tree.experts.url
    first = client.get(url, {"competency": "kubernetes"}).content.decode()
    assert 'href="?competency=kubernetes&amp;page=2" rel="next"' in first
    last = client.get(url, {"competency": "kubernetes", "page": "9"}).content.decode()
    assert last.count('class="card ') == 2 and "Other" not in last  # past the end: the last page


def test_each_category_links_to_the_page_where_it_begins(client, site_tree):
    """A category further down a long catalog is on a later page: its link says which."""
    first, second = (ServiceCategoryFactory(name=n, sort_order=i) for i, n in enumerate("AB"))
    for number in range(PER_PAGE + 3):
        ServicePageFactory(parent=site_tree.services, title=f"A {number:02}", category=first)
    ServicePageFactory(parent=site_tree.services, title="B 00", category=second)
    index = site_tree.services.specific
    urls = index.category_urls()
    assert urls == {
        first.slug: f"{index.url}#category-{first.slug}",
        second.slug: f"{index.url}page/2/#category-{second.slug}",
    }
    page, anchor = urls[second.slug].split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()
