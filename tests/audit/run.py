"""``make audit``: Lighthouse on the seven public page types, mobile and desktop, with the page
cache on (each page asked until every worker keeps it) and off.

The demo company (``seed_demo``) is seeded once into ``tests/bench/.data/audit/`` (``--fresh``
seeds it again) and served as in production: gunicorn with the bench's production settings
(``tests/bench/servers.py``) behind nginx, which compresses the answers and serves the image
renditions from ``MEDIA_ROOT/images/`` as the README's deployment section asks. Lighthouse
(``tests/audit/package.json``, installed by the make target) runs in one headless Debian
Chromium (``tests/audit/lighthouse.mjs``). Writes ``tests/audit/results/audit_latest.{md,json}``
and prints the table; exits 1 when a score is under the goal (95).
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.bench.servers import DATA as BENCH_DATA  # noqa: E402
from tests.bench.servers import Server, django_env, log, manage, nginx_server  # noqa: E402

AUDIT = ROOT / "tests" / "audit"
DATA = BENCH_DATA / "audit"
RESULTS = AUDIT / "results"
APP_PORT, SITE_PORT = 8731, 8732
GOAL = 95
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORM_FACTORS = ["mobile", "desktop"]
WORKERS = 2

# The seven page types and how to find one of each in the demo (a shell snippet prints the paths).
PAGES_CODE = """
import json
from django.utils.http import urlencode
from wagtail.models import Site
from catalog.models import ServiceIndexPage, ServicePage
from cases.models import CaseIndexPage, CasePage
from experts.models import ExpertPage
site = Site.objects.get(is_default_site=True)
site.hostname, site.port = "127.0.0.1", {port}
site.save()
def path(model):
    return model.objects.live().public().order_by("path").first().relative_url(site)
case = CasePage.objects.live().public().order_by("path").first()
word = next(w for w in case.title.split() if len(w) > 3)
print(json.dumps({{
    "home": "/",
    "services": path(ServiceIndexPage),
    "service": path(ServicePage),
    "cases": path(CaseIndexPage),
    "case": case.relative_url(site),
    "expert": path(ExpertPage),
    "search": "/search/?" + urlencode({{"q": word}}),
}}))
"""


def environment() -> dict:
    origin = f"http://127.0.0.1:{SITE_PORT}"
    return django_env(
        f"sqlite:///{DATA / 'audit.sqlite3'}",
        MEDIA_ROOT=DATA / "media",
        STATIC_ROOT=DATA / "static",
        PUBLIC_APP_URL=origin,
        PUBLIC_SITE_URL=origin,
    )


def prepare(env: dict, *, fresh: bool) -> dict[str, str]:
    database = DATA / "audit.sqlite3"
    if fresh and DATA.exists():
        shutil.rmtree(DATA)
    DATA.mkdir(parents=True, exist_ok=True)
    if not database.exists():
        log(f"seeding the demo company into {database.relative_to(ROOT)}")
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", "--lang", "en")
    else:
        manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    output = manage(env, "shell", "-c", PAGES_CODE.format(port=SITE_PORT))
    return json.loads(output.strip().splitlines()[-1])


def nginx() -> Server:
    """nginx in front of gunicorn: gzip, the renditions from ``MEDIA_ROOT/images/``."""
    return nginx_server(
        DATA,
        SITE_PORT,
        f"""    location /media/images/ {{
      alias {DATA / "media" / "images"}/;
      expires 1y;
    }}
    location / {{
      proxy_pass http://127.0.0.1:{APP_PORT};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }}""",
        workers=1,
        connections=256,
        http="""  gzip on;
  gzip_types text/css application/javascript application/json image/svg+xml text/plain;""",
    )


def gunicorn(env: dict) -> Server:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi:application",
        f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{APP_PORT}",
        "--log-level=warning",
    ]
    return Server(command, APP_PORT, env)


def warm(urls: list[str]) -> None:
    """Ask each page a few times on every worker: with the page cache on, until each worker
    keeps it (the cache is per process); off, so that no process is measured on its first,
    import-laden answer."""
    for url in urls:
        for _ in range(WORKERS * 4):
            with urllib.request.urlopen(url) as response:  # noqa: S310 (http://127.0.0.1 only)
                response.read()


def lighthouse(jobs: list[dict]) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(jobs, handle)
    try:
        node = shutil.which("node") or "node"
        subprocess.run([node, str(AUDIT / "lighthouse.mjs"), handle.name], cwd=AUDIT, check=True)
    finally:
        Path(handle.name).unlink()


def blamed(report: dict, category: str) -> list[str]:
    """The weighted audits of ``category`` that lost points, with the elements they name."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if not ref.get("weight") or audit.get("score") is None or audit["score"] >= 1:
            continue
        items = (audit.get("details") or {}).get("items") or []
        where = []
        for item in items[:3]:
            node = item.get("node") or {}
            label = node.get("selector") or item.get("url") or item.get("source", {}).get("url")
            if label:
                where.append(str(label))
        value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        suffix = f": {', '.join(where)}" if where else ""
        lines.append(f"{audit['id']}{value} score {audit['score']:.2f}{suffix}")
    return lines


def summarise(report: dict) -> dict:
    if report.get("runtimeError"):
        raise RuntimeError(
            f"Lighthouse failed on {report['requestedUrl']}: {report['runtimeError']}"
        )
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    return {
        "scores": scores,
        "blamed": {name: blamed(report, name) for name in CATEGORIES if scores[name] < GOAL},
        "metrics": {
            key: report["audits"][key].get("displayValue")
            for key in (
                "first-contentful-paint",
                "largest-contentful-paint",
                "total-blocking-time",
                "cumulative-layout-shift",
                "speed-index",
            )
            if key in report["audits"]
        },
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
    }


def table(results: dict) -> str:
    benchmarks = [row["benchmark_index"] for row in results["rows"] if row["benchmark_index"]]
    lines = [
        f"Measured {results['date']} on {results['machine']} with Lighthouse "
        f"{results['lighthouse']} and {results['chromium']} (headless): gunicorn "
        f"({WORKERS} workers, production settings, SQLite, the English demo) behind nginx "
        "(gzip, renditions from MEDIA_ROOT). Cached: the page cache on and each page asked "
        "before; uncached: PAGE_CACHE_SECONDS=0. Goal: 95 in every column. Lighthouse's CPU "
        f"benchmark index ranged {min(benchmarks, default=0):.0f}–{max(benchmarks, default=0):.0f} "
        "during the runs (mobile performance is simulated on a 4× slower CPU than this one's: "
        "a busy machine lowers it).",
        "",
        "| page | form factor | cached | performance | accessibility | best practices | SEO |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for row in results["rows"]:
        scores = [
            f"**{value}**" if value < GOAL else str(value)
            for value in (row["scores"][name] for name in CATEGORIES)
        ]
        cached = "yes" if row["cached"] else "no"
        lines.append(
            f"| {row['page']} (`{row['path']}`) | {row['form_factor']} | {cached} | "
            + " | ".join(scores)
            + " |"
        )
    below = [row for row in results["rows"] if row["blamed"]]
    if below:
        lines += ["", "Under the goal, what Lighthouse blamed:", ""]
        for row in below:
            cached = "cached" if row["cached"] else "uncached"
            for category, audits in row["blamed"].items():
                lines.append(
                    f"- {row['page']}, {row['form_factor']}, {cached}, {category} "
                    f"{row['scores'][category]}: " + "; ".join(audits or ["(no weighted audit)"])
                )
    lines += ["", f"`make audit` took {results['seconds']} s."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="seed the demo database again")
    parser.add_argument(
        "--pages", default="", help="comma-separated page names to audit (default: all seven)"
    )
    args = parser.parse_args()
    started = time.time()
    if not shutil.which("nginx"):
        sys.exit("make audit needs nginx (apt-get install nginx-light)")
    env = environment()
    pages = prepare(env, fresh=args.fresh)
    if args.pages:
        pages = {name: pages[name] for name in args.pages.split(",")}
    reports = DATA / "reports"
    reports.mkdir(exist_ok=True)
    rows = []
    proxy = nginx()
    try:
        for cached in (False, True):
            server = gunicorn({**env, "PAGE_CACHE_SECONDS": "600" if cached else "0"})
            try:
                urls = {name: f"http://127.0.0.1:{SITE_PORT}{path}" for name, path in pages.items()}
                warm(list(urls.values()))
                log(f"Lighthouse, page cache {'on' if cached else 'off'}")
                jobs = [
                    {
                        "name": name,
                        "url": url,
                        "formFactor": form_factor,
                        "out": str(reports / f"{name}-{form_factor}-{int(cached)}.json"),
                    }
                    for name, url in urls.items()
                    for form_factor in FORM_FACTORS
                ]
                lighthouse(jobs)
            finally:
                server.stop()
            for job in jobs:
                report = json.loads(Path(job["out"]).read_text())
                rows.append(
                    {
                        "page": job["name"],
                        "path": pages[job["name"]],
                        "form_factor": job["formFactor"],
                        "cached": cached,
                        **summarise(report),
                    }
                )
    finally:
        proxy.stop()
    chromium = subprocess.run(
        ["/usr/bin/chromium", "--version"], text=True, capture_output=True
    ).stdout.strip()
    package = json.loads((AUDIT / "node_modules" / "lighthouse" / "package.json").read_text())
    rows.sort(key=lambda row: (list(pages).index(row["page"]), row["form_factor"], row["cached"]))
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
        "lighthouse": package["version"],
        "chromium": chromium or "chromium",
        "goal": GOAL,
        "rows": rows,
        "seconds": round(time.time() - started),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "audit_latest.json").write_text(json.dumps(results, indent=2) + "\n")
    text = table(results)
    (RESULTS / "audit_latest.md").write_text(text)
    print(text)  # noqa: T201 (the table is what make audit shows)
    below = [row for row in rows if min(row["scores"].values()) < GOAL]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
