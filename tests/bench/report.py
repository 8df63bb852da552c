"""The bench's report: the Markdown table of ``latest.md`` and the JSON beside it.

Apart from the runs so that the wording of the figures can change without touching how they
are measured; ``pdf_load.py`` writes its own report through ``save_results`` too.
"""

import json

from tests.bench.servers import BENCH, CONNECTIONS

RESULTS = BENCH / "results"


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
    lines += [
        "",
        *search_lines(results),
        f"- Lead capture: {leads['lead_capture_rps']} req/s beside a bare one-row insert view at "
        f"{leads['bare_insert_rps']} req/s ({leads['accepted']} accepted, "
        f"{leads['stored_of_accepted']} stored, {leads['lost']} lost); the worker then built "
        f"{leads['deals_built']} deals in {leads['deal_seconds']} s "
        f"({leads['without_deal']} requests left without one).",
        f"- `seed_demo --scale {results['scale']}`: {results['seed_seconds']} s; "
        f"`export_site`: {results['export_seconds']} s.",
    ]
    return "\n".join(lines) + "\n"


def search_lines(results: dict) -> list[str]:
    return [
        f"- Search under load, {len(results['search_queries'])} different queries in turn, "
        f"{engine}: {row['rps']:.0f} req/s, p95 {row['p95']} ms; {row['cold']['queries']} queries "
        f"not asked before (a third misspelt), one at a time: median {row['cold']['p50']} ms, "
        f"p95 {row['cold']['p95']} ms, slowest {row['cold']['max']} ms."
        for engine, row in results["search"].items()
    ]


def search_table(results: dict) -> str:
    """``make bench-search``'s report: the search figures alone."""
    lines = [
        f"Measured {results['date']} on {results['machine']}; {results['scale']} generated cases, "
        f"gunicorn with 2 sync workers (production settings), wrk -t2 -c{CONNECTIONS} "
        f"-d{results['duration']}s.",
        "",
        *search_lines(results),
    ]
    return "\n".join(lines) + "\n"


def save_results(stem: str, results: dict, markdown: str) -> None:
    """``tests/bench/results/<stem>.md`` and ``.json``, and the table on the console."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stem}.md").write_text(markdown)
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n")
    print(markdown)
