"""The demo reads like a real company, in English and in Russian (issue 17): every case has its
own challenge and solution (not its summary again) and its own testimonial from a person at
that client; prices fit their pricing model (no range whose ends are equal, no project for the
price of an hour); experts' bios and publications differ; a request is never dated after the
deal it became; the Russian demo is written in Russian.

Only the hand-written demo is read: the generated pages of ``--scale`` have slugs starting
with ``generated-`` (demo.seeders.base.GENERATED_PREFIX) and are left out. Seeding takes
about ten seconds, so each language is seeded once per test module (``test_seed_demo.py``,
``test_seed_demo_ru.py``) and every rule is checked on it; the failure lists every broken rule
with its examples.
"""

import re
from collections import defaultdict
from decimal import Decimal

from django.utils.html import strip_tags

from cases.models import CasePage
from catalog.models import ServicePage
from demo.seeders.base import GENERATED_PREFIX
from experts.models import ExpertPage, Publication
from leads.models import Activity, Deal, LeadSubmission

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

# What a price may be for each pricing model, in roubles: an hour of a specialist, a month of
# a subscription, and a project, a consultation or an audit (fixed or with a success fee).
PLAUSIBLE_RUB = {
    "hourly": (1_500, 15_000),
    "subscription": (50_000, 3_000_000),
    "fixed": (100_000, 50_000_000),
    "success_fee": (100_000, 10_000_000),
}


def plain(html: str) -> str:
    """The text of a rich-text field, with its spaces collapsed and its case folded."""
    return " ".join(strip_tags(html or "").split()).casefold()


def hand_written(model):
    return model.objects.live().exclude(slug__startswith=GENERATED_PREFIX)


def case_problems(problems: dict[str, list], lang: str) -> None:
    quotes, authors = defaultdict(set), defaultdict(set)
    challenges, solutions = defaultdict(list), defaultdict(list)
    for case in hand_written(CasePage).specific():
        summary = plain(case.summary)
        challenge, solution = plain(case.challenge), plain(case.solution)
        for name, text in (("challenge", challenge), ("solution", solution)):
            if not text:
                problems[f"case without a {name}"].append(case.slug)
            elif summary in text or text in summary:
                problems[f"case {name} repeats its summary"].append(case.slug)
        if challenge and challenge == solution:
            problems["case challenge and solution are the same"].append(case.slug)
        challenges[challenge].append(case.slug)
        solutions[solution].append(case.slug)
        if case.testimonial_quote:
            quotes[plain(case.testimonial_quote)].add(case.client_name)
            # an anonymised case may hide who said it (the client's choice), not a named one
            named = case.visibility != "anonymised"
            if named and not (case.testimonial_author and case.testimonial_position):
                problems["testimonial without its author and position"].append(case.slug)
            authors[case.testimonial_author].add(case.client_name)
        texts = (case.summary, challenge, solution, case.testimonial_quote)
        if lang == "ru" and not all(CYRILLIC.search(t) for t in texts if t):
            problems["Russian case with a text not in Russian"].append(case.slug)
        if lang == "en" and any(CYRILLIC.search(t) for t in texts if t):
            problems["English case with a text in Russian"].append(case.slug)
    for kind, seen in (("challenge", challenges), ("solution", solutions)):
        problems[f"same {kind} in several cases"] += [s for s in seen.values() if len(s) > 1]
    problems["same testimonial at several clients"] += [
        (quote[:60], sorted(clients)) for quote, clients in quotes.items() if len(clients) > 1
    ]
    problems["same testimonial author at several clients"] += [
        (author, sorted(clients)) for author, clients in authors.items() if len(clients) > 1
    ]


def price_problems(problems: dict[str, list]) -> None:
    for service in hand_written(ServicePage):
        low, high = service.price_from, service.price_to
        if low is None:
            continue
        if high is not None and high <= low:
            problems["price range whose ends are equal (or reversed)"].append(
                (service.slug, low, high)
            )
        if service.currency == "RUB":
            least, most = PLAUSIBLE_RUB[service.pricing_model]
            if not all(least <= price <= most for price in (low, high) if price is not None):
                problems["price implausible for its pricing model"].append(
                    (service.slug, service.pricing_model, low, high)
                )
        for package in service.packages.all():
            if package.price is not None and package.price < low * Decimal("0.5"):
                problems["package far below the service's price"].append(
                    (service.slug, package.name, package.price)
                )


def expert_problems(problems: dict[str, list]) -> None:
    bios, titles = defaultdict(list), defaultdict(list)
    experts = hand_written(ExpertPage)
    for expert in experts:
        bios[" ".join(expert.short_bio.split())].append(expert.slug)
    for publication in Publication.objects.filter(expert__in=experts).select_related("expert"):
        titles[publication.title.casefold()].append(publication.expert.slug)
    problems["same bio for several experts"] += [s for s in bios.values() if len(s) > 1]
    problems["same publication title for several experts"] += [
        (title, slugs) for title, slugs in titles.items() if len(slugs) > 1
    ]
    # a bio that only swaps in the name, the years and the skills is the same bio
    shapes = defaultdict(list)
    for expert in experts:
        shape = expert.short_bio.replace(expert.title, "#")
        shape = re.sub(r"\d+", "#", shape).split(" ")[:4]
        shapes[" ".join(shape)].append(expert.slug)
    problems["bios written from one template"] += [s for s in shapes.values() if len(s) > 3]


def request_problems(problems: dict[str, list], lang: str) -> None:
    deals = {deal.pk: deal for deal in Deal.objects.all()}
    for submission in LeadSubmission.objects.filter(deal__isnull=False):
        deal = deals[submission.deal_id]
        for moment in (submission.created_at, submission.consent_at):
            if moment is not None and moment > deal.created_at:
                problems["request dated after its deal was created"].append(
                    (deal.pk, moment.isoformat(), deal.created_at.isoformat())
                )
                break
        message = submission.data.get("message", "")
        if lang == "ru" and message and not CYRILLIC.search(message):
            problems["Russian demo request written in English"].append(deal.pk)
    for activity in Activity.objects.filter(kind="request", deal__isnull=False):
        if activity.created_at > deals[activity.deal_id].created_at:
            problems["request activity dated after its deal was created"].append(activity.deal_id)


def realism_problems(lang: str) -> dict[str, list]:
    """Every broken rule of the seeded demo in ``lang``, with up to five examples each."""
    problems: dict[str, list] = defaultdict(list)
    case_problems(problems, lang)
    price_problems(problems)
    expert_problems(problems)
    request_problems(problems, lang)
    return {kind: examples[:5] for kind, examples in problems.items() if examples}


def assert_reads_like_a_real_company(lang: str) -> None:
    assert hand_written(CasePage).exclude(testimonial_quote="").count() >= 10
    found = realism_problems(lang)
    assert not found, "\n".join(f"{kind}: {examples}" for kind, examples in found.items())
