"""Admin viewsets whose every view reaches only the rows the model's permission policy allows.

Wagtail's generic views check *actions* with the permission policy but load an object by its
primary key alone (edit, delete, history, usage, inspect). :class:`SalesModelViewSet` narrows
each view it builds to :meth:`leads.permissions.SalesPermissionPolicy.scope`: a row the user may
not reach answers 404 on every URL, and listings and form choices leave it out.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from core.admin_viewsets import AddButtonLabelMixin, StableMenuNameMixin
from core.formatting import person_name

from .permissions import SalesPermissionPolicy


def sales_policy(model) -> SalesPermissionPolicy | None:
    policy = policy_registry.get_by_type(model, fallback=False)
    return policy if isinstance(policy, SalesPermissionPolicy) else None


class ScopedObjectMixin:
    """The object of an edit, delete, history, usage or inspect view, if the user may reach it."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        policy = sales_policy(type(instance))
        if policy and not policy.can_reach(self.request.user, instance):
            raise Http404
        return instance


class ScopedListingMixin:
    """A listing (and its export) of the rows the user may reach."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        policy = sales_policy(queryset.model)
        return policy.scope(self.request.user, queryset) if policy else queryset


#: how many of the records keeping a row from deletion its delete view lists
PROTECTED_SHOWN = 20


def protected_by(instance) -> list:
    """The records whose protected foreign keys (``on_delete=PROTECT`` / ``RESTRICT``) keep
    ``instance`` from being deleted, directly or through the rows its deletion would take along."""
    collector = Collector(using=router.db_for_write(type(instance), instance=instance))
    try:
        collector.collect([instance])
    except ProtectedError as error:
        return list(error.protected_objects)
    except RestrictedError as error:
        return list(error.restricted_objects)
    return []


class ProtectedDeleteMixin:
    """A delete view that refuses, with the reason, a row other records still need.

    Wagtail's view would answer 500 (ProtectedError) and its page says the row is used 0 times:
    the reference index does not see foreign keys. Here the page lists the records that keep it
    and has no delete button; a POST anyway is refused with an error message.
    """

    protected_template_name = "leads/admin/delete_refused.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.protected = protected_by(self.object)

    def get_template_names(self):
        if self.protected:
            return [self.protected_template_name]
        return super().get_template_names()

    def refusal(self) -> str:
        return _(
            "“%(object)s” cannot be deleted while other records use it (%(count)s): "
            "%(records)s. Move them or delete them first."
        ) % {
            "object": self.object,
            "count": len(self.protected),
            "records": ", ".join(
                f"{capfirst(obj._meta.verbose_name_plural)} ({count})"
                for obj, count in _counted_by_model(self.protected)
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.protected:
            finder = AdminURLFinder(self.request.user)
            context["is_protected"] = True
            context["refusal"] = self.refusal()
            context["protected_rows"] = [
                (capfirst(obj._meta.verbose_name), obj, finder.get_edit_url(obj))
                for obj in self.protected[:PROTECTED_SHOWN]
            ]
            context["protected_more"] = max(len(self.protected) - PROTECTED_SHOWN, 0)
        return context

    def form_valid(self, form):
        if not self.protected:
            try:
                return super().form_valid(form)
            except (ProtectedError, RestrictedError):  # a record came to use it meanwhile
                self.protected = protected_by(self.object)
        messages.error(self.request, self.refusal())
        return redirect(self.get_delete_url())

    def get_success_message(self):
        # "Deleted: company «X»." as "Saved: company «X»." (Wagtail capitalises the model name
        # mid-sentence); the message's own first letter is still capitalised
        if self.success_message is None:
            return None
        return capfirst(
            self.success_message
            % {"model_name": self.object._meta.verbose_name, "object": self.object}
        )


def _counted_by_model(objects) -> list[tuple[object, int]]:
    """One (an object of the model, how many) pair per model, in the order first met."""
    counts: dict[type, list] = {}
    for obj in objects:
        counts.setdefault(type(obj), [obj, 0])[1] += 1
    return [(first, count) for first, count in counts.values()]


class ScopedChoicesForm(WagtailAdminModelForm):
    """Choice fields over sales records offer only the rows the user may reach; people are
    offered by full name (``person_name``), not username."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user_model = get_user_model()
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is user_model:
                field.label_from_instance = person_name
        if self.for_user is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            policy = sales_policy(queryset.model) if queryset is not None else None
            if policy:
                field.queryset = policy.scope(self.for_user, queryset)


class SalesModelViewSet(StableMenuNameMixin, AddButtonLabelMixin, ModelViewSet):
    """A ModelViewSet of the Sales menu: rows scoped by the policy, no copy view.

    Wagtail's copy view saves its form over the original row, so it is off for every sales
    record; nothing in the pipeline is meant to be duplicated by hand.
    """

    copy_view_enabled = False

    def construct_view(self, view_class, **kwargs):
        mixins = []
        if issubclass(view_class, IndexView):
            mixins.append(ScopedListingMixin)
        if issubclass(view_class, DeleteView):
            mixins.append(ProtectedDeleteMixin)
        if hasattr(view_class, "get_object"):
            mixins.append(ScopedObjectMixin)
        if mixins:
            view_class = type(view_class.__name__, (*mixins, view_class), {})
        return super().construct_view(view_class, **kwargs)

    def get_form_class(self, for_update=False):
        if self._edit_handler:
            return super().get_form_class(for_update=for_update)
        return self.model_form(self.get_form_fields())

    def model_form(self, fields):
        return modelform_factory(self.model, form=ScopedChoicesForm, fields=fields)
