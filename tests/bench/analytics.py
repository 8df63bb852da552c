"""``make bench-analytics`` (part of ``make bench``): every analytics report over 100,000 deals
with 1,000,000 stage changes, on SQLite and, when a PostgreSQL URL is given, on PostgreSQL;
writes ``tests/bench/results/analytics_latest.{md,json}``.

The deals live in their own databases (``tests/bench/.data/analytics.sqlite3`` and the
PostgreSQL database of ``--postgres``), apart from the
site bench's: the demo company (``seed_demo``) plus generated deals
(``demo.pipeline_history``) up to ``--deals``, created over the last 13 months. A database
generated for the same parameters is reused (a marker file beside the data says which);
``--regenerate`` starts again. Every figure is from one run on one machine.

    python tests/bench/analytics.py [--deals 100000] [--changes-per-deal 10] [--runs 5]
        [--postgres URL] [--regenerate] [--plans] [--sqlite-only]

``--postgres`` (a database this bench drops and makes again) defaults to ``<name>_analytics`` on
the server of ``BENCH_POSTGRES_URL``, else of ``DATABASE_URL`` when it is a PostgreSQL one.
``--plans`` writes every query's plan to ``.data/plans-<vendor>.txt``.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.report import save_results
from tests.bench.servers import BENCH, DATA, PYTHON, ROOT, django_env, log, manage

SQLITE = DATA / "analytics.sqlite3"


def _env(url: str) -> dict:
    return django_env(url, MEDIA_ROOT=DATA / "analytics-media")


def _child(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [PYTHON, str(BENCH / "analytics_child.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _default_postgres() -> str:
    """A database of its own beside BENCH_POSTGRES_URL's (or DATABASE_URL's when that is a
    PostgreSQL one): ``<name>_analytics``, never the named database, which this bench drops."""
    url = os.environ.get("BENCH_POSTGRES_URL", "")
    if not url and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        url = os.environ["DATABASE_URL"]
    if not url:
        return ""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_analytics"))


def _recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(vendor: str, url: str, options) -> dict:
    """The database of ``vendor`` with its deals: reused when its marker matches, else made."""
    marker = DATA / f"analytics-{vendor}.json"
    wanted = {"deals": options.deals, "changes_per_deal": options.changes_per_deal, "url": url}
    env = _env(url)
    if not options.regenerate and marker.exists():
        known = json.loads(marker.read_text())
        if known.get("wanted") == wanted:
            log(f"{vendor}: reusing the generated deals ({known['generated']['deals']})")
            manage(env, "migrate", "--noinput")  # indexes added since
            if not known.get("page_views"):  # generated before the generator wrote them
                manage(env, "rebuild_page_views")
                known = {**known, "page_views": True}
                marker.write_text(json.dumps(known, indent=2))
            if not known.get("deal_facts"):  # generated before analytics kept them
                manage(env, "rebuild_deal_facts")
                known = {**known, "deal_facts": True}
                marker.write_text(json.dumps(known, indent=2))
            return {**known["generated"], "reused": True}
    log(f"{vendor}: a new database, the demo company and {options.deals} deals")
    marker.unlink(missing_ok=True)
    if vendor == "sqlite":
        for path in (SQLITE, Path(f"{SQLITE}-wal"), Path(f"{SQLITE}-shm")):
            path.unlink(missing_ok=True)
    else:
        _recreate_postgres(url)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--lang", "en")
    generated = _child(env, "generate", str(options.deals), str(options.changes_per_deal))
    log(f"{vendor}: generated in {generated['seconds']} s")
    marker.write_text(
        json.dumps(
            {"wanted": wanted, "generated": generated, "page_views": True, "deal_facts": True},
            indent=2,
        )
    )
    return {**generated, "reused": False}


def table(results: dict) -> str:
    vendors = list(results["databases"])
    lines = [
        f"Measured {results['date']} on {results['machine']}: a manager's scope over the last 12 "
        f"months, median of {results['runs']} calls of each report's build(scope) (first call "
        "in brackets), SQL queries of one call; the screens (overview, admin home, two reports) "
        "as whole requests through Django's test client, a manager logged in.",
        "",
    ]
    for vendor in vendors:
        data = results["databases"][vendor]["data"]
        lines.append(
            f"- {vendor}: {data['deals']:,} deals, {data['stage_changes']:,} stage changes; "
            + (
                "generated earlier (reused)"
                if data["reused"]
                else f"generated in {data['seconds']} s, peak memory {data['peak_memory_mb']} MB"
            )
        )
    header = "| report | mode | scope | queries | " + " | ".join(f"{v} ms" for v in vendors)
    lines += ["", header + " |", "|---|---|---|---:|" + "---:|" * len(vendors)]
    rows = {}
    for vendor in vendors:
        for row in results["databases"][vendor]["reports"]:
            key = (row["report"], row["variant"], row["scope"])
            rows.setdefault(key, {"queries": row["queries"]})[vendor] = row
    for (report, variant, scope), cells in rows.items():
        figures = [
            f"{cells[v]['median_ms']:.0f} ({cells[v]['first_ms']:.0f})" if v in cells else "—"
            for v in vendors
        ]
        lines.append(
            f"| {report} | {variant or '—'} | {scope} | {cells['queries']} | "
            + " | ".join(figures)
            + " |"
        )
    slowest = {
        vendor: max(results["databases"][vendor]["reports"], key=lambda r: r["median_ms"])
        for vendor in vendors
    }
    lines.append("")
    for vendor, row in slowest.items():
        lines.append(
            f"- Slowest on {vendor}: {row['report']} ({row['variant'] or 'default'}, "
            f"{row['scope']}) {row['median_ms']:.0f} ms."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--changes-per-deal", type=float, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--plans", action="store_true", help="write the query plans")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--postgres", default=_default_postgres())
    options = parser.parse_args()

    DATA.mkdir(exist_ok=True)
    databases = {}
    if not options.postgres_only:
        databases["sqlite"] = f"sqlite:///{SQLITE}"
    if options.postgres and not options.sqlite_only:
        databases["postgresql"] = options.postgres
    results = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores",
        "runs": options.runs,
        "databases": {},
    }
    for vendor, url in databases.items():
        data = prepare(vendor, url, options)
        log(f"{vendor}: timing the reports")
        plans = [str(DATA / f"plans-{vendor}.txt")] if options.plans else []
        measured = _child(_env(url), "measure", str(options.runs), *plans)
        results["databases"][vendor] = {"data": data, "reports": measured["reports"]}
    save_results("analytics_latest", results, table(results))


if __name__ == "__main__":
    sys.exit(main())
