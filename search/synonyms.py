"""Synonyms and spellings: groups of equivalent terms editors keep (per language), applied to a
query's stems on every database backend. CONTRACT (package B fills it in):

``expand(terms: list[str]) -> list[list[tuple[str, ...]]]``: for the query's stems (from
``search.analysis.query_terms``), one group per query position; a group lists the alternatives
that may stand there (each a tuple of stems, all required: a multi-word synonym). Longest spans
first: "online store" (two stems) may be one group. Memoized per content version.

A group's terms are analysed exactly as a query is (:func:`search.analysis.query_terms`: folded
tokens, filler words left out, stems to a fixed point), so "Webshops", "интернет-магазины" and
"1С" (Cyrillic С) meet the stems of what visitors type. The groups that apply are the live ones
of the site's language (``settings.LANGUAGE_CODE``) and those for any language; a term may be in
only one of them (``SynonymGroup.clean``), so each term has one set of alternatives.

Elasticsearch and OpenSearch analyse text themselves: :func:`synonym_lines` renders the same
groups as their ``synonym_graph`` rules (:mod:`search.es_backends`).
"""

from django.conf import settings

from serving.content_version import memoize

from .analysis import query_terms, stem, tokens

Key = tuple[str, ...]


def term_key(term: str) -> Key:
    """A term as the query's stems it stands for ("Online stores" → ("onlin", "store"))."""
    return tuple(query_terms(term))


def site_language() -> str:
    """The language of the site's content, ``ru`` or ``en``, from ``LANGUAGE_CODE``."""
    return "ru" if settings.LANGUAGE_CODE.lower().startswith("ru") else "en"


def applying_groups(language: str | None = None):
    """The live groups searches use: the site language's and those for any language."""
    from .models import SynonymGroup

    language = language or site_language()
    return SynonymGroup.objects.filter(live=True, language__in=[language, "any"])


def overlapping_groups(group):
    """The other groups that apply to a site together with ``group`` (a term must not be in two)."""
    from .models import SynonymGroup

    others = SynonymGroup.objects.exclude(pk=group.pk) if group.pk else SynonymGroup.objects.all()
    if group.language != SynonymGroup.Language.ANY:
        others = others.filter(language__in=[group.language, SynonymGroup.Language.ANY])
    return others


def naming_hidden_clients(keys) -> set[Key]:
    """The analysed terms among ``keys`` that hold a word only a hidden client's name holds: a
    word of the client name of an anonymised or internal case that no listable page uses. Such a
    synonym would let a visitor find an anonymised case by its client's name ("FreshMarket"
    grouped with "grocery chain"), so it is refused (``SynonymGroup.clean``) and never applied.
    The public site's words (``vocabulary.search_vocabulary``) are read only when a term shares
    a word with a hidden name at all ("bank" in "Volga Bank" and in public texts)."""
    name_stems = _hidden_name_stems()
    return _only_hidden({key for key in keys if set(key) & name_stems}, name_stems)


def _hidden_name_stems() -> set[str]:
    from cases.choices import Visibility
    from cases.models import CasePage

    names = CasePage.objects.exclude(visibility=Visibility.PUBLIC).exclude(client_name="")
    return {
        stem(word) for name in names.values_list("client_name", flat=True) for word in tokens(name)
    }


def _only_hidden(suspicious: set[Key], name_stems: set[str]) -> set[Key]:
    """Of the ``suspicious`` terms, those holding a word of ``name_stems`` no public page uses."""
    from .vocabulary import search_vocabulary

    if not suspicious:
        return set()
    only_hidden = name_stems - search_vocabulary().stems
    return {key for key in suspicious if set(key) & only_hidden}


def _groups() -> tuple[list[list[Key]], set[Key], set[str]]:
    """The applying groups' analysed terms, those sharing a word with a hidden client's name,
    and the stems of those names: kept until a synonym, a client name or a case's visibility
    changes (``cases:listed``), not through every edit of a text."""
    # each part kept apart as well: a case's title edit names cases:listed, which re-reads the
    # hidden names (a client name or visibility may have changed) but not the groups
    groups = memoize(("synonym-terms", site_language()), _terms, tags=("search",))
    name_stems = memoize("hidden-client-stems", _hidden_name_stems, tags=("cases:listed",))
    suspicious = {key for keys in groups for key in keys if set(key) & name_stems}
    return groups, suspicious, name_stems


def _terms() -> list[list[Key]]:
    """The applying groups' analysed terms, each group's once."""
    return [
        list(dict.fromkeys(key for key in map(term_key, group.term_list()) if key))
        for group in applying_groups()
    ]


def _alternatives() -> tuple[dict[Key, list[Key]], int]:
    """Each analysed term → its group's analysed terms (itself first), and the longest term.
    Terms naming a hidden client (:func:`naming_hidden_clients`) are left out, as the public
    site's words stand now (the vocabulary follows each edit)."""
    groups, suspicious, name_stems = memoize(
        ("synonym-groups", site_language()), _groups, tags=("search", "cases:listed")
    )
    hidden = _only_hidden(suspicious, name_stems)
    table: dict[Key, list[Key]] = {}
    for keys in groups:
        keys = [key for key in keys if key not in hidden]
        for key in keys:
            table.setdefault(key, [key] + [other for other in keys if other != key])
    return table, max(map(len, table), default=0)


def expand(terms: list[str]) -> list[list[tuple[str, ...]]]:
    """The query's stems, each position with the alternatives that may stand there; at each
    position the longest span that is a synonym term wins ("online store" before "online")."""
    table, longest = _alternatives()
    groups: list[list[Key]] = []
    position = 0
    while position < len(terms):
        for length in range(min(longest, len(terms) - position), 0, -1):
            span = tuple(terms[position : position + length])
            if span in table:
                groups.append(table[span])
                position += length
                break
        else:
            groups.append([(terms[position],)])
            position += 1
    return groups


def _rule_term(term: str) -> str:
    """A term as a Solr synonym rule reads it: separators and comment marks escaped."""
    return "".join("\\" + char if char in "\\,=>#" else char for char in term)


def synonym_lines(language: str | None = None) -> list[str]:
    """The applying groups as ``synonym_graph`` rules ("1С, 1C, 1S, 1С:Предприятие"), for
    Elasticsearch and OpenSearch, which analyse each term themselves."""
    lines = []
    for group in applying_groups(language).order_by("pk"):
        terms = [_rule_term(term) for term in group.term_list()]
        if len(terms) > 1:
            lines.append(", ".join(terms))
    return lines
