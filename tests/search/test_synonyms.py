"""Synonym groups: what editors may enter (and who may), how a query's stems are expanded on the
database backends, and the rules Elasticsearch/OpenSearch are given."""

import os

from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

import pytest

from search.analysis import query_terms
from search.es_backends import SYNONYM_FILTER, with_synonyms
from search.models import SynonymGroup
from search.synonyms import expand, synonym_lines, term_key

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/search/synonymgroup/"


def alternatives(query: str) -> list[list[tuple[str, ...]]]:
    return expand(query_terms(query))


def group_errors(**fields) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        SynonymGroup(**fields).full_clean()
    return raised.value.message_dict["terms"]


# What editors may enter


def test_a_group_needs_two_terms():
    assert group_errors(terms="kubernetes\n  KUBERNETES \n\n") == [
        "Enter at least two terms, one per line."
    ]


def test_a_term_is_a_short_phrase_named_in_the_message():
    errors = group_errors(terms="kubernetes\nthe best container platform in the world")
    assert errors == ["“the best container platform in the world” has more than 5 words."]
    long = "k" * 101
    assert group_errors(terms=f"kubernetes\n{long}") == [
        f"“{long[:40]}…” is longer than 100 characters."
    ]
    assert group_errors(terms="kubernetes\n—!?") == [
        "“—!?” has no letters or digits a search could match."
    ]


def test_a_term_already_in_another_group_is_named_with_that_group():
    """The seeded e-commerce group holds "webshop": a word form of it is the same term."""
    (error,) = group_errors(terms="Webshops\nmarketplace")
    assert error.startswith("“Webshops” is already in the group “e-commerce, ecommerce")
    assert "(as “webshop”)" in error
    # a Russian group may not take a term of a group for any language either
    assert group_errors(language="ru", terms="ЖКХ\nкоммуналка")[0].startswith("“ЖКХ” is already")


def test_russian_and_english_groups_may_share_a_term():
    SynonymGroup.objects.create(language="ru", terms="кубер\nkubernetes")
    group = SynonymGroup(language="en", terms="k8s\nkubernetes")
    group.full_clean()  # a site uses one of them, never both
    assert group.terms == "k8s\nkubernetes"


def test_terms_are_stored_one_per_line_without_repeats():
    group = SynonymGroup(terms="  K8s \n\nkubernetes\nk8s\n  kube   cluster ")
    group.full_clean()
    assert group.terms == "K8s\nkubernetes\nkube cluster"
    assert str(group) == "K8s, kubernetes, kube cluster"


def test_the_defaults_are_valid_groups():
    groups = list(SynonymGroup.objects.all())
    assert len(groups) >= 15
    for group in groups:
        group.full_clean()


# Who may edit them


def _user(name: str, group: str | None = None, superuser: bool = False) -> User:
    if superuser:
        return User.objects.create_superuser(name, f"{name}@example.com", "pw")
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_editors_and_superusers_keep_the_synonyms(client, role):
    user = _user(role, "Editors", superuser=role == "superuser")
    client.force_login(user)
    group = SynonymGroup.objects.get(terms__startswith="Shopify")
    assert "Shopify" in client.get(ADMIN).content.decode()
    added = client.post(f"{ADMIN}add/", {"terms": "k8s\nKubernetes", "language": "any"})
    assert added.status_code == 302
    assert SynonymGroup.objects.filter(terms="k8s\nKubernetes").exists()
    edited = client.post(
        f"{ADMIN}edit/{group.pk}/", {"terms": "Shopify\nШопифай\nShopify Plus", "language": "any"}
    )
    assert edited.status_code == 302
    group.refresh_from_db()
    assert group.terms.endswith("Shopify Plus")
    assert client.get(f"{ADMIN}history/{group.pk}/").status_code == 200
    assert client.post(f"{ADMIN}delete/{group.pk}/").status_code == 302
    assert not SynonymGroup.objects.filter(pk=group.pk).exists()


def test_the_form_names_the_term_of_another_group(client):
    client.force_login(_user("editor", "Editors"))
    response = client.post(f"{ADMIN}add/", {"terms": "bitrix\nбитрикс-24", "language": "ru"})
    assert response.status_code == 200
    assert "“bitrix” is already in the group" in response.content.decode()
    hostile = client.post(f"{ADMIN}add/", {"terms": "a\x00b\nc", "language": "any"})
    assert hostile.status_code == 200  # the form refuses the NUL byte, no error page


@pytest.mark.parametrize("role", ["Sales", "Sales managers"])
def test_sales_may_not_touch_the_synonyms(client, role):
    client.force_login(_user("seller", role))
    group = SynonymGroup.objects.get(terms__startswith="Shopify")
    before = list(SynonymGroup.objects.values().order_by("pk"))
    for url in [ADMIN, f"{ADMIN}add/", f"{ADMIN}edit/{group.pk}/", f"{ADMIN}history/{group.pk}/"]:
        assert client.get(url).status_code in (302, 403), url
    client.post(f"{ADMIN}add/", {"terms": "k8s\nkubernetes", "language": "any"})
    client.post(f"{ADMIN}edit/{group.pk}/", {"terms": "Shopify\nspam", "language": "any"})
    client.post(f"{ADMIN}delete/{group.pk}/")
    assert list(SynonymGroup.objects.values().order_by("pk")) == before


@pytest.mark.parametrize("role", ["Sales", "Sales managers"])
def test_sales_may_not_read_the_synonyms_or_hidden_searches_through_a_chooser(client, role):
    group = SynonymGroup.objects.get(terms__startswith="Shopify")
    client.force_login(_user("seller", role))
    for model in ("synonymgroup", "hiddensearchterm"):
        for path in ("", "results/", "chosen/1/"):
            url = f"/admin/snippets/choose/search/{model}/{path}"
            assert client.get(url).status_code in (302, 403), url  # Wagtail: back to the dashboard
            assert "Shopify" not in client.get(url).content.decode()
    client.force_login(_user("editor", "Editors"))
    listing = client.get("/admin/snippets/choose/search/synonymgroup/results/")
    assert listing.status_code == 200 and 'class="listing"' in listing.content.decode()
    assert (
        client.get(f"/admin/snippets/choose/search/synonymgroup/chosen/{group.pk}/").status_code
        == 200
    )


def test_copy_and_inspect_views_do_not_exist(client):
    """A copy would repeat every term of its group, which validation refuses anyway."""
    client.force_login(_user("root", superuser=True))
    group = SynonymGroup.objects.first()
    assert client.get(f"{ADMIN}copy/{group.pk}/").status_code == 404
    assert client.get(f"{ADMIN}inspect/{group.pk}/").status_code == 404


# Expansion of a query on the database backends


def test_1c_in_latin_or_cyrillic_letters_and_1c_enterprise():
    assert alternatives("1C") == alternatives("1С")  # Latin C and Cyrillic С
    assert term_key("1С:Предприятие") in alternatives("1C")[0]
    assert ("1c",) in alternatives("1С:Предприятие")[0]


def test_bitrix_finds_1c_bitrix_and_back():
    assert term_key("1С-Битрикс") in alternatives("Bitrix")[0]
    assert ("bitrix",) in alternatives("1С-Битрикс")[0]
    assert term_key("Битрикс24") in alternatives("битриксе")[0]  # a word form of a term


@pytest.mark.parametrize(
    "query",
    ["webshop", "webshops", "ecommerce", "online store", "Online stores", "интернет-магазины"],
)
def test_shop_words_stand_for_e_commerce(query):
    (group,) = alternatives(query)  # a two-word term is one position
    assert term_key("e-commerce") in group
    assert term_key("электронная коммерция") in group


def test_industry_abbreviations_and_full_names():
    assert term_key("жилищно-коммунальное хозяйство") in alternatives("ЖКХ")[0]
    assert ("жкх",) in alternatives("жилищно-коммунального хозяйства")[0]
    assert term_key("financial technology") in alternatives("fintech")[0]
    assert ("hr",) in alternatives("кадров")[0]


def test_the_longest_term_wins_and_other_words_stay_as_they_are():
    groups = alternatives("online store development for fintech")
    assert len(groups) == 3
    assert groups[0][0] == ("onlin", "store") and term_key("webshop") in groups[0]
    assert groups[1] == [(query_terms("development")[0],)]
    assert groups[2][0] == ("fintech",) and term_key("финтех") in groups[2]


def test_a_query_without_synonyms_gives_one_alternative_per_term():
    terms = query_terms("Kubernetes migration of a warehouse")
    assert expand(terms) == [[(term,)] for term in terms]
    assert expand([]) == []


def test_expansion_follows_edits():
    assert alternatives("k8s") == [[("k8s",)]]
    group = SynonymGroup.objects.create(terms="k8s\nKubernetes")
    assert alternatives("k8s") == [[("k8s",), term_key("Kubernetes")]]
    group.live = False
    group.save()
    assert alternatives("k8s") == [[("k8s",)]]
    group.live = True
    group.save()
    group.delete()
    assert alternatives("Kubernetes") == [[term_key("Kubernetes")]]


def test_only_the_site_languages_groups_apply():
    SynonymGroup.objects.create(language="ru", terms="кубер\nkubernetes")
    SynonymGroup.objects.create(language="en", terms="k8s\nkubernetes")
    assert django_settings.LANGUAGE_CODE == "en"
    assert ("k8s",) in alternatives("kubernetes")[0]
    assert term_key("кубер") not in alternatives("kubernetes")[0]
    with override_settings(LANGUAGE_CODE="ru"):
        assert term_key("кубер") in alternatives("kubernetes")[0]
        assert ("k8s",) not in alternatives("kubernetes")[0]


def test_a_warm_expansion_reads_the_groups_no_more(django_assert_max_num_queries):
    alternatives("webshop")
    with django_assert_max_num_queries(1):  # the content version, outside a request
        assert term_key("e-commerce") in alternatives("webshop")[0]


def test_hostile_queries_expand_without_error():
    for text in ["\x00\x00", "a" * 10_000, 'OR AND NOT ( " *', "<b>1C</b>", "\ud800 1С"]:
        terms = query_terms(text)
        assert len(expand(terms)) <= len(terms)


# Searching on the database backend (SQLite, and PostgreSQL with DATABASE_URL)


@pytest.fixture
def shop_pages(site_tree):
    from catalog.factories import ServicePageFactory

    for number, (title, summary) in enumerate(
        [
            ("E-commerce development", "Catalogs, carts and payments for retailers."),
            ("Внедрение 1С", "Учёт и склад на 1С для производства."),
            ("Сайт на 1С-Битрикс", "Корпоративный портал и каталог."),
            ("Кадровый учёт", "Кадры и персонал: табель и отпуска."),
            ("Kubernetes platform", "Clusters for teams."),
        ]
    ):
        ServicePageFactory(
            parent=site_tree.services, title=title, summary=summary, slug=f"service-{number}"
        )
    return site_tree


def found(query: str) -> list[str]:
    from search.selectors import portfolio_search

    return [hit.page.title for hit in portfolio_search(text=query, per_page=20).hits]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("1C", "Внедрение 1С"),
        ("1С:Предприятие", "Внедрение 1С"),
        ("Bitrix", "Сайт на 1С-Битрикс"),
        ("bitrix24", "Сайт на 1С-Битрикс"),
        ("webshop", "E-commerce development"),
        ("online store", "E-commerce development"),
        ("интернет-магазин", "E-commerce development"),
        ("HR", "Кадровый учёт"),
    ],
)
def test_a_synonym_finds_the_page(shop_pages, query, title):
    assert title in found(query)


def test_a_filler_word_term_is_refused():
    assert group_errors(terms="the\nand\nof") == [
        f"“{word}” is made only of filler words, which a search leaves out."
        for word in ("the", "and", "of")
    ]


@pytest.fixture
def anonymised_case(shop_pages):
    from cases.factories import CasePageFactory

    return CasePageFactory(
        parent=shop_pages.cases,
        title="Demand forecasting for a grocery chain",
        visibility="anonymised",
        client_name="FreshMarket Grocery",
        client_description="A grocery chain",
    )


def test_a_term_naming_a_hidden_client_is_refused(anonymised_case):
    errors = group_errors(terms="FreshMarket\ngrocery chain")
    assert errors == [
        "“FreshMarket” names the client of an anonymised or internal case: a search for it would "
        "lead visitors to that case."
    ]
    # a word the public site uses too is not a name to hide: "grocery" is in the case's title
    SynonymGroup(terms="grocery\nproduce shop").full_clean()


def test_a_group_naming_a_hidden_client_never_finds_its_case(anonymised_case):
    """A group saved before the case was anonymised (or written around the form) is applied
    without that term: the hidden name still finds nothing."""
    SynonymGroup.objects.create(terms="FreshMarket\ngrocery chain\nsupermarket")
    assert found("FreshMarket") == []
    assert found("supermarket") == [anonymised_case.title]  # the rest of the group still works


def test_a_new_group_is_searched_at_once_and_a_switched_off_one_no_more(shop_pages):
    assert "Kubernetes platform" not in found("k8s")
    group = SynonymGroup.objects.create(terms="k8s\nKubernetes")
    assert "Kubernetes platform" in found("k8s")
    group.live = False
    group.save()
    assert "Kubernetes platform" not in found("k8s")
    assert found("webshop development") == ["E-commerce development"]  # the other word still counts


# Elasticsearch and OpenSearch


def test_the_groups_are_rendered_as_synonym_rules():
    lines = synonym_lines()
    assert "1С, 1C, 1S, 1С:Предприятие" in lines
    assert "Битрикс, Bitrix, 1С-Битрикс, Bitrix24, Битрикс24" in lines
    SynonymGroup.objects.create(terms="C#, the language\nC sharp\n=>x")
    SynonymGroup.objects.create(terms="off\nswitched", live=False)
    SynonymGroup.objects.create(language="ru", terms="кубер\nkubernetes")
    lines = synonym_lines()
    assert "C\\#\\, the language, C sharp, \\=\\>x" in lines
    assert not any("switched" in line or "кубер" in line for line in lines)


def test_the_search_analyzer_carries_the_rules_and_the_index_analyzer_does_not():
    configured = django_settings.SEARCH_INDEX_SETTINGS
    rendered = with_synonyms(configured, ["k8s, kubernetes"])
    analysis = rendered["settings"]["analysis"]
    assert analysis["filter"][SYNONYM_FILTER]["synonyms"] == ["k8s, kubernetes"]
    search_filters = analysis["analyzer"]["default_search"]["filter"]
    assert search_filters.index(SYNONYM_FILTER) < search_filters.index("vitrina_ru")
    assert SYNONYM_FILTER not in analysis["analyzer"]["default"]["filter"]
    assert configured["settings"]["analysis"]["filter"][SYNONYM_FILTER]["synonyms"] == []
    empty = with_synonyms(configured, [])["settings"]["analysis"]
    assert SYNONYM_FILTER not in empty["filter"]
    assert SYNONYM_FILTER not in empty["analyzer"]["default_search"]["filter"]


def _external_backend():
    common = {
        "INDEX": "vitrina-test-synonyms",
        "INDEX_SETTINGS": django_settings.SEARCH_INDEX_SETTINGS,
    }
    if os.environ.get("ELASTICSEARCH_URL"):
        return {
            "BACKEND": "search.es_backends.Elasticsearch9SearchBackend",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            **common,
        }
    if os.environ.get("OPENSEARCH_URL"):
        return {
            "BACKEND": "search.es_backends.OpenSearch3SearchBackend",
            "URLS": [os.environ["OPENSEARCH_URL"]],
            **common,
        }
    return None


@pytest.mark.search_backend
@pytest.mark.skipif(
    _external_backend() is None,
    reason="set ELASTICSEARCH_URL or OPENSEARCH_URL to run against a real server",
)
def test_external_backend_finds_pages_by_a_synonym():
    from search.selectors import portfolio_search

    with override_settings(WAGTAILSEARCH_BACKENDS={"default": _external_backend()}):
        call_command("seed_demo", lang="en", verbosity=0)
        call_command("update_index", verbosity=0)
        titles = [hit.page.title for hit in portfolio_search(text="webshop", per_page=20).hits]
        assert any("e-commerce" in title.lower() for title in titles)
