from tests.analytics.history import history  # noqa: F401  (the hand-built pipeline history)
