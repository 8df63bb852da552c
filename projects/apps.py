from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Won deals being delivered: the draft case a won deal becomes, the client's confirmation of
    its results and quote, and the experts' workload from their assignments. projects reads
    leads, proposals, cases and experts and listens to their signals; none of them imports it."""

    name = "projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # each package connects its receivers here (projects.receivers)
        from django.db.models.signals import post_save

        from cases.publishing import register_publish_check, register_visibility_limit
        from leads.models import StageChange

        from . import admin_confirmations, consent, receivers  # noqa: F401 - hooks register on import
        from .services.cases import starting_notes_problems

        register_visibility_limit(consent.consented_visibility)
        register_publish_check(starting_notes_problems)

        post_save.connect(
            receivers.stage_changed, sender=StageChange, dispatch_uid="projects_stage_changed"
        )
        self._connect_workload()

    def _connect_workload(self):
        """Accepted proposals book their team; the builder reads the load through proposals'
        availability registry; the Team workload screen joins the Sales menu."""
        from django.db.models.signals import post_save

        from proposals.availability import register_expert_availability
        from proposals.models import Proposal

        from . import selectors, workload_admin, workload_receivers  # noqa: F401 - hooks

        post_save.connect(
            workload_receivers.proposal_saved,
            sender=Proposal,
            dispatch_uid="projects_proposal_books_team",
        )
        register_expert_availability(selectors.expert_availability)
