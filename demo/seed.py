"""Builds the demo company: site settings, page tree, catalog, experts and cases.

Every step looks for what it would create first, so running it twice changes nothing.
"""

import datetime
import random
from contextlib import contextmanager
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.models import Page, Site

from tqdm import tqdm

from cases.models import CaseIndexPage, CaseMetric, CasePage, CaseTeamMember, Industry
from catalog.models import (
    ServiceCategory,
    ServiceIndexPage,
    ServicePackage,
    ServicePage,
    ServiceProcessStep,
    ServiceType,
)
from core.models import ContentPage, HomePage, SiteSettings
from experts.models import (
    Certificate,
    Competency,
    ExpertCompetency,
    ExpertIndexPage,
    ExpertPage,
    Publication,
)
from leads.models import ContactPage

from . import images
from .data import catalog as catalog_data
from .data import people as people_data
from .data import privacy as privacy_data

GENERATED_PREFIX = "generated-"


@contextmanager
def index_updates_paused():
    """Skip per-save search and reference index tasks; the caller rebuilds the indexes once."""
    from django.apps import apps

    from wagtail.signal_handlers import disable_reference_index_auto_update

    from modelsearch.signal_handlers import post_save_signal_handler

    disconnected = [
        model
        for model in apps.get_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


class DemoSeeder:
    """Creates the demo company in one language (``en`` or ``ru``)."""

    def __init__(self, *, lang: str = "en", stdout=None):
        self.lang = lang
        self.index = 1 if lang == "ru" else 0
        self.stdout = stdout
        self.created = 0

    def t(self, pair):
        """Pick the text of the seeding language from an ``(english, russian)`` pair."""
        if isinstance(pair, tuple):
            return pair[self.index]
        return pair

    def log(self, message: str) -> None:
        if self.stdout:
            self.stdout.write(message)

    # -- tree -------------------------------------------------------------------------------

    def add_page(self, parent: Page, page: Page) -> Page:
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing:
            return existing.specific
        page.first_published_at = page.first_published_at or timezone.now()
        page.last_published_at = page.first_published_at
        parent.add_child(instance=page)
        self.created += 1
        return page

    def seed(self) -> int:
        with transaction.atomic():
            home = self.seed_home()
            self.seed_settings(home)
            categories = self.seed_categories()
            competencies = self.seed_competencies()
            industries = self.seed_industries()
            experts = self.seed_experts(home, competencies)
            services = self.seed_services(home, categories, competencies)
            self.seed_cases(home, industries, services, experts)
        return self.created

    def seed_home(self) -> HomePage:
        home = HomePage.objects.first()
        root = Page.get_first_root_node()
        if home is None:
            company = catalog_data.COMPANY
            hero = images.make_image(
                "Demo: hero", images.draw_cover("hero", (1200, 800)), "hero.jpg"
            )
            home = HomePage(
                title=self.t(company["name"]),
                slug="home",
                hero_title=self.t(company["hero_title"]),
                hero_text=self.t(company["hero_text"]),
                hero_image=hero,
                value_proposition=self.t(company["value_proposition"]),
                key_figures=[
                    ("figure", {"value": value, "label": self.t(label)})
                    for value, label in company["figures"]
                ],
                call_to_action=[
                    (
                        "call_to_action",
                        {
                            "title": self.t(
                                ("Tell us about your task", "Расскажите о своей задаче")
                            ),
                            "text": self.t(
                                (
                                    "We will answer within one working day and propose a team.",
                                    "Ответим в течение рабочего дня и предложим команду.",
                                )
                            ),
                            "button_text": self.t(("Send a request", "Оставить заявку")),
                            "page": None,
                            "url": "/contact/",
                        },
                    )
                ],
            )
            # Take the place of Wagtail's welcome page, keeping the default site.
            welcome = (
                root.get_children()
                .exclude(content_type__model="homepage")
                .filter(slug="home")
                .first()
            )
            if welcome:
                welcome.slug = "wagtail-welcome"
                welcome.save(update_fields=["slug"])
            self.add_page(root, home)
            base_url = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
            site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
            site.hostname = base_url.hostname or "localhost"
            site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
            site.root_page = home
            site.site_name = self.t(company["name"])
            site.save()
            if welcome:
                welcome.delete()
        self.services_index = self.add_page(
            home,
            ServiceIndexPage(
                title=self.t(("Services", "Услуги")),
                slug="services",
                show_in_menus=True,
                introduction=self.t(
                    (
                        "What we do, for whom, how long it takes and what it costs.",
                        "Что мы делаем, для кого, сколько времени это занимает и сколько стоит.",
                    )
                ),
            ),
        )
        self.cases_index = self.add_page(
            home,
            CaseIndexPage(
                title=self.t(("Cases", "Кейсы")),
                slug="cases",
                show_in_menus=True,
                introduction=self.t(
                    ("Projects with measured results.", "Проекты с измеренными результатами.")
                ),
            ),
        )
        self.experts_index = self.add_page(
            home,
            ExpertIndexPage(
                title=self.t(("Experts", "Эксперты")),
                slug="experts",
                show_in_menus=True,
                introduction=self.t(
                    ("The people who deliver your project.", "Люди, которые сделают ваш проект.")
                ),
            ),
        )
        self.about = self.add_page(
            home,
            ContentPage(
                title=self.t(("About us", "О компании")),
                slug="about",
                show_in_menus=True,
                introduction=self.t(catalog_data.COMPANY["tagline"]),
                body=[("rich_text", self.t(catalog_data.COMPANY["value_proposition"]))],
            ),
        )
        self.contact = self.add_page(
            home,
            ContactPage(
                title=self.t(("Contact", "Контакты")),
                slug="contact",
                show_in_menus=True,
                introduction=self.t(
                    (
                        "<p>Tell us what you need: we answer within one working day.</p>",
                        "<p>Расскажите, что вам нужно: ответим в течение рабочего дня.</p>",
                    )
                ),
            ),
        )
        self.privacy = self.add_page(
            home,
            ContentPage(
                title=self.t(("Privacy policy", "Политика конфиденциальности")),
                slug="privacy",
                introduction=self.t(
                    (
                        "How we process the personal data you send us.",
                        "Как мы обрабатываем персональные данные, которые вы нам передаёте.",
                    )
                ),
                body=[("rich_text", self.t(privacy_data.POLICY))],
            ),
        )
        return home

    def seed_settings(self, home: HomePage) -> None:
        site = Site.objects.get(root_page=home)
        settings = SiteSettings.for_site(site)
        if settings.legal_name:
            return
        company = catalog_data.COMPANY
        settings.company_name = self.t(company["name"])
        settings.tagline = self.t(company["tagline"])
        settings.legal_name = self.t(company["legal_name"])
        settings.legal_details = self.t(company["legal_details"])
        settings.address = self.t(company["address"])
        settings.email = company["email"]
        settings.phone = company["phone"]
        settings.logo = images.make_image("Demo: logo", images.draw_logo("logo"), "logo.jpg")
        settings.privacy_policy_page = self.privacy
        settings.social_links = [
            ("link", {"name": "Telegram", "url": "https://t.me/northwind_example"}),
            ("link", {"name": "GitHub", "url": "https://github.com/northwind-example"}),
        ]
        if self.lang == "ru":
            settings.consent_text = (
                "Я даю согласие на обработку моих персональных данных для ответа на эту заявку "
                "в соответствии с политикой конфиденциальности."
            )
        settings.save()

    # -- snippets ---------------------------------------------------------------------------

    def seed_categories(self) -> dict[str, ServiceCategory]:
        result = {}
        for order, (key, name) in enumerate(catalog_data.CATEGORIES):
            result[key], _ = ServiceCategory.objects.get_or_create(
                slug=key, defaults={"name": self.t(name), "sort_order": order}
            )
        return result

    def seed_competencies(self) -> dict[str, Competency]:
        result = {}
        for key, area, name in catalog_data.COMPETENCIES:
            result[key], _ = Competency.objects.get_or_create(
                slug=key, defaults={"name": self.t(name), "area": area}
            )
        return result

    def seed_industries(self) -> dict[str, Industry]:
        result = {}
        for key, name in people_data.INDUSTRIES:
            result[key], _ = Industry.objects.get_or_create(
                slug=key, defaults={"name": self.t(name)}
            )
        return result

    # -- pages ------------------------------------------------------------------------------

    def seed_experts(self, home, competencies) -> dict[str, ExpertPage]:
        result = {}
        rng = random.Random("experts")
        for key, name, position, seniority, years, skills in people_data.EXPERTS:
            existing = self.experts_index.get_children().filter(slug=key).first()
            if existing:
                result[key] = existing.specific
                continue
            photo = images.make_image(
                f"Demo: expert {key}", images.draw_portrait(key), f"{key}.jpg"
            )
            expert = ExpertPage(
                title=self.t(name),
                slug=key,
                photo=photo,
                position=self.t(position),
                seniority=seniority,
                years_of_experience=years,
                languages=self.t(("English, Russian", "Русский, английский")),
                short_bio=self.t(
                    (
                        f"{name[0]} has {years} years of practice and leads our work on "
                        f"{', '.join(competencies[s].name for s, _l, _y in skills)}.",
                        f"{name[1]}: {years} лет практики, ведёт направления "
                        f"{', '.join(competencies[s].name for s, _l, _y in skills)}.",
                    )
                ),
                workload_percent=rng.choice([20, 40, 60, 80, 100]),
                available_from=datetime.date.today() + datetime.timedelta(days=rng.randint(0, 60)),
            )
            for skill, level, skill_years in skills:
                expert.competency_links.add(
                    ExpertCompetency(competency=competencies[skill], level=level, years=skill_years)
                )
                cert_title, issuer = people_data.CERTIFICATES[skill]
                expert.certificates.add(
                    Certificate(
                        title=cert_title,
                        issuer=issuer,
                        year=2025 - rng.randint(0, skill_years),
                        credential_url="https://example.com/credentials/" + key,
                    )
                )
            expert.publications.add(
                Publication(
                    kind=rng.choice(["talk", "article"]),
                    title=self.t(
                        (
                            f"What we learned about {competencies[skills[0][0]].name}",
                            f"Что мы узнали о {competencies[skills[0][0]].name}",
                        )
                    ),
                    venue=rng.choice(people_data.VENUES),
                    date=datetime.date(2025 - rng.randint(0, 4), rng.randint(1, 12), 1),
                )
            )
            result[key] = self.add_page(self.experts_index, expert)
        return result

    def seed_services(self, home, categories, competencies) -> dict[str, ServicePage]:
        result = {}
        types = {service_type.code: service_type for service_type in ServiceType.objects.all()}
        for data in catalog_data.SERVICES:
            key = data["key"]
            existing = self.services_index.get_children().filter(slug=key).first()
            if existing:
                result[key] = existing.specific
                continue
            category = data["category"]
            price_from, price_to = data["price"]
            dmin, dmax, unit = data["duration"]
            service = ServicePage(
                title=self.t(data["title"]),
                slug=key,
                category=categories[category],
                summary=self.t(data["summary"]),
                image=images.make_image(
                    f"Demo: service {key}", images.draw_cover(key), f"{key}.jpg"
                ),
                audience=f"<p>{self.t(data['audience'])}</p>",
                applicability=f"<p>{self.t(data['applicability'])}</p>",
                methodology=self.t(
                    (
                        "<p>Short iterations, a demo every two weeks, and a fixed person responsible "
                        "on each side.</p>",
                        "<p>Короткие итерации, демонстрация каждые две недели и назначенный "
                        "ответственный с каждой стороны.</p>",
                    )
                ),
                duration_min=dmin,
                duration_max=dmax,
                duration_unit=unit,
                pricing_model=data["pricing"],
                price_from=Decimal(price_from),
                price_to=Decimal(price_to) if price_to is not None else None,
                currency=data["currency"],
                complexity=data["complexity"],
                cost_factors=[
                    ("factor", {"name": self.t(name), "description": self.t(text)})
                    for name, text in catalog_data.COST_FACTORS[category]
                ],
                typical_team=[
                    ("role", {"role": self.t(role), "count": count}) for role, count in data["team"]
                ],
                partners=[
                    ("partner", {"name": name, "role": self.t(role), "url": url})
                    for name, role, url in catalog_data.PARTNERS.get(category, [])
                ],
                faq=[
                    (
                        "faq",
                        {
                            "title": "",
                            "items": [
                                {
                                    "question": self.t(("How do we start?", "С чего начинаем?")),
                                    "answer": self.t(
                                        (
                                            "<p>Leave a request; within a day we call back and agree "
                                            "a short meeting.</p>",
                                            "<p>Оставьте заявку: в течение дня перезвоним и договоримся "
                                            "о короткой встрече.</p>",
                                        )
                                    ),
                                },
                                {
                                    "question": self.t(
                                        ("Can the price change?", "Может ли измениться цена?")
                                    ),
                                    "answer": self.t(
                                        (
                                            "<p>Only if the scope changes, and only after you agree "
                                            "in writing.</p>",
                                            "<p>Только при изменении объёма работ и только после вашего "
                                            "письменного согласия.</p>",
                                        )
                                    ),
                                },
                            ],
                        },
                    )
                ],
            )
            for title, text in catalog_data.STEPS[category]:
                service.process_steps.add(
                    ServiceProcessStep(title=self.t(title), description=self.t(text))
                )
            for name, price, duration, included in data["packages"]:
                service.packages.add(
                    ServicePackage(
                        name=self.t(name),
                        price=Decimal(price),
                        duration=self.t(duration),
                        included=self.t(included),
                    )
                )
            service.service_types.set([types[code] for code in data["types"]])
            service.required_competencies.set([competencies[c] for c in data["competencies"]])
            result[key] = self.add_page(self.services_index, service)
        return result

    def seed_cases(self, home, industries, services, experts) -> None:
        now = timezone.now()
        for number, row in enumerate(people_data.CASES):
            (
                key,
                title,
                client,
                client_description,
                industry,
                service_keys,
                year,
                months,
                visibility,
                team,
                metrics,
                challenge,
                solution,
                has_testimonial,
            ) = row
            if self.cases_index.get_children().filter(slug=key).exists():
                continue
            author, position = people_data.TESTIMONIAL_AUTHORS[
                number % len(people_data.TESTIMONIAL_AUTHORS)
            ]
            case = CasePage(
                title=self.t(title),
                slug=key,
                visibility=visibility,
                client_name=self.t(client),
                client_description=self.t(client_description),
                industry=industries[industry],
                year=year,
                duration_months=months,
                summary=self.t(challenge) + " " + self.t(solution),
                hero_image=images.make_image(
                    f"Demo: case {key}", images.draw_cover(key), f"{key}.jpg"
                ),
                challenge=f"<p>{self.t(challenge)}</p>",
                solution=f"<p>{self.t(solution)}</p>",
                budget=Decimal(1_000_000 + 250_000 * number),
                client_contact=self.t(author) + ", " + self.t(position),
                internal_notes=self.t(
                    (
                        "Upsell: support contract in discussion.",
                        "Допродажа: обсуждается договор поддержки.",
                    )
                ),
                first_published_at=now - datetime.timedelta(days=len(people_data.CASES) - number),
            )
            if has_testimonial:
                case.testimonial_quote = self.t(
                    people_data.TESTIMONIALS[number % len(people_data.TESTIMONIALS)]
                )
                case.testimonial_author = self.t(author)
                case.testimonial_position = self.t(position)
            for expert_key, role in team:
                case.team.add(CaseTeamMember(expert=experts[expert_key], role=self.t(role)))
            for label, before, after, unit, higher in metrics:
                case.metrics.add(
                    CaseMetric(
                        label=self.t(label),
                        value_before=Decimal(str(before)),
                        value_after=Decimal(str(after)),
                        unit=self.t(unit),
                        higher_is_better=higher,
                    )
                )
            case.services.set([services[s] for s in service_keys])
            self.add_page(self.cases_index, case)

    # -- scale ------------------------------------------------------------------------------

    def seed_scale(self, count: int) -> int:
        """Add generated cases up to ``count`` (and services and experts in proportion)."""
        home = HomePage.objects.first()
        if home is None:
            self.seed()
            home = HomePage.objects.first()
        services_index = ServiceIndexPage.objects.descendant_of(home).first()
        cases_index = CaseIndexPage.objects.descendant_of(home).first()
        experts_index = ExpertIndexPage.objects.descendant_of(home).first()
        rng = random.Random(count)
        covers = [
            images.make_image(
                f"Demo: generated cover {n}", images.draw_cover(f"gen{n}"), f"gen{n}.jpg"
            )
            for n in range(12)
        ]
        services = self._generate(
            services_index, ServicePage, max(0, count // 200), self._generated_service, rng, covers
        )
        experts = self._generate(
            experts_index, ExpertPage, max(0, count // 100), self._generated_expert, rng, covers
        )
        all_services = list(ServicePage.objects.all()) or services
        all_experts = list(ExpertPage.objects.all()) or experts
        self._pools = (all_services, all_experts, list(Industry.objects.all()))
        self._generate(cases_index, CasePage, count, self._generated_case, rng, covers)
        return self.created

    def _generate(self, parent, model, count, build, rng, covers):
        existing = model.objects.child_of(parent).filter(slug__startswith=GENERATED_PREFIX).count()
        made = []
        if existing >= count:
            return made
        progress = tqdm(
            total=count, initial=existing, desc=f"{model._meta.verbose_name_plural}", unit="page"
        )
        for number in range(existing, count):
            page = build(number, rng, covers)
            with transaction.atomic():
                made.append(self.add_page(parent, page))
            progress.update(1)
        progress.close()
        return made

    def _generated_service(self, number, rng, covers):
        category = rng.choice(list(ServiceCategory.objects.all()))
        service = ServicePage(
            title=self.t((f"Service {number + 1}", f"Услуга {number + 1}")),
            slug=f"{GENERATED_PREFIX}service-{number + 1}",
            category=category,
            summary=self.t(
                ("A generated service for benchmarks.", "Сгенерированная услуга для бенчмарков.")
            ),
            image=rng.choice(covers),
            pricing_model="fixed",
            price_from=Decimal(rng.randint(1, 50) * 50_000),
        )
        return service

    def _generated_expert(self, number, rng, covers):
        return ExpertPage(
            title=self.t((f"Expert {number + 1}", f"Эксперт {number + 1}")),
            slug=f"{GENERATED_PREFIX}expert-{number + 1}",
            position=self.t(("Engineer", "Инженер")),
            short_bio=self.t(("A generated expert.", "Сгенерированный эксперт.")),
            seniority=rng.choice(["middle", "senior", "lead"]),
            years_of_experience=rng.randint(2, 20),
            photo=rng.choice(covers),
        )

    def _generated_case(self, number, rng, covers):
        services, experts, industries = self._pools
        industry = rng.choice(industries)
        service = rng.choice(services)
        case = CasePage(
            title=self.t(
                (
                    f"{service.title} for client {number + 1}",
                    f"{service.title}: клиент {number + 1}",
                )
            ),
            slug=f"{GENERATED_PREFIX}case-{number + 1}",
            visibility=rng.choice(["public", "public", "public", "anonymised", "internal"]),
            client_name=f"Client {number + 1}",
            client_description=self.t((f"{industry.name} company", f"Компания: {industry.name}")),
            industry=industry,
            year=rng.randint(2015, 2025),
            duration_months=rng.randint(1, 12),
            summary=self.t(
                ("A generated case for benchmarks.", "Сгенерированный кейс для бенчмарков.")
            ),
            hero_image=rng.choice(covers),
            challenge="<p>"
            + self.t(("The client needed results.", "Клиенту были нужны результаты."))
            + "</p>",
            solution="<p>" + self.t(("We delivered them.", "Мы их обеспечили.")) + "</p>",
            first_published_at=timezone.now() - datetime.timedelta(minutes=number),
        )
        case.metrics.add(
            CaseMetric(
                label=self.t(("Conversion", "Конверсия")),
                value_before=Decimal(rng.randint(1, 5)),
                value_after=Decimal(rng.randint(5, 10)),
                unit="%",
            )
        )
        case.team.add(
            CaseTeamMember(expert=rng.choice(experts), role=self.t(("Engineer", "Инженер")))
        )
        case.services.set([service])
        return case
