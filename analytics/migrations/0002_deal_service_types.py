"""Each deal's service types as rows (the segments report's "by service type"), filled from the
deals already stored."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from analytics import deal_facts

    deal_facts.rebuild(deal_facts.live_models(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0001_initial"),
        ("catalog", "0003_service_types"),
        ("leads", "0011_deal_company_created"),
    ]

    operations = [
        migrations.CreateModel(
            name="DealServiceType",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "deal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="analytics_service_types",
                        to="leads.deal",
                        verbose_name="deal",
                    ),
                ),
                (
                    "service_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.servicetype",
                        verbose_name="service type",
                    ),
                ),
            ],
            options={
                "verbose_name": "service type of a deal",
                "verbose_name_plural": "service types of deals",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("deal", "service_type"), name="dealservicetype_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
