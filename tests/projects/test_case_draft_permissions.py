"""Who sees a deal's case and who may create it, on every URL projects adds for it: the deal
page's panel, the "Create draft case" button, the home panel and the case settings screens."""

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cases.models import CaseIndexPage, CasePage
from leads.choices import StageKind
from leads.factories import ContactFactory, DealFactory
from leads.models import Pipeline
from projects.choices import CaseTrigger
from projects.factories import PipelineCaseSettingFactory
from projects.models import PipelineCaseSetting
from projects.services.cases import case_draft_create, case_draft_status
from projects.wagtail_hooks import WAITING_SHOWN, CasesWaitingPanel

from .confirmation_helpers import rewrite_starting_notes

ROLES = ["anonymous", "editor", "owner", "other_sales", "manager", "superuser"]


@pytest.fixture
def users(db):
    made = {"anonymous": None}
    for role, group in [
        ("owner", "Sales"),
        ("other_sales", "Sales"),
        ("manager", "Sales managers"),
        ("editor", "Editors"),
    ]:
        made[role] = User.objects.create_user(role, f"{role}@example.com", "pw")
        made[role].groups.add(Group.objects.get(name=group))
    made["superuser"] = User.objects.create_superuser("root", "root@example.com", "pw")
    return made


@pytest.fixture
def deal(site_tree, users):
    return DealFactory(
        title="Secret deal", owner=users["owner"], contact=ContactFactory(name="Zinaida Secret")
    )


def log_in(client, users, role):
    if users[role]:
        client.force_login(users[role])


def create_url(deal):
    return f"/admin/projects/deals/{deal.pk}/case/"


def deal_url(deal):
    return f"/admin/sales/deals/{deal.pk}/"


# the deal page's panel

PANEL = {
    # role: (status code of the deal page, sees the status, sees the button)
    "anonymous": (302, False, False),
    "editor": (302, False, False),
    "owner": (200, True, False),
    "other_sales": (404, False, False),
    "manager": (200, True, True),
    "superuser": (200, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_deal_page_panel_by_role(client, users, deal, role):
    log_in(client, users, role)
    response = client.get(deal_url(deal))
    status, sees_status, sees_button = PANEL[role]
    assert response.status_code == status
    html = response.content.decode()
    assert ("Case: none" in html) is sees_status
    assert ("Create draft case" in html) is sees_button


def test_panel_shows_draft_with_edit_link_for_page_editors_only(client, users, deal):
    case = case_draft_create(deal=deal)
    client.force_login(users["owner"])
    html = client.get(deal_url(deal)).content.decode()
    assert "Case: draft" in html
    assert f"/admin/pages/{case.pk}/edit/" not in html  # Sales cannot edit pages
    assert "Create draft case" not in html
    client.force_login(users["superuser"])
    html = client.get(deal_url(deal)).content.decode()
    assert "Case: draft" in html
    assert f"/admin/pages/{case.pk}/edit/" in html
    assert "Create draft case" not in html  # it has one
    rewrite_starting_notes(case).publish()
    assert "Case: published" in client.get(deal_url(deal)).content.decode()


def test_panel_queries_are_few_and_fixed(rf, users, deal, site_tree):
    from projects.wagtail_hooks import DealCasePanel

    request = rf.get("/")
    request.user = users["manager"]
    DealCasePanel(request, deal).render_html()  # the user's permissions, read once a request
    with CaptureQueriesContext(connection) as without:
        DealCasePanel(request, deal).render_html()
    assert len(without) == 1
    case_draft_create(deal=deal)
    for number in range(3):  # other deals' cases change nothing
        case_draft_create(deal=DealFactory(title=f"Other {number}"))
    with CaptureQueriesContext(connection) as with_case:
        html = DealCasePanel(request, deal).render_html()
    assert "Case: draft" in html
    assert len(with_case) <= 3  # the case, and the user's page permissions


# the button

CREATE = {
    # role: (status code, a case is created)
    "anonymous": (302, False),
    "editor": (302, False),  # Wagtail's "no permission" redirect to the admin home
    "owner": (302, False),  # its own deal, but not a manager: the same redirect
    "other_sales": (404, False),
    "manager": (302, True),
    "superuser": (302, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_create_draft_case_by_role(client, users, deal, role):
    log_in(client, users, role)
    response = client.post(create_url(deal))
    status, created = CREATE[role]
    assert response.status_code == status
    assert (case_draft_status(deal=deal) == "draft") is created
    if created:
        assert response["Location"] == deal_url(deal)
        assert "Zinaida" not in CasePage.objects.get().title


def test_create_needs_post(client, users, deal):
    client.force_login(users["manager"])
    assert client.get(create_url(deal)).status_code == 405
    assert case_draft_status(deal=deal) == "none"


def test_unknown_deal_is_404(client, users):
    client.force_login(users["manager"])
    assert client.post("/admin/projects/deals/999999/case/").status_code == 404


def test_double_submit_makes_one_case(client, users, deal):
    client.force_login(users["manager"])
    client.post(create_url(deal))
    response = client.post(create_url(deal), follow=True)
    assert response.status_code == 200
    assert CasePage.objects.count() == 1


def test_missing_case_index_is_a_message_not_a_500(client, users, deal):
    CaseIndexPage.objects.all().delete()
    client.force_login(users["manager"])
    response = client.post(create_url(deal), follow=True)
    assert response.status_code == 200
    assert "no case index page" in response.content.decode()
    assert case_draft_status(deal=deal) == "none"


def test_lost_deal_shows_no_button_and_is_refused(client, users, deal):
    lost = deal.pipeline.stages.filter(kind=StageKind.LOST).first()
    deal.stage, deal.status = lost, "lost"
    deal.save()
    client.force_login(users["manager"])
    assert "Create draft case" not in client.get(deal_url(deal)).content.decode()
    response = client.post(create_url(deal), follow=True)
    assert "A lost deal does not become a case." in response.content.decode()
    assert case_draft_status(deal=deal) == "none"


# the editors' home panel


@pytest.mark.parametrize(
    ("role", "sees"),
    [("editor", True), ("superuser", True), ("owner", False), ("manager", False)],
)
def test_home_panel_lists_waiting_cases_for_page_editors(client, users, deal, role, sees):
    case = case_draft_create(deal=deal)
    client.force_login(users[role])
    html = client.get("/admin/").content.decode()
    assert ("Cases waiting for an editor" in html) is sees
    assert (f"/admin/pages/{case.pk}/edit/" in html) is sees


def test_home_panel_query_count_does_not_grow(rf, users, site_tree):
    request = rf.get("/admin/")
    request.user = users["editor"]
    case_draft_create(deal=DealFactory())
    CasesWaitingPanel(request).render_html()
    with CaptureQueriesContext(connection) as one:
        html = CasesWaitingPanel(request).render_html()
    assert "(1)" in html
    for _ in range(12):
        case_draft_create(deal=DealFactory())
    with CaptureQueriesContext(connection) as many:
        html = CasesWaitingPanel(request).render_html()
    assert "(13)" in html
    assert html.count("<li>") == WAITING_SHOWN
    assert len(many) == len(one)


def test_published_case_leaves_the_home_panel(client, users, deal):
    case = case_draft_create(deal=deal)
    rewrite_starting_notes(case).publish()
    client.force_login(users["editor"])
    assert "Cases waiting for an editor" not in client.get("/admin/").content.decode()


# the case settings screens


@pytest.fixture
def setting(db):
    pipeline = Pipeline.objects.order_by("pk").first()
    return PipelineCaseSettingFactory(pipeline=pipeline, stage=None)


SETTINGS_OK = {"manager", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_case_settings_views_by_role(client, users, setting, role):
    log_in(client, users, role)
    base = "/admin/sales/setup/case-settings/"
    urls = [
        base,
        f"{base}new/",
        f"{base}edit/{setting.pk}/",
        f"{base}delete/{setting.pk}/",
        f"{base}history/{setting.pk}/",
    ]
    for url in urls:
        status = client.get(url).status_code
        if role in SETTINGS_OK:
            assert status == 200, url
        else:
            assert status in (302, 403), url
    # no copy or inspect view at all
    assert client.get(f"{base}copy/{setting.pk}/").status_code in (302, 404)
    assert client.get(f"{base}inspect/{setting.pk}/").status_code in (302, 404)
    response = client.post(f"{base}delete/{setting.pk}/")
    assert PipelineCaseSetting.objects.filter(pk=setting.pk).exists() is (role not in SETTINGS_OK)
    assert response.status_code in (302, 403)


def test_case_setting_refuses_a_stage_of_another_pipeline(client, users, setting):
    client.force_login(users["manager"])
    other = Pipeline.objects.exclude(pk=setting.pipeline_id).first()
    foreign = other.stages.filter(kind=StageKind.OPEN).first()
    response = client.post(
        f"/admin/sales/setup/case-settings/edit/{setting.pk}/",
        {"pipeline": setting.pipeline_id, "trigger": CaseTrigger.STAGE_LEFT, "stage": foreign.pk},
    )
    assert response.status_code == 200
    assert "Choose an open stage of this pipeline." in response.content.decode()
    setting.refresh_from_db()
    assert setting.trigger == CaseTrigger.WON


def test_case_setting_requires_a_stage_to_leave(client, users, setting):
    client.force_login(users["manager"])
    response = client.post(
        f"/admin/sales/setup/case-settings/edit/{setting.pk}/",
        {"pipeline": setting.pipeline_id, "trigger": CaseTrigger.STAGE_LEFT, "stage": ""},
    )
    assert "Choose the delivery stage." in response.content.decode()
    own = setting.pipeline.stages.filter(kind=StageKind.OPEN).order_by("sort_order")[1]
    response = client.post(
        f"/admin/sales/setup/case-settings/edit/{setting.pk}/",
        {"pipeline": setting.pipeline_id, "trigger": CaseTrigger.STAGE_LEFT, "stage": own.pk},
    )
    assert response.status_code == 302
    setting.refresh_from_db()
    assert (setting.trigger, setting.stage_id) == (CaseTrigger.STAGE_LEFT, own.pk)


def test_case_settings_menu_item_only_for_managers(client, users):
    client.force_login(users["owner"])
    assert "/admin/sales/setup/case-settings/" not in client.get("/admin/").content.decode()
    client.force_login(users["manager"])
    assert "/admin/sales/setup/case-settings/" in client.get("/admin/").content.decode()
