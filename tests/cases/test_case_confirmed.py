""" "Results confirmed by the client" shows on the public case page once the confirmed revision
is published, never from a draft."""

import datetime
from decimal import Decimal

import pytest

from cases.confirmed_results import metrics_digest
from cases.factories import CaseMetricFactory, CasePageFactory
from cases.models import CasePage
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

pytestmark = pytest.mark.django_db

BADGE = "Results confirmed by the client"


@pytest.fixture
def case(site_tree):
    case = CasePageFactory(parent=site_tree.cases, title="Shop migration")
    CaseMetricFactory(case=case)
    case.save_revision().publish()
    return CasePage.objects.get(pk=case.pk)


def _confirmed(page):
    """What the client's answer puts on a revision: the date and the digest of its metrics."""
    page.results_confirmed_on = datetime.date(2026, 5, 14)
    page.confirmed_results_digest = metrics_digest(page.metrics.all())
    return page


@pytest.fixture
def confirmed(case):
    _confirmed(case.get_latest_revision_as_object()).save_revision().publish()
    return CasePage.objects.get(pk=case.pk)


def _badge(client, case) -> bool:
    html = client.get(case.url).content.decode()
    api = client.get(f"/api/v2/pages/{case.pk}/").json()
    assert (BADGE in html) is (api["results_confirmed_on"] is not None)
    return BADGE in html


def test_no_badge_without_a_confirmation(client, case):
    assert BADGE not in client.get(case.url).content.decode()


def test_a_draft_revision_with_the_date_shows_nothing_until_published(client, case):
    draft = _confirmed(case.get_latest_revision_as_object())
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
    CasePage.objects.filter(pk=case.pk).update(
        results_confirmed_on=datetime.date(2026, 5, 14),
        confirmed_results_digest=metrics_digest(case.metrics.all()),
    )
    case.refresh_from_db()
    case.save_revision()
    response = admin_client.get(f"/admin/pages/{case.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Results confirmed by the client on" in html
    assert 'name="results_confirmed_on"' not in html  # shown, not editable


def test_the_digest_is_not_public():
    names = {getattr(field, "field_name", None) for field in CasePage.search_fields}
    assert "confirmed_results_digest" not in names
    assert "confirmed_results_digest" not in {field.name for field in CasePage.api_fields}
    assert not CasePage._meta.get_field("confirmed_results_digest").editable


def test_confirmed_results_show_the_badge(client, confirmed):
    assert _badge(client, confirmed)
    assert 'datetime="2026-05-14"' in client.get(confirmed.url).content.decode()


def test_an_editor_publishing_another_value_loses_the_badge(client, confirmed):
    draft = confirmed.get_latest_revision_as_object()
    metric = draft.metrics.all()[0]
    metric.value_after = Decimal("99")
    draft.metrics = [metric]
    draft.save_revision().publish()
    assert not _badge(client, confirmed)
    live = CasePage.objects.get(pk=confirmed.pk)
    assert live.results_confirmed_on is None and live.confirmed_results_digest == ""
    # and it does not come back with later edits of the page
    later = live.get_latest_revision_as_object()
    later.summary = "Reworded."
    later.save_revision().publish()
    assert not _badge(client, confirmed)


@pytest.mark.parametrize(
    "change",
    [
        lambda m: setattr(m, "label", m.label + " rate"),
        lambda m: setattr(m, "value_before", m.value_before + 1),
        lambda m: setattr(m, "unit", "pcs"),
        lambda m: setattr(m, "period", "per year"),
        lambda m: setattr(m, "higher_is_better", not m.higher_is_better),
    ],
    ids=["label", "before", "unit", "period", "direction"],
)
def test_any_change_of_a_result_loses_the_badge(client, confirmed, change):
    draft = confirmed.get_latest_revision_as_object()
    metric = draft.metrics.all()[0]
    change(metric)
    draft.metrics = [metric]
    draft.save_revision().publish()
    assert not _badge(client, confirmed)


def test_adding_a_result_loses_the_badge(client, confirmed):
    draft = confirmed.get_latest_revision_as_object()
    extra = CaseMetricFactory.build(case=draft, label="Returns", sort_order=5)
    draft.metrics = [*draft.metrics.all(), extra]
    draft.save_revision().publish()
    assert not _badge(client, confirmed)


def test_publishing_checks_even_a_revision_saved_without_validation(client, confirmed):
    draft = confirmed.get_latest_revision_as_object()
    metric = draft.metrics.all()[0]
    metric.value_after = Decimal("99")
    draft.metrics = [metric]
    revision = draft.save_revision(clean=False)  # the date and digest are still in it
    revision.publish()
    assert not _badge(client, confirmed)


def test_editing_only_the_text_keeps_the_badge(client, confirmed):
    draft = confirmed.get_latest_revision_as_object()
    draft.summary = "A shorter summary."
    draft.testimonial_quote = "Great."
    draft.save_revision().publish()
    assert _badge(client, confirmed)


def test_saving_and_publishing_unchanged_keeps_the_badge(client, confirmed):
    confirmed.get_latest_revision_as_object().save_revision().publish()
    assert _badge(client, confirmed)
    # the page read back from the database (decimals with two places) still matches
    live = CasePage.objects.get(pk=confirmed.pk)
    live.save_revision().publish()
    assert _badge(client, confirmed)


def test_the_digest_reads_4_5_and_4_50_alike(case):
    metric = case.metrics.all()[0]
    metric.value_after = Decimal("4.5")
    first = metrics_digest([metric])
    metric.value_after = Decimal("4.50")
    assert metrics_digest([metric]) == first
    metric.value_after = Decimal("4.51")
    assert metrics_digest([metric]) != first
