"""The hand-built history is what its docstring says: the reports' tests compute from it."""

from leads.choices import DealStatus
from leads.models import StageChange
from tests.analytics.history import (
    PERIOD,
    history_once,  # noqa: F401 - the history, built once here
)


def test_history_matches_its_table(history):
    deals = history.deals
    assert len(deals) == 12
    assert {name for name, deal in deals.items() if deal.status == DealStatus.WON} == {
        "D1",
        "D2",
        "D8",
        "D9",
        "D10",
        "D12",
    }
    assert {name for name, deal in deals.items() if deal.status == DealStatus.LOST} == {
        "D3",
        "D4",
        "D11",
    }
    assert StageChange.objects.filter(deal=deals["D9"]).count() == 7
    assert deals["D9"].lost_reason is None  # reopened, then won
    assert deals["D3"].lost_reason.name == "Price too high"
    assert deals["D1"].visitor_path[0]["url"] == history.pages["case_x"].url
    assert PERIOD.previous().start.isoformat() == "2025-10-03"
    assert history.scope().deals.count() == 12
