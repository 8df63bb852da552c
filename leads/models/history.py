from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager


class SalesLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """Entries of the rows the user may reach, by each model's sales permission policy.

        Wagtail's own log entries answer "may this user see *some* deal?"; site history would then
        list the names of every owner's clients to any salesperson.
        """
        from wagtail.permissions import policy_registry

        from ..permissions import SalesPermissionPolicy, can_see_all_deals

        # Not super(): Wagtail caches the user's allowed content types on the user object from
        # whichever log model asks first, which hides this table's entries at random.
        entries = self.all()
        reachable = Q(pk__in=[])
        for content_type_id in (
            entries.order_by().values_list("content_type_id", flat=True).distinct()
        ):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            policy = policy_registry.get_by_type(model, fallback=False) if model else None
            if not isinstance(policy, SalesPermissionPolicy):
                continue
            if not policy.user_has_any_permission(user, ["view", "change"]):
                continue
            if can_see_all_deals(user):
                reachable |= Q(content_type_id=content_type_id)
                continue
            ids = policy.scope(user).annotate(key=Cast("pk", CharField())).values("key")
            reachable |= Q(content_type_id=content_type_id, object_id__in=ids)
        return entries.filter(reachable)


class SalesLogEntry(BaseLogEntry):
    """The admin's history of a sales record (deal, contact, task, request, proposal).

    Kept apart from Wagtail's ``ModelLogEntry`` so that site history shows each salesperson only
    the entries of rows the deal permission policy lets them reach.
    """

    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = SalesLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("sales log entry")
        verbose_name_plural = _("sales log entries")
