"""Typo tolerance: "Did you mean …" from the public site's own words. CONTRACT (package C):

``correct(text: str) -> str | None``: the query with its misspelt words replaced by the nearest
words of listable pages (never internal pages or hidden client names), or None when every word
is known or nothing is near. Memoized per content version.
"""


def correct(text: str) -> str | None:
    return None
