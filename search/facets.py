"""The facet values of search matches (kind, service, industry, competency, year).

Read once per content version for every service, case and expert, then looked up per search: a
broad search not asked before has a thousand matches, and asking the database for their values
by id (four queries with a thousand ids each) cost more than the search itself at 10,000 cases.
The table is a few megabytes at that size (tuples sharing one empty set).
"""

from cases.models import CasePage
from catalog.models import ServicePage
from experts.models import ExpertCompetency, ExpertPage
from serving.content_version import memoize
from serving.public import listable

#: the table holds what lists select by (a case's year, industry, services; the competencies of
#: services and experts): a new summary keeps it
TABLE_TAGS = ("cases:listed", "services:listed", "experts:listed", "tree")

NONE: frozenset[str] = frozenset()

#: page id → (year, industry, services, competencies), each a frozenset of values as strings
Row = tuple[frozenset, frozenset, frozenset, frozenset]


def facet_values(matches: list[tuple[int, str]]) -> dict[int, dict[str, frozenset]]:
    """For each (page id, kind) match, the facet values it carries. No query once the table of
    the content version is read."""
    table = memoize(("search-facet-table",), _read_table, tags=TABLE_TAGS)
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


def _read_table() -> dict[int, Row]:
    """Every case, service and expert's facet values: six queries whatever the size."""
    services: dict[int, set] = {}
    competencies: dict[int, set] = {}
    # Only listable services: a draft or private service must not become a facet.
    links = CasePage.services.through.objects.filter(
        servicepage__in=listable(ServicePage).values("pk")
    )
    for case_id, service_id in links.values_list("casepage_id", "servicepage_id").iterator():
        services.setdefault(case_id, set()).add(str(service_id))
    for service_id, competency_id in ServicePage.required_competencies.through.objects.values_list(
        "servicepage_id", "competency_id"
    ):
        competencies.setdefault(service_id, set()).add(str(competency_id))
    for expert_id, competency_id in ExpertCompetency.objects.values_list(
        "expert_id", "competency_id"
    ):
        competencies.setdefault(expert_id, set()).add(str(competency_id))

    def shared(values):  # one frozenset per distinct value set, not one per page
        key = frozenset(values or ())
        return interned.setdefault(key, key)

    interned: dict[frozenset, frozenset] = {NONE: NONE}
    table: dict[int, Row] = {}
    cases = CasePage.objects.values_list("pk", "year", "industry_id").iterator(chunk_size=5000)
    for pk, year, industry in cases:
        table[pk] = (shared({str(year)}), shared({str(industry)}), shared(services.get(pk)), NONE)
    for pk in ServicePage.objects.values_list("pk", flat=True):
        table[pk] = (NONE, NONE, shared({str(pk)}), shared(competencies.get(pk)))
    for pk in ExpertPage.objects.values_list("pk", flat=True):
        table[pk] = (NONE, NONE, NONE, shared(competencies.get(pk)))
    return table
