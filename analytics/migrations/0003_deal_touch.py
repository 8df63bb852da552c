"""Each deal's first-touch source and landing path (the sources report's groups), filled from
the deals already stored."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Nothing since 0004: DealFacts replaced this table (0004 drops it and fills its own)."""


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0002_deal_service_types"),
        ("leads", "0011_deal_company_created"),
    ]

    operations = [
        migrations.CreateModel(
            name="DealTouch",
            fields=[
                (
                    "deal",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="analytics_touch",
                        serialize=False,
                        to="leads.deal",
                        verbose_name="deal",
                    ),
                ),
                (
                    "first_source",
                    models.TextField(blank=True, null=True, verbose_name="first-touch source"),
                ),
                (
                    "landing_path",
                    models.TextField(blank=True, null=True, verbose_name="landing page"),
                ),
            ],
            options={
                "verbose_name": "source of a deal",
                "verbose_name_plural": "sources of deals",
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
