"""The content version goes up for models of apps that registered as content, and only those:
serving names no project app, each declares itself (``register_content_app``)."""

from django.contrib.auth.models import User

from wagtail.contrib.search_promotions.models import Query

import pytest

from cases.factories import IndustryFactory
from serving import content_version as cv
from serving.content_version import content_version, register_content_app


@pytest.fixture
def unregister_auth():
    yield
    cv._content_apps.discard("auth")


def test_apps_that_show_content_registered_themselves():
    assert {"core", "home", "catalog", "cases", "experts"} <= cv._content_apps
    assert {"wagtailcore", "wagtailimages", "wagtailsearchpromotions"} <= cv._content_apps
    assert not {"serving", "leads", "proposals", "demo", "auth"} & cv._content_apps
    # search registers its synonym groups only: the rest is bookkeeping
    assert "search" in cv._content_apps
    assert {("search", "searchvisitorday"), ("search", "noresultsdailyhits")} <= cv._not_content
    assert ("search", "synonymgroup") not in cv._not_content


@pytest.mark.django_db
def test_a_registered_apps_model_bumps_an_unregistered_ones_does_not(unregister_auth):
    before = content_version()
    User.objects.create(username="not-content")
    assert content_version() == before
    IndustryFactory()
    bumped = content_version()
    assert bumped > before
    register_content_app("auth")
    User.objects.create(username="now-content")
    assert content_version() > bumped


@pytest.mark.django_db
def test_search_bookkeeping_is_no_content():
    before = content_version()
    Query.get("kubernetes").add_hit()
    assert content_version() == before
