"""Page trees for tests, built with the apps' factories."""

from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module

from django.db import transaction

from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch import index as search_index

from cases.factories import (
    CaseIndexPageFactory,
    CaseMetricFactory,
    CasePageFactory,
    CaseTeamMemberFactory,
    IndustryFactory,
)
from catalog.factories import ServiceIndexPageFactory, ServicePackageFactory, ServicePageFactory
from catalog.models import ServiceType
from experts.factories import (
    CompetencyFactory,
    ExpertCompetencyFactory,
    ExpertIndexPageFactory,
    ExpertPageFactory,
)
from home.factories import HomePageFactory


@dataclass
class SiteTree:
    home: Page
    services: Page
    cases: Page
    experts: Page


@dataclass
class Portfolio:
    tree: SiteTree
    services: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    experts: list = field(default_factory=list)
    competencies: list = field(default_factory=list)
    industry: object = None


@contextmanager
def receiver_off(signal, receiver, *, senders, dispatch_uid=None):
    """``receiver`` disconnected from ``signal`` for ``senders`` inside the block, connected again
    after it: for rows a test needs many of whose side tables (analytics, search index) the
    screen under test never reads."""
    for sender in senders:
        signal.disconnect(receiver, sender=sender, dispatch_uid=dispatch_uid)
    try:
        yield
    finally:
        for sender in senders:
            signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)


def ensure_migration_data() -> None:
    """Recreate what migrations insert (tree root, locale, service types, groups, pipelines).

    Tests on ``transaction=True`` databases end with a flush that empties every table, so the
    next such test starts without the rows the migrations wrote; the test databases, built
    from the models, start without them too.
    """
    from django.apps import apps

    # The migrations' functions run here on the live registry, and those that create rights
    # (leads 0002) set every app's models_module to None when done, as they may on their own
    # historical registry: left so, the flushes' post_migrate would write no content types
    # and no rights any more (create_contenttypes and create_permissions skip such apps).
    kept = {config: config.models_module for config in apps.get_app_configs()}
    try:
        _ensure_migration_data()
    finally:
        for config, models_module in kept.items():
            config.models_module = models_module


def _ensure_migration_data() -> None:
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, Locale

    from leads.models import Pipeline

    ContentType.objects.clear_cache()  # a flush may have given content types new ids
    Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    wagtail_groups = not Group.objects.filter(name="Moderators").exists()
    if wagtail_groups:  # before the sales groups: Moderators and Editors get ids 1 and 2
        _wagtail_initial_data()
    if not ServiceType.objects.exists():
        import_module("catalog.migrations.0003_service_types").create_service_types(apps, None)
    if not Pipeline.objects.exists():
        import_module("leads.migrations.0002_groups_and_pipelines").forwards(apps, None)
        import_module("leads.migrations.0006_sales_flow").forwards(apps, None)
    if wagtail_groups:
        _after_sales_groups()
    if not Group.objects.filter(name="Sales", permissions__codename="add_proposal").exists():
        import_module("proposals.migrations.0002_group_permissions").forwards(apps, None)
    _grant_managers("leads", ["run_import"])  # leads 0013
    import_module("search.migrations.0004_seed_synonyms").seed(apps, None)  # none if any exist
    _grant_managers("projects", import_module("projects.migrations.0003_workload").CODENAMES)


def migration_executor():
    """A migration executor that reads the apps' migrations, which the test databases, built
    from the models (``--no-migrations``: MIGRATION_MODULES says none), do not."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.test.utils import override_settings

    with override_settings(MIGRATION_MODULES={}):  # the graph is read here, once
        return MigrationExecutor(connection)


def _permissions(*names: str) -> list:
    from django.contrib.auth.models import Permission

    pairs = [name.split(".") for name in names]
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _, codename in pairs]
        )
    }
    return [found[app_label, codename] for app_label, codename in pairs]


def _wagtail_initial_data() -> None:
    """What Wagtail's own data migrations leave (wagtailcore 0002, 0005, 0025, 0045, 0048, 0066,
    0086; wagtailadmin 0001; wagtailimages 0002, 0012, 0023; wagtaildocs 0002, 0006, 0011):
    the Moderators and Editors groups, their rights on the root collection and the root page,
    and the "Moderators approval" workflow on the root page. Not the welcome page and its
    site, which the session's ``django_db_setup`` deletes. tests/test_schema.py checks these
    rows against a database built by the migrations."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group

    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    for label in ("wagtailcore", "wagtailadmin", "wagtailimages", "wagtaildocs"):
        # after a flush whose post_migrate was inhibited, the rights are not there yet
        create_permissions(apps.get_app_config(label), verbosity=0)
    root, collection = Page.get_first_root_node(), Collection.get_first_root_node()
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors, _ = Group.objects.get_or_create(name="Editors")
    media = ["wagtailimages.%s_image", "wagtaildocs.%s_document"]
    in_collection = _permissions(*(m % a for m in media for a in ("add", "change", "choose")))
    for group in (moderators, editors):
        group.permissions.add(
            *_permissions("wagtailadmin.access_admin", *(m % "delete" for m in media)),
            *in_collection,
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection=collection, permission=permission)
            for permission in in_collection
        )
    page_rights = {
        editors: ["add", "change"],
        moderators: ["add", "change", "lock", "publish", "unlock"],
    }
    for group, rights in page_rights.items():
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=root, permission=permission)
            for permission in _permissions(*(f"wagtailcore.{right}_page" for right in rights))
        )
    workflow = Workflow.objects.create(name="Moderators approval", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators approval", active=True)
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)


def _after_sales_groups() -> None:
    """What the migrations that run after leads 0002 gave the groups it created: "choose
    document" on the root collection for every group reaching the admin (wagtaildocs 0011),
    the search screens for editors and moderators (search 0002 and 0004)."""
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, GroupCollectionPermission

    (choose,) = _permissions("wagtaildocs.choose_document")
    collection = Collection.get_first_root_node()
    for group in Group.objects.filter(name__in=["Sales", "Sales managers"]):
        group.permissions.add(choose)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=choose
        )
    search = [
        f"search.{codename}"
        for module in ("0002_hidden_search_terms", "0004_seed_synonyms")
        for codename in import_module(f"search.migrations.{module}").CODENAMES
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*_permissions(*search))


def _grant_managers(app_label: str, codenames: list[str]) -> None:
    """What a migration's ``grant_managers`` gave Sales managers, if a flush took it away (the
    migrations' own functions switch the app's models module off: not for the live registry)."""
    from django.contrib.auth.models import Group, Permission

    wanted = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    for group in Group.objects.filter(name="Sales managers").exclude(permissions__in=wanted):
        group.permissions.add(*wanted)


def build_site_tree() -> SiteTree:
    ensure_migration_data()
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return SiteTree(
        home=home,
        services=ServiceIndexPageFactory(parent=home, show_in_menus=True),
        cases=CaseIndexPageFactory(parent=home, show_in_menus=True),
        experts=ExpertIndexPageFactory(parent=home, show_in_menus=True),
    )


def _index(page: Page, *, search: bool) -> None:
    """What the index tasks a page's save enqueues do, with the page as it now is: its
    references (and, if ``search``, its search entry)."""
    stored = type(page).objects.get(pk=page.pk)
    if search:
        search_index.insert_or_update_object(stored)
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(stored)


def build_portfolio(tree: SiteTree, *, cases: int, image=None) -> Portfolio:
    """Two services, three experts and ``cases`` cases using them, each with metrics and team.

    Each page is created with its relations and inline rows in one save (modelcluster commits
    them with the page). Search indexing runs on the page's ``post_save``, before modelcluster
    writes the relations, so experts and cases, whose index reads them, are indexed once more
    as they stand: what saving them again did, with none of a save's other work. The reference
    index, which each inline row's save would rebuild for the whole page, is built once.
    """
    portfolio = Portfolio(tree=tree, industry=IndustryFactory(name="Retail", slug="retail"))
    portfolio.competencies = [
        CompetencyFactory(name="Kubernetes", slug="kubernetes"),
        CompetencyFactory(name="Django", slug="django"),
    ]
    project = ServiceType.objects.get(code="project")
    for number, competency in enumerate(portfolio.competencies):
        with disable_reference_index_auto_update():
            service = ServicePageFactory(
                parent=tree.services,
                title=f"Service with {competency.name}",
                image=image,
                price_from=Decimal("100000"),
                price_to=Decimal("500000") if number == 0 else None,
                service_types=[project],
                required_competencies=[competency],
                packages=[ServicePackageFactory.build(service=None, name=f"Package {number}")],
            )
        _index(service, search=False)
        portfolio.services.append(service)
    for number in range(3):
        competency = portfolio.competencies[number % 2]
        with disable_reference_index_auto_update():
            expert = ExpertPageFactory(
                parent=tree.experts,
                title=f"Expert {number}",
                photo=image,
                competency_links=[
                    ExpertCompetencyFactory.build(expert=None, competency=competency)
                ],
            )
        _index(expert, search=True)
        portfolio.experts.append(expert)
    for number in range(cases):
        with disable_reference_index_auto_update():
            case = CasePageFactory(
                parent=tree.cases,
                title=f"Case {number}",
                industry=portfolio.industry,
                hero_image=image,
                testimonial_quote=f"Quote {number}" if number % 2 == 0 else "",
                testimonial_author="Anna",
                services=[portfolio.services[number % 2]],
                metrics=[
                    CaseMetricFactory.build(
                        case=None, value_before=Decimal("10"), value_after=Decimal("15")
                    )
                ],
                team=[
                    CaseTeamMemberFactory.build(
                        case=None, expert=portfolio.experts[number % 3], role="Tech lead"
                    )
                ],
            )
        _index(case, search=True)
        portfolio.cases.append(case)
    return portfolio


def build_portfolio_more(portfolio: Portfolio, image, *, extra: int) -> None:
    """``extra`` more cases, each with a service, a metric and a team member."""
    for number in range(extra):
        with disable_reference_index_auto_update():
            case = CasePageFactory(
                parent=portfolio.tree.cases,
                industry=portfolio.industry,
                hero_image=image,
                title=f"More {number}",
                services=[portfolio.services[number % 2]],
            )
            CaseMetricFactory(case=case)
            CaseTeamMemberFactory(case=case, expert=portfolio.experts[number % 3])
        _index(case, search=False)


def public_page_urls(tree: SiteTree, portfolio: Portfolio, query: str) -> dict[str, str]:
    """The public page types a visitor meets, by name (browser tests, audits)."""
    return {
        "home": "/",
        "services": tree.services.url,
        "service": portfolio.services[0].url,
        "cases": tree.cases.url,
        "case": portfolio.cases[0].url,
        "experts": tree.experts.url,
        "expert": portfolio.experts[0].url,
        "search": f"/search/?q={query}",
    }
