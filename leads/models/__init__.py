"""CRM-lite: contacts and companies, pipelines and stages, deals with their timeline, inbound requests."""

from .crm import Company, Contact
from .deals import Activity, Deal, StageChange, Task
from .history import SalesLogEntry
from .imports import ImportJob, ImportRecord, SavedMapping
from .inbound import ApiKey, ContactPage, LeadSubmission
from .pipeline import CustomField, LostReason, Pipeline, Stage, StageTaskTemplate

__all__ = [
    "Activity",
    "ApiKey",
    "Company",
    "Contact",
    "ContactPage",
    "CustomField",
    "Deal",
    "ImportJob",
    "ImportRecord",
    "LeadSubmission",
    "LostReason",
    "Pipeline",
    "SalesLogEntry",
    "SavedMapping",
    "Stage",
    "StageChange",
    "StageTaskTemplate",
    "Task",
]
