"""The builder prefers cases whose results the client confirmed (a published case's date)."""

import datetime
from types import SimpleNamespace

import pytest

from cases.models import CasePage
from proposals.selectors import case_suggestions

pytestmark = pytest.mark.django_db


def test_a_case_with_client_confirmed_results_ranks_higher_and_says_why(
    deal, portfolio, monkeypatch
):
    # the search backend's order among equal hits is not stable: rank by services only
    monkeypatch.setattr(
        "proposals.selectors.portfolio_search", lambda **kwargs: SimpleNamespace(hits=[])
    )
    services_ = [portfolio.services[0]]
    before = {s.case.pk: s for s in case_suggestions(deal=deal, services=services_)}
    assert len(before) >= 2
    last = min(before.values(), key=lambda s: s.score)
    CasePage.objects.filter(pk=last.case.pk).update(results_confirmed_on=datetime.date(2026, 5, 1))

    after = {s.case.pk: s for s in case_suggestions(deal=deal, services=services_)}

    assert after[last.case.pk].score == pytest.approx(last.score + 2)
    assert "Results confirmed by the client" in after[last.case.pk].reasons
    assert max(after.values(), key=lambda s: s.score).case.pk == last.case.pk
    assert all(
        "Results confirmed by the client" not in s.reasons
        for pk, s in after.items()
        if pk != last.case.pk
    )
