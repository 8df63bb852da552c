"""What ``make bench`` measures under load beyond the page table: search (a rotation of real
queries, and queries asked cold) and lead capture (every accepted request must be stored).

Each measurement starts its own gunicorn from ``servers`` and returns plain figures for
``report``.
"""

import hashlib
import http.client
import json
import random
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from tests.bench.servers import APP_PORT, BENCH, CONNECTIONS, DATA, gunicorn, log, manage, wrk


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
    mix; 60 others asked cold, a third of them misspelt (two letters swapped: the typo
    correction's path). Generated cases add only "service", "client" and numbers."""
    code = (
        "import json,re;from wagtail.models import Page;"
        "t=' '.join(Page.objects.filter(depth__gt=2).values_list('title',flat=True));"
        "print(json.dumps(sorted({w.lower() for w in re.findall(r'[^\\W\\d_]{4,}',t)})))"
    )
    words = json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])
    random.Random(1).shuffle(words)
    typos = [word[:1] + word[2] + word[1] + word[3:] for word in words[80:100]]
    return words[:40], words[40:80] + typos


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
        "p95": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
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
