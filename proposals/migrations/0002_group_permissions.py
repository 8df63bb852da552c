"""Sales build and send proposals; sales managers also delete them and keep the templates."""

from django.db import migrations

SALES = ["view_proposal", "add_proposal", "change_proposal", "send_proposal", "view_proposaltemplate"]
MANAGERS = [*SALES, "delete_proposal", "add_proposaltemplate", "change_proposaltemplate", "delete_proposaltemplate"]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Sales", SALES), ("Sales managers", MANAGERS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="proposals", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial"), ("leads", "0002_groups_and_pipelines")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
