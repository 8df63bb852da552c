"""A change drops what it touches, and public pages show it at once, wherever it appears: in this
process, and in another one that only reads the change log (``serving.content_version``)."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

from cases.models import CaseTeamMember
from core.models import SiteSettings
from experts.factories import CompetencyFactory
from experts.models import ExpertCompetency
from serving import content_version as cv
from serving.models import ContentChange
from tests.builders import build_portfolio
from tests.edits import body, publish, snapshot, warm

pytestmark = pytest.mark.usefixtures("queued_tasks")


@pytest.fixture
def portfolio(site_tree):
    return build_portfolio(site_tree, cases=3)


def pages(p) -> dict[str, str]:
    return {
        "home": p.tree.home.url,
        "service index": p.tree.services.url,
        "service": p.services[0].url,
        "case index": p.tree.cases.url,
        "case": p.cases[0].url,
        "expert index": p.tree.experts.url,
        "expert": p.experts[0].url,
    }


def test_a_renamed_case_shows_on_every_page_that_lists_it(client, portfolio, change):
    urls = pages(portfolio)
    warm(client, urls.values())
    change(lambda: publish(portfolio.cases[0], title="Zeppelin retrofit"))
    for name in ("home", "service", "case index", "case", "expert"):
        assert "Zeppelin retrofit" in body(client, urls[name]), name


def test_a_new_summary_shows_in_every_card_of_the_case_and_keeps_the_lists(
    client, portfolio, change
):
    urls = pages(portfolio)
    case = portfolio.cases[0]
    publish(case)  # published before (a factory's page has no first publication date)
    case.refresh_from_db()
    warm(client, urls.values())
    before = cv.content_version()
    change(lambda: publish(case, summary="Zeppelin summary"))
    tags = set(ContentChange.objects.filter(version__gt=before).values_list("tags", flat=True))
    named = {tag for row in tags for tag in row.split()}
    assert {f"page:{case.pk}", "cases"} <= named
    assert "cases:listed" not in named  # which cases are listed did not change
    for name in ("case index", "expert", "service", "home"):  # each list before the others
        with CaptureQueriesContext(connection) as queries:
            assert "Zeppelin summary" in body(client, urls[name]), name
        # the version, the log, the case itself and its card's image: no list is read again
        assert len(queries) <= 6, (name, [q["sql"][:80] for q in queries.captured_queries])


def test_a_new_position_shows_in_the_experts_cards(client, portfolio, change):
    urls = pages(portfolio)
    expert = portfolio.experts[0]
    publish(expert)
    expert.refresh_from_db()
    warm(client, urls.values())
    change(lambda: publish(expert, position="Chief zeppelin officer"))
    # the index first: a card another page re-rendered would hide a stale list
    for name in ("expert index", "service", "home", "expert"):
        assert "Chief zeppelin officer" in body(client, urls[name]), name


def test_a_case_that_changes_service_and_team_leaves_one_list_and_joins_another(
    client, portfolio, change
):
    case, services, experts = portfolio.cases[0], portfolio.services, portfolio.experts
    urls = [services[0].url, services[1].url, experts[0].url, experts[1].url]
    warm(client, urls)

    def move():
        page = case.__class__.objects.get(pk=case.pk)
        page.services.set([services[1]])
        page.team = [CaseTeamMember(expert=experts[1], role="Navigator")]
        page.save_revision().publish()

    change(move)
    assert case.title not in body(client, services[0].url)
    assert case.title in body(client, services[1].url)
    assert case.title not in body(client, experts[0].url)
    assert case.title in body(client, experts[1].url)
    assert "Navigator" in body(client, experts[1].url)


def test_a_new_role_shows_on_the_experts_page(client, portfolio, change):
    case, expert = portfolio.cases[0], portfolio.experts[0]
    warm(client, [expert.url])

    def new_role():
        page = case.__class__.objects.get(pk=case.pk)
        members = list(page.team.all())
        members[0].role = "Navigator"
        page.team = members
        page.save_revision().publish()

    change(new_role)
    assert "Navigator" in body(client, expert.url)


def test_a_new_testimonial_shows_on_the_services_page(client, portfolio, change):
    case, service = portfolio.cases[1], portfolio.services[1]  # a case without a quote
    warm(client, [service.url])
    change(lambda: publish(case, testimonial_quote="Zeppelin words"))
    assert "Zeppelin words" in body(client, service.url)


def test_a_new_competency_shows_in_the_team_filter_and_on_the_service(client, portfolio, change):
    expert, service = portfolio.experts[1], portfolio.services[0]  # service 0 needs Kubernetes
    urls = pages(portfolio)
    warm(client, [urls["expert index"], service.url])
    assert expert.title not in body(client, service.url)
    terraform = CompetencyFactory(name="Terraform", slug="terraform")

    def learn():
        page = expert.__class__.objects.get(pk=expert.pk)
        links = list(page.competency_links.all())
        page.competency_links = [
            *links,
            ExpertCompetency(competency=portfolio.competencies[0]),
            ExpertCompetency(competency=terraform),
        ]
        page.save_revision().publish()

    change(learn)
    assert "?competency=terraform" in body(client, urls["expert index"])
    assert expert.title in body(client, service.url)


def test_a_renamed_expert_and_service_show_in_their_cards(client, portfolio, change):
    urls = pages(portfolio)
    warm(client, urls.values())

    def rename():
        publish(portfolio.experts[0], title="Olga Zephyrova")
        publish(portfolio.services[0], title="Zephyr consulting")

    change(rename)
    for name in ("home", "service", "expert index", "expert"):
        assert "Olga Zephyrova" in body(client, urls[name]), name
    for name in ("home", "service index", "service", "case"):
        assert "Zephyr consulting" in body(client, urls[name]), name
    # the portfolio's filter offers the service under its new name
    assert "Zephyr consulting" in body(client, urls["case index"])


def test_a_renamed_industry_shows_in_the_case_cards(client, portfolio, change):
    urls = pages(portfolio)
    warm(client, urls.values())

    def rename():
        portfolio.industry.name = "Zoological retail"
        portfolio.industry.save()

    change(rename)
    assert "Zoological retail" in body(client, urls["case index"])
    assert "Zoological retail" in body(client, urls["home"])


def test_site_settings_show_in_header_and_footer_everywhere(client, portfolio, change):
    urls = pages(portfolio)
    warm(client, urls.values())

    def rename():
        settings = SiteSettings.for_site(portfolio.tree.home.get_site())
        settings.company_name = "Zenith Partners"
        settings.save()

    change(rename)
    for name, url in urls.items():
        assert body(client, url).count("Zenith Partners") >= 2, name


def test_a_renamed_section_shows_in_the_menu_and_breadcrumbs(client, portfolio, change):
    urls = pages(portfolio)
    warm(client, urls.values())
    change(lambda: publish(portfolio.tree.cases, title="Our track record"))
    for name, url in urls.items():
        assert "Our track record" in body(client, url), name


def test_an_unpublished_case_leaves_every_list_and_a_new_one_joins_them(client, portfolio, change):
    urls = pages(portfolio)
    gone, kept = portfolio.cases[0], portfolio.cases[1]
    warm(client, [*urls.values(), kept.url])
    publish(kept, title="Kept case")
    warm(client, urls.values())
    change(lambda: gone.unpublish())
    assert client.get(gone.url).status_code == 404
    for name in ("home", "service", "case index", "expert"):
        assert gone.title not in body(client, urls[name]), name

    def add():
        new = gone.__class__.objects.get(pk=gone.pk)
        publish(new, title="Zebra logistics")

    change(add)
    assert "Zebra logistics" in body(client, gone.url)
    for name in ("home", "service", "case index", "expert"):
        assert "Zebra logistics" in body(client, urls[name]), name


def test_a_new_slug_moves_the_page_and_its_links(client, portfolio, change):
    urls = pages(portfolio)
    case = portfolio.cases[0]
    old_url = case.url
    warm(client, [*urls.values(), old_url])
    change(lambda: publish(case, slug="zeppelin"))
    case.refresh_from_db()
    assert case.url != old_url
    assert client.get(case.url).status_code == 200
    assert client.get(old_url).status_code == 404
    for name in ("home", "service", "case index", "expert"):
        page = body(client, urls[name])
        assert f'href="{case.url}"' in page, name
        assert f'href="{old_url}"' not in page, name


def test_a_draft_changes_nothing_public_and_drops_nothing(client, portfolio):
    urls = pages(portfolio)
    warm(client, urls.values())
    case = portfolio.cases[0]
    before = cv.content_version()
    case.title = "Draft title"
    case.save_revision()
    assert cv.content_version() == before
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            assert "Draft title" not in body(client, url), name
        assert len(queries) <= 6, (name, len(queries))


def test_a_process_further_behind_than_the_log_starts_afresh(client, portfolio):
    urls = pages(portfolio)
    warm(client, urls.values())
    held = snapshot()
    publish(portfolio.cases[0], title="Zeppelin retrofit")
    ContentChange.objects.all().delete()  # pruned while this process was idle
    cv._memo.clear()
    cv._memo.update(held)
    assert "Zeppelin retrofit" in body(client, urls["case index"])
    assert "Zeppelin retrofit" in body(client, urls["home"])


def test_the_log_keeps_what_each_change_touched(portfolio):
    before = cv.content_version()
    publish(portfolio.cases[0], title="Zeppelin retrofit")
    tags = " ".join(ContentChange.objects.filter(version__gt=before).values_list("tags", flat=True))
    assert f"page:{portfolio.cases[0].pk}" in tags.split()
    assert "cases" in tags.split()
    assert "menu" not in tags.split() and "*" not in tags.split()


@pytest.mark.django_db(transaction=True)  # no test transaction around it: a real rollback
def test_a_rolled_back_change_is_never_served(client, portfolio):
    """A change rendered inside its own transaction, then rolled back: even when another
    process's change brings the version to the same number, visitors see committed content."""
    urls = pages(portfolio)
    warm(client, urls.values())
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(portfolio.cases[1], title="Never committed")
        assert "Never committed" in body(client, urls["case index"])
        raise RuntimeError
    other = portfolio.cases[2].__class__.objects.get(pk=portfolio.cases[2].pk)
    publish(other, title="Committed elsewhere")
    for name in ("case index", "home"):
        page = body(client, urls[name])
        assert "Never committed" not in page and "Committed elsewhere" in page, name


def test_a_missing_version_row_is_made_once_and_counts_every_change(db):
    """The migration makes the row; without it (a flushed database) the first change makes it,
    and a second process finding it missing too adds nothing but its own step."""
    from serving.models import ContentVersion

    ContentVersion.objects.all().delete()
    ContentChange.objects.all().delete()
    cv.bump_content_version({"settings"})
    assert cv.content_version() == 1
    with connection.cursor() as cursor:  # as a second process that also found no row would
        cursor.execute(
            f"INSERT INTO {ContentVersion._meta.db_table} (id, value) VALUES (1, 0) "  # noqa: S608
            "ON CONFLICT (id) DO NOTHING"
        )
    cv.bump_content_version({"settings"})
    assert cv.content_version() == 2
    assert ContentVersion.objects.count() == 1
