from django.db import migrations

CODES = ["b2b", "b2c", "subscription", "project", "one_off"]


def create_service_types(apps, schema_editor):
    ServiceType = apps.get_model("catalog", "ServiceType")
    for code in CODES:
        ServiceType.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]

    operations = [migrations.RunPython(create_service_types, migrations.RunPython.noop)]
