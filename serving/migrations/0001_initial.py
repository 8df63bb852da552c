from django.db import migrations, models


def copy_from_core(apps, schema_editor):
    """Carry the current number over, so no cached page of the old number comes back to life."""
    old = apps.get_model("core", "ContentVersion").objects.filter(pk=1).first()
    if old is not None:
        apps.get_model("serving", "ContentVersion").objects.create(pk=1, value=old.value)


def copy_to_core(apps, schema_editor):
    """Going back: core's table (recreated empty by reversing core 0003) gets the number again."""
    new = apps.get_model("serving", "ContentVersion").objects.filter(pk=1).first()
    if new is not None:
        apps.get_model("core", "ContentVersion").objects.update_or_create(
            pk=1, defaults={"value": new.value}
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0002_content_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.PositiveBigIntegerField(default=1)),
            ],
            options={
                "verbose_name": "content version",
            },
        ),
        migrations.RunPython(copy_from_core, copy_to_core),
    ]
