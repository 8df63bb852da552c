"""Admin screens of the portfolio loop answer only the methods they serve: a PUT, DELETE or a
stray POST gets 405 instead of rendering the screen as if it were a GET."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def _manager(client):
    user = User.objects.create_user("mona", "mona@example.com", "pw")
    user.groups.add(Group.objects.get(name="Sales managers"))
    client.force_login(user)
    return user


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_team_workload_edit_refuses_other_methods(client, portfolio, method):
    _manager(client)
    url = reverse("projects_workload:edit", args=[portfolio.experts[0].pk])
    assert client.get(url).status_code == 200
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert sorted(response["Allow"].split(", ")) == ["GET", "POST"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_confirmations_index_is_read_only(client, method):
    _manager(client)
    url = reverse("projects_confirmations")
    assert client.get(url).status_code == 200
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert sorted(response["Allow"].split(", ")) == ["GET", "HEAD"]
