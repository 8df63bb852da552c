"""The service catalog: what the company sells, for whom, how, how long and for how much."""

from .inlines import ServicePackage, ServiceProcessStep
from .pages import ServiceIndexPage, ServicePage
from .snippets import ServiceCategory, ServiceType

__all__ = [
    "ServiceCategory",
    "ServiceIndexPage",
    "ServicePackage",
    "ServicePage",
    "ServiceProcessStep",
    "ServiceType",
]
