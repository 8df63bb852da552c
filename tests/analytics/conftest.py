from tests.analytics.history import history, history_rows  # noqa: F401  (the hand-built pipeline history)
