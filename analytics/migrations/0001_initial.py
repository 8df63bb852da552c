"""The table of the pages each deal's visitor read, filled from the deals already stored."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from analytics import page_views

    page_views.rebuild(page_views.live_models(apps))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("leads", "0008_deal_probability"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [
        migrations.CreateModel(
            name="DealPageView",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("path", models.CharField(max_length=2000, verbose_name="path")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("read", "read before asking"),
                            ("landing", "first-touch landing page"),
                        ],
                        max_length=8,
                        verbose_name="role",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                ("content", models.BooleanField(default=False, verbose_name="content page")),
                ("split", models.PositiveSmallIntegerField(default=0, verbose_name="split over")),
                (
                    "deal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="leads.deal",
                        verbose_name="deal",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="page",
                    ),
                ),
            ],
            options={
                "verbose_name": "page read before a request",
                "verbose_name_plural": "pages read before requests",
                "indexes": [
                    models.Index(fields=["role", "content", "page"], name="dealpageview_page")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
