"""The client's answer pins "Results confirmed by the client" to the numbers the client
confirmed: published as answered it shows; once an editor publishes other numbers it goes."""

from decimal import Decimal
from html.parser import HTMLParser

from django.urls import reverse

import pytest

from cases.models import CasePage
from projects.models import ClientConfirmation
from projects.services.confirmations import confirmation_apply_again, confirmation_send
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from .confirmation_helpers import answer_data, case_with_project

pytestmark = pytest.mark.django_db

BADGE = "Results confirmed by the client"


@pytest.fixture
def answered(client, site_tree, admin_user):
    case, _project = case_with_project(site_tree)
    confirmation = confirmation_send(case=case, user=admin_user)
    url = reverse("projects:confirmation", args=[confirmation.token])
    assert client.post(url, answer_data(**{"metrics-0-value_after": "4.5"})).status_code == 302
    return ClientConfirmation.objects.get(pk=confirmation.pk)


def _publish_latest(case_pk, change=None):
    page = CasePage.objects.get(pk=case_pk).get_latest_revision_as_object()
    if change:
        change(page)
    page.save_revision().publish()
    return CasePage.objects.get(pk=case_pk)


def _set_after(value):
    def change(page):
        metric = page.metrics.all()[0]
        metric.value_after = Decimal(value)
        page.metrics = [metric]

    return change


def test_published_as_confirmed_the_badge_shows(client, answered):
    live = _publish_latest(answered.case_id)
    assert live.results_confirmed_on and len(live.confirmed_results_digest) == 64
    assert BADGE in client.get(live.url).content.decode()


def test_an_editor_publishing_99_instead_of_4_5_loses_the_badge(client, answered):
    _publish_latest(answered.case_id)
    live = _publish_latest(answered.case_id, _set_after("99"))
    html = client.get(live.url).content.decode()
    assert "99" in html and BADGE not in html
    assert client.get(f"/api/v2/pages/{live.pk}/").json()["results_confirmed_on"] is None


def test_editing_the_summary_only_keeps_the_badge(client, answered):
    _publish_latest(answered.case_id)
    live = _publish_latest(answered.case_id, lambda page: setattr(page, "summary", "Shorter."))
    assert BADGE in client.get(live.url).content.decode()


def test_the_answer_applied_again_brings_the_badge_back(client, answered, admin_user):
    _publish_latest(answered.case_id, _set_after("99"))
    confirmation_apply_again(confirmation=answered, user=admin_user)
    live = _publish_latest(answered.case_id)
    assert [m.value_after for m in live.metrics.all()] == [Decimal("4.5")]
    assert BADGE in client.get(live.url).content.decode()


class _FormData(HTMLParser):
    """The values a browser would send for the page editor's form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = self._select = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" not in attrs:
                    return
                attrs.setdefault("value", "on")  # what a browser sends for a bare checkbox
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value") or "")

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.data[self._textarea] = ["".join(self._text).lstrip("\n")]
            self._textarea = None
        elif tag == "select":
            self._select = None


def _editor_publishes(admin_client, case_pk, **changes):
    url = f"/admin/pages/{case_pk}/edit/"
    parser = _FormData()
    parser.feed(admin_client.get(url).content.decode())
    data = {**parser.data, **{key: [value] for key, value in changes.items()}}
    data.setdefault("gallery-count", ["0"])  # a StreamField's blocks are drawn by scripts
    data["action-publish"] = ["action-publish"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return CasePage.objects.get(pk=case_pk)


@pytest.mark.parametrize(
    ("changes", "badge"),
    [({}, True), ({"summary": "Shorter."}, True), ({"metrics-0-value_after": "99"}, False)],
    ids=["unchanged", "summary", "value"],
)
def test_through_the_page_editor(client, admin_client, answered, changes, badge):
    _publish_latest(answered.case_id)
    live = _editor_publishes(admin_client, answered.case_id, **changes)
    assert live.summary == changes.get("summary", live.summary)
    assert [m.value_after for m in live.metrics.all()] == [
        Decimal(changes.get("metrics-0-value_after", "4.5"))
    ]
    assert (BADGE in client.get(live.url).content.decode()) is badge
