"""``make search-quality``: the relevance set on SQLite (and PostgreSQL when
``SEARCH_QUALITY_POSTGRES_URL``, or a PostgreSQL ``DATABASE_URL``, is set), in English and
Russian, for Vitrina's search and for plain Wagtail search over the same content.

Each database × language runs in a child process on a throwaway database (migrate, build the
content, index): plain Wagtail is measured first with the index it writes, then Vitrina's
``update_index`` rewrites the same table and Vitrina is measured. Prints a table and exits
non-zero below the goals: MRR ≥ 0.92, P@1 ≥ 0.85, no answerable query without results, no hidden
or internal case found.
"""

# ruff: noqa: T201 (a command-line report)

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.search.quality import GOALS

ROOT = Path(__file__).resolve().parents[3]


def child(language: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from tests.search.quality import content, evaluate

    call_command("migrate", verbosity=0, interactive=False)
    content.build(language)
    call_command("update_index", backend_name="plain", verbosity=0)
    result = {}
    for held_out, name in ((False, "tuned"), (True, "held-out")):
        result[f"plain {name}"] = vars(evaluate.plain_wagtail(language, "plain", held_out=held_out))
    call_command("update_index", backend_name="default", verbosity=0)
    for held_out, name in ((False, "tuned"), (True, "held-out")):
        result[f"vitrina {name}"] = vars(evaluate.vitrina(language, held_out=held_out))
    print("RESULT " + json.dumps(result))


def run(database: str, url: str, language: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.search.quality.settings",
        "DATABASE_URL": url,
        "LANGUAGE_CODE": language,
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.search.quality.run", "--child", language],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        sys.exit(f"{database}/{language} failed:\n{done.stderr[-3000:]}")
    return json.loads(line[len("RESULT ") :])


def postgres_url() -> str | None:
    url = os.environ.get("SEARCH_QUALITY_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def fresh_postgres(url: str, language: str) -> str:
    """The URL of a new empty database next to ``url``'s (dropped first if it is there)."""
    import psycopg

    base, _slash, _name = url.rpartition("/")
    name = f"vitrina_search_quality_{language}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        return 0
    rows, failures, notes = [], [], []
    databases = [("SQLite", None)] + ([("PostgreSQL", postgres_url())] if postgres_url() else [])
    with tempfile.TemporaryDirectory(prefix="search-quality-") as folder:
        for database, pg in databases:
            for language in ("en", "ru"):
                url = fresh_postgres(pg, language) if pg else f"sqlite:///{folder}/{language}.db"
                result = run(database, url, language)
                for engine in (
                    "vitrina tuned",
                    "plain tuned",
                    "vitrina held-out",
                    "plain held-out",
                ):
                    rows.append((database, language, engine, result[engine]))
                where = f"{database}/{language}"
                tuned, held_out = result["vitrina tuned"], result["vitrina held-out"]
                if min(tuned["mrr"] - GOALS["mrr"], tuned["p1"] - GOALS["p1"]) < 0 or (
                    tuned["zero"] or tuned["leaks"] or held_out["leaks"]
                ):
                    failures.append((f"{where} (tuned set)", tuned["leaks"] + tuned["misses"]))
                    failures.append((f"{where} (held-out set)", held_out["leaks"]))
                notes.append((f"{where} (held-out set, not enforced)", held_out["misses"]))
    print(
        f"{'database':<11}{'lang':<5}{'search':<17}{'queries':>8}{'MRR':>7}{'P@1':>7}{'R@5':>7}"
        f"{'zero':>6}{'leaks':>6}{'p50 ms':>8}{'p95 ms':>8}"
    )
    for database, language, engine, s in rows:
        print(
            f"{database:<11}{language:<5}{engine:<17}{s['queries']:>8}{s['mrr']:>7.3f}"
            f"{s['p1']:>7.3f}{s['r5']:>7.3f}{s['zero']:>6}{len(s['leaks']):>6}"
            f"{s['p50_ms']:>8.1f}{s['p95_ms']:>8.1f}"
        )
    for where, lines in notes:
        print(f"\n{where}: not first")
        for line in lines:
            print(f"  {line}")
    for where, lines in failures:
        print(
            f"\n{where}: below the goals (MRR ≥ {GOALS['mrr']}, P@1 ≥ {GOALS['p1']}, no zero, "
            "no leak)"
        )
        for line in lines:
            print(f"  {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
