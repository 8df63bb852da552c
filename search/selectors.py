"""``portfolio_search``: one ranked search over services, cases and experts, with facets.

Used by the public search page and by the proposal builder. Works the same on every Wagtail
search backend (database on SQLite or PostgreSQL, Elasticsearch, OpenSearch): the backend ranks the
text matches, facets are counted from the best ``MAX_MATCHES`` matches with a fixed number of
queries.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wagtail.models import Page

from cases.models import CasePage, Industry
from catalog.models import ServicePage
from experts.models import Competency, ExpertPage
from serving.content_version import memoize
from serving.public import NEWEST_FIRST, listable, public
from serving.routing import stored_pages

from .analysis import STOPWORDS, query_terms, tokens
from .correction import completed, correct
from .facets import facet_values
from .highlight import highlight
from .kept import kept_matches, kept_outcome
from .query import analyses_text, build
from .ranking import names_person, rerank
from .synonyms import expand
from .tags import SEARCHED

KINDS = {"service": ServicePage, "case": CasePage, "expert": ExpertPage}
FACETS = ("kind", "service", "industry", "competency", "year")
ROW_FIELDS = ("content_type_id", "title")
MAX_MATCHES = 1000
MAX_QUERY_WORDS = 16
FEW = 10
#: a word as typed, with the marks that make it one word (S/4HANA, C#, C++, .NET, 1С:ERP,
#: Node.js, e-commerce); quotes are not among them, so none reaches a search backend
TYPED_WORD = re.compile(r"\.?\w+(?:[/.:+#-]+\w+)*[#+]*")


def clean_query(text: str) -> str:
    """The words as typed, tokens such as S/4HANA and C# intact; no operators, quotes or markup
    reach the search backend. Filler words stay in the text ("who knows Kubernetes" asks for a
    person): the search drops them from its terms (``search.analysis.query_terms``)."""
    return " ".join(TYPED_WORD.findall((text or "")[:1000])[:MAX_QUERY_WORDS])[:300]


def _meaningful(text: str) -> str:
    """``text`` without filler words (all of it when nothing else is left)."""
    words = text.split()
    return " ".join(w for w in words if not set(tokens(w)) <= STOPWORDS) or text


def searchable_pages(*, include_internal: bool = False) -> QuerySet[Page]:
    """Listable services, cases and experts; internal-only cases too when asked for (staff)."""
    if include_internal:
        return public(Page.objects.live()).type(ServicePage, CasePage, ExpertPage)
    return listable(Page).type(ServicePage, CasePage, ExpertPage)


@dataclass
class Hit:
    page: Page
    kind: str
    snippet: str
    internal: bool = False


@dataclass
class SearchOutcome:
    query: str
    filters: dict[str, str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[dict]] = field(default_factory=dict)
    page_obj: PaginatorPage | None = None
    searched: bool = False
    #: the query searched instead, when the query as typed found nothing (``correction.correct``)
    corrected: str = ""
    #: a spelling to offer ("Did you mean …") when the query as typed found few results
    suggestion: str = ""
    #: how many matches hold every word of the query (the others hold some of them)
    complete: int = 0


def _kind_by_content_type() -> dict[int, str]:
    return {ContentType.objects.get_for_model(model).pk: kind for kind, model in KINDS.items()}


def _matching_pages(text: str, include_internal: bool) -> tuple[list[tuple[int, str]], int]:
    """(page id, kind) of the best matches, best first, and how many of them hold every word.

    Pages with every word first; when they are few, pages with some of the words follow. A
    backend that indexes analysed text (``analyses_text``) is asked for the query's stems and
    their synonyms; any other backend gets the words as typed and analyses them itself. There
    is no prefix rescue: the first letters of a word could match a hidden client name's
    anonymised description ("Электр…" finding "электроники"); stems and synonyms cover word
    forms instead.
    """
    # ids, kinds and titles are all a match needs: no thousand full pages for a common word
    pages = searchable_pages(include_internal=include_internal).only(
        "id", "content_type_id", "title"
    )
    kinds = _kind_by_content_type()
    if not text:
        rows = pages.order_by(*NEWEST_FIRST).values_list("pk", "content_type_id")[:MAX_MATCHES]
        found = [(pk, kinds[ct]) for pk, ct in rows if ct in kinds]
        return found, len(found)
    groups = expand(query_terms(text))
    if analyses_text():
        every, some = build(groups), build(groups, operator="or") if len(groups) > 1 else None
    else:
        every = _meaningful(text)
        some = every if " " in every else None
    known = None if include_internal else (lambda: _listed_rows(pages))
    every_word = _rows(pages.search(every, operator="and")[:MAX_MATCHES], known) if every else []
    some_words = []
    if some is not None and len(every_word) < FEW:
        seen = {pk for pk, _ct, _title in every_word}
        some_words = [
            row
            for row in _rows(pages.search(some, operator="or")[:MAX_MATCHES], known)
            if row[0] not in seen
        ]
    person = names_person(text)

    def ranked(rows):
        found = [(pk, kinds.get(ct), title) for pk, ct, title in rows]
        return rerank([m for m in found if m[1]], groups, names_person=person)

    # Every word before some of them: "юрист по персональным данным" is the lawyer first, then
    # the services whose titles say "персональных данных".
    return ranked(every_word) + ranked(some_words), len(every_word)


def _listed_rows(pages) -> dict[int, tuple[int, str]]:
    """pk → (content type, title) of every page a visitor may find: kept until a title or
    which pages are listed changes, so a broad search filters its matches without a query."""
    return memoize(
        "search-listed-rows",
        lambda: {pk: (ct, title) for pk, ct, title in pages.values_list("pk", *ROW_FIELDS)},
        tags=("cases:listed", "services:listed", "experts:listed", "tree"),
    )


def _rows(results, known=None) -> list[tuple[int, int, str]]:
    """(pk, content type, title) of search results in rank order: without page instances where
    the backend can (``rows``: ours on SQLite and PostgreSQL), from the pages otherwise;
    from the ``known()`` rows (:func:`_listed_rows`) where the backend takes them (ours on
    SQLite and PostgreSQL: the statement then reads no page)."""
    if hasattr(results, "rows"):
        if known is not None and getattr(results, "takes_known_rows", False):
            return results.rows(ROW_FIELDS, known=known())
        return results.rows(ROW_FIELDS)
    return [(page.pk, page.content_type_id, page.title) for page in results]


def _matches_with_facets(text: str, include_internal: bool):
    """The ranked matches of ``text``, their facet values, how many hold every word, and the
    facet counts with no filter chosen: kept together, so a search asked again after an edit
    that leaves its matches as they are counts nothing again."""
    matches, complete = _matching_pages(text, include_internal)
    values = facet_values(matches)
    return matches, values, complete, _count_facets(matches, values, {})[1]


def _count_facets(matches, values, filters: dict[str, str]):
    """The matches every filter allows, and each facet's counts over the matches every *other*
    filter allows (choosing a value gives exactly its count). One pass, counted in C: a broad
    search counts a thousand matches."""
    if not filters:  # every match selected, every value counted: no per-match test
        docs = [values[pk] for pk, _kind in matches]
        counts = {
            name: Counter(chain.from_iterable(map(itemgetter(name), docs))) for name in FACETS
        }
        return list(matches), counts
    selected = []
    counted: dict[str, list] = {name: [] for name in FACETS}
    for pk, kind in matches:
        doc = values[pk]
        failed = [name for name, value in filters.items() if value not in doc[name]]
        if not failed:
            selected.append((pk, kind))
            for name in FACETS:
                counted[name].append(doc[name])
        elif len(failed) == 1:
            counted[failed[0]].append(doc[failed[0]])
    counts = {name: Counter(chain.from_iterable(docs)) for name, docs in counted.items()}
    return selected, counts


def _facet_labels(counts: dict[str, Counter]) -> dict[str, dict[str, str]]:
    names = memoize("search-facet-names", _facet_names, tags=("services:listed", "tree"))
    return {
        "kind": {
            "service": str(_("Services")),
            "case": str(_("Cases")),
            "expert": str(_("Experts")),
        },
        "year": {year: year for year in counts["year"]},
        **names,
    }


def _facet_names() -> dict[str, dict[str, str]]:
    """The names facet values show: every listable service, industry and competency (a few
    hundred at most), read once and kept until a service's title or the list of services
    changes (industries and competencies are snippets: their change names everything)."""
    return {
        "service": {
            str(pk): title for pk, title in listable(ServicePage).values_list("pk", "title")
        },
        "industry": {str(pk): name for pk, name in Industry.objects.values_list("pk", "name")},
        "competency": {str(pk): name for pk, name in Competency.objects.values_list("pk", "name")},
    }


def _load_hits(ids_and_kinds: list[tuple[int, str]], text: str, values, labels) -> list[Hit]:
    """Specific pages for one result page, in rank order, with their snippets: what a result
    shows (title, address, snippet). The pages come from the per-page store
    (``serving.routing.stored_pages``: kept until a change names them, the rest read with a
    statement compiled once per process; compiling the query of ten cases cost most of loading
    them); the names a snippet lists (a case's services, the competencies of a service or an
    expert) from the matches' facet ``values`` and ``labels``, read already."""
    by_kind: dict[str, list[int]] = {}
    for pk, kind in ids_and_kinds:
        by_kind.setdefault(kind, []).append(pk)
    loaded = {}
    for kind, pks in by_kind.items():
        loaded.update(stored_pages(KINDS[kind], pks))
    hits = []
    for pk, kind in ids_and_kinds:
        page = loaded.get(pk)
        if page is None:
            continue
        facet = "service" if kind == "case" else "competency"
        names = labels[facet]
        listed = ", ".join(sorted(names[key] for key in values[pk][facet] if key in names))
        if kind == "service":
            source = f"{page.summary} {page.methodology} {page.audience} {listed}"
        elif kind == "case":
            source = (
                f"{page.client_display}: {page.summary} {page.challenge} {page.solution} {listed}"
            )
        else:
            source = f"{page.position}. {listed}. {page.short_bio}"
        hits.append(
            Hit(
                page=page,
                kind=kind,
                snippet=highlight(source, text),
                internal=kind == "case" and page.is_internal,
            )
        )
    return hits


def portfolio_search(
    *,
    text: str = "",
    filters: dict[str, str] | None = None,
    include_internal: bool = False,
    page: int | str = 1,
    per_page: int = 10,
    exact: bool = False,
) -> SearchOutcome:
    """Search services, cases and experts; facets combine with the text and with each other.

    ``filters`` maps facet names (kind, service, industry, competency, year) to one value each;
    unknown names and values simply match nothing. Facet counts for a facet are computed with every
    other filter applied, so each count is exactly the number of results that choosing it gives.

    Visitors' misspellings are corrected from the public site's words (``search.correction``):
    when no page holds every word of the query, the corrected query's results come back with
    ``corrected`` set, or ``suggestion`` offers the spelling. Not with
    ``exact`` (the visitor asked for what they typed) nor for staff (``include_internal``).
    """
    text = clean_query(text)
    filters = {
        name: str(value)[:40] for name, value in (filters or {}).items() if name in FACETS and value
    }
    if not text and not filters:
        return SearchOutcome(query=text, filters=filters)
    # An answer changes only with content: kept until a change touches it (``_text_check``), so
    # a repeated search (most are) costs neither the full-text query nor loading its hits.
    typos = not exact and not include_internal
    key = (text, tuple(sorted(filters.items())), include_internal, str(page)[:20], per_page, typos)
    return memoize(
        ("search-outcome", *key),
        lambda: _search(text, filters, include_internal, page, per_page, typos=typos),
        large=True,
        tags=SEARCHED,
        keep=kept_outcome(("search", text, include_internal), typos),
    )


def _search(text, filters, include_internal, page, per_page, *, typos=False) -> SearchOutcome:
    """One page of results for ``text``; with ``typos``, corrected when no page holds every
    word. When one does, every word is on the site (a page, a synonym), so there is no typo to
    look for, and the vocabulary is not read: "webshop" (a synonym) is not "workshop"."""
    if typos and text:
        outcome = _search(text, filters, include_internal, page, per_page)
        return outcome if outcome.complete else _with_correction(outcome, page, per_page)
    outcome = SearchOutcome(query=text, filters=filters, searched=True)
    # The ranked matches of a text and their facet values, shared by its filtered variants.
    matches, values, outcome.complete, unfiltered = memoize(
        ("search", text, include_internal),
        lambda: _matches_with_facets(text, include_internal),
        large=True,
        tags=SEARCHED,
        keep=kept_matches(text, include_internal),
    )
    if filters:
        selected, counts = _count_facets(matches, values, filters)
    else:
        selected, counts = matches, unfiltered
    labels = _facet_labels(counts)
    for name in FACETS:
        items = [
            {
                "value": value,
                "label": labels[name].get(value, value),
                "count": count,
                "selected": filters.get(name) == value,
            }
            for value, count in counts[name].items()
            if value in labels[name]
        ]
        items.sort(key=lambda item: (-item["count"], str(item["label"])))
        if name == "year":
            items.sort(key=lambda item: item["value"], reverse=True)
        outcome.facets[name] = items

    paginator = Paginator(selected, per_page)
    outcome.page_obj = paginator.get_page(page)
    outcome.total = paginator.count
    outcome.hits = _load_hits(list(outcome.page_obj.object_list), text, values, labels)
    return outcome


def _with_correction(outcome: SearchOutcome, page, per_page) -> SearchOutcome:
    """No page with every word: the corrected query's results, saying so ("secuirty audit" finds
    the security audit, not every audit), when it finds more; otherwise the spelling offered
    beside the pages holding some words. ``query`` stays what was typed, so links built from it
    correct it again the same way."""
    corrected = clean_query(correct(outcome.query) or "")
    if not corrected or corrected == outcome.query:
        if not outcome.total:  # a word cut short: its completion offered, not searched
            outcome.suggestion = clean_query(completed(outcome.query) or "")
        return outcome
    fixed = _search(corrected, outcome.filters, False, page, per_page)
    if not fixed.total or (outcome.total and not fixed.complete):
        outcome.suggestion = corrected if outcome.total else ""
        return outcome
    fixed.query, fixed.corrected = outcome.query, corrected
    return fixed
