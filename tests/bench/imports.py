"""Import bench (``make bench-import``): 100,000 contact rows and 100,000 deal rows imported
with ``manage.py import_crm`` into a fresh SQLite database, each in its own process; wall time,
rows per second and the peak memory of that process. The issue's bar: under 2 minutes each.

The files are generated once into ``tests/bench/.data/imports/`` (CSV, UTF-8, the headers of
our own export, one company for every five rows, amounts and dates like a CRM's); the database
is made again for every run (``migrate``). Results: ``tests/bench/results/import_latest.{md,json}``.
"""

import argparse
import csv
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.report import save_results
from tests.bench.servers import DATA, PYTHON, ROOT, django_env, log, manage

FILES = DATA / "imports"
LIMIT_SECONDS = 120


def generate(rows: int) -> dict[str, Path]:
    FILES.mkdir(parents=True, exist_ok=True)
    paths = {"contacts": FILES / f"contacts-{rows}.csv", "deals": FILES / f"deals-{rows}.csv"}
    if all(path.exists() for path in paths.values()):
        return paths
    rng = random.Random(14)
    start = datetime.date(2022, 1, 1)
    with paths["contacts"].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Email", "Phone", "Position", "Company", "INN"])
        for n in range(rows):
            writer.writerow(
                [
                    f"Контакт {n}",
                    f"person{n}@example.com",
                    f"+7 916 {n // 10000:03d}-{n % 10000 // 100:02d}-{n % 100:02d}",
                    rng.choice(["CEO", "CTO", "", "Менеджер"]),
                    f"ООО «Компания {n // 5}»",
                    "",
                ]
            )
    with paths["deals"].open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["Title", "Amount", "Created", "Source", "Deal id", "Name", "Email", "Company"]
        )
        for n in range(rows):
            created = start + datetime.timedelta(days=rng.randrange(900))
            writer.writerow(
                [
                    f"Сделка {n}",
                    f"{rng.randrange(10, 5000) * 1000} ₽",
                    created.strftime("%d.%m.%Y"),
                    rng.choice(["Сайт", "Звонок", "Выставка"]),
                    f"crm:{n}",
                    f"Клиент {n}",
                    f"client{n}@example.com",
                    f"ООО «Фирма {n // 5}»",
                ]
            )
    return paths


def run_one(env: dict, path: Path, kind: str) -> dict:
    result = subprocess.run(
        [PYTHON, str(ROOT / "tests" / "bench" / "imports_child.py"), str(path), kind],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    paths = generate(args.rows)
    results = {}
    for kind in ("contacts", "deals"):
        database = FILES / f"bench-{kind}.sqlite3"
        database.unlink(missing_ok=True)
        private = FILES / "private"
        shutil.rmtree(private, ignore_errors=True)
        env = django_env(f"sqlite:///{database}", PRIVATE_MEDIA_ROOT=private)
        log(f"migrating a fresh SQLite database for {kind}")
        manage(env, "migrate", "--noinput")
        log(f"importing {args.rows} {kind} rows")
        results[kind] = run_one(env, paths[kind], kind)
        log(json.dumps(results[kind]))
    lines = [
        f"# Import bench: {args.rows:,} rows per file, SQLite",
        "",
        "| file | rows | seconds | CPU seconds | rows/s | created | failed | peak memory, MB "
        "| own / mapped file at the end, MB | under 2 min |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, figures in results.items():
        lines.append(
            f"| {kind} | {figures['rows']:,} | {figures['seconds']} | {figures.get('cpu_seconds')} | "
            f"{figures['rows_per_second']:,} | "
            f"{figures['counts'].get('created', 0):,} | {figures['counts'].get('failed', 0):,} | "
            f"{figures['peak_memory_mb']} | "
            f"{figures.get('rssanon_mb', '?')} / {figures.get('rssfile_mb', '?')} | "
            f"{'yes' if figures['seconds'] < LIMIT_SECONDS else 'NO'} |"
        )
    steps = ", ".join(
        f"{kind}: "
        + ", ".join(f"{step} {value} s" for step, value in figures["steps_seconds"].items())
        for kind, figures in results.items()
    )
    cpu_steps = ", ".join(
        f"{kind}: "
        + ", ".join(
            f"{step} {value} s" for step, value in figures.get("steps_cpu_seconds", {}).items()
        )
        for kind, figures in results.items()
    )
    lines += [
        "",
        f"Seconds of each step (wall): {steps}.",
        f"CPU seconds of each step: {cpu_steps}.",
        f"Machine load when run: {os.getloadavg()}",
    ]
    save_results("import_latest", results, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
