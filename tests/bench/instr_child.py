"""The in-process part of ``make bench-instr``: renders pages with Django's test client while
valgrind's callgrind counts the instructions of each render, and nothing else.

Run by ``instr.py`` under ``valgrind --tool=callgrind --instr-atstart=no``: Django starts
uninstrumented, and around each measured render this process itself zeroes the counters,
switches instrumentation on and off and dumps the counts under a label, through a small C
library built from valgrind's ``callgrind.h`` (the client requests take effect at once, unlike
``callgrind_control`` from another process). It prints the renders as JSON on stdout, one
object per label (page, phase, path, status, SQL queries); ``instr.py`` reads each label's
instruction count from its dump.

The same file runs in bakerydemo's virtualenv with bakerydemo's settings (``--site bakerydemo``):
it imports nothing of Vitrina's at the top.

    python tests/bench/instr_child.py LIBRARY.so --site vitrina|bakerydemo
"""

import argparse
import ctypes
import gc
import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

# A search asked before the measured ones, so that what a process builds on its first search
# (whatever the query) is not counted against a query.
WARM_UP_SEARCH = "/search/?q=strategy"


def vitrina_pages() -> dict[str, str]:
    from cases.models import CasePage
    from catalog.models import ServicePage
    from experts.models import ExpertPage

    def first(model) -> str:
        return model.objects.live().order_by("pk").first().url

    return {
        "home": "/",
        "service index": "/services/",
        "service": first(ServicePage),
        "case index": "/cases/",
        "case": first(CasePage),
        "expert index": "/experts/",
        "expert": first(ExpertPage),
        "search ?q=audit": "/search/?q=audit",
        "search ?q=client": "/search/?q=client",
    }


def vitrina_publish() -> None:
    """An editor publishes a case: the last one, not the case page measured."""
    from cases.models import CasePage

    CasePage.objects.live().order_by("-pk").first().save_revision().publish()


def bakerydemo_pages() -> dict[str, str]:
    from bakerydemo.blog.models import BlogPage
    from bakerydemo.breads.models import BreadPage, BreadsIndexPage

    def first(model) -> str:
        return model.objects.live().order_by("pk").first().url

    return {
        "home": "/",
        "blog page": first(BlogPage),
        "bread page": first(BreadPage),
        "breads index": first(BreadsIndexPage),
        "search ?q=bread": "/search/?q=bread",
    }


def bakerydemo_publish() -> None:
    """An editor publishes a blog page: the last one, not the blog page measured."""
    from bakerydemo.blog.models import BlogPage

    BlogPage.objects.live().order_by("-pk").first().save_revision().publish()


SITES = {
    "vitrina": (vitrina_pages, vitrina_publish),
    "bakerydemo": (bakerydemo_pages, bakerydemo_publish),
}


class Renderer:
    """Renders a path as a first-time anonymous visitor, counted or not."""

    def __init__(self, library: str):
        self.callgrind = ctypes.CDLL(library)
        if not self.callgrind.instr_running_on_valgrind():
            sys.exit("instr_child.py runs under valgrind --tool=callgrind (see instr.py)")
        self.client = Client(HTTP_HOST="127.0.0.1")
        self.queries = 0
        self.renders: list[dict] = []

    def count_query(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)

    def get(self, path: str) -> int:
        self.client.cookies.clear()  # no session or CSRF cookie from the render before
        response = self.client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        return response.status_code

    def measure(self, page: str, phase: str, path: str) -> None:
        label = f"{len(self.renders)}:{page}:{phase}"
        self.queries = 0
        # The collector's counters start each counted render from nothing, so that a collection
        # falls at the same place in two identical renders.
        gc.collect()
        with connection.execute_wrapper(self.count_query):
            self.callgrind.instr_zero()
            self.callgrind.instr_start()
            status = self.get(path)
            self.callgrind.instr_stop()
        self.callgrind.instr_dump(label.encode())
        self.renders.append(
            {
                "label": label,
                "page": page,
                "phase": phase,
                "path": path,
                "status": status,
                "queries": self.queries,
            }
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("library", help="the callgrind client-request library (instr.py builds it)")
    parser.add_argument("--site", choices=sorted(SITES), default="vitrina")
    options = parser.parse_args()
    pick_pages, publish = SITES[options.site]
    renderer = Renderer(options.library)
    pages = pick_pages()

    # Steady state: two renders, then the third and fourth counted (the fourth shows whether
    # the figure repeats). A search's first ask is counted too, once the warm-up search ran.
    renderer.get(WARM_UP_SEARCH)
    for page, path in pages.items():
        if path.startswith("/search/"):
            renderer.measure(page, "unseen", path)
        else:
            renderer.get(path)
        renderer.get(path)
        renderer.measure(page, "steady", path)
        renderer.measure(page, "repeat", path)

    # After a publish: each page type after a publish of its own, then steady again.
    for page, path in pages.items():
        publish()
        renderer.measure(page, "after publish", path)
        renderer.get(path)
        renderer.measure(page, "steady again", path)

    # A cached hit (Vitrina's full-page cache, switched on now): what a page served from the
    # cache still costs in the process (middleware, the version read, the cache lookup).
    from django.conf import settings

    if hasattr(settings, "PAGE_CACHE_SECONDS"):
        settings.PAGE_CACHE_SECONDS = 600
        for page, path in pages.items():
            renderer.get(path)
            renderer.measure(page, "cached hit", path)
    print(json.dumps(renderer.renders))


if __name__ == "__main__":
    main()
