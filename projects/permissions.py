"""Who may do what with projects.

- A project follows its deal (``ThroughDealPermissionPolicy``): Sales reach the projects of
  their own and unassigned deals, managers every one.
- Creating a deal's draft case by hand is for those who see every deal (Sales managers,
  superusers); the owner of the deal sees whether it has one.
- The pipelines' case settings are set up by those who set up pipelines
  (``leads.manage_pipelines``): every generic view of their viewset asks this policy.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from leads.permissions import ThroughDealPermissionPolicy, can_see_all_deals

project_policy = ThroughDealPermissionPolicy("projects.Project")


def can_create_case(user) -> bool:
    """Whether ``user`` may make a deal's draft case by hand."""
    return can_see_all_deals(user)


def can_set_up_pipelines(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("leads.manage_pipelines"))
    )


class PipelineCaseSettingPolicy(ModelPermissionPolicy):
    """Every action on a pipeline's case setting needs ``leads.manage_pipelines``."""

    ACTIONS = ("add", "change", "delete", "view")

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and can_set_up_pipelines(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True)
                | Q(groups__permissions__codename="manage_pipelines")
                | Q(user_permissions__codename="manage_pipelines"),
                is_active=True,
            )
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


pipeline_case_setting_policy = PipelineCaseSettingPolicy("projects.PipelineCaseSetting")
