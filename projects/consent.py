"""The client's consent as a limit on how openly their case may be published: registered with
``cases.publishing`` (which cases owns, so cases never imports projects) and enforced there on
every publishing path. Also: a case holding a client's answer is not copied, since the copy
would carry the client's words without the consent that limits them."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail import hooks

from cases.models import CasePage

from .models import ClientConfirmation
from .services.confirmations import VISIBILITY_FOR


def consented_visibility(page) -> str | None:
    """The most open visibility the client's latest answer allows (None: never answered)."""
    if not isinstance(page, CasePage) or page.pk is None:
        return None
    publication = (
        ClientConfirmation.objects.filter(case_id=page.pk, answered_at__isnull=False)
        .exclude(publication="")
        .order_by("-answered_at", "-pk")
        .values_list("publication", flat=True)
        .first()
    )
    return VISIBILITY_FOR.get(publication) if publication else None


@hooks.register("before_copy_page")
def refuse_copying_a_confirmed_case(request, page):
    if consented_visibility(page.specific_deferred) is None:
        return None
    messages.error(
        request,
        _(
            "This case holds the client's answer and consent, which a copy would not keep: "
            "create a new case instead of copying it."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
