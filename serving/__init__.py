"""Delivery machinery: how public pages reach visitors, not what they say.

The content version and its memo, routing, the full-page cache, fragments, the origin check,
the static export with its tasks, and the read-only API. ``serving`` imports no project app: the
apps declare themselves to it (content models register, never-cached views say so).
"""
