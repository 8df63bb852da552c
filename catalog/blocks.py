"""Blocks of the service card."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class CostFactorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Factor"), max_length=160)
    description = blocks.TextBlock(label=_("How it changes the price"), required=False)

    class Meta:
        icon = "tag"
        template = "blocks/cost_factor_block.html"
        description = _("Something that makes the price higher or lower")
        label = _("Cost factor")
        preview_value = {"name": "Number of integrations", "description": "Each one adds a week."}


class TeamRoleBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("Role"), max_length=120)
    count = blocks.IntegerBlock(label=_("People"), min_value=1, max_value=100, default=1)

    class Meta:
        icon = "user"
        template = "blocks/team_role_block.html"
        description = _("A role in the typical team and how many people fill it")
        label = _("Team role")
        preview_value = {"role": "Backend developer", "count": 2}


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=160)
    role = blocks.CharBlock(label=_("What they do"), max_length=255, required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "group"
        template = "blocks/partner_block.html"
        description = _("A partner or subcontractor involved in the service")
        label = _("Partner")
        preview_value = {"name": "CloudCo", "role": "Hosting", "url": "https://example.com"}
