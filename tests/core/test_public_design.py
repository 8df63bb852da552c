"""What a visitor notices of the public design: the footer's tagline reads, metric figures are
written one way, the no-results categories lead to services, the case leads with its result,
an expert's role in a case sits in its card, and images load in the right order."""

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import translation

from wagtail.models import Site

import pytest
from wagtail_factories import ImageFactory

from cases.factories import CaseMetricFactory
from core.brand import contrast_ratio
from core.models import SiteSettings
from core.templatetags.design_tags import metric_figure, strongest_metric
from tests.builders import build_portfolio

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
NBSP = "\u00a0"


def _css_value(name: str) -> str:
    match = re.search(rf"{re.escape(name)}:\s*(#[0-9a-fA-F]{{6}});", SITE_CSS.read_text())
    assert match, f"{name} is not a hex colour in site.css"
    return match.group(1)


def test_the_footer_tagline_reads_at_4_5_to_1_on_the_footer(client, site_tree):
    css = SITE_CSS.read_text()
    # the footer's background and the tagline's colour are these two variables …
    assert re.search(r"\.site-footer \{[^}]*background: var\(--vt-footer-bg\)", css)
    assert re.search(r"\.site-footer \.vt-tagline[^{]*\{[^}]*color: var\(--vt-footer-muted\)", css)
    background, tagline = _css_value("--vt-footer-bg"), _css_value("--vt-footer-muted")
    assert contrast_ratio(tagline, background) >= 4.5
    assert contrast_ratio(_css_value("--vt-footer-text"), background) >= 4.5
    # … and the footer uses them: no Bootstrap class that would paint over them
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.tagline = "Software that pays for itself"
    site_settings.save()
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert '<p class="vt-tagline">Software that pays for itself</p>' in footer
    assert "opacity-" not in footer and "text-secondary" not in footer


@pytest.mark.parametrize(
    ("language", "value", "unit", "expected"),
    [
        ("en", "0.40", "%", "0.4%"),
        ("en", "19", "%", "19%"),
        ("en", "3.00", "%", "3%"),
        ("en", "9800", "", "9,800"),
        ("en", "410", "k", f"410{NBSP}k"),
        ("en", "2.50", "h", f"2.5{NBSP}h"),
        ("ru", "0.40", "%", f"0,4{NBSP}%"),
        ("ru", "19", "%", f"19{NBSP}%"),
        ("ru", "5200.5", "", f"5{NBSP}200,5"),
        ("ru", "410", "тыс.", f"410{NBSP}тыс."),
    ],
)
def test_metric_figures_follow_one_rule_in_the_languages_format(language, value, unit, expected):
    with translation.override(language):
        assert metric_figure(Decimal(value), unit) == expected


def test_metric_figures_read_the_same_way_side_by_side(client, portfolio):
    case = portfolio.cases[1]
    case.metrics.all().delete()
    CaseMetricFactory(
        case=case,
        label="Churn",
        value_before=Decimal("3"),
        value_after=Decimal("0.40"),
        unit="%",
        higher_is_better=False,
    )
    CaseMetricFactory(
        case=case,
        label="Conversion",
        value_before=Decimal("6"),
        value_after=Decimal("19"),
        unit="%",
    )
    html = client.get(case.url).content.decode()
    assert '<span class="before">3%</span> → <strong class="after">0.4%</strong>' in html
    assert '<span class="before">6%</span> → <strong class="after">19%</strong>' in html
    assert "0.40" not in html and " %" not in html


def test_the_case_leads_with_its_strongest_result_in_large(client, portfolio):
    case = portfolio.cases[1]
    CaseMetricFactory(
        case=case,
        label="Lead time",
        value_before=Decimal("20"),
        value_after=Decimal("2"),
        unit="days",
        higher_is_better=False,
    )
    html = client.get(case.url).content.decode()
    lead = html[html.index('class="vt-result"') :]
    lead = lead[: lead.index("vt-result-more")]
    assert "Lead time" in lead and "▼ −90%" in lead and 'class="vt-result-change' in lead
    assert html.index("Lead time") < html.index("Challenge")
    metrics = list(case.metrics.all())
    assert strongest_metric(metrics).label == "Lead time"


def test_an_experts_role_in_a_case_sits_inside_the_case_card(client, portfolio):
    html = client.get(portfolio.experts[0].url).content.decode()
    cards = re.findall(r'<article class="card[^"]*case-card">.*?</article>', html, re.S)
    assert cards and all("Role: Tech lead" in card for card in cards)
    assert html.count("Role: Tech lead") == len(cards)


def test_no_results_categories_are_links_to_services_of_that_category(client, portfolio):
    html = client.get("/search/", {"q": "zzqqxxnothing"}).content.decode()
    section = html[html.index("Service categories") :]
    section = section[: section.index("</section>")]
    links = re.findall(r'<a class="vt-chip" href="([^"]+)">([^<]+)</a>', section)
    assert links and "<span" not in section
    for href, name in links:
        url = urlsplit(href)
        assert url.fragment.startswith("category-")
        target = client.get(url.path)
        assert target.status_code == 200
        page = target.content.decode()
        section_html = page[page.index(f'id="{url.fragment}"') :]
        assert name in section_html[:400]
        assert "service-card" in section_html.split("</section>", 1)[0]  # services, not empty


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def _images(html: str) -> list[dict]:
    parser = _Images()
    parser.feed(html)
    return parser.images


@pytest.fixture
def pictured(site_tree):
    image = ImageFactory(file__width=1600, file__height=900)
    portfolio = build_portfolio(site_tree, cases=4, image=image)
    home = site_tree.home
    home.hero_image = image
    home.save()
    return portfolio


def test_hero_images_come_first_and_the_rest_wait_for_the_scroll(client, pictured):
    home = _images(client.get("/").content.decode())
    content = [
        img for img in home if "media/images" in img["src"] and "height-40" not in img["src"]
    ]
    hero, rest = content[0], content[1:]
    assert hero.get("fetchpriority") == "high" and "loading" not in hero
    assert rest and all(img.get("loading") == "lazy" for img in rest)
    assert all("fetchpriority" not in img for img in rest)

    case = _images(client.get(pictured.cases[0].url).content.decode())
    hero = next(img for img in case if "fill-800x400" in img["src"])
    assert hero.get("fetchpriority") == "high" and "loading" not in hero
    expert = _images(client.get(pictured.experts[0].url).content.decode())
    portrait = next(img for img in expert if "fill-320x320" in img["src"])
    assert portrait.get("fetchpriority") == "high" and "loading" not in portrait
    assert all(img.get("loading") == "lazy" for img in expert if "fill-400x225" in img["src"])


def test_every_picture_states_its_size_and_sizes(client, pictured):
    urls = [
        "/",
        pictured.services[0].url,
        pictured.cases[0].url,
        pictured.experts[0].url,
        pictured.tree.cases.url,
        pictured.tree.services.url,
        pictured.tree.experts.url,
    ]
    for url in urls:
        for img in _images(client.get(url).content.decode()):
            assert img.get("width") and img.get("height"), (url, img["src"])
            if "srcset" in img:
                assert img.get("sizes") and "100vw" not in img["sizes"].split(",")[0], (url, img)


def test_the_first_row_of_an_index_is_not_lazy(client, pictured):
    cards = [
        img
        for img in _images(client.get(pictured.tree.cases.url).content.decode())
        if "fill-400x225" in img["src"]
    ]
    assert [img.get("loading") for img in cards] == [None, None, None, "lazy"]
