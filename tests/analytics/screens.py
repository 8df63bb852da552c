"""Shared set-up of the screens' tests: the fake reports in the registry, the roles."""

from django.contrib.auth.models import Group, User

FAKE_REPORTS = [("fake", "tests.analytics.fake_report"), ("missing", "tests.analytics.no_such")]
Q1 = {"period": "custom", "dates_from": "2026-01-01", "dates_to": "2026-03-31"}


def editor():
    user = User.objects.create_user("edith", "edith@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def superuser():
    return User.objects.create_superuser("root", "root@example.com", "pw")
