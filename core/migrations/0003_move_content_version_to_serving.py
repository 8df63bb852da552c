from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_content_version"),
        ("serving", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(
            name="ContentVersion",
        ),
    ]
