from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StageKind(models.TextChoices):
    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class ProposalMilestone(models.TextChoices):
    """Which proposal event brings a deal to a stage (set per stage in the pipeline set-up)."""

    NONE = "", _("—")
    SENT = "sent", _("A proposal is sent")
    ACCEPTED = "accepted", _("A proposal is accepted")


class DealStatus(models.TextChoices):
    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class Qualification(models.TextChoices):
    NEW = "new", _("Waiting for qualification")
    TARGET = "target", _("Target")
    NOT_TARGET = "not_target", _("Not a target")


class PreferredChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    MESSENGER = "messenger", _("Messenger")
    MEETING = "meeting", _("Meeting")


class TaskKind(models.TextChoices):
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("Email")
    OTHER = "other", _("Other")


class ActivityKind(models.TextChoices):
    NOTE = "note", _("Note")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("Email")
    STAGE_CHANGE = "stage_change", _("Stage change")
    TASK_DONE = "task_done", _("Task done")
    TASKS_CANCELLED = "tasks_cancelled", _("Tasks cancelled")
    REQUEST = "request", _("Request received")
    DEAL_WON = "deal_won", _("Deal won")
    DEAL_LOST = "deal_lost", _("Deal lost")
    QUALIFIED = "qualified", _("Qualified")
    MERGED = "merged", _("Contacts merged")
    PROPOSAL = "proposal", _("Proposal")
    IMPORTED = "imported", _("Imported")


class SpamStatus(models.TextChoices):
    CLEAN = "clean", _("Not suspected")
    SUSPECTED = "suspected", _("Suspected spam")
    ACCEPTED = "accepted", _("Accepted by a manager")


class CustomFieldType(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    BOOLEAN = "boolean", _("Yes / no")


class BudgetRange(models.TextChoices):
    UNKNOWN = "", _("Not sure yet")
    UNDER_500K = "under_500k", _("Under 500,000 ₽")
    FROM_500K = "500k_2m", _("500,000 – 2,000,000 ₽")
    FROM_2M = "2m_10m", _("2,000,000 – 10,000,000 ₽")
    OVER_10M = "over_10m", _("Over 10,000,000 ₽")


class ImportKind(models.TextChoices):
    CONTACTS = "contacts", _("Contacts")
    COMPANIES = "companies", _("Companies")
    DEALS = "deals", _("Deals")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWED = "previewed", _("Previewed")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    UNDONE = "undone", _("Undone")


class ImportRecordAction(models.TextChoices):
    CREATED = "created", pgettext_lazy("import rows", "Created")
    UPDATED = "updated", pgettext_lazy("import rows", "Updated")


class ImportUpdateMode(models.TextChoices):
    FILL_EMPTY = "fill_empty", _("Fill empty fields only")
    OVERWRITE = "overwrite", _("Overwrite with the file's values")
