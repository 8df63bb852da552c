"""A service's price as a visitor reads it: the range and what it is paid for."""

from django.utils.translation import gettext as _

from core.formatting import format_money

from .choices import PricingModel


def service_price(service) -> str:
    """ "₽100,000 – ₽400,000", "from ₽350,000", "₽3,500 – ₽5,000 per hour", "from ₽180,000 per
    month": an hourly or monthly rate says so, or it reads like the price of the whole work.
    Empty when the service shows no price."""
    low, high = service.price_from, service.price_to
    if low is None:
        return ""
    money = format_money(low, service.currency, whole=True)
    if high is not None and high != low:
        amount = _("%(low)s – %(high)s") % {
            "low": money,
            "high": format_money(high, service.currency, whole=True),
        }
    elif high is None:
        amount = _("from %(price)s") % {"price": money}
    else:
        amount = money
    if service.pricing_model == PricingModel.HOURLY:
        return _("%(price)s per hour") % {"price": amount}
    if service.pricing_model == PricingModel.SUBSCRIPTION:
        return _("%(price)s per month") % {"price": amount}
    return amount
