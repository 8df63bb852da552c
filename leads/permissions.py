"""Who may see and change which deal: the one rule every sales screen, selector and viewset asks.

Django's model permissions (given to the groups by a migration) say *what* a user may do with a
kind of record; the policies below add *on which rows*:

- superusers and Sales managers (``leads.view_all_deals``) reach every row;
- other Sales staff reach their own deals and the unassigned ones, and what hangs off those
  deals: proposals, raw requests, tasks and timeline entries;
- a contact is reachable when one of its deals is, or when it has no deal at all; a request,
  task or timeline entry without a deal follows its contact (a request without a deal yet —
  queued or suspected spam — is for managers only).

The policies are registered with Wagtail (``register_permission_policy`` in the apps'
``wagtail_hooks``), so Wagtail's generic views ask them for actions, and
:class:`leads.admin_scoping.SalesModelViewSet` asks them for rows in every view it builds (listing,
edit, delete, history, usage, inspect). Custom screens and selectors call :meth:`scope`.
"""

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404

from wagtail.permission_policies import ModelPermissionPolicy


def can_see_all_deals(user) -> bool:
    """Superusers and Sales managers see every deal."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("leads.view_all_deals"))
    )


def own_deals_q(user, prefix: str = "") -> Q:
    """Deals of the user and unassigned deals, as a filter on ``<prefix>owner``."""
    return Q(**{f"{prefix}owner": user}) | Q(
        **{f"{prefix}owner__isnull": True, f"{prefix}pk__isnull": False}
    )


def contact_reachable_q(user, ref: str = "pk") -> Q:
    """Contacts (``OuterRef(ref)``) with one of the user's deals, or with no deal at all."""
    from .models import Deal

    deals = Deal.objects.filter(contact=OuterRef(ref))
    return ~Exists(deals) | Exists(deals.filter(own_deals_q(user)))


def can_merge_contacts(user, contacts) -> bool:
    """Merging moves every deal of the contacts: a manager's job, or the owner's of them all."""
    from .models import Deal

    if can_see_all_deals(user):
        return True
    affected = Deal.objects.filter(contact__in=contacts)
    return not affected.exclude(own_deals_q(user)).exists()


class SalesPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for the actions, deal ownership for the rows.

    Subclasses say which rows a Sales user who is not a manager reaches (:meth:`sales_rows`).
    """

    def __init__(self, model, *, actions: tuple[str, ...] | None = None, **kwargs):
        super().__init__(model, **kwargs)
        #: actions that exist for this model; others are refused to everyone, superusers included
        self.actions = actions

    def sales_rows(self, user) -> Q:
        raise NotImplementedError

    def scope(self, user, queryset: QuerySet | None = None) -> QuerySet:
        """The rows of ``queryset`` (default: all) that ``user`` may see."""
        if queryset is None:
            queryset = self.model._default_manager.all()
        if can_see_all_deals(user):
            return queryset
        if not (user.is_authenticated and user.is_active):
            return queryset.none()
        return queryset.filter(self.sales_rows(user))

    def get_or_404(self, user, queryset: QuerySet | None = None, **lookup) -> Model:
        """One row the user may see, or 404 (another owner's row does not even exist for them)."""
        instance = self.scope(user, queryset).filter(**lookup).first()
        if instance is None:
            raise Http404
        return instance

    def can_reach(self, user, instance: Model) -> bool:
        return self.scope(user).filter(pk=instance.pk).exists()

    # Wagtail's permission-policy interface

    def user_has_permission(self, user, action):
        if self.actions is not None and action not in self.actions:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.can_reach(user, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class DealPermissionPolicy(SalesPermissionPolicy):
    """Deals: their own and the unassigned ones."""

    def sales_rows(self, user) -> Q:
        return own_deals_q(user)


class ThroughDealPermissionPolicy(SalesPermissionPolicy):
    """Records that hang off a deal (``deal_field``); those without a deal follow their contact.

    ``orphans``: ``"contact"`` — a row without a deal is reachable with its contact (or when it has
    none); ``"managers"`` — only managers reach it.
    """

    def __init__(self, model, *, deal_field: str = "deal", orphans: str = "managers", **kwargs):
        super().__init__(model, **kwargs)
        self.deal_field = deal_field
        self.orphans = orphans

    def sales_rows(self, user) -> Q:
        rows = own_deals_q(user, prefix=f"{self.deal_field}__")
        if self.orphans == "contact":
            no_deal = Q(**{f"{self.deal_field}__isnull": True})
            rows |= no_deal & (Q(contact__isnull=True) | contact_reachable_q(user, "contact_id"))
        return rows


class ContactPermissionPolicy(SalesPermissionPolicy):
    """Contacts: with one of the user's deals, or with no deal at all."""

    def sales_rows(self, user) -> Q:
        return contact_reachable_q(user)


class TaskPermissionPolicy(ThroughDealPermissionPolicy):
    """Tasks of reachable deals and contacts, and every task assigned to the user."""

    def sales_rows(self, user) -> Q:
        return super().sales_rows(user) | Q(assignee=user)


#: the policies of the sales records, registered with Wagtail in ``leads/wagtail_hooks.py``
deal_policy = DealPermissionPolicy("leads.Deal")
contact_policy = ContactPermissionPolicy("leads.Contact")
task_policy = TaskPermissionPolicy("leads.Task", orphans="contact")
activity_policy = ThroughDealPermissionPolicy("leads.Activity", orphans="contact")
#: raw requests are read-only: nobody adds, edits or deletes one through the admin
submission_policy = ThroughDealPermissionPolicy("leads.LeadSubmission", actions=("view",))
