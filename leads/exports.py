"""What the deals, contacts and companies listings export (CSV and XLSX): every field the import
reads, under headings the ``vitrina`` import preset maps back, so that export → import into an
empty database gives the same records (issue 14's round trip).

Each column is (key, heading, import target, value). Headings follow the user's language; the
preset knows each one in every language of the site, since it reads the same lazy strings. The
values are what the import reads back: people by email, pipelines, stages and lost reasons by
name, amounts as numbers, moments in the user's time zone to the second (with the offset in
CSV; a date cell in XLSX, which has no zone), yes/no fields as words, services by title. A
record without an external id is exported as ``vitrina-<installation>:<pk>`` (``leads.refs``):
imported back into this installation it updates that record; imported elsewhere it is the new
record's external id, so that importing the file twice does not double the records.
"""

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.formatting import person_name
from core.spreadsheets import SpreadsheetSafeExportMixin

from .choices import DealStatus
from .models import CustomField, Deal
from .refs import own_ref

#: the prefix of a custom field's column key (``custom:<field key>``)
CUSTOM = "custom:"


@dataclasses.dataclass(frozen=True)
class ExportColumn:
    key: str
    heading: str | Promise
    #: the import target that reads it back ("" for columns only people read)
    target: str
    value: Callable[[Any], Any]


def _ref(item) -> str:
    return item.external_ref or own_ref(item.pk)


def _name(obj) -> str:
    return obj.name if obj is not None else ""


def _attr(path: str) -> Callable[[Any], Any]:
    """``"contact.email"`` → the value, "" when a link on the way is empty."""

    def get(item):
        for part in path.split("."):
            item = getattr(item, part, None)
            if item is None:
                return ""
        return item

    return get


def _status(deal) -> str:
    return str(dict(DealStatus.choices).get(deal.status, deal.status))


def _services(deal) -> str:
    return ", ".join(page.title for page in deal.services.all())


def _touch(name: str) -> Callable[[Any], Any]:
    return lambda deal: getattr(deal, name)


def moment_csv(value: datetime.datetime) -> str:
    """The user's local time to the second, with its offset: read back to the same moment
    whatever zone the import assumes."""
    return timezone.localtime(value).replace(microsecond=0).isoformat(" ")


def moment_xlsx(value: datetime.datetime) -> datetime.datetime:
    """A spreadsheet date cell in the user's local time (Wagtail's default writes UTC, so a
    deal made at 01:00 in Moscow read as the previous day)."""
    return timezone.make_naive(value.replace(microsecond=0))


# fmt: off
DEAL_COLUMNS = (
    ExportColumn("title", _("Title"), "deal.title", _attr("title")),
    ExportColumn("external_ref", _("Deal id"), "deal.external_ref", _ref),
    ExportColumn("contact", _("Contact"), "contact.name", _attr("contact.name")),
    ExportColumn("contact_email", _("Contact's email"), "contact.email", _attr("contact.email")),
    ExportColumn("contact_phone", _("Contact's phone"), "contact.phone", _attr("contact.phone")),
    ExportColumn("contact_position", _("Contact's position"), "contact.position",
                 _attr("contact.position")),
    ExportColumn("company", _("Company"), "company.name", _attr("company.name")),
    ExportColumn("company_tax_number", _("Company's tax number"), "company.tax_number",
                 _attr("company.tax_number")),
    ExportColumn("company_website", _("Company's website"), "company.website",
                 _attr("company.website")),
    ExportColumn("pipeline", _("Pipeline"), "deal.pipeline", lambda deal: _name(deal.pipeline)),
    ExportColumn("stage", _("Stage"), "deal.stage", lambda deal: _name(deal.stage)),
    ExportColumn("owner", _("Owner"), "", lambda deal: person_name(deal.owner)),
    ExportColumn("owner_email", _("Owner's email"), "deal.owner", _attr("owner.email")),
    ExportColumn("amount", _("Amount"), "deal.amount", _attr("amount")),
    ExportColumn("currency", _("Currency"), "deal.currency", _attr("currency")),
    ExportColumn("status", _("Status"), "", _status),
    ExportColumn("probability", _("Probability, %"), "deal.probability", _attr("probability")),
    ExportColumn("expected_close_date", _("Expected close date"), "deal.expected_close_date",
                 _attr("expected_close_date")),
    ExportColumn("source", _("Source"), "deal.source", _attr("source")),
    ExportColumn("created_at", _("Created"), "deal.created_at", _attr("created_at")),
    ExportColumn("stage_entered_at", _("In stage since"), "deal.stage_entered_at",
                 _attr("stage_entered_at")),
    ExportColumn("closed_at", _("Closed"), "deal.closed_at", _attr("closed_at")),
    ExportColumn("lost_reason", _("Lost reason"), "deal.lost_reason",
                 lambda deal: _name(deal.lost_reason)),
    ExportColumn("lost_comment", _("Why it was lost"), "deal.lost_comment",
                 _attr("lost_comment")),
    ExportColumn("services", _("Services"), "deal.services", _services),
    # where the deal came from (``leads.touch``): the visit that sent the request, then the
    # visit that first brought the person (the import reads only the first group back)
    ExportColumn("utm_source", _("UTM source"), "deal.utm_source", _touch("utm_source")),
    ExportColumn("utm_medium", _("UTM medium"), "deal.utm_medium", _touch("utm_medium")),
    ExportColumn("utm_campaign", _("UTM campaign"), "deal.utm_campaign", _touch("utm_campaign")),
    ExportColumn("utm_term", _("UTM term"), "deal.utm_term",
                 lambda deal: str((deal.utm or {}).get("utm_term") or "")),
    ExportColumn("utm_content", _("UTM content"), "deal.utm_content",
                 lambda deal: str((deal.utm or {}).get("utm_content") or "")),
    ExportColumn("referrer", _("Referrer"), "deal.referrer", _attr("referrer")),
    ExportColumn("landing_page", _("Landing page"), "", _attr("landing_page")),
    ExportColumn("first_landing", _("First visit: landing page"), "", _touch("first_landing")),
    ExportColumn("first_referrer", _("First visit: referrer"), "", _touch("first_referrer")),
    ExportColumn("first_utm_source", _("First visit: UTM source"), "",
                 _touch("first_utm_source")),
    ExportColumn("first_utm_medium", _("First visit: UTM medium"), "",
                 _touch("first_utm_medium")),
    ExportColumn("first_utm_campaign", _("First visit: UTM campaign"), "",
                 _touch("first_utm_campaign")),
)

CONTACT_COLUMNS = (
    ExportColumn("name", _("Name"), "contact.name", _attr("name")),
    ExportColumn("external_ref", _("Contact id"), "contact.external_ref", _ref),
    ExportColumn("email", _("Email"), "contact.email", _attr("email")),
    ExportColumn("phone", _("Phone"), "contact.phone", _attr("phone")),
    ExportColumn("position", _("Position"), "contact.position", _attr("position")),
    ExportColumn("company", _("Company"), "company.name", _attr("company.name")),
    ExportColumn("company_tax_number", _("Company's tax number"), "company.tax_number",
                 _attr("company.tax_number")),
    ExportColumn("company_website", _("Company's website"), "company.website",
                 _attr("company.website")),
    ExportColumn("created_at", _("Created"), "", _attr("created_at")),
)

COMPANY_COLUMNS = (
    ExportColumn("name", _("Company"), "company.name", _attr("name")),
    ExportColumn("external_ref", _("Company id"), "company.external_ref", _ref),
    ExportColumn("tax_number", _("Company's tax number"), "company.tax_number",
                 _attr("tax_number")),
    ExportColumn("website", _("Company's website"), "company.website", _attr("website")),
    ExportColumn("phone", _("Company's phone"), "company.phone", _attr("phone")),
    ExportColumn("industry", _("Industry"), "", lambda company: _name(company.industry)),
    ExportColumn("created_at", _("Created"), "", _attr("created_at")),
)
# fmt: on


def preset_columns() -> list[tuple[Promise, str]]:
    """(heading, target) of every column of the three exports, for the ``vitrina`` preset (a
    heading the exports share is listed again with the same target: harmless)."""
    return [
        (column.heading, column.target)
        for column in DEAL_COLUMNS + CONTACT_COLUMNS + COMPANY_COLUMNS
    ]


def _custom_value(field: CustomField) -> Callable[[Any], Any]:
    def get(deal):
        value = (deal.custom_values or {}).get(field.key)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        return "" if value is None else value

    return get


def custom_columns() -> list[ExportColumn]:
    """One column per custom field key of any pipeline (in the pipelines' order), headed by the
    field's name, or by its key where the name is taken: the import reads either back. One
    query."""
    fields = CustomField.objects.order_by("pipeline__sort_order", "pipeline_id", "sort_order", "pk")
    taken = {str(column.heading).casefold() for column in DEAL_COLUMNS}
    columns, keys = [], set()
    for field in fields:
        if field.key in keys:
            continue
        keys.add(field.key)
        heading = field.name if field.name.casefold() not in taken else field.key
        taken.add(heading.casefold())
        columns.append(
            ExportColumn(CUSTOM + field.key, heading, "custom." + field.key, _custom_value(field))
        )
    return columns


def deal_export_queryset(queryset):
    """Everything a deal's row reads, in a fixed number of queries whatever the rows."""
    pages = Deal._meta.get_field("services").related_model.objects.only("pk", "title")
    return queryset.select_related(
        "contact", "company", "pipeline", "stage", "owner", "lost_reason"
    ).prefetch_related(Prefetch("services", queryset=pages.order_by("title")))


class ColumnsExportMixin(SpreadsheetSafeExportMixin):
    """A listing view exporting ``export_columns`` (before ``ManagerExportMixin``'s checks).
    Titles, names and custom values are typed by people and visitors: text a spreadsheet would
    run as a formula stays text (``core.spreadsheets``)."""

    export_columns: tuple[ExportColumn, ...] = ()
    custom_value_preprocess = {
        datetime.datetime: {"csv": moment_csv, "xlsx": moment_xlsx},
        (datetime.date, datetime.time): {"xlsx": None},
    }

    def get_export_columns(self) -> list[ExportColumn]:
        return list(self.export_columns)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.is_export:
            self._columns = {column.key: column for column in self.get_export_columns()}
            self.list_export = list(self._columns)
            self.export_headings = {key: column.heading for key, column in self._columns.items()}

    def to_row_dict(self, item):
        return {key: column.value(item) for key, column in self._columns.items()}
