"""``make bench-pdf``: do proposal PDFs slow the rest of the site down?

Seeds the demo site (its own SQLite database in ``tests/bench/.data/pdf/``), sends ten
proposals, serves it with gunicorn (production settings, 2 sync workers, page cache off so
every ``/`` is rendered) on loopback, and measures the latency of ``/`` from one client, one
request after another:

- alone;
- while 10 clients ask at once for the PDF of one sent proposal, not rendered yet (the
  situation of the report: one link opened in several places);
- while 10 clients ask at once for the PDFs of ten other sent proposals, none rendered yet
  (the worst case: ten renders);
- while 10 clients ask at once, every second, for those ten PDFs, now kept.

A client told "being prepared, come back" (503 with ``Retry-After``) comes back, as the page's
refresh does; the PDF figures are the time until each client had its PDF.

Writes ``tests/bench/results/pdf_latest.{md,json}``. About a minute, plus 1–3 minutes of
seeding on the first run (or with ``--fresh``); later runs reuse the seeded database.
    python tests/bench/pdf_load.py [--seconds 8] [--fresh]
"""

import argparse
import datetime
import http.client
import json
import os
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.report import save_results  # noqa: E402
from tests.bench.servers import DATA, Server, django_env, log, manage  # noqa: E402

PORT = 8711  # not run.py's port: both benches may run on one machine
WORK = DATA / "pdf"
CLIENTS = 10


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1)


def summary(values: list[float]) -> dict:
    if not values:
        return {"requests": 0}
    return {
        "requests": len(values),
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "max": round(max(values), 1),
        "mean": round(statistics.fmean(values), 1),
    }


def get(connection: http.client.HTTPConnection, path: str) -> tuple[int, int, float]:
    """(status, body length, milliseconds) of one GET on a kept-alive connection."""
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    return response.status, len(body), (time.perf_counter() - started) * 1000


class Probe(threading.Thread):
    """GET ``/`` one request after another until stopped; every latency in ms."""

    def __init__(self):
        super().__init__(daemon=True)
        self.latencies: list[float] = []
        self.errors = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        while not self.stopping.is_set():
            status, _, elapsed = get(connection, "/")
            if status == 200:
                self.latencies.append(elapsed)
            else:
                self.errors += 1
            time.sleep(0.02)  # a visitor, not a load generator

    def stop(self) -> list[float]:
        self.stopping.set()
        self.join(timeout=120)
        return self.latencies


def fire(paths: list[str]) -> dict:
    """Each of ``len(paths)`` clients GETs its path at the same moment and, told to come back
    (503 with ``Retry-After``), comes back, until it has its PDF. Milliseconds until each
    client had its PDF, and how many answers were "come back"."""
    barrier = threading.Barrier(len(paths))
    latencies, retries, failures, lock = [], [], [], threading.Lock()

    def client(path: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        barrier.wait()
        started, asked = time.perf_counter(), 0
        while True:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            asked += 1
            if response.status != 503 or asked > 60:
                break
            time.sleep(float(response.getheader("Retry-After", "1")))
        with lock:
            latencies.append((time.perf_counter() - started) * 1000)
            retries.append(asked - 1)
            if response.status != 200 or not body.startswith(b"%PDF"):
                failures.append(response.status)

    threads = [threading.Thread(target=client, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {**summary(latencies), "come_back_answers": sum(retries), "failed": failures}


def volleys(paths: list[str], seconds: float) -> dict:
    """A volley of ``fire(paths)`` every second for ``seconds``."""
    until, results = time.time() + seconds, []
    while time.time() < until:
        started = time.time()
        results.append(fire(paths))
        time.sleep(max(0.0, 1 - (time.time() - started)))
    return {
        "volleys": len(results),
        "requests": sum(result["requests"] for result in results),
        "p50": statistics.median(result["p50"] for result in results),
        "max": max(result["max"] for result in results),
        "come_back_answers": sum(result["come_back_answers"] for result in results),
        "failed": [status for result in results for status in result["failed"]],
    }


def home_while(seconds: float, load=None) -> dict:
    """Latencies of ``/`` for ``seconds`` (at least), while ``load()`` runs if given."""
    probe = Probe()
    probe.start()
    started = time.time()
    result = {}
    if load:
        result["pdf"] = load()
    time.sleep(max(0.0, seconds - (time.time() - started)))
    result["home"] = summary(probe.stop())
    result["home"]["errors"] = probe.errors
    result["seconds"] = round(time.time() - started, 1)
    return result


def prepare(env: dict, *, fresh: bool) -> list[str]:
    """Seed the demo site and send 13 proposals; their PDF paths, none rendered yet."""
    database = WORK / "bench.sqlite3"
    if fresh:
        for stale in (database, WORK / "media"):
            if stale.is_dir():
                shutil.rmtree(stale)
            elif stale.exists():
                stale.unlink()
    if not database.exists():
        manage(env, "migrate", "--noinput")
        log("seeding the demo site")
        manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput")
    code = (
        "import json;from leads.models import Deal;from proposals import services;"
        "from proposals.models import Proposal;"
        "Proposal.objects.update(pdf_file='');"
        "deals=list(Deal.objects.exclude(contact=None).order_by('pk'));"
        "made=[services.proposal_send(proposal=services.proposal_create_from_deal(deal=d))"
        " for d in (deals*13)[:13]];"
        "print(json.dumps([f'/p/{p.token}/pdf/' for p in made]))"
    )
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def table(results: dict) -> str:
    rows = [
        ("`/` alone", results["alone"]),
        ("10 clients, one proposal's PDF, not rendered yet", results["one_cold"]),
        ("10 clients, ten proposals' PDFs, none rendered yet", results["ten_cold"]),
        ("10 clients at once every second, ten kept PDFs", results["ten_kept"]),
    ]
    lines = [
        f"Measured {results['date']} on {results['machine']}: gunicorn with 2 sync workers "
        "(production settings, SQLite, page cache off), loopback; `/` asked by one client, one "
        "request after another, while the PDF clients run.",
        "",
        "| while | `/` p50 ms | `/` p95 ms | `/` max ms | `/` requests | until the PDF, p50 / "
        'max ms | PDF clients | "come back" answers |',
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows:
        home, pdf = row["home"], row.get("pdf")
        pdf_cells = (
            f"{pdf['p50']} / {pdf['max']} | {pdf['requests']} | {pdf['come_back_answers']}"
            if pdf
            else "— | — | —"
        )
        lines.append(
            f"| {name} | {home['p50']} | {home['p95']} | {home['max']} | {home['requests']} "
            f"| {pdf_cells} |"
        )
    failed = sum(len(row["pdf"]["failed"]) for row in results.values() if "pdf" in row)
    lines += ["", f"PDF clients that got no PDF: {failed}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8, help="length of each measurement")
    parser.add_argument(
        "--fresh", action="store_true", help="seed again (the first run seeds: 1–3 minutes)"
    )
    options = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    env = django_env(
        f"sqlite:///{WORK / 'bench.sqlite3'}",
        MEDIA_ROOT=WORK / "media",
        PUBLIC_APP_URL=f"http://127.0.0.1:{PORT}",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{PORT}",
        PAGE_CACHE_SECONDS=0,
    )
    paths = prepare(env, fresh=options.fresh)
    warm, one, ten = paths[:2], paths[2], paths[3:]
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi:application",
        "--workers=2",
        f"--bind=127.0.0.1:{PORT}",
        "--timeout=120",
        "--log-level=warning",
    ]
    server = Server(command, PORT, env)
    results = {"date": datetime.date.today().isoformat(), "machine": f"{os.cpu_count()} cores"}
    try:
        home_while(2)  # warm up: both workers started, templates compiled
        fire(warm)  # and WeasyPrint imported in each worker: a render each (not counted)
        log("`/` alone")
        results["alone"] = home_while(options.seconds)
        log("`/` while 10 clients ask for one proposal's PDF (not rendered yet)")
        results["one_cold"] = home_while(options.seconds, lambda: fire([one] * CLIENTS))
        log("`/` while 10 clients ask for ten PDFs (none rendered yet)")
        results["ten_cold"] = home_while(options.seconds, lambda: fire(ten))
        log("`/` while 10 clients ask for those PDFs (kept) every second")
        results["ten_kept"] = home_while(options.seconds, lambda: volleys(ten, options.seconds))
    finally:
        server.stop()
    save_results("pdf_latest", results, table(results))


if __name__ == "__main__":
    sys.exit(main())
