"""StageChange.from_stage_since: when the deal entered the stage a move takes it out of.

The time in stage reads a stay (in ``from_stage``, from ``from_stage_since`` to
``changed_at``) from one row; finding each stay's start as "the deal's previous move" per move
took 26 s at 1,000,000 stage changes on SQLite. New moves record it
(``leads.services.deals.deal_move_to_stage``: the deal's ``stage_entered_at`` before the move);
:func:`backfill` computes it for the moves recorded before, in one UPDATE on both databases.
"""

from django.db import migrations, models


def backfill(apps, schema_editor):
    """Every move out of a stage gets the moment of the deal's previous move (the latest
    earlier change of the same deal, ties broken by id, as the stays were found before), or
    the deal's creation when no earlier move is recorded. One UPDATE with a correlated
    subquery per move over the deal's moves (an index of stage changes by deal). On 1,000,000
    rows: about 10 s on SQLite, 53 s on PostgreSQL, where writing the rows takes 43 s of it (a
    window-function UPDATE … FROM finds the values faster, 3 s instead of 10, and writes as
    slowly). The first move of a deal (no ``from_stage``) keeps NULL."""
    StageChange = apps.get_model("leads", "StageChange")
    Deal = apps.get_model("leads", "Deal")
    quote = schema_editor.connection.ops.quote_name
    changes, deals = quote(StageChange._meta.db_table), quote(Deal._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(  # the names: the models' own tables, quoted
            f"""
        UPDATE {changes} SET from_stage_since = COALESCE(
            (
                SELECT earlier.changed_at FROM {changes} earlier
                WHERE earlier.deal_id = {changes}.deal_id
                  AND (
                    earlier.changed_at < {changes}.changed_at
                    OR (earlier.changed_at = {changes}.changed_at AND earlier.id < {changes}.id)
                  )
                ORDER BY earlier.changed_at DESC, earlier.id DESC
                LIMIT 1
            ),
            (SELECT deal.created_at FROM {deals} deal WHERE deal.id = {changes}.deal_id)
        )
        WHERE from_stage_id IS NOT NULL
        """  # noqa: S608
        )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0009_analytics_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="stagechange",
            name="from_stage_since",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="in the previous stage since"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        # the time in stage reads the stays of a period from this index alone: SQLite looked
        # up 230,000 rows of the table for their deal and beginning (stays 1.7 s to 0.9 s)
        migrations.AddIndex(
            model_name="stagechange",
            index=models.Index(
                fields=["from_stage", "changed_at", "deal", "from_stage_since"],
                name="stagechange_stay",
            ),
        ),
    ]
