import re
from decimal import Decimal

import pytest

from cases.factories import CaseMetricFactory, CasePageFactory
from cases.models import CaseMetric


def test_case_leads_with_its_results_then_challenge_and_solution(client, portfolio):
    case = portfolio.cases[0]
    html = client.get(case.url).content.decode()
    assert html.index("Results") < html.index("Challenge") < html.index("Solution")
    assert '10%</span> → <strong class="after">15%</strong>' in html  # the unit on both
    assert "▲ +50%" in html
    assert "Expert 0" in html and "Tech lead" in html
    assert case.client_name in html


def test_anonymised_case_shows_description_instead_of_name(client, portfolio):
    case = CasePageFactory(
        parent=portfolio.tree.cases,
        visibility="anonymised",
        client_name="Hidden Bank PLC",
        client_description="Regional bank, top-50",
    )
    for url in (case.url, portfolio.tree.cases.url):
        html = client.get(url).content.decode()
        assert "Regional bank, top-50" in html
        assert "Hidden Bank PLC" not in html


def test_internal_case_is_a_404_for_visitors_but_open_to_staff(client, admin_client, portfolio):
    case = CasePageFactory(parent=portfolio.tree.cases, visibility="internal", title="Internal one")
    assert client.get(case.url).status_code == 404
    assert "Internal one" not in client.get(portfolio.tree.cases.url).content.decode()
    assert admin_client.get(case.url).status_code == 200


@pytest.mark.parametrize(
    ("before", "after", "higher", "percent", "direction", "better"),
    [
        ("10", "15", True, 50, "up", True),
        ("4.8", "1.2", False, -75, "down", True),
        ("100", "80", True, -20, "down", False),
        ("-10", "-5", True, 50, "up", True),
        ("0", "240", True, None, "up", True),
        ("7", "7", True, 0, "same", False),
    ],
)
def test_metric_change_and_direction(before, after, higher, percent, direction, better):
    metric = CaseMetric(
        value_before=Decimal(before), value_after=Decimal(after), higher_is_better=higher
    )
    assert metric.change_percent == (None if percent is None else Decimal(percent))
    assert metric.direction == direction
    assert metric.is_improvement is better


def test_lower_is_better_drop_is_shown_as_an_improvement(client, portfolio):
    case = portfolio.cases[1]
    CaseMetricFactory(
        case=case,
        label="Load time",
        value_before=Decimal("4"),
        value_after=Decimal("1"),
        higher_is_better=False,
    )
    html = client.get(case.url).content.decode()
    assert "▼ −75%" in html
    assert "text-success" in html.split("Load time", 1)[1][:800]


def test_index_filters_by_service_industry_year_and_paginates(client, site_tree):
    from tests.builders import build_portfolio

    portfolio = build_portfolio(site_tree, cases=30)
    index = site_tree.cases.url
    assert client.get(index).content.decode().count('class="card h-100 shadow-sm case-card"') == 12
    page3 = client.get(index, {"page": 3}).content.decode()
    assert page3.count("case-card") == 6
    by_service = client.get(index, {"service": portfolio.services[1].pk}).content.decode()
    shown = [int(number) for number in re.findall(r">Case (\d+)<", by_service)]
    assert len(shown) == 12 and all(number % 2 == 1 for number in shown)  # service 1: odd cases
    assert client.get(index, {"industry": "nope"}).content.decode().count('case-card"') == 0
    assert client.get(index, {"year": "2024"}).status_code == 200
    for bad in ({"page": "-1"}, {"page": "99999"}, {"year": "abcd"}, {"service": "x'--"}):
        assert client.get(index, bad).status_code == 200


def test_plain_list_pages_are_paths_and_filtered_pages_keep_their_query(client, site_tree):
    from tests.builders import build_portfolio

    portfolio = build_portfolio(site_tree, cases=30)
    index = site_tree.cases.url
    first = client.get(index).content.decode()
    assert f'href="{index}page/2/" rel="next"' in first
    second = client.get(index + "page/2/").content.decode()
    assert second.count('case-card"') == 12
    assert f'href="{index}" rel="prev"' in second and f'href="{index}page/3/" rel="next"' in second
    assert client.get(index + "page/3/").content.decode().count('case-card"') == 6
    for missing in ("page/4/", "page/1/", "page/02/", "page/x/", "page/"):
        assert client.get(index + missing).status_code == 404, missing
    service = portfolio.services[0].pk
    filtered = client.get(index, {"service": service}).content.decode()
    assert "page/2/" not in filtered


def test_metrics_read_in_the_sites_language(client, portfolio, settings):
    settings.LANGUAGE_CODE = "ru"
    case = portfolio.cases[1]
    CaseMetricFactory(
        case=case,
        label="Cost per lead",
        value_before=Decimal("9800"),
        value_after=Decimal("5200.5"),
        higher_is_better=False,
    )
    html = client.get(case.url).content.decode()
    assert '9\u00a0800\u00a0%</span> → <strong class="after">5\u00a0200,5\u00a0%</strong>' in html
    assert "▼ \u221247\u00a0%" in html
