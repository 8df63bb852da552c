"""``make bench``: seed a 10,000-case site into its own database, serve it with gunicorn
(production settings, 2 workers) and nginx (the static export), load it with wrk, and write
``tests/bench/results/latest.{md,json}``.

Every figure is from one run on one machine: compare the ratios, not the absolute numbers.
    python tests/bench/run.py [--scale 10000] [--duration 10] [--reuse] [--postgres URL]
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

# Run as a script, only tests/bench is on sys.path: the bench's modules import as tests.bench.*.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.measures import lead_capture, load_pages, measure_search, pick_search_queries
from tests.bench.report import save_results, search_table, table
from tests.bench.servers import (
    APP_PORT,
    BENCH,
    DATA,
    NGINX_PORT,
    PYTHON,
    ROOT,
    django_env,
    ensure_tools,
    gunicorn,
    log,
    manage,
    nginx,
)


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return round(time.perf_counter() - started, 1)


# The site under test.


def seed(env: dict, scale: int) -> float:
    manage(env, "migrate", "--noinput")
    log(f"seeding --scale {scale}")
    return timed(manage, env, "seed_demo", "--scale", str(scale))


def pick_paths(env: dict) -> dict[str, str]:
    code = (
        "import json;from catalog.models import ServicePage;from cases.models import CasePage;"
        "from experts.models import ExpertPage;"
        "print(json.dumps([m.objects.live().order_by('pk').first().url "
        "for m in (ServicePage, CasePage, ExpertPage)]))"
    )
    service, case, expert = json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])
    return {
        "home": "/",
        "service": service,
        "case": case,
        "expert": expert,
        "case index p1": "/cases/",
        "case index p50": "/cases/page/50/",
        "service index": "/services/",
        "service index p3": "/services/page/3/",
        "expert index": "/experts/",
        "expert index p5": "/experts/page/5/",
        "search": "/search/?q=data+platform",
        "suggest": "/search/suggest/?q=dat",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--lead-seconds", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep an earlier seeded database")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""))
    parser.add_argument(
        "--search-only", action="store_true", help="search alone (search_latest.md), with --reuse"
    )
    options = parser.parse_args()

    ensure_tools()
    DATA.mkdir(exist_ok=True)
    database = DATA / "bench.sqlite3"
    env = django_env(f"sqlite:///{database}")
    results = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores",
        "scale": options.scale,
        "duration": options.duration,
    }
    if not options.reuse:
        for stale in (database, DATA / "media", DATA / "export"):
            if stale.is_dir():
                shutil.rmtree(stale)
            elif stale.exists():
                stale.unlink()
    results["seed_seconds"] = None if options.reuse else seed(env, options.scale)
    if options.reuse:  # seeded by an older checkout: its schema brought up to this one
        manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    if options.search_only:
        return bench_search(env, results, options)
    log("exporting the site")
    results["export_seconds"] = timed(manage, env, "export_site", str(DATA / "export"))
    paths = pick_paths(env)
    queries = json.loads(
        subprocess.run(
            [PYTHON, str(BENCH / "count_queries.py"), *paths.values()],
            cwd=ROOT,
            env=env,
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        ).stdout
    )
    pages = {
        name: {"path": path, "queries": queries[path]["queries"]} for name, path in paths.items()
    }
    static_pages = {name: path for name, path in paths.items() if not path.startswith("/search/")}

    for mode, seconds in (("uncached", 0), ("cached", 600)):
        log(f"gunicorn, {mode}")
        server = gunicorn(django_env(f"sqlite:///{database}", PAGE_CACHE_SECONDS=seconds))
        try:
            wanted = paths if mode == "uncached" else static_pages
            for name, figures in load_pages(APP_PORT, wanted, options.duration).items():
                pages[name][mode] = figures
        finally:
            server.stop()
    log("nginx over the export")
    server = nginx(DATA / "export")
    try:
        for mode, extra in (("nginx", ("-H", "Connection: close")), ("nginx_keepalive", ())):
            for name, figures in load_pages(NGINX_PORT, static_pages, 5, *extra).items():
                pages[name][mode] = figures
    finally:
        server.stop()
    results["pages"] = pages
    queries = search_sqlite(env, results, options)

    log("lead capture")
    results["lead_capture"] = lead_capture(env, database, options.lead_seconds)

    search_postgres(queries, results, options)
    save_results("latest", results, table(results))


def bench_search(env: dict, results: dict, options) -> None:
    """``make bench-search``: the search measures alone, on the seeded (or reused) database."""
    queries = search_sqlite(env, results, options)
    search_postgres(queries, results, options)
    save_results("search_latest", results, search_table(results))


def search_sqlite(env: dict, results: dict, options) -> tuple[list[str], list[str]]:
    log("search: a mix of queries, and cold queries")
    queries = pick_search_queries(env)
    results["search_queries"] = queries[0]
    results["search"] = {"sqlite": measure_search(env, queries, options.duration)}
    results["search_p95_ms"] = {"sqlite": results["search"]["sqlite"]["p95"]}
    return queries


def search_postgres(queries, results: dict, options) -> None:
    if options.postgres:
        log("PostgreSQL: seeding and searching")
        pg_env = django_env(options.postgres)
        results["postgres_seed_seconds"] = seed(pg_env, options.scale)
        results["search"]["postgresql"] = measure_search(pg_env, queries, options.duration)
        results["search_p95_ms"]["postgresql"] = results["search"]["postgresql"]["p95"]


if __name__ == "__main__":
    sys.exit(main())
