"""The contact page (leads owns it). Sales users, deals and proposals: demo/deals.py."""

from wagtail.models import Page

from leads.models import ContactPage

from .base import Seeding


def seed_contact_page(ctx: Seeding, home: Page) -> ContactPage:
    return ctx.add_page(
        home,
        ContactPage(
            title=ctx.t(("Contact", "Контакты")),
            slug="contact",
            show_in_menus=True,
            introduction=ctx.t(
                (
                    "<p>Tell us what you need: we answer within one working day.</p>",
                    "<p>Расскажите, что вам нужно: ответим в течение рабочего дня.</p>",
                )
            ),
        ),
    )
