"""Build a SQLite database the way ``migrate`` does or the way the test setup does, and print
its schema and the rows the migrations write, independent of column order and row ids.

``python -m tests.schema_snapshot migrations|models FILE`` (tests/test_schema.py compares them).
"""

import json
import os
import sqlite3
import sys

ROWS = {
    "group": """SELECT g.name, ct.app_label || '.' || p.codename FROM auth_group g
        LEFT JOIN auth_group_permissions gp ON gp.group_id = g.id
        LEFT JOIN auth_permission p ON p.id = gp.permission_id
        LEFT JOIN django_content_type ct ON ct.id = p.content_type_id""",
    "collection right": """SELECT g.name, c.path, ct.app_label || '.' || p.codename
        FROM wagtailcore_groupcollectionpermission x JOIN auth_group g ON g.id = x.group_id
        JOIN wagtailcore_collection c ON c.id = x.collection_id
        JOIN auth_permission p ON p.id = x.permission_id
        JOIN django_content_type ct ON ct.id = p.content_type_id""",
    "page right": """SELECT g.name, pg.path, ct.app_label || '.' || p.codename
        FROM wagtailcore_grouppagepermission x JOIN auth_group g ON g.id = x.group_id
        JOIN wagtailcore_page pg ON pg.id = x.page_id
        JOIN auth_permission p ON p.id = x.permission_id
        JOIN django_content_type ct ON ct.id = p.content_type_id""",
    "workflow": """SELECT w.name, w.active, t.name, t.active, wt.sort_order, ct.model, pg.path, g.name
        FROM wagtailcore_workflow w JOIN wagtailcore_workflowtask wt ON wt.workflow_id = w.id
        JOIN wagtailcore_task t ON t.id = wt.task_id
        JOIN django_content_type ct ON ct.id = t.content_type_id
        JOIN wagtailcore_workflowpage wp ON wp.workflow_id = w.id
        JOIN wagtailcore_page pg ON pg.id = wp.page_id
        JOIN wagtailcore_groupapprovaltask_groups tg ON tg.groupapprovaltask_id = t.id
        JOIN auth_group g ON g.id = tg.group_id""",
    "group id": "SELECT id, name FROM auth_group",
    # not the welcome page and its site, which the session's django_db_setup deletes
    "page": "SELECT path, depth, title, slug, live, url_path FROM wagtailcore_page WHERE depth = 1",
    "locale": "SELECT language_code FROM wagtailcore_locale",
    "collection": "SELECT path, depth, name FROM wagtailcore_collection",
    "content type": "SELECT app_label, model FROM django_content_type",
    "permission": """SELECT ct.app_label, p.codename FROM auth_permission p
        JOIN django_content_type ct ON ct.id = p.content_type_id""",
    # and their names, but for wagtailsearch's FTS model: its migration's state spells it
    # "sqliteftsindexentry" ("Can add sqliteftsindexentry"), the model "sq lite fts index
    # entry"; no screen lists these rights, and a flush writes the model's names anyway
    "permission name": """SELECT ct.app_label, p.codename, p.name FROM auth_permission p
        JOIN django_content_type ct ON ct.id = p.content_type_id
        WHERE ct.model != 'sqliteftsindexentry'""",
}
#: tables whose every row the migrations write, compared in full (ids included)
WHOLE_TABLES = [
    "catalog_servicetype",
    "leads_pipeline",
    "leads_pipeline_service_types",
    "leads_stage",
    "leads_stagetasktemplate",
    "leads_lostreason",
    "search_synonymgroup",
]


def _split_top(body: str) -> list[str]:
    """A CREATE TABLE's column and constraint definitions (commas inside parentheses kept)."""
    parts, depth, current, quote = [], 0, "", None
    for char in body:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    return [*parts, current.strip()]


def snapshot(path: str) -> dict:
    db = sqlite3.connect(path)
    schema = []
    for kind, name, table, sql in db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_%' AND tbl_name != 'django_migrations'"
    ):
        if kind == "table" and sql.startswith("CREATE TABLE"):
            body = sql[sql.index("(") + 1 : sql.rindex(")")]
            schema += [f"{name}: {part}" for part in _split_top(body)]
        elif kind == "index" and sql is not None:
            # Django names an index by the table it was made on: a model moved to another app
            # (home.HomePage from core) keeps the old name after the migrations; nothing uses it
            schema.append(f"index on {table}: {sql.split(' ON ', 1)[1]}")
        elif kind != "index":
            schema.append(sql)
    rows = {label: sorted(map(repr, db.execute(sql))) for label, sql in ROWS.items()}
    for table in WHOLE_TABLES:
        columns = ", ".join(sorted(r[1] for r in db.execute(f"PRAGMA table_info({table})")))
        rows[table] = sorted(map(repr, db.execute(f"SELECT {columns} FROM {table}")))  # noqa: S608
    return {"schema": sorted(schema), "rows": rows}


def build(how: str, path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if how == "models":  # what pytest-django's --no-migrations does
        settings.MIGRATION_MODULES = {app.label: None for app in django.apps.apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    if how == "models":
        from tests.builders import ensure_migration_data
        from tests.conftest import _sqlite_search_table

        _sqlite_search_table(connection)
        ensure_migration_data()


if __name__ == "__main__":
    how, path = sys.argv[1:3]
    build(how, path)
    json.dump(snapshot(path), sys.stdout)
