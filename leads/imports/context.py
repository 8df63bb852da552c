"""Everything cleaning a row needs from the database, loaded once per job (``CleanContext``).

Cleaning runs for every row of files of 100,000 rows: a query per row would be the whole cost
of the import. So the pipelines with their stages and custom fields, the users, the lost
reasons and the services are read here, once, and the value mapping chosen on the Values step
({"deal.stage": {"Переговоры": "<stage id>"}, …}) is resolved to those objects.
"""

import dataclasses
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.formatting import person_name

from ..choices import ImportKind, ImportUpdateMode, StageKind
from ..models import Deal, LostReason, Pipeline
from .targets import ALL_TARGETS, CUSTOM_PREFIX, custom_target
from .widgets import text_of

#: the values a person maps on the Values screen (``leads.services.import_checks`` checks them)
VALUE_TARGETS = ("deal.pipeline", "deal.stage", "deal.owner", "deal.lost_reason", "deal.currency")
#: the value mapping's "create it" choice (a lost reason named as in the file)
NEW = "new"


@dataclasses.dataclass(frozen=True)
class NotInSales:
    """An owner chosen in the value mapping (a saved one, say) who may no longer own a deal (left
    Sales, deactivated): the row's deal is left unassigned with a warning."""

    name: str


def value_text(value) -> str:
    """A cell as a key of the value mapping: text, spaces collapsed."""
    return " ".join(text_of(value).split())


def name_key(value) -> str:
    return value_text(value).casefold().replace("ё", "е")


def user_keys(user) -> list[str]:
    """What a file may call a user by: email, full name (both orders), username."""
    keys = [user.get_username(), user.email, person_name(user, "")]
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if first and last:
        keys += [f"{first} {last}", f"{last} {first}"]
    return [name_key(key) for key in keys if key and name_key(key)]


@dataclasses.dataclass
class CleanContext:
    kind: str
    headers: list[str]
    #: column index → target key (skipped columns left out)
    mapping: dict[int, str]
    update_mode: str = ImportUpdateMode.FILL_EMPTY
    tz: Any = None
    external_system: str = ""
    day_first: bool = True
    default_currency: str = ""
    pipelines: dict[int, Any] = dataclasses.field(default_factory=dict)
    default_pipeline: Any = None
    #: pipeline id → its stages in order; stage id → stage
    stages_of: dict[int, list] = dataclasses.field(default_factory=dict)
    stages: dict[int, Any] = dataclasses.field(default_factory=dict)
    custom_fields: dict[int, dict[str, Any]] = dataclasses.field(default_factory=dict)
    users: dict[int, Any] = dataclasses.field(default_factory=dict)
    user_index: dict[str, Any] = dataclasses.field(default_factory=dict)
    lost_reasons: dict[str, Any] = dataclasses.field(default_factory=dict)
    default_lost_reason: Any = None
    services: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: target key → {value_text: what it was mapped to (an object, None: nobody, or NEW)}
    values: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)

    @property
    def targets(self):
        return ALL_TARGETS | self._custom_targets

    @property
    def _custom_targets(self):
        found = {}
        for fields in self.custom_fields.values():
            for custom in fields.values():
                found.setdefault(CUSTOM_PREFIX + custom.key, custom_target(custom))
        return found

    @classmethod
    def for_job(cls, job) -> "CleanContext":
        return cls.build(
            kind=job.kind,
            headers=list(job.headers or []),
            mapping=job.mapping or {},
            value_mapping=job.value_mapping or {},
            options=job.options or {},
        )

    @classmethod
    def build(cls, *, kind, headers, mapping, value_mapping=None, options=None) -> "CleanContext":
        """The context from plain data (a job's fields; tests and the command use it too)."""
        from .presets import PRESETS

        options = options or {}
        value_mapping = value_mapping or {}
        preset = PRESETS.get(options.get("preset") or "")
        context = cls(
            kind=kind,
            headers=[str(header) for header in headers],
            mapping={int(column): key for column, key in mapping.items() if key},
            update_mode=options.get("update_mode") or ImportUpdateMode.FILL_EMPTY,
            tz=_zone(options.get("time_zone")),
            external_system=options.get(
                "external_system", preset.external_system if preset else ""
            ),
            day_first=preset.day_first if preset else options.get("day_first", True),
            default_currency=options.get("currency") or "",
        )
        if kind == ImportKind.DEALS:
            context._load_deal_objects(value_mapping, options)
        return context

    def _load_deal_objects(self, value_mapping, options) -> None:
        pipelines = list(
            Pipeline.objects.order_by("sort_order", "pk").prefetch_related(
                "stages", "custom_fields"
            )
        )
        self.pipelines = {pipeline.pk: pipeline for pipeline in pipelines}
        for pipeline in pipelines:
            stages = sorted(pipeline.stages.all(), key=lambda stage: (stage.sort_order, stage.pk))
            self.stages_of[pipeline.pk] = stages
            self.stages.update({stage.pk: stage for stage in stages})
            self.custom_fields[pipeline.pk] = {c.key: c for c in pipeline.custom_fields.all()}
        self.default_pipeline = self.pipelines.get(_int(options.get("pipeline"))) or next(
            (p for p in pipelines if p.is_default), pipelines[0] if pipelines else None
        )
        from ..services.deals import sales_users  # here: leads.services imports this package

        for user in sales_users().order_by("pk"):
            self.users[user.pk] = user
            for key in user_keys(user):
                self.user_index.setdefault(key, user)
        owner_ids = {_int(v) for v in value_mapping.get("deal.owner", {}).values() if _int(v)}
        # a saved mapping may name someone who has left Sales or was deactivated since
        left = get_user_model().objects.filter(pk__in=owner_ids - set(self.users))
        owners = {**self.users, **{user.pk: NotInSales(person_name(user)) for user in left}}
        reasons = list(LostReason.objects.all())
        self.lost_reasons = {name_key(reason.name): reason for reason in reasons}
        by_id = {reason.pk: reason for reason in reasons}
        self.default_lost_reason = by_id.get(_int(options.get("lost_reason")))
        if "deal.services" in self.mapping.values():
            model = Deal._meta.get_field("services").related_model
            for page in model.objects.only("pk", "title").order_by("pk"):
                self.services.setdefault(name_key(page.title), page)
        objects = {
            "deal.pipeline": self.pipelines,
            "deal.stage": self.stages,
            "deal.owner": owners,
            "deal.lost_reason": by_id,
        }
        for target, chosen in value_mapping.items():
            resolved = {}
            for value, choice in (chosen or {}).items():
                if target == "deal.currency":
                    resolved[value_text(value)] = choice or None
                elif choice == NEW:
                    resolved[value_text(value)] = NEW
                elif choice in ("", None):
                    resolved[value_text(value)] = None
                elif target in objects and _int(choice) in objects[target]:
                    resolved[value_text(value)] = objects[target][_int(choice)]
            self.values[target] = resolved

    def first_stage(self, pipeline, kind=StageKind.OPEN):
        return next((s for s in self.stages_of.get(pipeline.pk, ()) if s.kind == kind), None)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _zone(name):
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_default_timezone() if settings.USE_TZ else zoneinfo.ZoneInfo("UTC")
