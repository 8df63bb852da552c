"""The content report reads the deal's facts row: DealPageView joins it by the deal (no column),
an index on the page views holds every column the report reads, and each facts row stores what
its deal's page views say (read a content page, has a path, landed on a content page), filled
here from the rows already stored (both facts indexes end with them)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    from analytics import page_views

    page_views.mark_facts(None, page_views.live_models(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0004_deal_facts"),
        ("leads", "0012_stagechange_stay_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="dealfacts",
            name="dealfacts_closed",
        ),
        migrations.RemoveIndex(
            model_name="dealfacts",
            name="dealfacts_created",
        ),
        migrations.RemoveIndex(
            model_name="dealpageview",
            name="dealpageview_page",
        ),
        migrations.AddField(
            model_name="dealfacts",
            name="has_path",
            field=models.BooleanField(
                db_default=False, default=False, verbose_name="has pages read"
            ),
        ),
        migrations.AddField(
            model_name="dealfacts",
            name="landed_content",
            field=models.BooleanField(
                db_default=False, default=False, verbose_name="landed on a content page"
            ),
        ),
        migrations.AddField(
            model_name="dealfacts",
            name="read_content",
            field=models.BooleanField(
                db_default=False, default=False, verbose_name="read a content page"
            ),
        ),
        migrations.AddField(
            model_name="dealpageview",
            name="facts",
            field=models.ForeignObject(
                from_fields=["deal"],
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="page_views",
                to="analytics.dealfacts",
                to_fields=["deal"],
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="dealfacts",
            index=models.Index(
                fields=[
                    "status",
                    "closed_at",
                    "created_at",
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
                ],
                name="dealfacts_closed",
            ),
        ),
        migrations.AddIndex(
            model_name="dealfacts",
            index=models.Index(
                fields=[
                    "created_at",
                    "status",
                    "closed_at",
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
                ],
                name="dealfacts_created",
            ),
        ),
        migrations.AddIndex(
            model_name="dealpageview",
            index=models.Index(
                fields=["role", "deal", "content", "page", "split"], name="dealpageview_content"
            ),
        ),
    ]
