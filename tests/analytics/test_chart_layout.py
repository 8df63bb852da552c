"""What a manager reads on a report screen: legends inside the chart, long labels cut with
their full text kept, no empty boxes, money in whole units per currency, cards per currency."""

import re
from decimal import Decimal

from django.utils import translation

from analytics.base import Chart, Column, Kind, Table
from analytics.charts import WIDTH, render
from analytics.display import lines, show

SERIES = [Column(f"s{i}", f"Median days to closing, series {i}", Kind.DAYS) for i in range(5)]
WIDE = Table(
    "wide",
    "Periods",
    [Column("period", "Period"), *SERIES],
    [
        {
            "period": "2025-11-29 – 2026-11-28",
            **{c.name: Decimal(i + 1) for i, c in enumerate(SERIES)},
        },
        {"period": "A very long landing page path /cases/retail/warehouse-automation/?utm=x"},
    ],
)


def test_the_legend_wraps_inside_the_chart_and_labels_keep_their_full_text():
    for kind in ("bar", "hbar", "line"):
        svg = str(render(Chart(kind, "period", tuple(c.name for c in SERIES)), WIDE))
        xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="12"', svg)]
        assert len(xs) == 5 and max(xs) < WIDTH - 100  # five keys, none pushed off the edge
        assert "series 4" in svg  # the last key is not cut
        height = float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg)[1])
        texts = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)"', svg)]
        assert max(texts) < height
    svg = str(render(Chart("hbar", "period", ("s0",)), WIDE))
    assert "<title>A very long landing page path /cases/retail/warehouse-automation/?utm=x" in svg
    assert "…" in svg


def test_nothing_to_chart_is_said_not_drawn():
    empty = Table(
        "e", "Empty", [Column("k", "K"), Column("n", "N", Kind.COUNT)], [{"k": "a", "n": 0}]
    )
    assert "<svg" not in str(render(Chart("bar", "k", ("n",)), empty))
    assert "Nothing to chart." in str(render(Chart("bar", "k", ("n",)), empty))


def test_money_reads_in_whole_units_of_each_currency():
    amounts = {"RUB": Decimal("1000000.40"), "USD": Decimal("20000")}
    with translation.override("en"):
        assert show(amounts, Kind.MONEY) == "₽1,000,000 · $20,000"
        assert lines(amounts, Kind.MONEY) == ["₽1,000,000", "$20,000"]
        assert show(Decimal("0.4444"), Kind.PERCENT) == "44.4%"
    with translation.override("ru"):
        assert lines(amounts, Kind.MONEY)[0].replace("\xa0", " ") == "1 000 000 ₽"
        assert show(Decimal("0.4444"), Kind.PERCENT).replace("\xa0", " ") == "44,4 %"


def test_a_long_table_charts_its_first_rows_and_says_so():
    rows = [{"page": f"Page {i}", "n": 100 - i} for i in range(40)]
    table = Table("p", "Pages", [Column("page", "Page"), Column("n", "N", Kind.COUNT)], rows)
    svg = str(render(Chart("hbar", "page", ("n",)), table))
    assert svg.count('class="bar"') == 15
    assert "The first 15 of 40 rows; the table lists them all." in svg


def test_a_figure_at_a_half_rounds_up_as_its_export_does():
    """The export holds 26.65 % and 84.45 days; a spreadsheet shows them as 26.7 and 84.5,
    so the screen does too (Decimal's default would say 26.6 and 84.4)."""
    from decimal import Decimal

    from analytics.base import Kind
    from analytics.display import show

    assert show(Decimal("0.2665"), Kind.PERCENT) == "26.7%"
    assert show(Decimal("84.45"), Kind.DAYS) == "84.5"
