"""One module per report: a ``build(scope)`` function returning a :class:`analytics.base.Report`
and a ``cohort(scope, name, key)`` function returning the deals a figure counts."""
