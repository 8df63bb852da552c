"""Page types: where they can be created, that they render, and that editors can create them."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cases.models import CaseIndexPage, CasePage
from catalog.models import ServiceCategory, ServiceIndexPage, ServicePage, ServiceType
from core.models import ContentPage
from experts.models import ExpertIndexPage, ExpertPage
from home.models import HomePage
from tests.builders import build_portfolio, build_site_tree


class PageTreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(ServiceIndexPage, HomePage)

    def test_index_pages_live_under_home(self):
        for index in (ServiceIndexPage, CaseIndexPage, ExpertIndexPage, ContentPage):
            self.assertCanCreateAt(HomePage, index)

    def test_detail_pages_live_only_under_their_index(self):
        self.assertAllowedParentPageTypes(ServicePage, {ServiceIndexPage})
        self.assertAllowedParentPageTypes(CasePage, {CaseIndexPage})
        self.assertAllowedParentPageTypes(ExpertPage, {ExpertIndexPage})
        self.assertCanNotCreateAt(HomePage, ServicePage)
        self.assertCanNotCreateAt(CaseIndexPage, ServicePage)
        self.assertCanNotCreateAt(ServiceIndexPage, CasePage)
        self.assertCanNotCreateAt(ServiceIndexPage, ExpertPage)

    def test_detail_pages_have_no_children(self):
        self.assertAllowedSubpageTypes(ServicePage, {})
        self.assertAllowedSubpageTypes(CasePage, {})
        self.assertAllowedSubpageTypes(ExpertPage, {})


class RenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.portfolio = build_portfolio(cls.tree, cases=3)

    def test_every_page_type_renders(self):
        pages = [
            self.tree.home,
            self.tree.services,
            self.tree.cases,
            self.tree.experts,
            self.portfolio.services[0],
            self.portfolio.cases[0],
            self.portfolio.experts[0],
        ]
        for page in pages:
            self.assertPageIsRenderable(page)

    def test_editor_can_create_a_service_card(self):
        self.login()
        category = ServiceCategory.objects.create(name="Cloud", slug="cloud")
        b2b = ServiceType.objects.get(code="b2b")
        data = nested_form_data(
            {
                "title": "Kubernetes audit",
                "slug": "kubernetes-audit",
                "category": category.pk,
                "summary": "We check your clusters.",
                "audience": rich_text("<p>Platform teams</p>"),
                "applicability": rich_text(""),
                "methodology": rich_text(""),
                "duration_unit": "weeks",
                "pricing_model": "fixed",
                "price_from": "200000",
                "currency": "RUB",
                "complexity": "medium",
                "cost_factors": streamfield([]),
                "typical_team": streamfield([("role", {"role": "DevOps engineer", "count": "2"})]),
                "partners": streamfield([]),
                "faq": streamfield([]),
                "body": streamfield([]),
                "process_steps": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
                "packages": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            }
        )
        # Multiple-choice values go as a plain list (nested_form_data would number them).
        data["service_types"] = [b2b.pk]
        self.assertCanCreate(self.tree.services, ServicePage, data)
        service = ServicePage.objects.get(slug="kubernetes-audit")
        self.assertEqual(service.typical_team[0].value["role"], "DevOps engineer")
        self.assertEqual([t.code for t in service.service_types.all()], ["b2b"])
