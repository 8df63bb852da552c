"""HomePage now belongs to ``home`` (see ``home.0001_initial``, which keeps its table and rows);
``core`` forgets it without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_move_content_version_to_serving"),
        ("home", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="HomePage")],
            database_operations=[],
        ),
    ]
