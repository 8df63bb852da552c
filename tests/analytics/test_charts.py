"""The server-rendered SVG charts: one bar per row and series with its value, accessible."""

import re
from decimal import Decimal

import pytest

from analytics.base import Chart, Column, Kind, Table
from analytics.charts import render
from analytics.display import expand, show

TABLE = Table(
    "t",
    "Stages",
    [
        Column("stage", "Stage"),
        Column("deals", "Deals", Kind.COUNT),
        Column("amount", "Amount", Kind.MONEY),
    ],
    [
        {"stage": "New", "deals": 9, "amount": {"RUB": Decimal("100"), "USD": Decimal("5")}},
        {"stage": "Won <b>", "deals": 4, "amount": {"RUB": Decimal("50")}},
        {"stage": "Lost", "deals": 0, "amount": {}},
    ],
)


@pytest.mark.parametrize("kind", ["bar", "hbar", "funnel", "line"])
def test_one_mark_per_row_with_its_value(kind):
    svg = str(render(Chart(kind, "stage", ("deals",), "Deals by stage"), TABLE))
    assert 'role="img"' in svg and "<title" in svg and "Deals by stage" in svg
    assert re.findall(r'class="bar"[^>]*data-value="([^"]*)"', svg) == ["9", "4", "0"]
    assert "Won &lt;b&gt;" in svg and "<b>" not in svg


def test_a_money_series_per_currency():
    svg = str(render(Chart("bar", "stage", ("amount",)), TABLE))
    values = re.findall(r'class="bar"[^>]*data-value="([^"]*)"', svg)
    assert values == ["100", "5", "50", "", "", ""]  # RUB then USD, per row
    assert "Amount, RUB" in svg and "Amount, USD" in svg


def test_money_columns_expand_per_currency_never_summed():
    assert [c.label for c in expand(TABLE)] == ["Stage", "Deals", "Amount, RUB", "Amount, USD"]
    assert [c.value(TABLE.rows[1]) for c in expand(TABLE)][2:] == [Decimal("50"), None]


def test_figures_as_shown():
    assert show(Decimal("0.25"), Kind.PERCENT) == "25%"
    assert show(Decimal("0.3333"), Kind.PERCENT) == "33.3%"
    assert show(Decimal("4.25"), Kind.DAYS) == "4.2" or show(Decimal("4.25"), Kind.DAYS) == "4.3"
    assert show(None, Kind.DAYS) == "—" and show(None, Kind.PERCENT) == "—"
