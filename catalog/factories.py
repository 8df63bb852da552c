from decimal import Decimal

import factory
import wagtail_factories

from .models import ServiceCategory, ServiceIndexPage, ServicePackage, ServicePage


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = ServiceCategory


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Services"
    slug = "services"

    class Meta:
        model = ServiceIndexPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Service {n}")
    category = factory.SubFactory(ServiceCategoryFactory)
    summary = "A service that solves a problem."
    pricing_model = "fixed"
    price_from = Decimal("100000")
    currency = "RUB"

    class Meta:
        model = ServicePage


class ServicePackageFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServicePageFactory)
    name = factory.Sequence(lambda n: f"Package {n}")
    included = "<ul><li>Everything</li></ul>"
    price = Decimal("150000")

    class Meta:
        model = ServicePackage
