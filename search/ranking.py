"""The right kind first. CONTRACT (package D):

``rerank(matches: list[tuple[int, str, str]], terms: list[str], *, names_person: bool)
-> list[tuple[int, str]]``: ``matches`` are (page id, kind, title) in the backend's order;
``terms`` the query's stems. Returns (page id, kind), a service or case whose title matches the
query before experts who merely hold a competency of that name, unless the query names a person.
Stable on the backend's order otherwise.
"""


def rerank(matches, terms, *, names_person: bool = False):
    return [(pk, kind) for pk, kind, _title in matches]
