"""Deals by (company, created_at): the repeat-business report asks, for every deal, whether its
company had an earlier deal (a NOT EXISTS), and when each company's first deal was. With the
index of ``company`` alone each probe read the company's deals from the table one by one; with
this one it is one step in the index (100,000 deals; figures in the README's Performance
section)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0010_stagechange_from_stage_since"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="deal",
            index=models.Index(fields=["company", "created_at"], name="deal_company_created"),
        ),
    ]
