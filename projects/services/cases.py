"""A won deal becomes a draft case study: filled from what the deal and its accepted proposal
know, left unpublished and internal for an editor to rewrite and publish.

Why a draft and never a page: the request text and the client's contact are the starting notes,
not something a visitor may read; only an editor decides what becomes public. The draft is
created once per deal: :class:`projects.models.Project` holds the deal uniquely and the deal's
row is locked while its case is made, so two triggers (the won stage and a manager's button, or
two workers) end with one page.
"""

import logging
import math
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import Visibility
from cases.models import CaseIndexPage, CasePage, CaseTeamMember, Industry
from cases.publishing import public_texts
from core.untrusted import strip_nul
from leads.choices import ActivityKind, DealStatus
from leads.models import Deal
from leads.services import activity_log
from proposals.choices import ProposalStatus

from ..models import Assignment, Project

logger = logging.getLogger(__name__)

#: the slug of the industry a draft gets when the client's company has none
OTHER_INDUSTRY_SLUG = "other"

#: The heading over a draft's starting notes (the client's request, the proposal's scope, the
#: placeholders): a case still holding it in any language is not published
#: (:func:`starting_notes_problems`), so the notes never reach a visitor by oversight.
STARTING_NOTES = gettext_lazy("Starting notes: rewrite before publishing")


def accepted_proposal(deal: Deal):
    """The proposal the client accepted last (a revised one replaces the earlier), or None."""
    return (
        deal.proposals.filter(status=ProposalStatus.ACCEPTED)
        .order_by("-accepted_at", "-version", "-pk")
        .first()
    )


@transaction.atomic
def project_for_deal(*, deal: Deal, user=None) -> Project:
    """The deal's project, created on first use (with its accepted proposal, if any).

    Locked for the rest of the caller's transaction; a concurrent creator's row is read back
    instead of failing on the unique deal.
    """
    project = Project.objects.select_for_update().filter(deal_id=deal.pk).first()
    if project is not None:
        return project
    try:
        with transaction.atomic():
            project = Project.objects.create(
                deal=deal, proposal=accepted_proposal(deal), created_by=user
            )
    except IntegrityError:
        return Project.objects.select_for_update().get(deal_id=deal.pk)
    # the team booked when the proposal was accepted, before the deal had a project
    Assignment.objects.filter(proposal__deal_id=deal.pk, project__isnull=True).update(
        project=project
    )
    return project


def case_draft_status(*, deal: Deal) -> Literal["none", "draft", "published"]:
    """ "published" once the deal's case is live, "draft" while it is not, "none" without one."""
    live = (
        Project.objects.filter(deal_id=deal.pk, case__isnull=False)
        .values_list("case__live", flat=True)
        .first()
    )
    if live is None:
        return "none"
    return "published" if live else "draft"


def case_index() -> CaseIndexPage:
    """Where drafts go: the first case index of the tree (one per site)."""
    index = CaseIndexPage.objects.order_by("path").first()
    if index is None:
        raise ValidationError(
            _(
                "There is no case index page to put the case under: "
                "an editor has to create the “Cases” page first."
            )
        )
    return index


@transaction.atomic
def case_draft_create(*, deal: Deal, user=None) -> CasePage:
    """The deal's draft case: created unpublished and internal under the case index, with one
    revision, or the one it already has. Never published here.

    Refuses a lost deal and a tree without a case index (``ValidationError``).
    """
    deal = (
        Deal.objects.select_for_update(of=("self",))
        .select_related("company__industry", "contact")
        .get(pk=deal.pk)
    )
    project = project_for_deal(deal=deal, user=user)
    if project.case_id is not None:
        return project.case.specific
    if deal.status == DealStatus.LOST:
        raise ValidationError(_("A lost deal does not become a case."))
    index = case_index()
    proposal = project.proposal or accepted_proposal(deal)
    case = _draft(deal, proposal)
    case.slug = _free_slug(index, case.title)
    index.add_child(instance=case)
    case.save_revision(user=user, log_action=True)
    project.case = case
    project.proposal = proposal
    project.save(update_fields=["case", "proposal"])
    activity_log(
        kind=ActivityKind.NOTE,
        text=_("Draft case created: %(title)s") % {"title": case.title},
        deal=deal,
        author=user,
        data={"source": "projects", "event": "case_draft", "case": case.pk},
    )
    transaction.on_commit(lambda: _tell_editors(case), robust=True)
    return case


def starting_notes_problems(page):
    """A publish check (``cases.publishing``): refuses a case while a public text still holds
    the starting-notes heading, in any of the site's languages (a draft made in Russian is
    published from an English admin too)."""
    markers = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            markers.add(str(STARTING_NOTES).casefold())
    for field, label, text in public_texts(page):
        folded = text.casefold()
        if any(marker in folded for marker in markers):
            yield (
                field,
                _("Rewrite the starting notes in the %(field)s before publishing.")
                % {"field": label},
            )


def _tell_editors(case: CasePage) -> None:
    from ..tasks import notify_editors

    subject = _("A draft case waits for an editor: %(title)s") % {"title": case.title}
    text = _(
        "A won deal became the draft case “%(title)s”. It is internal and unpublished: "
        "rewrite the starting notes, choose its visibility and publish it."
    ) % {"title": case.title}
    try:
        notify_editors.enqueue(subject, text, case.pk)
    except Exception:
        logger.exception("Could not queue the editors' notice of case %s", case.pk)


# Filling the draft


def _free_slug(index: CaseIndexPage, title: str) -> str:
    """A slug no sibling has, short enough for its suffix (Wagtail's own would pass 255
    characters for a long title)."""
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = slugify(title, allow_unicode=allow_unicode)[:200].strip("-") or "case"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _text(value, limit: int) -> str:
    return Truncator(strip_nul(str(value or "")).strip()).chars(limit) if value else ""


def _industry(deal: Deal) -> Industry:
    """The client's industry, or "Other" (created once): a case needs one."""
    if deal.company and deal.company.industry:
        return deal.company.industry
    other = Industry.objects.filter(slug=OTHER_INDUSTRY_SLUG).first()
    if other is None:
        name = _("Other")
        other = Industry.objects.filter(name=name).first() or Industry.objects.create(
            name=name, slug=OTHER_INDUSTRY_SLUG
        )
    return other


def _request_text(deal: Deal) -> str:
    entry = deal.activities.filter(kind=ActivityKind.REQUEST).order_by("created_at").first()
    return strip_nul(entry.text).strip() if entry else ""


def _paragraphs(text: str):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines))


def _notes_heading():
    return format_html("<h3>{}</h3>", STARTING_NOTES)


def _challenge(request_text: str) -> str:
    if request_text:
        return format_html(
            "{}<p><b>{}</b></p>{}",
            _notes_heading(),
            _("The client's request:"),
            _paragraphs(request_text),
        )
    return format_html("{}<p>{}</p>", _notes_heading(), _("Describe the client's challenge."))


def _solution(proposal) -> str:
    if proposal is None:
        return format_html("{}<p>{}</p>", _notes_heading(), _("Describe what we did."))
    lines = [line.description for line in proposal.lines.all() if line.description]
    phases = [
        " — ".join(part for part in (phase.name, phase.duration, phase.deliverables) if part)
        for phase in proposal.phases.all()
    ]
    html = format_html(
        "{}<p><b>{}</b></p>",
        _notes_heading(),
        _("The accepted proposal %(number)s:") % {"number": proposal.number},
    )
    if lines:
        html += format_html(
            "<p>{}</p><ul>{}</ul>",
            _("Scope"),
            format_html_join("", "<li>{}</li>", ((strip_nul(line),) for line in lines)),
        )
    if phases:
        html += format_html(
            "<p>{}</p><ol>{}</ol>",
            _("Phases"),
            format_html_join("", "<li>{}</li>", ((strip_nul(phase),) for phase in phases)),
        )
    return html


def _duration_months(proposal) -> int | None:
    """From the first phase's start to the last phase's end, when the phases are dated."""
    if proposal is None:
        return None
    phases = list(proposal.phases.all())
    starts = [d for d in (getattr(p, "starts_on", None) for p in phases) if d]
    ends = [d for d in (getattr(p, "ends_on", None) for p in phases) if d]
    if not starts or not ends or max(ends) < min(starts):
        return None
    days = (max(ends) - min(starts)).days + 1
    return min(max(1, math.ceil(days / 30.44)), 240)


def _contact(deal: Deal) -> str:
    contact = deal.contact
    parts = [contact.name, contact.position, contact.email, contact.phone] if contact else []
    return _text(", ".join(str(part) for part in parts if part), 255)


def _draft(deal: Deal, proposal) -> CasePage:
    industry = _industry(deal)
    request_text = _request_text(deal)
    client_name = deal.company.name if deal.company else deal.title
    closed = timezone.localtime(deal.closed_at) if deal.closed_at else timezone.localtime()
    notes = _("From deal #%(id)s “%(title)s”.") % {"id": deal.pk, "title": deal.title}
    if proposal is not None:
        notes += " " + _("Accepted proposal: %(number)s.") % {"number": proposal.number}
    services = _services(deal, proposal)
    case = CasePage(
        title=_neutral_title(industry, services),
        live=False,
        has_unpublished_changes=True,
        visibility=Visibility.INTERNAL,
        client_name=_text(client_name, 160),
        client_description=_text(_("%(industry)s client") % {"industry": industry.name}, 255),
        industry=industry,
        year=min(max(closed.year, 1990), 2100),
        duration_months=_duration_months(proposal),
        summary=_text(
            _("%(notes)s. Summarise the case in one or two sentences.") % {"notes": STARTING_NOTES},
            500,
        ),
        challenge=_challenge(request_text),
        solution=_solution(proposal),
        budget=deal.amount,
        budget_currency=deal.currency,
        client_contact=_contact(deal),
        internal_notes=strip_nul(notes),
    )
    if proposal is not None:
        team, seen = [], set()
        for chosen in proposal.chosen_experts.select_related("expert"):
            if chosen.expert_id in seen:
                continue
            seen.add(chosen.expert_id)
            role = _text(chosen.role, 160) or _("Team member")
            team.append(CaseTeamMember(expert=chosen.expert, role=role))
        case.team = team
    case.services = services
    return case


def _services(deal: Deal, proposal) -> list:
    """The deal's services, then those of the proposal's lines, each once, in a stable order."""
    services = {service.pk: service for service in deal.services.order_by("path")}
    if proposal is not None:
        for line in proposal.lines.select_related("service"):
            if line.service is not None:
                services.setdefault(line.service.pk, line.service)
    return list(services.values())


def _neutral_title(industry: Industry, services: list) -> str:
    """A working title that names neither the company nor its people (the deal's title often
    does: "Request from Hidden Holding"), so a case the client wants anonymised starts
    anonymous, and its address, made from the title, too."""
    if services:
        title = _("%(industry)s: %(service)s") % {
            "industry": industry.name,
            "service": services[0].title,
        }
    else:
        title = _("%(industry)s: a new case") % {"industry": industry.name}
    return _text(title, 255)
