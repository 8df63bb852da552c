from django.contrib.auth.models import Group, User

import pytest

from catalog.factories import ServicePageFactory
from catalog.models import ServiceType


@pytest.fixture
def sales_users(db):
    group = Group.objects.get(name="Sales")
    users = []
    for name in ("olga", "pavel"):
        user = User.objects.create_user(name, f"{name}@example.com", "pw")
        user.groups.add(group)
        users.append(user)
    return users


@pytest.fixture
def manager(db):
    user = User.objects.create_user("maria", "maria@example.com", "pw")
    user.groups.add(Group.objects.get(name="Sales managers"))
    return user


@pytest.fixture
def service_of_type(site_tree):
    def make(code: str, title: str | None = None):
        service = ServicePageFactory(parent=site_tree.services, title=title or f"Service {code}")
        service.service_types.add(ServiceType.objects.get(code=code))
        service.save()
        return service

    return make


VALID = {
    "name": "Anna Petrova",
    "email": "Anna@Example.com",
    "phone": "8 (916) 123-45-67",
    "company": "Retail Co",
    "message": "We need an online store.",
    "budget": "500k_2m",
    "preferred_channel": "phone",
    "consent": "on",
}


@pytest.fixture
def valid_data():
    return dict(VALID)
