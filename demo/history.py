"""A year of the demo company's sales history, so every analytics report has something to show
in ``make run``: a few hundred deals from the last twelve months (more in spring and autumn,
fewer in January and August), from search ads, organic search, Telegram, partners and the
newsletter, read cases, services and experts of the demo site before asking, won and lost at
every stage with reasons, and proposals sent, viewed, accepted, declined and expired.

Written by ``demo.pipeline_history`` (bulk, backdated) once: its companies' contacts are the
marker that it ran, so ``seed_demo`` at every ``make run`` adds nothing the second time. The
demo's own sixty deals (``demo.deals``, through the leads services, with tasks and notes)
stay as they were: the history comes after them."""

import datetime

from django.utils import timezone

from leads.models import Contact
from proposals.models import ProposalTemplate

from .deals import seed_sales_users
from .pipeline_history import HISTORY_EMAIL_DOMAIN, generate_history

DEALS = 300
TEMPLATE = {
    "en": (
        "Consulting offer",
        "A short engagement: the diagnostics, a written report and a plan you can act on.",
        "100% on delivery of the report.",
    ),
    "ru": (
        "Консалтинговое предложение",
        "Короткий проект: диагностика, письменный отчёт и план, который можно выполнять.",
        "100% после передачи отчёта.",
    ),
}


def seed_history(lang: str = "en") -> int:
    """Add the year of history once; returns the number of deals added."""
    if Contact.objects.filter(email__endswith=f"@{HISTORY_EMAIL_DOMAIN}").exists():
        return 0
    owners = seed_sales_users()
    name, introduction, terms = TEMPLATE["ru" if lang == "ru" else "en"]
    ProposalTemplate.objects.get_or_create(
        name=name, defaults={"introduction": introduction, "terms": terms}
    )
    end = timezone.now()
    made = generate_history(
        DEALS,
        start=end - datetime.timedelta(days=365),
        end=end,
        seed=2026,
        owners=owners,
        lang=lang,
        batch_size=1000,
    )
    return made.deals
