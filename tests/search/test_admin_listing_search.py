"""Editors search the snippet listings (industries, competencies, categories) on every backend."""

from django.contrib.auth.models import User

import pytest

from cases.factories import IndustryFactory
from catalog.models import ServiceCategory


@pytest.mark.parametrize(
    "path, found, missing",
    [
        ("/admin/snippets/cases/industry/", "Retail", "Banking"),
        ("/admin/snippets/experts/competency/", "Kubernetes", "Django"),
    ],
)
def test_snippet_listing_search_finds_by_name(client, portfolio, path, found, missing):
    IndustryFactory(name="Banking", slug="banking")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    response = client.get(path, {"q": found[:5]})
    html = response.content.decode()
    assert response.status_code == 200
    assert found in html and missing not in html


def test_category_listing_search_answers(client, site_tree):
    ServiceCategory.objects.create(name="Web development", slug="web")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    response = client.get("/admin/snippets/catalog/servicecategory/", {"q": "web"})
    assert response.status_code == 200 and "Web development" in response.content.decode()
