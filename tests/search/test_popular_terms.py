"""Popular searches offered on an empty or fruitless search page: only terms that found results
for enough distinct visitors, never spam from one address, never a term hidden by an editor."""

from django.contrib.auth.models import Group, User
from django.test import Client

from search.models import HiddenSearchTerm, NoResultsDailyHits, SearchVisitorDay
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

NO_RESULTS = "zzzzqqqq"


def search(text: str, address: str) -> None:
    Client(REMOTE_ADDR=address).get("/search/", {"q": text})


def popular_section(client) -> str:
    html = client.get("/search/", {"q": NO_RESULTS}).content.decode()
    assert "Nothing found" in html
    if "Popular searches" not in html:
        return ""
    return html.split("Popular searches", 1)[1].split("</section>", 1)[0]


def test_a_term_from_three_addresses_that_found_results_is_offered(client, portfolio):
    for address in ("10.0.0.1", "10.0.0.2", "2001:db8::7"):
        search("Kubernetes", address)
    assert "kubernetes" in popular_section(client)


def test_one_address_repeating_a_term_forty_times_is_not_offered(client, portfolio):
    for _ in range(40):
        search("kubernetes service", "203.0.113.9")
    search("kubernetes service", "10.0.0.1")  # and one other visitor: two of the three needed
    assert "kubernetes service" not in popular_section(client)
    assert SearchVisitorDay.objects.count() == 2
    for address in ("2001:db8::1", "2001:DB8:0::2"):  # one IPv6 /64 is one visitor
        search("kubernetes service", address)
    assert "kubernetes service" in popular_section(client)
    assert SearchVisitorDay.objects.count() == 3


def test_a_term_that_found_nothing_is_never_offered(client, portfolio, settings):
    settings.SEARCH_POPULAR_MIN_VISITORS = 1
    for number in range(5):
        search("buy cheap pills evilsite com", f"10.0.1.{number}")
    search("Kubernetes", "10.0.2.1")
    offered = popular_section(client)
    assert "kubernetes" in offered
    assert "pills" not in offered and NO_RESULTS not in offered


def test_a_hidden_term_is_not_offered(client, portfolio):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        search("Kubernetes", address)
        search("Django", address)
    HiddenSearchTerm.objects.create(term="  KUBERNETES ")
    offered = popular_section(client)
    assert "kubernetes" not in offered and "django" in offered


def test_visitors_are_stored_as_a_keyed_hash_not_their_address(portfolio, settings):
    search("Kubernetes", "198.51.100.23")
    (row,) = SearchVisitorDay.objects.all()
    assert "198.51.100.23" not in row.visitor and len(row.visitor) == 40
    settings.SECRET_KEY = "another-secret"
    search("Kubernetes", "198.51.100.23")
    assert SearchVisitorDay.objects.count() == 2  # the key depends on the secret


def test_an_editor_hides_a_term_in_the_admin(portfolio):
    editor = User.objects.create_user("ed", "ed@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/snippets/search/hiddensearchterm/").status_code == 200
    response = client.post(
        "/admin/snippets/search/hiddensearchterm/add/", {"term": "Buy  Cheap Pills"}
    )
    assert response.status_code == 302
    assert HiddenSearchTerm.objects.get().term == "buy cheap pills"
    again = client.post("/admin/snippets/search/hiddensearchterm/add/", {"term": "BUY CHEAP PILLS"})
    assert again.status_code == 200 and HiddenSearchTerm.objects.count() == 1


def test_a_misspelling_shown_corrected_results_is_never_offered(client, portfolio):
    """The corrected query's results are shown, but the query as typed found nothing: it is
    counted as a search without results and never becomes popular."""
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        response = Client(REMOTE_ADDR=address).get("/search/", {"q": "Kuberentes"})
        assert "Showing results for" in response.content.decode()
    offered = popular_section(client)
    assert "kuberentes" not in offered
    assert not SearchVisitorDay.objects.filter(query__query_string="kuberentes").exists()
    assert NoResultsDailyHits.objects.filter(query__query_string="kuberentes").exists()


def test_words_only_some_of_which_were_found_are_never_offered(client, portfolio):
    """Spam wrapped around a real word finds pages with that word, but not the spam: as typed,
    it found nothing."""
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        search("buy cheap pills Kubernetes", address)
    assert "pills" not in popular_section(client)
    assert not SearchVisitorDay.objects.filter(query__query_string__contains="pills").exists()
