"""The admin's menus are built once per process, by the first request that shows each of them.

Wagtail names an item by its label's slug when none is given, so a process whose first admin
page was in Russian named "Сделки" what every later request (and every hook that finds an item
by name) knows as "deals". Every item of every menu keeps its name whatever the language.
"""

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail.admin.menu import SubmenuMenuItem, admin_menu, reports_menu, settings_menu

import pytest

pytestmark = pytest.mark.django_db

MENUS = (admin_menu, settings_menu, reports_menu)


def _names(menu, request, prefix=""):
    names = set()
    for item in menu.menu_items_for_request(request):
        names.add(prefix + item.name)
        if isinstance(item, SubmenuMenuItem):
            names |= _names(item.menu, request, prefix=f"{item.name}/")
    return names


def _built_in(language, request):
    for menu in MENUS:
        menu.__dict__.pop("registered_menu_items", None)
    with translation.override(language):
        return set().union(*(_names(menu, request) for menu in MENUS))


@pytest.fixture
def fresh_menus():
    built = [menu.__dict__.pop("registered_menu_items", None) for menu in MENUS]
    yield
    for menu, items in zip(MENUS, built, strict=True):
        menu.__dict__.pop("registered_menu_items", None)
        if items is not None:
            menu.__dict__["registered_menu_items"] = items


def test_every_menu_item_keeps_its_name_when_first_built_in_russian(fresh_menus, django_user_model):
    # reverse() loads the URLconf, which registers the viewsets' menu items, as for a real request
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = django_user_model.objects.create_superuser("root", "root@example.com", "x")

    in_russian = _built_in("ru", request)
    in_english = _built_in("en", request)

    assert {"sales", "sales/deals", "sales/proposals", "sales/board"} <= in_english
    assert in_russian == in_english
    assert all(name.isascii() for name in in_russian)
