"""The part of the import bench that runs inside Django: ``manage.py import_crm`` on one file,
then its figures as JSON (seconds, rows, counts, peak memory of this process)."""

import io
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from leads.imports.pipeline import CPU_TIMINGS, TIMINGS  # noqa: E402
from leads.models import ImportJob  # noqa: E402


def main(path: str, kind: str) -> None:
    started = time.perf_counter()
    call_command("import_crm", path, kind=kind, no_progress=True, stdout=io.StringIO())
    seconds = time.perf_counter() - started
    job = ImportJob.objects.order_by("-pk").first()
    print(
        json.dumps(
            {
                "kind": kind,
                "rows": job.rows_total,
                "seconds": round(seconds, 1),
                "rows_per_second": round(job.rows_total / seconds),
                "counts": job.counts,
                "status": job.status,
                "steps_seconds": {step: round(value, 1) for step, value in TIMINGS.items()},
                "steps_cpu_seconds": {step: round(value, 1) for step, value in CPU_TIMINGS.items()},
                # the process's own CPU time: the wall time above grows when the machine is busy
                "cpu_seconds": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_utime
                    + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
                    1,
                ),
                "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                # at the end: the process's own memory, and the pages of files it maps (SQLite
                # maps the database, up to 256 MiB: the OS's page cache, counted in the peak)
                **_resident(),
            }
        )
    )


def _resident() -> dict:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:  # not Linux
        return {}
    sizes = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        f"{name.lower()}_mb": int(sizes[name].split()[0]) // 1024
        for name in ("RssAnon", "RssFile")
        if name in sizes
    }


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
