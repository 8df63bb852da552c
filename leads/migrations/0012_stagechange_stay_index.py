"""An index of each stage's stays in the order of their length (``core.expressions.Seconds``
of ``changed_at - from_stage_since``, the expression ``analytics.stays`` sorts by), covering
the period and the deal: on SQLite the time in stage reads the stay at a rank (the median,
the 90th percentile) by walking it instead of numbering every stay of the period with a
window function (figures in ``analytics/stays.py``).
"""

from django.db import migrations, models

import core.expressions


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0011_deal_company_created"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="stagechange",
            index=models.Index(
                models.F("from_stage"),
                core.expressions.Seconds(models.F("changed_at"), models.F("from_stage_since")),
                models.F("changed_at"),
                models.F("deal"),
                models.F("from_stage_since"),
                name="stagechange_stay_length",
            ),
        ),
    ]
