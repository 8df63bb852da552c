""" "Results confirmed by the client" shows on the public case page once the confirmed revision
is published, never from a draft."""

import datetime

import pytest

from cases.factories import CaseMetricFactory, CasePageFactory
from cases.models import CasePage

pytestmark = pytest.mark.django_db

BADGE = "Results confirmed by the client"


@pytest.fixture
def case(site_tree):
    case = CasePageFactory(parent=site_tree.cases, title="Shop migration")
    CaseMetricFactory(case=case)
    case.save_revision().publish()
    return CasePage.objects.get(pk=case.pk)


def test_no_badge_without_a_confirmation(client, case):
    assert BADGE not in client.get(case.url).content.decode()


def test_a_draft_revision_with_the_date_shows_nothing_until_published(client, case):
    draft = case.get_latest_revision_as_object()
    draft.results_confirmed_on = datetime.date(2026, 5, 14)
    revision = draft.save_revision()

    assert BADGE not in client.get(case.url).content.decode()
    api = client.get(f"/api/v2/pages/{case.pk}/").json()
    assert api.get("results_confirmed_on") is None

    revision.publish()
    html = client.get(case.url).content.decode()
    assert BADGE in html
    assert 'datetime="2026-05-14"' in html
    assert client.get(f"/api/v2/pages/{case.pk}/").json()["results_confirmed_on"] == "2026-05-14"


def test_the_date_is_not_searchable():
    names = {getattr(field, "field_name", None) for field in CasePage.search_fields}
    assert "results_confirmed_on" not in names


def test_editors_see_the_date_read_only_in_the_edit_view(admin_client, case):
    CasePage.objects.filter(pk=case.pk).update(results_confirmed_on=datetime.date(2026, 5, 14))
    case.refresh_from_db()
    case.save_revision()
    response = admin_client.get(f"/admin/pages/{case.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Results confirmed by the client on" in html
    assert 'name="results_confirmed_on"' not in html  # shown, not editable
