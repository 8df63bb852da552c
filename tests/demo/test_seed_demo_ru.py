"""The Russian demo (``seed_demo --lang ru``), seeded once for the module (``demo_ru``): the
company in Russian, a client's confirmation in Russian, and the realism rules."""

from cases.models import CasePage
from catalog.models import ServicePage
from home.models import HomePage
from tests.demo.realism import assert_reads_like_a_real_company


def test_russian_demo_company(demo_ru, db, client):
    assert HomePage.objects.get().title == "Нордвинд Диджитал"
    assert ServicePage.objects.filter(title="Разработка интернет-магазина").exists()
    html = client.get("/services/ecommerce/").content.decode()
    assert "Разработка интернет-магазина" in html


def test_russian_demo_confirmation_in_russian(demo_ru, db):
    case = CasePage.objects.live().get(visibility="public", results_confirmed_on__isnull=False)
    assert "хранилище" in case.summary
    draft = CasePage.objects.filter(project__isnull=False, live=False).first()
    assert "Клиент" in draft.client_description or "клиент" in draft.client_description


def test_reads_like_a_real_company(demo_ru, db):
    assert_reads_like_a_real_company("ru")
