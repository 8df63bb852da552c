"""Which existing contact, company or deal a row of the file is about.

The rules are those of a request from the site (``leads.services.contacts._find``):
a contact by its normalised email, then its E.164 phone (the oldest holder of either), or its
external id; a company by its external id, its tax number (ИНН), then its normalised name
(``leads.normalise.company_key``); a deal by its external id, else by the fingerprint of the row
that created it (``ImportRecord.fingerprint``), so that the same file imported twice finds its
own deals again. An id of this installation's export (``vitrina-<install>:<pk>``,
``leads.refs``) names the record itself: it is found by primary key first (export → edit →
import updates), then as an external id like any other (a record the file made when that pk was
gone); another installation's id is only an external id, never a pk of ours.

The pipeline asks per chunk of rows, never per row: :meth:`ChunkIndex.load` reads every
candidate of a chunk with one query per key (``email IN (…)``, ``phone IN (…)``…), then the
lookups are dictionary reads.
"""

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Q

from ..models import Company, Contact, Deal, ImportJob, ImportRecord
from ..normalise import company_key, email_key
from ..refs import own_pk


def jsonable(value: Any) -> Any:
    """A value as ``ImportRecord.before/after`` and the fingerprint keep it."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def fingerprint(kind: str, *parts: dict[str, Any]) -> str:
    """The row's identity when it has no external id: its kind and its normalised values."""
    text = json.dumps([kind, *(jsonable(part) for part in parts)], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclasses.dataclass(eq=False)
class Target:
    """A contact, company or deal a row writes: a new one (``values`` are all its fields) or an
    existing one (``values`` are the fields the row changes, ``before`` what they were)."""

    model: str
    row: int
    new: bool
    pk: int | None = None
    instance: Any = None  # the existing object as loaded (None for a new one)
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    before: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: relation field → the Target whose id it takes once written ("company_id", "contact_id")
    links: dict[str, "Target"] = dataclasses.field(default_factory=dict)
    fingerprint: str = ""
    created_by_row: int | None = None

    def current(self, field: str) -> Any:
        if field in self.values:
            return self.values[field]
        return getattr(self.instance, field, None) if self.instance is not None else None


def _keys(values: Iterable[str]) -> list[str]:
    return sorted({value for value in values if value})


class ChunkIndex:
    """The existing records a chunk's rows may be about, and those the file itself made.

    ``seen`` maps a key (``("contact", "email", "a@b.c")``…) to the :class:`Target` an earlier
    row of the file created or changed: two rows with the same email make one contact, the second
    updating what the first created. A real run clears it after each committed chunk (the
    database knows those records then); a dry run keeps it for the whole file.
    """

    def __init__(self, job: ImportJob):
        self.job = job
        self.seen: dict[tuple, Target] = {}
        self.contacts: dict[tuple, Contact] = {}
        self.companies: dict[tuple, Company] = {}
        self.deals: dict[tuple, Deal] = {}

    def load(self, rows) -> None:
        """Read the candidates of these cleaned rows: one query per key kind."""
        emails = _keys(email_key(row.contact.get("email", "")) for row in rows)
        phones = _keys(row.contact.get("phone", "") for row in rows)
        contact_refs = _keys(row.contact.get("external_ref", "") for row in rows)
        self.contacts = {}
        for field, values in (("email", emails), ("phone", phones)):
            for contact in _chunked(Contact.objects.order_by("-pk"), field, values):
                self.contacts[("contact", field, getattr(contact, field))] = contact
        _load_refs(Contact, "contact", contact_refs, self.contacts)
        self.companies = {}
        company_refs = _keys(row.company.get("external_ref", "") for row in rows)
        _load_refs(Company, "company", company_refs, self.companies)
        for field, values in (
            ("tax_number", _keys(row.company.get("tax_number", "") for row in rows)),
            ("name_key", _keys(company_key(row.company.get("name", "")) for row in rows)),
        ):
            for company in _chunked(Company.objects.order_by("-pk"), field, values):
                self.companies[("company", field, getattr(company, field))] = company
        self.deals = {}
        _load_refs(
            Deal, "deal", _keys(row.deal.get("external_ref", "") for row in rows), self.deals
        )
        prints = _keys(getattr(row, "fingerprint", "") for row in rows if _needs_print(row))
        records = {}
        for record in _chunked(
            ImportRecord.objects.exclude(job__status="undone").order_by("pk"),
            "fingerprint",
            prints,
        ):
            records[(record.model, record.object_id)] = record.fingerprint
        by_model: dict[str, dict[int, str]] = {}
        for (model, object_id), print_ in records.items():
            by_model.setdefault(model, {})[object_id] = print_
        for model, cls in (("deal", Deal), ("contact", Contact), ("company", Company)):
            ids = by_model.get(model, {})
            for obj in _chunked(cls.objects.all(), "pk", sorted(ids)):
                target = (
                    self.deals
                    if model == "deal"
                    else (self.contacts if model == "contact" else self.companies)
                )
                target.setdefault((model, "fingerprint", ids[obj.pk]), obj)

    # --- lookups ----------------------------------------------------------------------------

    def own(self, model: str, values: dict[str, Any]) -> Any:
        """The record this installation's id names (it outranks every other key: the row is
        that record, even where its email or tax number now points elsewhere)."""
        pk = own_pk(values.get("external_ref", ""))
        if pk is None:
            return None
        key = (model, "pk", pk)
        store = {"deal": self.deals, "contact": self.contacts}.get(model, self.companies)
        return self.seen.get(key) or store.get(key)

    def contact(self, values: dict[str, Any], print_: str = "") -> tuple[Any, list[str]]:
        """The contact (a :class:`Target` of this file or a ``Contact``) and notes on the match.

        Our own id first, then email, then phone; when they point at two contacts the oldest
        wins and the note says so (as ``contacts._find`` does for requests)."""
        own = self.own("contact", values)
        if own is not None:
            return own, []
        found = []
        for field in ("external_ref", "email", "phone"):
            value = values.get(field, "")
            if field == "email":
                value = email_key(value)
            if not value:
                continue
            key = ("contact", field, value)
            hit = self.seen.get(key) or self.contacts.get(key)
            if hit is not None:
                found.append((field, hit))
        if not found and print_:
            key = ("contact", "fingerprint", print_)
            hit = self.seen.get(key) or self.contacts.get(key)
            if hit is not None:
                found.append(("fingerprint", hit))
        if not found:
            return None, []
        distinct = {_identity(hit): (field, hit) for field, hit in reversed(found)}
        if len(distinct) == 1:
            return found[0][1], []
        ordered = sorted(distinct.values(), key=lambda item: _age(item[1]))
        return ordered[0][1], [("two_contacts", [field for field, _hit in ordered])]

    def company(self, values: dict[str, Any], print_: str = "") -> Any:
        own = self.own("company", values)
        if own is not None:
            return own
        for field, value in (
            ("external_ref", values.get("external_ref", "")),
            ("tax_number", values.get("tax_number", "")),
            ("name_key", company_key(values.get("name", ""))),
            ("fingerprint", print_),
        ):
            if value:
                key = ("company", field, value)
                hit = self.seen.get(key) or self.companies.get(key)
                if hit is not None:
                    return hit
        return None

    def deal(self, values: dict[str, Any], print_: str) -> Any:
        own = self.own("deal", values)
        if own is not None:
            return own
        for field, value in (
            ("external_ref", values.get("external_ref", "")),
            ("fingerprint", print_),
        ):
            if value:
                key = ("deal", field, value)
                hit = self.seen.get(key) or self.deals.get(key)
                if hit is not None:
                    return hit
        return None

    def holder(self, field: str, value: str) -> Any:
        """Who already holds this contact email/phone (a unique value), if anyone."""
        key = ("contact", field, value)
        return self.seen.get(key) or self.contacts.get(key)

    def remember(self, target: Target, keys: Iterable[tuple]) -> None:
        for key in keys:
            if key[2]:
                self.seen.setdefault(key, target)


def contact_keys(values: dict[str, Any], print_: str = "") -> list[tuple]:
    return [
        ("contact", "email", email_key(values.get("email", ""))),
        ("contact", "phone", values.get("phone", "")),
        ("contact", "external_ref", values.get("external_ref", "")),
        ("contact", "fingerprint", print_),
    ]


def company_keys(values: dict[str, Any], print_: str = "") -> list[tuple]:
    return [
        ("company", "external_ref", values.get("external_ref", "")),
        ("company", "tax_number", values.get("tax_number", "")),
        ("company", "name_key", company_key(values.get("name", ""))),
        ("company", "fingerprint", print_),
    ]


def deal_keys(values: dict[str, Any], print_: str) -> list[tuple]:
    return [
        ("deal", "external_ref", values.get("external_ref", "")),
        ("deal", "fingerprint", print_),
    ]


def _needs_print(row) -> bool:
    """A row found by its ids needs no fingerprint lookup (most rows of a contacts file)."""
    if row.deal:
        return not row.deal.get("external_ref")
    if row.contact:
        return not any(row.contact.get(key) for key in ("email", "phone", "external_ref"))
    return not any(row.company.get(key) for key in ("external_ref", "tax_number", "name"))


def _identity(hit) -> tuple:
    return ("t", id(hit)) if isinstance(hit, Target) else ("o", hit.pk)


def _age(hit) -> tuple:
    """Existing records before this file's, the oldest first."""
    if isinstance(hit, Target):
        return (1, hit.pk or 0, hit.row) if hit.new else (0, hit.pk or 0, 0)
    return (0, hit.pk, 0)


def _load_refs(cls, model: str, refs: list[str], store: dict) -> None:
    """Records by external id and, for this installation's ids, by primary key: one query a
    slice (the oldest holder of an external id wins, as for emails)."""
    for start in range(0, len(refs), 500):
        part = refs[start : start + 500]
        pks = {pk for pk in map(own_pk, part) if pk is not None}
        condition = Q(external_ref__in=part)
        if pks:
            condition |= Q(pk__in=sorted(pks))
        names = set(part)
        for obj in cls.objects.filter(condition).order_by("-pk"):
            if obj.external_ref in names:
                store[(model, "external_ref", obj.external_ref)] = obj
            if obj.pk in pks:
                store[(model, "pk", obj.pk)] = obj


def _chunked(queryset, field: str, values: list, size: int = 500):
    """``field IN (values)`` in slices (SQLite's limit of variables, PostgreSQL's plan size)."""
    for start in range(0, len(values), size):
        yield from queryset.filter(**{f"{field}__in": values[start : start + size]})
