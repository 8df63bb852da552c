"""Score a search function on the relevance set: mean reciprocal rank, precision at 1, recall at
5, answerable queries with no result, hidden client names found, and time per unseen query."""

import statistics
import time
from dataclasses import dataclass, field
from importlib import import_module

from . import GOALS  # noqa: F401 (the goals, beside the scores)
from .content import hidden_client_names, internal_titles


@dataclass
class Query:
    kind: str
    text: str
    #: the titles that are each a right first result (one, or a few equally good ones)
    top: frozenset
    top5: frozenset


@dataclass
class Scores:
    queries: int = 0
    mrr: float = 0.0
    p1: float = 0.0
    r5: float = 0.0
    zero: int = 0
    leaks: list = field(default_factory=list)
    misses: list = field(default_factory=list)
    p50_ms: float = 0.0
    p95_ms: float = 0.0


def queries(language: str, *, held_out: bool = False) -> list[Query]:
    """The set's queries; ``held_out``: the ones written apart from the search code and not
    tuned on (``heldout_<language>``)."""
    name = "heldout" if held_out else "queries"
    text = import_module(f"tests.search.quality.{name}_{language}").QUERIES
    out = []
    for line in text.strip().splitlines():
        kind, query, top, others = (line.split("|") + ["", ""])[:4]
        firsts = frozenset(title for title in top.split(";") if title)
        expected = {title for title in others.split(";") if title} | firsts
        out.append(Query(kind, query, firsts, frozenset(expected)))
    return out


def score(language: str, search, suggest, *, forget=lambda: None, held_out=False) -> Scores:
    """``search(text)`` and ``suggest(text)`` return result titles, best first; ``forget()`` is
    called before each query so that every query is timed as one not asked before."""
    hidden = hidden_client_names(language)
    internal = internal_titles(language)
    scores, ranks, times = Scores(), [], []
    for query in queries(language, held_out=held_out):
        forget()
        started = time.perf_counter()
        titles = (suggest if query.kind == "suggest" else search)(query.text)
        times.append((time.perf_counter() - started) * 1000)
        leaked = set(titles) & internal
        if query.kind == "hidden":
            leaked |= {
                title for name, title in hidden.items() if name.startswith(query.text)
            } & set(titles)
        if leaked:
            scores.leaks.append(f"{query.text!r} → {sorted(leaked)}")
        if not query.top:
            continue
        scores.queries += 1
        rank = next((i for i, title in enumerate(titles, 1) if title in query.top), 0)
        ranks.append(1 / rank if rank else 0.0)
        scores.p1 += rank == 1
        scores.r5 += len(query.top5 & set(titles[:5])) / len(query.top5)
        scores.zero += not titles
        if rank != 1:
            scores.misses.append(
                f"{query.kind} {query.text!r}: want {' or '.join(sorted(query.top))!r}, "
                f"got {titles[:3]}"
            )
    n = max(scores.queries, 1)
    scores.mrr, scores.p1, scores.r5 = sum(ranks) / n, scores.p1 / n, scores.r5 / n
    times.sort()
    scores.p50_ms = statistics.median(times)
    scores.p95_ms = times[min(len(times) - 1, int(len(times) * 0.95))]
    return scores


def vitrina(language: str, *, held_out: bool = False) -> Scores:
    """Vitrina's own search (``portfolio_search``, ``title_suggestions``) on the current database."""
    from search.selectors import clean_query, portfolio_search
    from search.suggestions import title_suggestions
    from serving.content_version import _memo

    def search(text):
        return [hit.page.title for hit in portfolio_search(text=text, per_page=10).hits]

    def suggest(text):
        return [page.title for page, _kind in title_suggestions(clean_query(text), 10)]

    def forget():
        _memo["large"] = {}  # the answers only: what stays per content version stays

    return score(language, search, suggest, forget=forget, held_out=held_out)


def plain_wagtail(language: str, backend: str, *, held_out: bool = False) -> Scores:
    """Wagtail's own database search over the same (listable) pages, indexed by ``backend``."""
    from search.selectors import searchable_pages

    def search(text):
        pages = searchable_pages().specific().search(text, backend=backend)[:10]
        return [page.title for page in pages]

    def suggest(text):
        return [page.title for page in searchable_pages().autocomplete(text, backend=backend)[:10]]

    return score(language, search, suggest, held_out=held_out)
