"""Template helpers of the service catalog."""

from django import template

from catalog.pricing import service_price

register = template.Library()
register.simple_tag(service_price, name="service_price")
