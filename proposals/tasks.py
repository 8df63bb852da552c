"""Background work of proposals: rendering a sent proposal's PDF before the client asks."""

from django.conf import settings
from django.utils import translation

from django_tasks import task


@task()
def render_proposal_pdf(proposal_id: int) -> str:
    """Render and keep the PDF of a sent proposal (``proposals.pdf.proposal_pdf_keep``).

    Queued when a proposal is sent, so the client's first download is read from storage and no
    web worker spends a second on WeasyPrint. Harmless to run twice or after a revoke.
    """
    from .choices import ProposalStatus
    from .models import Proposal
    from .pdf import proposal_pdf_keep

    proposal = Proposal.objects.filter(pk=proposal_id).first()
    if proposal is None or proposal.status == ProposalStatus.DRAFT:
        return "no sent proposal"
    with translation.override(settings.LANGUAGE_CODE):  # the language the site's pages use
        kept = proposal_pdf_keep(proposal=proposal) is not None
    return "kept" if kept else "not kept (revoked, superseded or being rendered elsewhere)"
