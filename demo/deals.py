"""Demo sales data: sales users and a few months of deals with stage history, tasks and notes.

Everything goes through the leads services, then timestamps are moved into the past.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import ServicePage
from leads.choices import ActivityKind, StageKind
from leads.models import Activity, Deal, LeadSubmission, LostReason, StageChange, Task
from leads.services import LeadMeta, activity_log, deal_move_to_stage, lead_capture

from .history_rows import record_deal_facts

SALES_USERS = [
    ("olga", "Olga", "Smirnova", "Sales"),
    ("pavel", "Pavel", "Orlov", "Sales"),
    ("maria", "Maria", "Kuznetsova", "Sales managers"),
]

# The people who asked: (name), (company) and the services that company would ask about. The
# companies are the demo's clients (the same people as on their cases) and a few prospects;
# every text is an ``(english, russian)`` pair.
PEOPLE = [
    (
        ("Irina Vasilieva", "Ирина Васильева"),
        ("Modnaya Liniya", "«Модная линия»"),
        ["ecommerce", "ux"],
    ),
    (("Ruslan Akhmetov", "Руслан Ахметов"), ("Vostok Cargo", "«Восток Карго»"), ["dwh"]),
    (
        ("Svetlana Makarova", "Светлана Макарова"),
        ("FreshMarket", "«СвежийМаркет»"),
        ["forecasting"],
    ),
    (
        ("Oleg Nikitin", "Олег Никитин"),
        ("Volga Bank", "Банк «Волга»"),
        ["kubernetes", "ux", "privacy"],
    ),
    (("Elena Sorokina", "Елена Сорокина"), ("MedLine", "«МедЛайн»"), ["privacy", "corporate-site"]),
    (("Nikolai Gromov", "Николай Громов"), ("SteelWorks", "«СтальВоркс»"), ["mobile-app"]),
    (
        ("Natalia Pavlova", "Наталья Павлова"),
        ("SkillUp", "SkillUp"),
        ["ux", "performance", "corporate-site"],
    ),
    (
        ("Sergei Morozov", "Сергей Морозов"),
        ("GorodStroy", "«ГородСтрой»"),
        ["performance", "corporate-site", "seo-audit"],
    ),
    (
        ("Anna Belova", "Анна Белова"),
        ("Krasota", "«Красота»"),
        ["performance", "seo-audit", "ecommerce"],
    ),
    (
        ("Igor Fedorov", "Игорь Фёдоров"),
        ("Baltic Port", "«Балтийский порт»"),
        ["it-strategy", "cloud-audit"],
    ),
    (
        ("Tatiana Kozlova", "Татьяна Козлова"),
        ("Dom Plus", "«Дом Плюс»"),
        ["seo-audit", "corporate-site"],
    ),
    (("Artur Khasanov", "Артур Хасанов"), ("Bystro", "«Быстро»"), ["devops-support"]),
]
MESSAGES = [
    (
        "We need an estimate and a timeline before the end of the quarter.",
        "Нужна оценка стоимости и сроков до конца квартала, чтобы заложить в бюджет.",
    ),
    (
        "Could you tell us more about the packages and the team?",
        "Расскажите, пожалуйста, подробнее о пакетах и о том, кто будет в команде.",
    ),
    (
        "Our current contractor left; we need someone to take over quickly.",
        "Подрядчик ушёл с проекта, ищем, кто сможет быстро подхватить.",
    ),
    (
        "We saw your case and want something similar.",
        "Посмотрели ваш кейс — хотим похожее решение у себя.",
    ),
]
UTM_MEDIUM = {"yandex": "cpc", "google": "cpc", "telegram": "social", "partner": "referral"}
UTM_CAMPAIGNS = ["brand", "services", "retargeting"]


def _demo_utm(source: str, number: int) -> dict[str, str]:
    """The UTM tags of the visit that sent a demo request (no extra random draws: the rest of
    the demo stays as it was)."""
    return {
        "utm_source": source,
        "utm_medium": UTM_MEDIUM[source],
        "utm_campaign": UTM_CAMPAIGNS[number % len(UTM_CAMPAIGNS)],
    }


def _demo_utm_first(number: int, created: datetime.datetime) -> dict:
    """The first visit of every third demo person (the others came first with this request)."""
    if number % 3:
        return {}
    return {
        "landing": "https://example.com/",
        "referrer": "https://yandex.ru/",
        "utm": _demo_utm("yandex", number + 1),
        "at": (created - datetime.timedelta(days=3 + number % 20)).isoformat(timespec="seconds"),
    }


NOTES = [
    ("Called: the budget is approved.", "Созвонились: бюджет согласован."),
    ("Sent the presentation.", "Отправил презентацию."),
    ("Meeting scheduled for next week.", "Встреча назначена на следующую неделю."),
    ("Asked for references.", "Просят контакты клиентов для рекомендаций."),
]


def seed_sales_users() -> list[User]:
    users = []
    for username, first, last, group in SALES_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@northwind.example",
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=group))
        users.append(user)
    return users


def _backdate(deal: Deal, created: datetime.datetime) -> None:
    """The deal, its first stage and its request (the submission as received, with its
    consent, and its timeline entry) as of ``created`` (the first move's ``from_stage_since``
    is the deal's ``stage_entered_at`` then)."""
    Deal.objects.filter(pk=deal.pk).update(created_at=created, stage_entered_at=created)
    StageChange.objects.filter(deal=deal, from_stage__isnull=True).update(changed_at=created)
    Activity.objects.filter(deal=deal, kind="request").update(created_at=created)
    LeadSubmission.objects.filter(deal=deal).update(created_at=created, consent_at=created)


def _backdate_close(deal: Deal, closed: datetime.datetime) -> None:
    """The winning or losing move as of ``closed``: the deal's ``closed_at``, its
    ``stage_entered_at`` and the closing StageChange (and its timeline entry) all say the same
    moment, so "Time in stage" and the win dates read the demo's history as it happened."""
    Deal.objects.filter(pk=deal.pk).update(closed_at=closed, stage_entered_at=closed)
    StageChange.objects.filter(deal=deal, to_stage=deal.stage_id).update(changed_at=closed)
    Activity.objects.filter(
        deal=deal, kind__in=[ActivityKind.DEAL_WON, ActivityKind.DEAL_LOST], created_at__gt=closed
    ).update(created_at=closed)


def seed_deals(count: int = 60, lang: str = "en") -> int:
    """Create ``count`` demo deals once (does nothing when deals exist), written in ``lang``;
    each person asks about a service their company would buy."""
    if Deal.objects.exists():
        return 0
    seed_sales_users()
    rng = random.Random(7)
    t = 1 if lang == "ru" else 0
    wanted = {slug for _person, _company, slugs in PEOPLE for slug in slugs}
    services = {page.slug: page for page in ServicePage.objects.live().filter(slug__in=wanted)}
    reasons = list(LostReason.objects.all())
    now = timezone.now()
    made, seeded = 0, []
    for number in range(count):
        person, company, slugs = PEOPLE[number % len(PEOPLE)]
        choices = [services[slug] for slug in slugs if slug in services]
        service = rng.choice(choices) if choices else None
        created = now - datetime.timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 23))
        with transaction.atomic():
            deal = lead_capture(
                data={
                    "name": person[t],
                    "email": f"{person[0].split()[0].lower()}.{number}"
                    f"@{company[0].lower().replace(' ', '')}.example",
                    "company": company[t],
                    "message": rng.choice(MESSAGES)[t],
                    "consent": "on",
                },
                source_page=service,
                meta=LeadMeta(
                    source="website",
                    utm=_demo_utm(rng.choice(["yandex", "google", "telegram", "partner"]), number),
                    # every third person first came from a search ad some days earlier
                    first_touch=_demo_utm_first(number, created),
                    dedupe_key=f"demo-{number}",
                ),
                notify=False,
            )
            _backdate(deal, created)
            stages = list(deal.pipeline.stages.order_by("sort_order"))
            open_stages = [s for s in stages if s.kind == StageKind.OPEN]
            steps = rng.randint(0, len(open_stages) - 1)
            moment = created
            for stage in open_stages[1 : steps + 1]:
                moment += datetime.timedelta(days=rng.randint(1, 12))
                if moment >= now:
                    break
                deal = deal_move_to_stage(deal=deal, stage=stage, user=deal.owner)
                StageChange.objects.filter(deal=deal, to_stage=stage).update(changed_at=moment)
                Deal.objects.filter(pk=deal.pk).update(stage_entered_at=moment)
                Activity.objects.filter(
                    deal=deal, kind=ActivityKind.STAGE_CHANGE, created_at__gt=moment
                ).update(created_at=moment)
                note = activity_log(
                    kind="note", text=rng.choice(NOTES)[t], deal=deal, author=deal.owner
                )
                Activity.objects.filter(pk=note.pk).update(created_at=moment)
            ending = rng.random()
            closing_at = moment + datetime.timedelta(days=rng.randint(2, 15))
            if ending < 0.3 and closing_at < now:
                won = next(s for s in stages if s.kind == StageKind.WON)
                amount = Decimal(rng.randint(3, 80) * 50_000)
                deal = deal_move_to_stage(deal=deal, stage=won, user=deal.owner, amount=amount)
                _backdate_close(deal, closing_at)
            elif ending < 0.5 and closing_at < now and reasons:
                lost = next(s for s in stages if s.kind == StageKind.LOST)
                deal = deal_move_to_stage(
                    deal=deal, stage=lost, user=deal.owner, lost_reason=rng.choice(reasons)
                )
                _backdate_close(deal, closing_at)
            else:
                Deal.objects.filter(pk=deal.pk, amount__isnull=True).update(
                    amount=Decimal(rng.randint(2, 60) * 50_000)
                )
                Task.objects.open().filter(deal=deal).update(
                    due_at=now + datetime.timedelta(hours=rng.randint(-72, 96))
                )
            seeded.append(deal.pk)
        made += 1
    # the back-dating above is written by update(), which Deal's signals do not see
    record_deal_facts(seeded)
    return made


# What the demo's clients did with their proposals, in this order over the chosen deals.
PROPOSAL_OUTCOMES = ["sent", "sent", "viewed", "accepted", "accepted", "declined"]


def seed_proposals(lang: str = "en") -> int:
    """A proposal template and proposals in every state a salesperson meets (once): sent, opened
    by the client, accepted (the deal takes the total and moves to the pipeline's "accepted"
    stage) and declined (the owner gets a task). All through the proposal services."""
    from proposals.models import Proposal, ProposalTemplate
    from proposals.selectors import send_problems
    from proposals.services import (
        proposal_accept,
        proposal_create_from_deal,
        proposal_decline,
        proposal_record_view,
        proposal_send,
    )

    if Proposal.objects.exists():
        return 0
    t = 1 if lang == "ru" else 0
    name, introduction, terms = (
        ("Standard project offer", "Типовое коммерческое предложение"),
        (
            "Thank you for your request. Below is the scope we propose, the team and the cases "
            "closest to your task.",
            "Спасибо за обращение! Ниже — состав работ, команда и кейсы, наиболее близкие к "
            "вашей задаче.",
        ),
        (
            "50% before the start, 50% on acceptance. Prices exclude VAT unless stated.",
            "Предоплата 50 %, остаток — после подписания акта. Цены указаны без НДС, если не "
            "оговорено иное.",
        ),
    )
    template, _ = ProposalTemplate.objects.get_or_create(
        name=name[t], defaults={"introduction": introduction[t], "terms": terms[t]}
    )
    template.default_services.set(
        ServicePage.objects.filter(slug__in=["ecommerce", "kubernetes", "dwh"])
    )
    template.save()
    # open deals still before their pipeline's "sent" stage, from as many pipelines as there are
    candidates = (
        Deal.objects.filter(
            status="open",
            services__isnull=False,
            pipeline__stages__proposal_milestone="sent",
            pipeline__stages__sort_order__gt=F("stage__sort_order"),
        )
        .distinct()
        .order_by("pipeline_id", "pk")
    )
    by_pipeline: dict[int, list[Deal]] = {}
    for deal in candidates:
        by_pipeline.setdefault(deal.pipeline_id, []).append(deal)
    ordered = [deal for group in zip(*by_pipeline.values(), strict=False) for deal in group]
    ordered += [deal for deal in candidates if deal not in ordered]
    made = 0
    for deal in ordered:
        if made == len(PROPOSAL_OUTCOMES):
            break
        proposal = proposal_create_from_deal(deal=deal, user=deal.owner)
        if send_problems(proposal):
            proposal.delete()
            continue
        outcome = PROPOSAL_OUTCOMES[made]
        proposal = proposal_send(proposal=proposal, user=deal.owner)
        if outcome != "sent":
            proposal = proposal_record_view(proposal=proposal)
        if outcome == "accepted":
            proposal_accept(
                proposal=proposal,
                name=deal.contact.name,
                position=("CEO", "Генеральный директор")[t],
                ip_address="192.0.2.10",
            )
        elif outcome == "declined":
            proposal_decline(
                proposal=proposal,
                reason=("The budget moved to next year.", "Бюджет перенесли на следующий год.")[t],
            )
        made += 1
    return made
