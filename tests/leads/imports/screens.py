"""The people and the files of the Sales → Import screen tests (``test_screens``,
``test_import_permissions``)."""

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from leads.models import Stage
from tests.leads.imports.jobs import csv_bytes

ROLES = ["anonymous", "editor", "sales", "manager", "superuser"]
#: a client's details that only import holders may see (in the file and in its failed rows)
SECRET_EMAIL = "zinaida.secret@example.com"

DEALS = [
    ["Title", "Amount", "Stage", "Name", "Email", "Phone", "Company"],
    [
        "Website for Retail Co",
        "150000",
        "Paid",
        "Anna Petrova",
        "anna@example.com",
        "",
        "Retail Co",
    ],
    ["Audit", "20000", "New request", "Boris Ivanov", SECRET_EMAIL, "8 (800)", "Hidden Holding"],
    ["Shop", "90000", "New request", "Vera Orlova", "vera@example.com", "", "Orlova Ltd"],
]


def make_users() -> dict:
    users = {"anonymous": None}
    for role, group in [
        ("editor", "Editors"),
        ("sales", "Sales"),
        ("manager", "Sales managers"),
    ]:
        users[role] = User.objects.create_user(role, f"{role}@example.com", "pw")
        users[role].groups.add(Group.objects.get(name=group))
    users["other_manager"] = User.objects.create_user("other", "other@example.com", "pw")
    users["other_manager"].groups.add(Group.objects.get(name="Sales managers"))
    users["superuser"] = User.objects.create_superuser("root", "root@example.com", "pw")
    return users


def upload(rows=None, name="crm.csv", content=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else csv_bytes(rows or DEALS))


def stage(name: str) -> Stage:
    return (
        Stage.objects.filter(name=name, pipeline__is_default=True).first()
        or Stage.objects.filter(name=name).first()
    )
