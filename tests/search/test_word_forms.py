"""Word forms, ё/е and tokens people type find the same pages on SQLite and PostgreSQL alike
(the index and the query go through one analyser: search.analysis, search.db_index)."""

import pytest

from cases.factories import CasePageFactory
from catalog.factories import ServicePageFactory
from search.selectors import portfolio_search
from tests.builders import build_site_tree
from tests.module_data import fresh as read_again
from tests.module_data import module_data


def titles(query: str) -> list[str]:
    return [hit.page.title for hit in portfolio_search(text=query, per_page=50).hits]


def _build_pages():
    """The site tree with services whose words come in many forms."""
    site_tree = build_site_tree()
    services = site_tree.services
    for title, summary in [
        ("Аудит информационной безопасности", "Проверяем защиту данных."),
        ("Разработка сайтов", "Делаем корпоративные сайты."),
        ("Новогодняя ёлка для интернет-магазина", "Праздничное оформление витрины."),
        ("Shops that sell more", "Online stores for retailers."),
        ("SAP S/4HANA migration", "We move ERP to S/4HANA."),
        ("C# backend services", "Web APIs in C# and .NET for banks."),
        ("C language firmware", "Embedded C for controllers."),
        ("Внедрение 1С:ERP", "Учёт на 1С:ERP для производства."),
        ("Node.js integrations", "Realtime APIs with Node.js."),
    ]:
        ServicePageFactory(parent=services, title=title, summary=summary)
    return site_tree


#: the pages built once per module (tests.module_data); a test asking for ``site_tree`` instead
#: gets the conftest's bare tree, built in its own savepoint in place of this one
pages_rows = module_data(_build_pages, name="pages_rows")


@pytest.fixture
def pages(db, pages_rows):
    """The site tree of ``_build_pages``, read afresh for this test."""
    return read_again(pages_rows)


@pytest.mark.parametrize(
    ("queries", "expected"),
    [
        (("аудит", "аудита", "аудиты", "аудитов"), "Аудит информационной безопасности"),
        (("сайт", "сайты", "сайтов"), "Разработка сайтов"),
        (("ёлка", "елка", "ёлки", "ЕЛКИ"), "Новогодняя ёлка для интернет-магазина"),
        (("shop", "shops", "store", "stores", "retailer"), "Shops that sell more"),
    ],
)
def test_every_word_form_finds_the_page(pages, queries, expected):
    for query in queries:
        assert expected in titles(query), query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("S/4HANA", "SAP S/4HANA migration"),
        ("s/4hana", "SAP S/4HANA migration"),
        ("C#", "C# backend services"),
        (".NET", "C# backend services"),
        ("1С:ERP", "Внедрение 1С:ERP"),
        ("1C:ERP", "Внедрение 1С:ERP"),  # a Latin C
        ("Node.js", "Node.js integrations"),
    ],
)
def test_tokens_people_type_find_pages_containing_them(pages, query, expected):
    assert titles(query)[:1] == [expected]


def test_c_sharp_is_not_every_c(pages):
    assert "C language firmware" not in titles("C#")
    assert "C# backend services" not in titles("firmware")


def test_a_public_client_is_found_by_name_and_industry(site_tree):
    case = CasePageFactory(
        parent=site_tree.cases,
        title="Складская система",
        client_name="Квазарторг",
        visibility="public",
        industry__name="Логистика",
        industry__slug="logistics",
    )
    assert case.pk in [hit.page.pk for hit in portfolio_search(text="Квазарторг").hits]
    assert case.pk in [hit.page.pk for hit in portfolio_search(text="логистики").hits]
