"""The test databases, built from the models (``--no-migrations``), match what the migrations
build: the same tables, columns, constraints, indexes, triggers and virtual tables, and the
same rows written by the migrations (tests.builders.ensure_migration_data)."""

import json
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _snapshot(how: str, path: Path) -> dict:
    result = subprocess.run(  # a fresh process: its settings name the file
        [sys.executable, "-m", "tests.schema_snapshot", how, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="compared once, in the SQLite phase: the migrations of all apps take about 40 s",
)
def test_the_models_and_the_migrations_build_the_same_database(tmp_path):
    by_migrations = _snapshot("migrations", tmp_path / "migrations.sqlite3")
    by_models = _snapshot("models", tmp_path / "models.sqlite3")

    assert any("USING fts5" in line for line in by_migrations["schema"])
    assert by_models["schema"] == by_migrations["schema"]
    assert by_migrations["rows"]["workflow"]
    assert by_models["rows"] == by_migrations["rows"]
