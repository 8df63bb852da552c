"""A throwaway report for the screens' tests (the frame is tested apart from the real reports):
deals created in the period, per status, with their amounts, share and mean age."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from analytics.base import Chart, Column, Kind, Report, Table, money_add, rate

TITLE = _("Fake report")
DEFINITIONS = _("Deals created in the period, per status.")
STATUSES = ("open", "won", "lost")


def _created(scope):
    return scope.deals.filter(created_at__gte=scope.period.since, created_at__lt=scope.period.until)


def build(scope) -> Report:
    counts = dict.fromkeys(STATUSES, 0)
    amounts = {status: {} for status in STATUSES}
    for row in (
        _created(scope)
        .order_by()
        .values("status", "currency")
        .annotate(n=Count("pk"), s=Sum("amount"))
    ):
        counts[row["status"]] += row["n"]
        money_add(amounts[row["status"]], row["currency"], row["s"])
    total = sum(counts.values())
    rows = [
        {
            "key": status,
            "status": status.title(),
            "deals": counts[status],
            "amount": amounts[status],
            "share": rate(counts[status], total),
            "days": None,
        }
        for status in STATUSES
    ]
    columns = [
        Column("status", _("Status")),
        Column("deals", _("Deals"), Kind.COUNT, cohort="created"),
        Column("amount", _("Amount"), Kind.MONEY),
        Column("share", _("Share"), Kind.PERCENT),
        Column("days", _("Days"), Kind.DAYS),
    ]
    table = Table(
        "by_status",
        _("By status"),
        columns,
        rows,
        chart=Chart("bar", "status", ("deals",), _("Deals by status")),
        totals={"key": "all", "status": "Total", "deals": total},
    )
    second = Table("second", _("Second"), [Column("status", _("Status"))], [{"status": "=SUM(A1)"}])
    return Report(
        tables=[table, second],
        headline=[(Column("total", _("Requests"), Kind.COUNT), total, None)],
    )


def cohort(scope, name, key):
    if name != "created":
        return None
    if key == "all":
        return _created(scope)
    if key not in STATUSES:
        return None
    return _created(scope).filter(status=key)
