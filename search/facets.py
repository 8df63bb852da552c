"""The facet values of search matches (kind, service, industry, competency, year).

Read once for every service, case and expert, then looked up per search: a broad search not
asked before has a thousand matches, and asking the database for their values by id (four
queries with a thousand ids each) cost more than the search itself at 10,000 cases. The table is
a few megabytes at that size (tuples sharing one empty set). After an edit it re-reads the
edited page's row alone (``serving.per_page``).
"""

import threading
from dataclasses import dataclass, field

from django.db.models import Q

from cases.models import CasePage
from catalog.models import ServicePage
from experts.models import ExpertCompetency, ExpertPage
from serving.content_version import content_version
from serving.per_page import kept_per_page
from serving.public import listable

NONE: frozenset[str] = frozenset()

#: page id → (year, industry, services, competencies), each a frozenset of values as strings
Row = tuple[frozenset, frozenset, frozenset, frozenset]


@dataclass
class FacetTable:
    rows: dict[int, Row] = field(default_factory=dict)
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def facet_values(matches: list[tuple[int, str]]) -> dict[int, dict[str, frozenset]]:
    """For each (page id, kind) match, the facet values it carries. No query once the table of
    the content version is read."""
    table = kept_per_page(
        ("search-facet-table",), _read_table, _patch, (CasePage, ServicePage, ExpertPage)
    ).rows
    empty = (NONE, NONE, NONE, NONE)
    values = {}
    for pk, kind in matches:
        year, industry, services, competencies = table.get(pk, empty)
        values[pk] = {
            "kind": frozenset((kind,)),
            "service": services,
            "industry": industry,
            "competency": competencies,
            "year": year,
        }
    return values


def _read_table() -> FacetTable:
    """Every case, service and expert's facet values: six queries whatever the size."""
    return FacetTable(rows=_read_rows(), version=content_version())


def _patch(table: FacetTable, changed: dict) -> None:
    """Re-read the rows of the changed pages (a deleted page's row goes)."""
    pks = set().union(*changed.values())
    fresh = _read_rows(pks, kinds=set(changed))
    for pk in pks:
        if pk in fresh:
            table.rows[pk] = fresh[pk]
        else:
            table.rows.pop(pk, None)


def _read_rows(pks=None, kinds=(CasePage, ServicePage, ExpertPage)) -> dict[int, Row]:
    """The rows of every page, or of ``pks`` only (pages of ``kinds``: a query per relation of
    each kind)."""

    def only(queryset, name="pk"):
        return queryset if pks is None else queryset.filter(Q(**{f"{name}__in": pks}))

    def chunked(rows):  # a few pages at once need no server-side cursor (PostgreSQL)
        return rows.iterator(chunk_size=5000) if pks is None else rows

    services: dict[int, set] = {}
    competencies: dict[int, set] = {}
    # Only listable services: a draft or private service must not become a facet.
    links = only(
        CasePage.services.through.objects.filter(
            servicepage__in=listable(ServicePage).values("pk")
        ),
        "casepage_id",
    )
    required = only(ServicePage.required_competencies.through.objects, "servicepage_id")
    held = only(ExpertCompetency.objects, "expert_id")
    if CasePage in kinds:
        for case_id, service_id in chunked(links.values_list("casepage_id", "servicepage_id")):
            services.setdefault(case_id, set()).add(str(service_id))
    if ServicePage in kinds:
        for service_id, competency_id in required.values_list("servicepage_id", "competency_id"):
            competencies.setdefault(service_id, set()).add(str(competency_id))
    if ExpertPage in kinds:
        for expert_id, competency_id in held.values_list("expert_id", "competency_id"):
            competencies.setdefault(expert_id, set()).add(str(competency_id))

    def shared(values):  # one frozenset per distinct value set, not one per page
        key = frozenset(values or ())
        return interned.setdefault(key, key)

    interned: dict[frozenset, frozenset] = {NONE: NONE}
    rows: dict[int, Row] = {}
    if CasePage in kinds:
        cases = only(CasePage.objects).values_list("pk", "year", "industry_id")
        for pk, year, industry in chunked(cases):
            row = (shared({str(year)}), shared({str(industry)}), shared(services.get(pk)), NONE)
            rows[pk] = row
    if ServicePage in kinds:
        for pk in only(ServicePage.objects).values_list("pk", flat=True):
            rows[pk] = (NONE, NONE, shared({str(pk)}), shared(competencies.get(pk)))
    if ExpertPage in kinds:
        for pk in only(ExpertPage.objects).values_list("pk", flat=True):
            rows[pk] = (NONE, NONE, NONE, shared(competencies.get(pk)))
    return rows
