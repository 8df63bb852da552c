import factory
import wagtail_factories

from .models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_title = "We build what works"

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Content {n}")
    introduction = "Plain text page."

    class Meta:
        model = ContentPage
