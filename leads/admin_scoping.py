"""Admin viewsets whose every view reaches only the rows the model's permission policy allows.

Wagtail's generic views check *actions* with the permission policy but load an object by its
primary key alone (edit, delete, history, usage, inspect). :class:`SalesModelViewSet` narrows
each view it builds to :meth:`leads.permissions.SalesPermissionPolicy.scope`: a row the user may
not reach answers 404 on every URL, and listings and form choices leave it out.
"""

from django.contrib.auth import get_user_model
from django.forms import modelform_factory
from django.http import Http404

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from core.admin_viewsets import AddButtonLabelMixin
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


class SalesModelViewSet(AddButtonLabelMixin, ModelViewSet):
    """A ModelViewSet of the Sales menu: rows scoped by the policy, no copy view.

    Wagtail's copy view saves its form over the original row, so it is off for every sales
    record; nothing in the pipeline is meant to be duplicated by hand.
    """

    copy_view_enabled = False

    def construct_view(self, view_class, **kwargs):
        mixins = []
        if issubclass(view_class, IndexView):
            mixins.append(ScopedListingMixin)
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
