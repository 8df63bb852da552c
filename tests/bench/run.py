"""``make bench``: seed a 10,000-case site into its own database, serve it with gunicorn
(production settings, 2 workers) and nginx (the static export), load it with wrk, and write
``tests/bench/results/latest.{md,json}``.

Every figure is from one run on one machine: compare the ratios, not the absolute numbers.
    python tests/bench/run.py [--scale 10000] [--duration 10] [--reuse] [--postgres URL]
"""

import argparse
import datetime
import hashlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "bench"
DATA = BENCH / ".data"
RESULTS = BENCH / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
APP_PORT, NGINX_PORT = 8701, 8702
CONNECTIONS = 16


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_tools() -> None:
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:
        log(f"installing {', '.join(missing)} with apt-get")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        packages = ["wrk" if tool == "wrk" else "nginx-light" for tool in missing]
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True)


def django_env(database_url: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(DATA / "media"),
        "STATIC_ROOT": str(DATA / "static"),
        "PUBLIC_APP_URL": f"http://127.0.0.1:{APP_PORT}",
        "PUBLIC_SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
        "LEADS_TRUST_X_FORWARDED_FOR": "true",  # each simulated visitor has its own address
        "LEADS_MIN_FILL_SECONDS": "1",
        "PYTHONPATH": str(ROOT),
        **{key: str(value) for key, value in extra.items()},
    }


def manage(env: dict, *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return result.stdout


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
        "search": "/search/?q=data+platform",
        "suggest": "/search/suggest/?q=dat",
    }


class Server:
    """A background process that listens on ``port``; stopped on exit."""

    def __init__(self, command: list[str], port: int, env: dict | None = None):
        self.port = port
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{command[0]} did not start on port {port}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def gunicorn(env: dict) -> Server:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi:application",
        "--workers=2",
        f"--bind=127.0.0.1:{APP_PORT}",
        "--log-level=warning",
    ]
    return Server(command, APP_PORT, env)


def nginx_headers(export_dir: Path) -> str:
    """``add_header`` lines for the security headers the export lists in its ``_headers``."""
    rules = export_dir / "_headers"
    lines = rules.read_text().splitlines() if rules.is_file() else []
    headers = [line.strip().split(": ", 1) for line in lines if line.startswith("  ")]
    return "\n".join(f'    add_header {name} "{value}" always;' for name, value in headers)


def nginx(export_dir: Path) -> Server:
    prefix = DATA / "nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(
        f"""worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  server {{
    listen 127.0.0.1:{NGINX_PORT};
    root {export_dir};
    index index.html;
{nginx_headers(export_dir)}
  }}
}}
"""
    )
    return Server(["nginx", "-c", str(config), "-p", str(prefix)], NGINX_PORT)


def wrk(url: str, duration: int, *extra: str) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "-s", str(BENCH / "report.lua")]
    output = subprocess.run(
        [*command, *extra, url], check=True, text=True, stdout=subprocess.PIPE
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def load_pages(port: int, paths: dict[str, str], duration: int, *extra: str) -> dict:
    results = {}
    for name, path in paths.items():
        url = f"http://127.0.0.1:{port}{path}"
        wrk(url, 2, *extra)  # warm up: workers started, templates compiled, caches filled
        results[name] = wrk(url, duration, *extra)
        log(f"  {name}: {results[name]['rps']} req/s, p99 {results[name]['p99']} ms")
    return results


# Search: a rotation of real queries under load, and queries never asked before, one at a time.


def pick_search_queries(env: dict) -> tuple[list[str], list[str]]:
    """Words of the site's titles (4+ letters), shuffled the same way every run: 40 for the load
    mix, 20 others asked cold. Generated cases add only "service", "client" and numbers."""
    code = (
        "import json,re;from wagtail.models import Page;"
        "t=' '.join(Page.objects.filter(depth__gt=2).values_list('title',flat=True));"
        "print(json.dumps(sorted({w.lower() for w in re.findall(r'[^\\W\\d_]{4,}',t)})))"
    )
    words = json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])
    random.Random(1).shuffle(words)
    return words[:40], words[40:60]


def search_load(queries: list[str], duration: int) -> dict:
    """wrk over ``/search/?q=…`` cycling through ``queries`` (each wrk thread in turn)."""
    paths = ", ".join(json.dumps("/search/?" + urlencode({"q": query})) for query in queries)
    script = DATA / "search.lua"
    script.write_text(
        f"local paths = {{{paths}}}\nlocal n = 0\n"
        "request = function()\n  n = n + 1\n  return wrk.format('GET', paths[n % #paths + 1])\nend\n"
        + (BENCH / "report.lua").read_text()
    )
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", "-s", str(script)]
    url = f"http://127.0.0.1:{APP_PORT}/"
    # warm up until every query has been answered once by each worker (cold ones take 0.1 s)
    subprocess.run([*command, "-d6s", url], check=True, stdout=subprocess.DEVNULL)
    output = subprocess.run(
        [*command, f"-d{duration}s", url], check=True, text=True, stdout=subprocess.PIPE
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def cold_search(queries: list[str]) -> dict:
    """Milliseconds of single requests for queries this server has not answered yet."""
    times = []
    for query in queries:
        connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=30)
        started = time.perf_counter()
        connection.request("GET", "/search/?" + urlencode({"q": query}))
        connection.getresponse().read()
        times.append((time.perf_counter() - started) * 1000)
        connection.close()
    times.sort()
    return {
        "queries": len(times),
        "p50": round(times[len(times) // 2], 1),
        "max": round(times[-1], 1),
    }


def measure_search(env: dict, queries: tuple[list[str], list[str]], duration: int) -> dict:
    server = gunicorn(env)
    try:
        figures = search_load(queries[0], duration)
        figures["cold"] = cold_search(queries[1])
    finally:
        server.stop()
    log(f"  search mix: {figures['rps']} req/s, p95 {figures['p95']} ms; cold {figures['cold']}")
    return figures


# Lead capture: every accepted response must have stored exactly its request.


def post_for(seconds: int, path: str, fields, workers: int = CONNECTIONS) -> dict:
    """``workers`` threads post for ``seconds``; each finishes its last request before stopping.

    Returns the throughput and the form tokens of the requests answered with a redirect."""
    accepted, refused, stop = [], [], time.time() + seconds
    lock = threading.Lock()

    def worker(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=30)
        sequence = 0
        while time.time() < stop:
            sequence += 1
            token = f"bench-{number}-{sequence}-{time.time_ns()}"
            body, headers = fields(number, sequence, token)
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=30)
            with lock:
                (accepted if status == 302 else refused).append(token)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"rps": round(len(accepted) / elapsed, 1), "accepted": accepted, "refused": refused}


def lead_fields(started_token: str):
    def fields(number: int, sequence: int, token: str):
        phone = f"+7916{number:02d}{sequence % 100000:05d}"
        body = urlencode(
            {
                "name": "Bench Visitor",
                "phone": phone,
                "email": f"visitor{number}.{sequence}@example.com",
                "message": "Load test request",
                "consent": "on",
                "started": started_token,
                "form_token": token,
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{APP_PORT}",
            "X-Forwarded-For": f"10.{number}.{sequence // 250 % 250}.{sequence % 250 + 1}",
        }
        return body, headers

    return fields


def bare_fields(number: int, sequence: int, token: str):
    body = urlencode({"form_token": token})
    return body, {"Content-Type": "application/x-www-form-urlencoded"}


def stored_tokens(database: Path, accepted: list[str]) -> tuple[int, int]:
    """(how many accepted requests were stored, how many submissions there are in all)."""
    keys = {hashlib.sha256(f"token:{token}".encode()).hexdigest() for token in accepted}
    with sqlite3.connect(database) as db:
        rows = {row[0] for row in db.execute("SELECT dedupe_key FROM leads_leadsubmission")}
    return len(keys & rows), len(rows)


def lead_capture(env: dict, database: Path, seconds: int) -> dict:
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE IF NOT EXISTS bench_row (id INTEGER PRIMARY KEY, token TEXT)")
        db.execute("DELETE FROM bench_row")
        db.execute("DELETE FROM leads_leadsubmission")
    code = "from leads.spam import form_started_token; print(form_started_token())"
    started_token = manage(env, "shell", "-c", code).strip().splitlines()[-1]
    time.sleep(1.5)  # older than LEADS_MIN_FILL_SECONDS
    server = gunicorn(env)
    try:
        bare = post_for(seconds, "/bench/insert/", bare_fields)
        log(f"  bare insert: {bare['rps']} req/s")
        leads = post_for(seconds, "/requests/", lead_fields(started_token))
        log(f"  lead capture: {leads['rps']} req/s")
    finally:
        server.stop()
    stored, total = stored_tokens(database, leads["accepted"])
    log("  the worker's half: building the deals of the stored requests")
    code = (
        "import time,json;from leads.models import LeadSubmission;from leads.tasks import "
        "process_submission;ids=list(LeadSubmission.objects.filter(deal=None).values_list('pk',"
        "flat=True));t=time.perf_counter();[process_submission.call(i) for i in ids];"
        "print(json.dumps([len(ids),time.perf_counter()-t,"
        "LeadSubmission.objects.filter(deal=None).count()]))"
    )
    queued, seconds, without_deal = json.loads(
        manage(env, "shell", "-c", code).strip().splitlines()[-1]
    )
    return {
        "deals_built": queued - without_deal,
        "deal_seconds": round(seconds, 1),
        "without_deal": without_deal,
        "bare_insert_rps": bare["rps"],
        "lead_capture_rps": leads["rps"],
        "accepted": len(leads["accepted"]),
        "refused": len(leads["refused"]),
        "stored_of_accepted": stored,
        "stored_in_all": total,
        "lost": len(leads["accepted"]) - stored,
    }


# The report.


def table(results: dict) -> str:
    pages = results["pages"]
    lines = [
        f"Measured {results['date']} on {results['machine']}; {results['scale']} generated cases, "
        f"gunicorn with 2 sync workers (production settings, SQLite), wrk -t2 -c{CONNECTIONS} "
        f"-d{results['duration']}s; nginx over the static export, new connection per request "
        "(and keep-alive).",
        "",
        "| page | SQL queries | uncached req/s | p50 / p99 ms | cached req/s | p50 / p99 ms "
        "| nginx req/s (keep-alive) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in pages.items():
        nginx_cell = "—"
        if row.get("nginx"):
            nginx_cell = f"{row['nginx']['rps']:.0f} ({row['nginx_keepalive']['rps']:.0f})"
        cached = row.get("cached")
        cached_cells = (
            f"{cached['rps']:.0f} | {cached['p50']:.1f} / {cached['p99']:.1f}"
            if cached
            else "— | —"
        )
        lines.append(
            f"| {name} | {row['queries']} | {row['uncached']['rps']:.0f} | "
            f"{row['uncached']['p50']:.1f} / {row['uncached']['p99']:.1f} | {cached_cells} | "
            f"{nginx_cell} |"
        )
    leads = results["lead_capture"]
    search_lines = [
        f"- Search under load, {len(results['search_queries'])} different queries in turn, "
        f"{engine}: {row['rps']:.0f} req/s, p95 {row['p95']} ms; a query not asked before, one "
        f"at a time: median {row['cold']['p50']} ms, slowest {row['cold']['max']} ms."
        for engine, row in results["search"].items()
    ]
    lines += [
        "",
        *search_lines,
        f"- Lead capture: {leads['lead_capture_rps']} req/s beside a bare one-row insert view at "
        f"{leads['bare_insert_rps']} req/s ({leads['accepted']} accepted, "
        f"{leads['stored_of_accepted']} stored, {leads['lost']} lost); the worker then built "
        f"{leads['deals_built']} deals in {leads['deal_seconds']} s "
        f"({leads['without_deal']} requests left without one).",
        f"- `seed_demo --scale {results['scale']}`: {results['seed_seconds']} s; "
        f"`export_site`: {results['export_seconds']} s.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--lead-seconds", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep an earlier seeded database")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""))
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
    manage(env, "collectstatic", "--noinput")
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
    log("search: a mix of queries, and cold queries")
    queries = pick_search_queries(env)
    results["search_queries"] = queries[0]
    results["search"] = {"sqlite": measure_search(env, queries, options.duration)}
    results["search_p95_ms"] = {"sqlite": results["search"]["sqlite"]["p95"]}

    log("lead capture")
    results["lead_capture"] = lead_capture(env, database, options.lead_seconds)

    if options.postgres:
        log("PostgreSQL: seeding and searching")
        pg_env = django_env(options.postgres)
        results["postgres_seed_seconds"] = seed(pg_env, options.scale)
        results["search"]["postgresql"] = measure_search(pg_env, queries, options.duration)
        results["search_p95_ms"]["postgresql"] = results["search"]["postgresql"]["p95"]

    save_results("latest", results, table(results))


def save_results(stem: str, results: dict, markdown: str) -> None:
    """``tests/bench/results/<stem>.md`` and ``.json``, and the table on the console."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stem}.md").write_text(markdown)
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n")
    print(markdown)


if __name__ == "__main__":
    sys.exit(main())
