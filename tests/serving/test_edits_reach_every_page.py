"""Edits after which a public page could keep showing what it showed before (found by an outside
review; the home page's links once did), in
this process and in another one that learns of the change from the log only
(``serving.change_tags``, ``serving.content_version``)."""

import pytest
from modelsearch import index as search_index

from tests.edits import body, fresh, publish, warm
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

pytestmark = pytest.mark.usefixtures("queued_tasks")


def publish_indexed(page, **fields):
    """Publish, then what the queued index task does (the worker's part)."""
    publish(page, **fields)
    search_index.insert_or_update_object(fresh(page))


def _button(home, target):
    home.call_to_action = [
        ("call_to_action", {"title": "See it", "button_text": "Go", "page": target, "url": ""})
    ]


def _rich_text_link(home, target):
    home.value_proposition = f'<p>See <a linktype="page" id="{target.pk}">this</a></p>'


@pytest.mark.parametrize(
    ("link", "target_of"),
    [(_button, lambda p: p.cases[0]), (_rich_text_link, lambda p: p.services[0])],
    ids=["call-to-action button to a case", "value proposition link to a service"],
)
def test_home_links_follow_a_linked_pages_new_address(client, portfolio, change, link, target_of):
    home, target = fresh(portfolio.tree.home), target_of(portfolio)
    link(home, target)
    home.save_revision().publish()
    old_url = target.url
    warm(client, [home.url])
    assert f'href="{old_url}"' in body(client, home.url)
    change(lambda: publish(fresh(target), slug="zeppelin"))
    new_url = fresh(target).url
    page = body(client, home.url)
    assert f'href="{new_url}"' in page
    assert f'href="{old_url}"' not in page


def test_an_anonymised_client_is_no_longer_found_nor_offered(client, portfolio, change):
    case = fresh(portfolio.cases[0])
    publish_indexed(case, client_name="Volgatrade Holding")
    service_url = portfolio.services[0].url
    warm(client, [service_url, portfolio.tree.cases.url, portfolio.tree.home.url])
    found = body(client, "/search/?q=Volgatrade")
    assert case.title in found
    assert "Volgatrade" in body(client, "/search/?q=Volgatrad")  # corrected or offered
    change(lambda: publish_indexed(fresh(case), visibility="anonymised"))
    assert case.title not in body(client, "/search/?q=Volgatrade")
    for url in (
        "/search/?q=Volgatrad",
        "/search/?q=Volgatrde",
        "/search/?q=Holding",
        service_url,
        portfolio.tree.cases.url,
        portfolio.tree.home.url,
        case.url,
        "/search/suggest/?q=Volga",
    ):
        page = body(client, url)
        assert "Volgatrade" not in page and "volgatrade" not in page, url


def test_a_renamed_service_moves_did_you_mean_and_suggestions(client, portfolio, change):
    service = fresh(portfolio.services[0])
    publish_indexed(service, title="Quasar audit")
    warm(client, ["/search/?q=Quasr", "/search/suggest/?q=Quas", "/search/?q=Pulsr"])
    assert "quasar" in body(client, "/search/?q=Quasr").lower()
    change(lambda: publish_indexed(fresh(service), title="Pulsar audit"))
    assert "quasar" not in body(client, "/search/?q=Quasr").lower()
    assert "Quasar" not in body(client, "/search/suggest/?q=Quas")
    assert "pulsar" in body(client, "/search/?q=Pulsr").lower()
    assert "Pulsar audit" in body(client, "/search/suggest/?q=Puls")


def test_a_cases_new_year_and_service_show_in_the_portfolio_filters(client, portfolio, change):
    case, other = fresh(portfolio.cases[0]), portfolio.services[1]
    index_url = portfolio.tree.cases.url
    warm(client, [index_url, f"{index_url}?year=1999", f"{index_url}?service={other.pk}"])
    assert 'value="1999"' not in body(client, index_url)

    def move():
        page = fresh(case)
        page.year = 1999
        page.services.set([other])
        page.save_revision().publish()

    change(move)
    assert 'value="1999"' in body(client, index_url)
    assert case.title in body(client, f"{index_url}?year=1999")
    assert case.title in body(client, f"{index_url}?service={other.pk}")


def test_an_internal_case_leaves_every_public_list_search_api_and_sitemap(
    client, portfolio, change
):
    case = fresh(portfolio.cases[0])  # service 0, expert 0, a quote
    publish_indexed(case, title="Zeppelin retrofit", client_name="Volgatrade Holding")
    urls = [
        portfolio.tree.home.url,
        portfolio.tree.cases.url,
        f"{portfolio.tree.cases.url}?year={case.year}",
        portfolio.services[0].url,
        portfolio.experts[0].url,
        "/search/?q=Zeppelin",
        "/search/?q=retrofit",
        "/search/suggest/?q=Zeppel",
        "/sitemap.xml",
        "/api/v2/pages/?type=cases.CasePage&fields=client",
    ]
    warm(client, urls)
    assert "Zeppelin retrofit" in body(client, portfolio.services[0].url)
    change(lambda: publish_indexed(fresh(case), visibility="internal"))
    for url in urls:
        page = body(client, url)
        assert "Zeppelin retrofit" not in page and "Volgatrade" not in page, url
        assert f"/cases/{case.slug}/" not in page, url


def test_a_synonym_of_a_newly_anonymised_client_finds_nothing(client, portfolio, change):
    """A group written while the client was public ("Volgatrade" = "grocer") must stop
    applying once the name is hidden: else typing the hidden name finds the case by the
    description that replaced it."""
    from search.models import SynonymGroup

    case = fresh(portfolio.cases[0])
    publish_indexed(case, client_name="Volgatrade", client_description="A regional grocer network")
    SynonymGroup.objects.create(terms="Volgatrade\ngrocer", language="any")
    warm(client, ["/search/?q=Volgatrade", "/search/?q=grocer"])
    assert case.title in body(client, "/search/?q=Volgatrade")
    change(lambda: publish_indexed(fresh(case), visibility="anonymised"))
    assert case.title in body(client, "/search/?q=grocer")
    assert case.title not in body(client, "/search/?q=Volgatrade")


def test_a_services_new_category_and_type_show_in_the_catalog_and_its_filter(
    client, portfolio, change
):
    from catalog.factories import ServiceCategoryFactory
    from catalog.models import ServiceType

    service, index_url = portfolio.services[1], portfolio.tree.services.url
    subscription = ServiceType.objects.get(code="subscription")
    category = ServiceCategoryFactory(name="Zoology", slug="zoology")  # made before warming:
    # a snippet's save names everything
    urls = [index_url, f"{index_url}?type=subscription", f"{index_url}?type=project"]
    warm(client, urls)
    assert service.title not in body(client, urls[1])

    def move():
        page = fresh(service)
        page.category = category
        page.service_types.set([subscription])
        page.save_revision().publish()

    change(move)
    assert service.title in body(client, urls[1])
    assert "Zoology" in body(client, urls[1]) and 'id="category-zoology"' in body(client, index_url)
    assert service.title not in body(client, urls[2])
