"""The facts indexes without the last-touch UTM tags and the landing path.

Those are the visitor's text (200 characters each, the path up to 2,000): beside them one index
entry could pass PostgreSQL's limit of 2,704 bytes, and the deal then got no facts row (and the
rebuild and 0004's fill failed). 0004 and 0005 now build the narrower indexes themselves; this
rebuilds them on databases that ran the earlier versions (on a new database it drops and makes
the same indexes again)."""

from django.db import migrations, models

COLUMNS = [
    "amount",
    "currency",
    "channel",
    "first_source",
    "pipeline",
    "owner",
    "deal",
    "read_content",
    "has_path",
    "landed_content",
]


class Migration(migrations.Migration):
    dependencies = [("analytics", "0005_content_facts")]

    operations = [
        migrations.RemoveIndex(model_name="dealfacts", name="dealfacts_closed"),
        migrations.RemoveIndex(model_name="dealfacts", name="dealfacts_created"),
        migrations.AddIndex(
            model_name="dealfacts",
            index=models.Index(
                fields=["status", "closed_at", "created_at", *COLUMNS], name="dealfacts_closed"
            ),
        ),
        migrations.AddIndex(
            model_name="dealfacts",
            index=models.Index(
                fields=["created_at", "status", "closed_at", *COLUMNS], name="dealfacts_created"
            ),
        ),
    ]
