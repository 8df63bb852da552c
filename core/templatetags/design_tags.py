"""Template helpers of the public design: the brand files' version, and one way to write a
case's measured figures and to pick the result a case leads with."""

from django import template

from core.brand import brand_version as _brand_version
from core.formatting import format_number, format_percent, to_decimal
from core.models import SiteSettings

register = template.Library()

NBSP = "\u00a0"
PERCENT_UNITS = ("%", "％")


@register.simple_tag(takes_context=True)
def brand_version(context) -> str:
    """The fingerprint of the brand colour, name and logo: the ``?v=`` of /brand.css and the icons."""
    request = context.get("request")
    if request is None:
        return ""
    return _brand_version(SiteSettings.for_request(request))


@register.filter
def metric_figure(value, unit=""):
    """A case's measured value with its unit, written one way everywhere: the language's digits
    and separators, up to two decimals and no trailing zeros (``0.40`` → "0.4"), a per cent in
    the language's per cent format ("19%" in English, "19 %" in Russian), any other unit after
    a no-break space ("410 k", "2.5 h")."""
    unit = (unit or "").strip()
    if to_decimal(value) is None:
        return f"{value}{NBSP}{unit}" if unit and value not in (None, "") else (value or "")
    if unit in PERCENT_UNITS:
        return format_percent(value)
    number = format_number(value)
    return f"{number}{NBSP}{unit}" if unit else number


def _strength(metric) -> tuple:
    change = metric.change_percent
    return (metric.is_improvement, change is not None, abs(change) if change is not None else 0)


@register.filter
def strongest_metric(metrics):
    """The result a case leads with: the improvement with the largest change, else the first."""
    metrics = list(metrics or ())
    if not metrics:
        return None
    best = max(metrics, key=_strength)
    return best if _strength(best)[0] else metrics[0]


@register.filter
def other_metrics(metrics):
    """The case's results after the one it leads with, in the editors' order."""
    metrics = list(metrics or ())
    lead = strongest_metric(metrics)
    return [metric for metric in metrics if metric is not lead]
