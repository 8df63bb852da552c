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

        from leads.models import StageChange

        from . import receivers

        post_save.connect(
            receivers.stage_changed, sender=StageChange, dispatch_uid="projects_stage_changed"
        )
