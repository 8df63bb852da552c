"""The fingerprint of a case's results as its client confirmed them.

Why: "Results confirmed by the client" is a claim about particular numbers. The date is copied
into every later revision of the page, so on its own it would vouch for whatever an editor
publishes afterwards. The digest pins it to the confirmed metrics: ``CasePage.clean`` (run when
a revision is saved and when a page is published) drops the date once they differ."""

import hashlib
import json
from decimal import Decimal, InvalidOperation


def _number(value) -> str | None:
    """The same text for 4.5, "4.50" and Decimal("4.500")."""
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(number)
    return "0" if number.is_zero() else format(number.normalize(), "f")


def metrics_digest(metrics) -> str:
    """sha256 of the results in their order: label, before, after, unit, period, direction."""
    ordered = sorted(metrics, key=lambda m: (m.sort_order is None, m.sort_order or 0))
    rows = [
        [
            metric.label or "",
            _number(metric.value_before),
            _number(metric.value_after),
            metric.unit or "",
            metric.period or "",
            bool(metric.higher_is_better),
        ]
        for metric in ordered
    ]
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
