"""The part of the analytics bench that runs inside Django, one process per database
(``tests/bench/analytics.py`` starts it with that database's ``DATABASE_URL``):

* ``generate N C``: add generated deals up to N, about C stage changes each
  (``demo.pipeline_history``), and print what it wrote, its time and the peak memory;
* ``measure RUNS [PLANS]``: time every report of ``analytics.registry`` for a manager over the
  last 12 months, for all pipelines and for the default one, in every mode of the report's own
  switches, then the overview, the admin home and two report screens through Django's test
  client, and print the figures as JSON; with PLANS, write every query's plan there.

A report is timed as the screen calls it: the filters bound to the URL's parameters give the
Scope (``analytics.scope``), then ``build(scope)``; the median of RUNS calls, the first one
(cold caches) beside it, and the number of queries of one call.
"""

import datetime
import json
import resource
import statistics
import sys
import time
from pathlib import Path

# Run as a script, only tests/bench is on sys.path: the project's modules import from the root.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402

#: how far back the generated deals go: the 12 months looked at and one more
HISTORY_DAYS = 395


def generate(deals: int, per_deal: float) -> dict:
    from demo.pipeline_history import generate_history
    from leads.models import Deal, StageChange

    have = Deal.objects.count()
    end = timezone.now()
    made = generate_history(
        max(0, deals - have),
        stage_changes_per_deal=per_deal,
        start=end - datetime.timedelta(days=HISTORY_DAYS),
        end=end,
        seed=100,
        batch_size=5000,
    )
    return {
        "deals": Deal.objects.count(),
        "stage_changes": StageChange.objects.count(),
        "generated_deals": made.deals,
        "generated_stage_changes": made.stage_changes,
        "proposals": made.proposals,
        "seconds": round(made.seconds, 1),
        "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def _variants(module) -> list[dict[str, str]]:
    """One set of the report's own switches per choice (the default first), or [{}]."""
    extra = module.extra_filters() if hasattr(module, "extra_filters") else {}
    variants = [{}]
    for name, filter_ in extra.items():
        choices = filter_.extra.get("choices")
        if callable(choices) or not choices:
            continue
        variants = [{**v, name: str(value)} for v in variants for value, _ in choices]
    return variants


def _scope(module, request, data):
    from analytics.scope import filterset_for, scope_from

    extra = module.extra_filters() if hasattr(module, "extra_filters") else None
    filters = filterset_for(request, data, extra_filters=extra)
    scope = scope_from(filters, request)
    if scope is None:
        raise ValueError(f"invalid filters {data}: {filters.errors}")
    return scope


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(" ".join(str(cell) for cell in row) for row in cursor.fetchall())


def _explain(queries, out) -> None:
    """Each query's plan, with its parameters (PostgreSQL runs it: EXPLAIN ANALYZE)."""
    for number, query in enumerate(queries, 1):
        out.write(f"--- query {number} ({query['time']} s)\n{query['sql']}\n")
        out.write(f"params: {query['params']}\n")
        out.write(_plan(query["sql"], query["params"]) + "\n\n")


class _Recorder:
    """Keeps each query's SQL, its parameters (for EXPLAIN) and its time."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(
                {
                    "sql": sql,
                    "params": params,
                    "time": round(time.perf_counter() - started, 3),
                }
            )


def measure(runs: int, plans: str | None) -> dict:
    from analytics import registry
    from analytics.filters import LAST_12_MONTHS
    from leads.models import Pipeline

    manager = User.objects.filter(groups__name="Sales managers").order_by("pk").first()
    request = RequestFactory().get("/admin/analytics/")
    request.user = manager
    pipeline = Pipeline.objects.filter(is_default=True).first() or Pipeline.objects.first()
    scopes = {
        "all pipelines": {"period": LAST_12_MONTHS},
        f"pipeline {pipeline.name}": {"period": LAST_12_MONTHS, "pipeline": str(pipeline.pk)},
    }
    out = open(plans, "w") if plans else None  # noqa: SIM115 (closed below)
    results = []
    for slug, module in registry.reports():
        for variant in _variants(module):
            for scope_name, data in scopes.items():
                scope = _scope(module, request, {**data, **variant})
                recorder = _Recorder()
                times = []
                for run in range(runs):
                    started = time.perf_counter()
                    if run == 0:
                        with connection.execute_wrapper(recorder):
                            module.build(scope)
                    else:
                        module.build(scope)
                    times.append(time.perf_counter() - started)
                row = {
                    "report": slug,
                    "variant": ", ".join(f"{k}={v}" for k, v in variant.items()),
                    "scope": scope_name,
                    "queries": len(recorder.queries),
                    "first_ms": round(times[0] * 1000, 1),
                    "median_ms": round(statistics.median(times) * 1000, 1),
                    "slowest_query_ms": round(
                        max((q["time"] for q in recorder.queries), default=0) * 1000, 1
                    ),
                }
                results.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
                if out:
                    out.write(f"===== {slug} {row['variant']} / {scope_name}\n")
                    _explain(recorder.queries, out)
    if out:
        out.close()
    results += screens(runs, manager, pipeline)
    return {"vendor": connection.vendor, "reports": results}


def screens(runs: int, manager, pipeline) -> list[dict]:
    """The screens as a browser asks for them (Django's test client, a manager logged in, the
    whole response rendered): the overview, the admin home with its analytics panel, and two
    report screens; the median of RUNS requests, the first beside it, queries of one request."""
    from django.conf import settings
    from django.test import Client, override_settings
    from django.urls import reverse

    from analytics.filters import LAST_12_MONTHS

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(manager)
    period = {"period": LAST_12_MONTHS}
    pages = [
        ("screen: overview", reverse("analytics:index"), period),
        ("screen: admin home", reverse("wagtailadmin_home"), {}),
        ("screen: win_rate", reverse("analytics:report", args=["win_rate"]), period),
        ("screen: repeat", reverse("analytics:report", args=["repeat"]), period),
    ]
    # the bench's settings keep hashed static files for the servers; no collectstatic here
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        return _time_pages(client, pages, runs, pipeline)


def _time_pages(client, pages, runs: int, pipeline) -> list[dict]:
    found = []
    for name, url, data in pages:
        for scope_name, extra in (
            ("all pipelines", {}),
            (f"pipeline {pipeline.name}", {"pipeline": str(pipeline.pk)}),
        ):
            if not data and extra:
                continue  # the admin home has no filters
            recorder = _Recorder()
            times = []
            for run in range(runs):
                started = time.perf_counter()
                if run == 0:
                    with connection.execute_wrapper(recorder):
                        response = client.get(url, {**data, **extra})
                else:
                    response = client.get(url, {**data, **extra})
                times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: {response.status_code}")
            row = {
                "report": name,
                "variant": "",
                "scope": scope_name,
                "queries": len(recorder.queries),
                "first_ms": round(times[0] * 1000, 1),
                "median_ms": round(statistics.median(times) * 1000, 1),
                "slowest_query_ms": round(
                    max((q["time"] for q in recorder.queries), default=0) * 1000, 1
                ),
            }
            found.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    return found


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "generate":
        print(json.dumps(generate(int(args[0]), float(args[1]))))
    else:
        print(json.dumps(measure(int(args[0]), args[1] if len(args) > 1 else None)))
