"""The frozen copy of everything a sent proposal shows; later catalog edits never change it."""

from typing import Any

from django.conf import settings as django_settings
from django.utils import translation

from wagtail.models import Site

from core.models import SiteSettings


def _plain(value) -> str:
    """``Decimal("10.00")`` → ``"10"``, never ``"1E+1"``."""
    return format(value.normalize(), "f")


def _image_url(image, spec: str) -> str:
    return image.get_rendition(spec).url if image else ""


def build_snapshot(proposal) -> dict[str, Any]:
    """Labels (a line's unit) are frozen in the site's language, the one the client reads,
    whatever language the sender's admin uses."""
    with translation.override(django_settings.LANGUAGE_CODE):
        return _build(proposal)


def _build(proposal) -> dict[str, Any]:
    deal = proposal.deal
    site = Site.objects.filter(is_default_site=True).first()
    settings = SiteSettings.for_site(site) if site else None
    lines = list(proposal.lines.select_related("service", "package"))
    cases = [
        link.case
        for link in proposal.chosen_cases.select_related(
            "case", "case__industry", "case__hero_image"
        )
    ]
    experts = list(proposal.chosen_experts.select_related("expert", "expert__photo"))
    return {
        "company": {
            "name": settings.company_name if settings else "",
            "legal_name": settings.legal_name if settings else "",
            "email": settings.email if settings else "",
            "phone": settings.phone if settings else "",
            "logo": _image_url(settings.logo, "height-60") if settings else "",
        },
        "number": proposal.number,
        "version": proposal.version,
        "title": proposal.title,
        "client": {"name": deal.contact.name, "company": deal.company.name if deal.company else ""},
        "valid_until": proposal.valid_until.isoformat() if proposal.valid_until else None,
        "currency": proposal.currency,
        "introduction": proposal.introduction,
        "terms": proposal.terms,
        "lines": [
            {
                "description": line.description,
                "service": line.service.title if line.service else "",
                "package": line.package.name if line.package else "",
                "quantity": str(line.quantity),
                "unit": line.get_unit_display(),
                "unit_price": str(line.unit_price),
                "total": str(line.line_total),
            }
            for line in lines
        ],
        "phases": [
            {
                "name": phase.name,
                "duration": phase.duration,
                "starts_on": phase.starts_on.isoformat() if phase.starts_on else None,
                "ends_on": phase.ends_on.isoformat() if phase.ends_on else None,
                "deliverables": phase.deliverables,
            }
            for phase in proposal.phases.all()
        ],
        "cases": [
            {
                "title": case.title,
                "client": case.client_display,
                "industry": case.industry.name,
                "year": case.year,
                "summary": case.summary,
                "image": _image_url(case.hero_image, "fill-480x270"),
                "metrics": [
                    {
                        "label": metric.label,
                        "before": _plain(metric.value_before),
                        "after": _plain(metric.value_after),
                        "unit": metric.unit,
                        "change": str(metric.change_percent)
                        if metric.change_percent is not None
                        else None,
                        "direction": metric.direction,
                        "improvement": metric.is_improvement,
                    }
                    for metric in case.metrics.all()
                ],
            }
            for case in cases
        ],
        "team": [
            {
                "name": link.expert.title,
                "role": link.role or link.expert.position,
                "position": link.expert.position,
                "bio": link.expert.short_bio,
                "photo": _image_url(link.expert.photo, "fill-160x160"),
                "competencies": [
                    c.competency.name
                    for c in link.expert.competency_links.select_related("competency")
                ],
            }
            for link in experts
        ],
        "totals": {
            "subtotal": str(proposal.subtotal),
            "discount_percent": _plain(proposal.discount_percent),
            "discount": str(proposal.discount_amount),
            "tax_rate": _plain(proposal.tax_rate),
            "tax": str(proposal.tax_amount),
            "total": str(proposal.total),
        },
    }
