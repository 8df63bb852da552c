"""``make bench-instr``: instructions per page render, counted by valgrind's callgrind, which
gives the same figure on a busy machine as on a quiet one (wall time does not).

Builds a small C library of callgrind's client requests into ``tests/bench/.data/instr``, runs
``instr_child.py`` under ``valgrind --tool=callgrind --instr-atstart=no`` (Django starts
uninstrumented; the child counts each render alone and dumps it under a label), and reads each
dump's ``totals:`` line. Vitrina on the demo (``seed_demo``, seeded once into its own database
and copied afresh for every run, since the run publishes); with ``INSTR_SCALE=10000`` also on
the 10,000-case database ``make bench`` seeds (seeded here when missing); with
``BAKERYDEMO_DIR`` (a checkout of wagtail/bakerydemo with its requirements, and whitenoise,
installed in its ``.venv``) bakerydemo beside it. Writes
``tests/bench/results/instr_latest.{md,json}``.

    python tests/bench/instr.py [--scale 10000] [--bakerydemo DIR]
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.report import save_results
from tests.bench.servers import BENCH, DATA, PYTHON, ROOT, django_env, log, manage

WORK = DATA / "instr"
HEADER = Path("/usr/include/valgrind/callgrind.h")
LIBRARY_SOURCE = """\
#include <valgrind/callgrind.h>
void instr_zero(void) { CALLGRIND_ZERO_STATS; }
void instr_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void instr_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
void instr_dump(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
int instr_running_on_valgrind(void) { return RUNNING_ON_VALGRIND; }
"""
# Vitrina's pages beside the bakerydemo pages that do the same job.
COMPARED = [
    ("home", "home"),
    ("case", "blog page"),
    ("case", "bread page"),
    ("case index", "breads index"),
    ("search ?q=audit", "search ?q=bread"),
]
# Two counts of the same page in a row may differ by this much before the run is refused.
REPEAT_TOLERANCE = 0.02


def fail(message: str) -> None:
    print(f"bench-instr: {message}", file=sys.stderr)
    sys.exit(1)


def build_library() -> Path:
    missing = [tool for tool in ("valgrind", "gcc") if not shutil.which(tool)]
    if not HEADER.is_file():
        missing.append(f"{HEADER} (Debian: valgrind's headers, package valgrind)")
    if missing:
        fail(f"missing {', '.join(missing)}; install them (apt-get install valgrind gcc)")
    WORK.mkdir(parents=True, exist_ok=True)
    source, library = WORK / "callgrind_requests.c", WORK / "callgrind_requests.so"
    source.write_text(LIBRARY_SOURCE)
    built = subprocess.run(
        ["gcc", "-O2", "-shared", "-fPIC", "-o", str(library), str(source)],
        text=True,
        capture_output=True,
    )
    if built.returncode:
        fail(f"gcc could not build the callgrind library:\n{built.stderr}")
    return library


# The databases: seeded once, copied afresh for each run (the run publishes).


def fresh_copy(seeded: Path, name: str) -> Path:
    copy = WORK / name
    for stale in WORK.glob(f"{name}*"):
        stale.unlink()
    shutil.copyfile(seeded, copy)
    return copy


def vitrina_database(scale: int) -> tuple[dict, float | None]:
    """The demo (scale 0) or ``make bench``'s database, copied and migrated; seconds seeding."""
    seeded = DATA / "bench.sqlite3" if scale else WORK / "demo-seeded.sqlite3"
    seconds = None
    if not seeded.exists():
        log(f"seeding {seeded.name} (seed_demo --scale {scale})")
        started = time.perf_counter()
        env = django_env(f"sqlite:///{seeded}")
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", "--scale", str(scale))
        seconds = round(time.perf_counter() - started, 1)
    copy = fresh_copy(seeded, f"vitrina-{scale}.sqlite3")
    env = django_env(f"sqlite:///{copy}", PAGE_CACHE_SECONDS=0)
    manage(env, "migrate", "--noinput")
    return env, seconds


def bakerydemo_env(checkout: Path) -> tuple[dict, str]:
    python = checkout / ".venv" / "bin" / "python"
    if not python.is_file():
        fail(f"{python} is missing: make the checkout's virtualenv (see the README)")
    seeded = WORK / "bakerydemo-seeded.sqlite3"

    def env_for(database: Path) -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP, as Vitrina's bench settings
            "DATABASE_URL": f"sqlite:///{database}",
            "PYTHONPATH": str(checkout),
        }

    def bakery_manage(env: dict, *args: str) -> None:
        subprocess.run(
            [str(python), "manage.py", *args],
            cwd=checkout,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    if not seeded.exists():
        log("bakerydemo: migrate and load_initial_data")
        bakery_manage(env_for(seeded), "migrate", "--noinput")
        bakery_manage(env_for(seeded), "load_initial_data")
    env = env_for(fresh_copy(seeded, "bakerydemo.sqlite3"))
    bakery_manage(env, "collectstatic", "--noinput")
    return env, str(python)


# One run of the child under callgrind.


def run_child(tag: str, python: str, env: dict, cwd: Path, site: str, library: Path) -> dict:
    """The child's renders of one site and data set, each with its instruction count."""
    dumps = WORK / "callgrind" / tag
    shutil.rmtree(dumps, ignore_errors=True)
    dumps.mkdir(parents=True)
    log(f"{tag}: rendering under callgrind")
    started = time.perf_counter()
    child = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={dumps}/callgrind.out.%p",
            python,
            str(BENCH / "instr_child.py"),
            str(library),
            f"--site={site}",
        ],
        cwd=cwd,
        env=env,
        text=True,
        capture_output=True,
    )
    (dumps / "valgrind.log").write_text(child.stderr)
    if child.returncode:
        fail(f"{tag}: the child failed (log: {dumps / 'valgrind.log'}):\n{child.stderr[-3000:]}")
    renders = json.loads(child.stdout.strip().splitlines()[-1])
    totals = dump_totals(dumps)
    for render in renders:
        render["instructions"] = totals.get(render["label"])
        if not render["instructions"] or render["instructions"] <= 0:
            fail(f"{tag}: no positive count for {render['label']} in {dumps}")
    log(f"{tag}: {len(renders)} renders in {time.perf_counter() - started:.0f} s")
    return {"seconds": round(time.perf_counter() - started, 1), "renders": renders}


def dump_totals(dumps: Path) -> dict[str, int]:
    """Each dump's label (``desc: Trigger: Client Request: <label>``) and its ``totals:``."""
    totals = {}
    for dump in dumps.glob("callgrind.out.*"):
        text = dump.read_text(errors="replace")
        label = re.search(r"^desc: Trigger: Client Request: (.+)$", text, re.MULTILINE)
        total = re.search(r"^totals: (\d+)", text, re.MULTILINE)
        if label and total:
            totals[label.group(1).strip()] = int(total.group(1))
    return totals


def by_page(renders: list[dict]) -> dict[str, dict[str, dict]]:
    pages: dict[str, dict[str, dict]] = {}
    for render in renders:
        pages.setdefault(render["page"], {})[render["phase"]] = render
    return pages


def unrepeated(tag: str, pages: dict) -> list[str]:
    """The pages whose two steady counts in a row differ by more than the tolerance."""
    problems = []
    for page, phases in pages.items():
        steady, repeat = phases["steady"]["instructions"], phases["repeat"]["instructions"]
        if abs(repeat - steady) > REPEAT_TOLERANCE * steady:
            problems.append(f"{tag}: {page} counted {steady:,} then {repeat:,}")
    return problems


# The report.


def millions(render: dict | None) -> str:
    return f"{render['instructions'] / 1e6:.1f}" if render else "—"


def site_table(tag: str, pages: dict) -> list[str]:
    lines = [
        f"### {tag}",
        "",
        "| page | steady M | queries | repeat | after publish M | queries | × steady "
        "| steady again M | first ask M | queries | cached hit M |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page, phases in pages.items():
        steady, repeat = phases["steady"], phases["repeat"]
        after, again, unseen = phases["after publish"], phases["steady again"], phases.get("unseen")
        spread = (repeat["instructions"] - steady["instructions"]) / steady["instructions"]
        lines.append(
            f"| {page} | {millions(steady)} | {steady['queries']} | {spread:+.2%} "
            f"| {millions(after)} | {after['queries']} "
            f"| {after['instructions'] / steady['instructions']:.1f} | {millions(again)} "
            f"| {millions(unseen)} | {unseen['queries'] if unseen else '—'} "
            f"| {millions(phases.get('cached hit'))} |"
        )
    return [*lines, ""]


def comparison_table(vitrina: dict, bakery: dict) -> list[str]:
    lines = [
        "### Vitrina beside bakerydemo (demo data)",
        "",
        "| Vitrina page | bakerydemo page | steady M: Vitrina / bakerydemo | ratio "
        "| after publish M: Vitrina / bakerydemo | ratio | queries (steady) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for ours, theirs in COMPARED:
        mine, its = vitrina[ours], bakery[theirs]
        cells = []
        for phase in ("steady", "after publish"):
            a, b = mine[phase]["instructions"], its[phase]["instructions"]
            cells.append(f"{a / 1e6:.1f} / {b / 1e6:.1f} | {a / b:.2f}")
        lines.append(
            f"| {ours} | {theirs} | {' | '.join(cells)} "
            f"| {mine['steady']['queries']} / {its['steady']['queries']} |"
        )
    return [*lines, ""]


def markdown(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {results['machine']}: instructions per render (millions, "
        "valgrind callgrind), in-process with Django's test client as a visitor without cookies, "
        "no page cache. Steady: the third render (repeat: the fourth beside it); after publish: "
        "the first render after another page was published, each page after a publish of its "
        "own; steady again: the third render after it; first ask: a search's first render "
        "in a process that has already searched.",
        "",
    ]
    sites = results["sites"]
    for tag, site in sites.items():
        lines += site_table(tag, by_page(site["renders"]))
    if "bakerydemo" in sites:
        vitrina = by_page(sites["vitrina, demo"]["renders"])
        lines += comparison_table(vitrina, by_page(sites["bakerydemo"]["renders"]))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scale",
        type=int,
        default=int(os.environ.get("INSTR_SCALE") or 0),
        help="also measure this many generated cases (make bench's database; 10000)",
    )
    parser.add_argument("--bakerydemo", default=os.environ.get("BAKERYDEMO_DIR", ""))
    options = parser.parse_args()
    started = time.perf_counter()
    library = build_library()
    results = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores",
        "sites": {},
    }

    runs = [("vitrina, demo", 0)]
    if options.scale:
        runs.append((f"vitrina, {options.scale} cases", options.scale))
    for tag, scale in runs:
        env, seed_seconds = vitrina_database(scale)
        manage(env, "collectstatic", "--noinput")
        site = run_child(tag, PYTHON, env, ROOT, "vitrina", library)
        site["seed_seconds"] = seed_seconds
        results["sites"][tag] = site
    if options.bakerydemo:
        checkout = Path(options.bakerydemo).resolve()
        env, python = bakerydemo_env(checkout)
        results["sites"]["bakerydemo"] = run_child(
            "bakerydemo", python, env, checkout, "bakerydemo", library
        )
    results["seconds"] = round(time.perf_counter() - started, 1)
    save_results("instr_latest", results, markdown(results))
    log(f"done in {results['seconds']:.0f} s")
    problems = [
        problem
        for tag, site in results["sites"].items()
        for problem in unrepeated(tag, by_page(site["renders"]))
    ]
    if problems:
        listed = "\n".join(problems)
        fail(f"the figure does not repeat within {REPEAT_TOLERANCE:.0%}:\n{listed}")


if __name__ == "__main__":
    main()
