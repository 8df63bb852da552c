#: the goals on this set, per backend and language (issue 15)
GOALS = {"mrr": 0.92, "p1": 0.85}
