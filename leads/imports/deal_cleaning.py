"""A deal row's own values: pipeline and stage from the value mapping, owner, dates, amount,
lost reason, custom fields, with the services' rules (won needs an amount, lost a reason)."""

from typing import Any

from django.utils.translation import gettext as _

from ..choices import CustomFieldType, StageKind
from . import widgets as w
from .context import NEW, CleanContext, NotInSales, name_key, value_text
from .targets import CUSTOM_PREFIX

#: the key of the deal values under which a row's warnings travel to ``CleanRow.warnings``
#: (``pipeline`` moves them there before the row's fingerprint is taken)
WARNINGS = "warnings"


def _mapped(row, context: CleanContext, key: str):
    """(column, raw, found) for a value target: the value mapping's choice, else an exact name
    match among ``candidates`` done by the caller; ``found`` is ``...`` when not mapped."""
    column, raw = row.first(key)
    if column is None:
        return None, None, ...
    chosen = context.values.get(key, {})
    text = value_text(raw)
    if text in chosen:
        return column, raw, chosen[text]
    return column, raw, ...


def _pipeline(row, context):
    column, raw, found = _mapped(row, context, "deal.pipeline")
    if column is None:
        return None
    if found is ...:
        key = name_key(raw)
        found = next((p for p in context.pipelines.values() if name_key(p.name) == key), ...)
    if found is ... or found is None or found == NEW:
        row.error(
            column,
            raw,
            _("'%(value)s' is not a pipeline here: choose one on the Values step")
            % {"value": w.shown(value_text(raw))},
        )
        return None
    return found


def _stage_named(context, pipeline, name):
    key = name_key(name)
    return next(
        (s for s in context.stages_of.get(pipeline.pk, ()) if name_key(s.name) == key), None
    )


def _stage(row, context, pipeline):
    column, raw, found = _mapped(row, context, "deal.stage")
    if column is None:
        return None, None
    if found is ...:
        candidates = [pipeline] if pipeline else list(context.pipelines.values())
        found = next((s for p in candidates if (s := _stage_named(context, p, raw))), ...)
    if found is ... or found is None or found == NEW:
        row.error(
            column,
            raw,
            _("'%(value)s' is not a stage here: choose one on the Values step")
            % {"value": w.shown(value_text(raw))},
        )
        return column, None
    if pipeline is not None and found.pipeline_id != pipeline.pk:
        same = _stage_named(context, pipeline, found.name) or _stage_named(context, pipeline, raw)
        if same is None:
            row.error(
                column,
                raw,
                _("the stage '%(value)s' is not in the pipeline %(pipeline)s")
                % {"value": w.shown(value_text(raw)), "pipeline": pipeline.name},
            )
            return column, None
        found = same
    return column, found


def _owner(row, context, deal):
    column, raw, found = _mapped(row, context, "deal.owner")
    if column is None:
        return ...
    if found is ...:
        found = context.user_index.get(name_key(raw), ...)
    if isinstance(found, NotInSales):
        deal.setdefault(WARNINGS, []).append(
            _(
                "'%(value)s' is mapped to %(user)s, who is no longer an active member of Sales: "
                "the deal is left unassigned"
            )
            % {"value": w.shown(value_text(raw)), "user": found.name}
        )
        return None
    if found is ... or found == NEW:
        row.error(
            column,
            raw,
            _(
                "'%(value)s' is not a user here: choose a user or “leave "
                "unassigned” on the Values step"
            )
            % {"value": w.shown(value_text(raw))},
        )
        return ...
    return found


def _lost_reason(row, context, deal):
    column, raw, found = _mapped(row, context, "deal.lost_reason")
    if column is None:
        return
    if found is ... or found == NEW:  # "create" for a name an earlier import created: reuse it
        found = context.lost_reasons.get(name_key(raw), NEW)
    if found == NEW:
        name = value_text(raw)
        if len(name) > 120:
            row.error(
                column, raw, _("the value is longer than %(limit)s characters") % {"limit": 120}
            )
        else:
            deal["lost_reason_new"] = name
    elif found is not None:
        deal["lost_reason"] = found


def _custom(row, context, pipeline) -> dict[str, Any]:
    fields = context.custom_fields.get(pipeline.pk, {}) if pipeline else {}
    custom = {}
    for key in [k for k in row.by_key if k.startswith(CUSTOM_PREFIX)]:
        field_key = key[len(CUSTOM_PREFIX) :]
        column, raw = row.first(key)
        field = fields.get(field_key)
        if field is None:
            row.error(
                column,
                raw,
                _("the pipeline %(pipeline)s has no field “%(field)s”")
                % {"pipeline": pipeline.name if pipeline else "—", "field": field_key},
            )
            continue
        if field.field_type == CustomFieldType.CHOICE:
            choices = {name_key(choice): choice for choice in field.choice_list}
            value = choices.get(name_key(raw))
            if value is None:
                row.error(
                    column,
                    raw,
                    _("'%(value)s' is not one of the choices of %(field)s")
                    % {"value": w.shown(value_text(raw)), "field": field.name},
                )
                continue
        else:
            widget = {
                CustomFieldType.NUMBER: w.NumberWidget(),
                CustomFieldType.DATE: w.DateWidget(context.tz, day_first=context.day_first),
                CustomFieldType.BOOLEAN: w.BooleanWidget(),
            }.get(field.field_type, w.TextWidget(1000))
            value = row.parse(key, widget)
            if value is None or value == "":
                continue
            if hasattr(value, "isoformat"):
                value = value.isoformat()
        custom[field_key] = value
    return custom


def _dates(row, context, deal, stage) -> None:
    widget = w.DateTimeWidget(context.tz, day_first=context.day_first)
    created = row.parse("deal.created_at", widget)
    entered = row.parse("deal.stage_entered_at", widget)
    closed = row.parse("deal.closed_at", widget)
    expected = row.parse(
        "deal.expected_close_date", w.DateWidget(context.tz, day_first=context.day_first)
    )
    closing = stage is not None and stage.kind != StageKind.OPEN
    if created:
        deal["created_at"] = created
    if closing:
        closed = closed or entered or created
        if closed:
            deal["closed_at"] = closed
    entered = entered or (closed if closing else None) or created
    if entered:
        deal["stage_entered_at"] = entered
    if expected:
        deal["expected_close_date"] = expected
    for later_key, later in (
        ("deal.closed_at", deal.get("closed_at")),
        ("deal.stage_entered_at", deal.get("stage_entered_at")),
    ):
        if created and later and later < created:
            column, raw = row.first(later_key)
            row.error(column, raw, _("this date is before the deal was created"))


def clean_deal(row, context: CleanContext) -> tuple[dict[str, Any], dict[str, Any]]:
    deal: dict[str, Any] = {}
    title = row.text("deal.title")
    if title:
        deal["title"] = title
    pipeline = _pipeline(row, context)
    stage_column, stage = _stage(row, context, pipeline)
    pipeline = pipeline or (stage.pipeline if stage else None) or context.default_pipeline
    if stage is not None and pipeline is not None and stage.pipeline_id != pipeline.pk:
        stage = None
    if pipeline is None:
        row.error(None, "", _("there is no pipeline to put the deal in: set one up first"))
        return deal, {}
    if stage is None and stage_column is None:
        stage = context.first_stage(pipeline)
    if stage is None:
        if stage_column is None:
            row.error(
                None,
                "",
                _("the pipeline %(pipeline)s has no open stage") % {"pipeline": pipeline.name},
            )
        return deal, {}
    deal.update(pipeline=pipeline, stage=stage, status=stage.kind)
    amount = row.parse("deal.amount", w.MoneyWidget())
    if amount is not None:
        deal["amount"] = amount
    currency = _currency(row, context)
    if currency:
        deal["currency"] = currency
    owner = _owner(row, context, deal)
    if owner is not ...:
        deal["owner"] = owner
    probability = row.parse("deal.probability", w.PercentWidget())
    if probability is not None:
        deal["probability"] = probability
    for field in ("source", "lost_comment"):
        value = row.text("deal." + field)
        if value:
            deal[field] = value
    utm = {}
    for part in ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"):
        value = row.text("deal." + part)
        if value:
            utm[part] = value
    if utm:
        deal["utm"] = utm
    referrer = row.parse("deal.referrer", w.UrlWidget(2000), "")
    if referrer:
        deal["referrer"] = referrer
    external = row.ref("deal.external_ref")
    if external:
        deal["external_ref"] = external
    services = _services(row, context)
    if services:
        deal["services"] = services
    _dates(row, context, deal, stage)
    _lost_reason(row, context, deal)
    if stage.kind == StageKind.LOST:
        if not deal.get("lost_reason") and not deal.get("lost_reason_new"):
            if context.default_lost_reason is not None:
                deal["lost_reason"] = context.default_lost_reason
            else:
                row.error(
                    stage_column,
                    row.first("deal.stage")[1] or "",
                    _(
                        "a lost deal needs a reason: map the lost reason column or choose "
                        "a reason for rows without one"
                    ),
                )
    else:
        deal.pop("lost_reason", None)
        deal.pop("lost_reason_new", None)
    if stage.kind == StageKind.WON and not deal.get("amount"):
        column, raw = row.first("deal.amount")
        row.error(
            column if column is not None else stage_column,
            raw or "",
            _("a won deal needs an amount greater than zero"),
        )
    return deal, _custom(row, context, pipeline)


def _currency(row, context) -> str:
    column, raw, found = _mapped(row, context, "deal.currency")
    if column is None:
        amount_column, amount_raw = row.first("deal.amount")
        return (
            w.currency_in_amount(amount_raw)
            if amount_column is not None
            else (context.default_currency) or context.default_currency
        )
    if found is not ... and found:
        return found
    return row.parse("deal.currency", w.CurrencyWidget(), "")


def _services(row, context) -> list:
    column, raw = row.first("deal.services")
    if column is None:
        return []
    pages = []
    for name in w.text_of(raw).replace(";", ",").replace("\n", ",").split(","):
        if not name.strip():
            continue
        page = context.services.get(name_key(name))
        if page is None:
            row.error(
                column,
                raw,
                _("'%(value)s' is not a service of the catalogue")
                % {"value": w.shown(name.strip())},
            )
        elif page not in pages:
            pages.append(page)
    return pages
