"""Relevance on the demo company: the page a person looks for ranks first or in the top three."""

from django.core.management import call_command

from search.selectors import portfolio_search

# query → (title expected, how high: 1 = first, 3 = top three)
EXPECTED = [
    ("online store", "Online store development", 1),  # title words
    ("online store for a retail chain", "Online store for a fashion retailer", 3),
    ("SEO audit", "SEO audit", 1),
    ("SEO audit", "SEO for a news portal", 3),  # a service name finds its cases
    ("who knows Kubernetes", "Ivan Sokolov", 3),  # a competency finds its experts
    ("Kubernetes", "Migration to Kubernetes", 3),
    ("demand forecasting", "Demand forecasting with machine learning", 1),
    ("demand forecasting", "Demand forecasting for a grocery chain", 3),
    ("data warehouse", "Data warehouse and BI", 3),
    ("mobile app", "Mobile app development", 1),
    ("personal data", "Personal data compliance", 3),
    ("cloud cost", "Cloud cost audit", 1),
    ("DevOps support", "DevOps support", 1),
    ("UX research", "UX research and design", 3),
    ("IT strategy", "IT strategy consultation", 1),
    ("Maria Smirnova", "Maria Smirnova", 1),  # a person by name
    ("machine learning", "Olga Novikova", 3),
    ("healthcare", "Mobile app for a clinic network", 3),  # an industry
    ("banking", "Kubernetes platform for a regional bank", 3),
    ("marketplace", "Marketplace for building materials", 1),
    ("loyalty app", "Loyalty app for a cosmetics chain", 1),
    ("privacy lawyer", "Mikhail Fedorov", 1),  # position words
    ("Wagtail", "Website for a university", 3),  # body words
    ("write-offs", "Demand forecasting for a grocery chain", 3),
]


def test_relevance_on_demo_content(db):
    call_command("seed_demo", lang="en", verbosity=0)
    failures = []
    for query, title, within in EXPECTED:
        titles = [hit.page.title for hit in portfolio_search(text=query, per_page=10).hits]
        if title not in titles[:within]:
            failures.append(f"{query!r}: expected {title!r} in top {within}, got {titles[:3]}")
    assert not failures, "\n".join(failures)
    assert len(EXPECTED) >= 20
