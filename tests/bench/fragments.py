"""``{% fragment %}`` against Wagtail's ``{% wagtailcache %}`` keyed the same way: ms per render
and SQL queries of a warm process, for the pages whose cost is mostly fragments.

Run: ``.venv/bin/python tests/bench/fragments.py [renders]``. It builds a throw-away SQLite
database in /tmp (the test portfolio: services with their cases and experts), keeps the project's
default cache settings (local memory, or Redis with ``REDIS_URL``) and switches the full-page
cache off, so every request renders. The ``wagtailcache`` variant swaps the fragment node's
render for Wagtail's ``WagtailCacheNode`` (Django's ``{% cache %}`` plus the preview bypass) with
the same key: the content version, language, site, live app address and the fragment's values.
"""

import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
_db = os.path.join(tempfile.mkdtemp(prefix="bench-fragments-"), "db.sqlite3")
os.environ["DATABASE_URL"] = f"sqlite:///{_db}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils.translation import get_language  # noqa: E402

from wagtail.templatetags.wagtail_cache import WagtailCacheNode  # noqa: E402

from serving.content_version import content_version, forget_memoized  # noqa: E402
from serving.public import site_for_request  # noqa: E402
from serving.templatetags import fragments  # noqa: E402

_fragment_render = fragments.FragmentNode.render


class _Value:
    """What ``CacheNode`` resolves a vary value or the timeout from."""

    def __init__(self, get):
        self.get = get

    def resolve(self, context):
        return self.get(context)


def _wagtailcache_render(self, context):
    """The same fragment through ``{% wagtailcache None name version lang site app vary… %}``."""
    request = context.get("request")
    site = site_for_request(request) if request is not None else None
    node = WagtailCacheNode(
        self.nodelist,
        _Value(lambda c: None),  # no timeout: the content version ends an entry's use
        str(self.name.resolve(context)),
        [
            _Value(lambda c: content_version()),
            _Value(lambda c: get_language()),
            _Value(lambda c: site.pk if site else None),
            _Value(lambda c: settings.PUBLIC_APP_URL),
            *self.vary,
        ],
        None,
    )
    return node.render(context)


class _Counter(list):
    """Every statement a request sends, whatever resets Django's query log in between."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def build() -> list[str]:
    from tests.builders import build_portfolio, build_site_tree

    call_command("migrate", verbosity=0)
    tree = build_site_tree()
    portfolio = build_portfolio(tree, cases=12)
    return [portfolio.services[0].url, tree.home.url, tree.cases.url]


def measure(paths: list[str], renders: int) -> dict:
    client = Client(HTTP_HOST="localhost")
    for cache in caches.all():
        cache.clear()
    forget_memoized()
    figures = {}
    for path in paths:
        for _ in range(3):  # warm: templates compiled, fragments stored
            assert client.get(path).status_code == 200, path
        queries = _Counter()
        with connection.execute_wrapper(queries):
            client.get(path)
        times = []
        for _ in range(renders):
            start = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        figures[path] = (statistics.median(times), len(queries))
    return figures


def main() -> None:
    renders = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with override_settings(PAGE_CACHE_SECONDS=0, SECURE_SSL_REDIRECT=False, DEBUG=False):
        paths = build()
        variants = {"fragment": _fragment_render, "wagtailcache": _wagtailcache_render}
        results = {}
        # A, B, B, A: a busy machine's drift falls on both; the better of two runs counts.
        for name in ("fragment", "wagtailcache", "wagtailcache", "fragment"):
            fragments.FragmentNode.render = variants[name]
            run = measure(paths, renders)
            best = results.setdefault(name, run)
            for path, figures in run.items():
                best[path] = min(best[path], figures)
        fragments.FragmentNode.render = _fragment_render
    print(
        f"median ms per render of {renders} (queries), cache: {settings.CACHES['default']['BACKEND']}"
    )
    for path in paths:
        row = "  ".join(
            f"{name} {results[name][path][0]:6.2f} ms ({results[name][path][1]} q)"
            for name in results
        )
        print(f"{path:40} {row}")


if __name__ == "__main__":
    main()
