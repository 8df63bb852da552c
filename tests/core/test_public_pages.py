"""What every public page has: navigation, breadcrumbs and footer, SEO tags, JSON-LD, sitemap."""

import json

from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def test_navigation_breadcrumbs_and_footer(client, portfolio):
    from wagtail.models import Site

    from core.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.company_name = "Northwind"
    settings.email = "hello@northwind.example"
    settings.legal_name = "Northwind LLC"
    settings.save()

    html = client.get(portfolio.cases[0].url).content.decode()
    nav = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert "Services" in nav and "Cases" in nav and "Experts" in nav
    crumbs = html.split('class="breadcrumb', 1)[1].split("</ol>", 1)[0]
    assert "Home" in crumbs and "Cases" in crumbs
    assert "hello@northwind.example" in html and "Northwind LLC" in html


def test_seo_tags(client, portfolio):
    case = portfolio.cases[0]
    case.search_description = "How we tripled conversion"
    case.save()
    html = client.get(case.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{case.url}">' in html
    assert '<meta property="og:title" content="Case 0">' in html
    assert '<meta name="description" content="How we tripled conversion">' in html
    payload = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(payload)
    assert data["@type"] == "CreativeWork"
    assert data["review"]["@type"] == "Review"

    expert_html = client.get(portfolio.experts[0].url).content.decode()
    expert_ld = json.loads(
        expert_html.split('application/ld+json">', 1)[1].split("</script>", 1)[0]
    )
    assert expert_ld["@type"] == "Person"
    assert expert_ld["knowsAbout"] == ["Kubernetes"]


def test_json_ld_cannot_be_broken_out_of(client, portfolio):
    case = portfolio.cases[0]
    case.summary = "</script><script>alert(1)</script>"
    case.save()
    html = client.get(case.url).content.decode()
    assert "<script>alert(1)" not in html


def test_sitemap_and_robots(client, portfolio):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert portfolio.cases[0].url in sitemap
    assert portfolio.services[0].url in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots
