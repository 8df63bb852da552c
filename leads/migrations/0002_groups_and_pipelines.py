"""Sales groups with their permissions, one pipeline per service type, and the lost reasons.

Texts follow LANGUAGE_CODE at migration time (English or Russian); sales managers edit them later.
"""

from django.conf import settings
from django.db import migrations

RU = settings.LANGUAGE_CODE.startswith("ru")


def t(en, ru):
    return ru if RU else en


# code, name, default?, [(stage, kind, probability, stale days, [(task, kind, hours)])]
PIPELINES = [
    ("project", t("Project work", "Проектная работа"), True, [
        (t("New request", "Новая заявка"), "open", 5, 2, [(t("Call the client back", "Перезвонить клиенту"), "call", 4)]),
        (t("Qualified", "Квалифицирована"), "open", 15, 5, [(t("Agree the brief", "Согласовать бриф"), "email", 48)]),
        (t("Meeting / diagnostics", "Встреча / диагностика"), "open", 30, 10, [(t("Hold the diagnostic meeting", "Провести диагностическую встречу"), "meeting", 72)]),
        (t("Proposal sent", "КП отправлено"), "open", 50, 14, [(t("Follow up on the proposal", "Узнать мнение о КП"), "call", 72)]),
        (t("Contract negotiation", "Согласование договора"), "open", 70, 14, []),
        (t("Contract signed", "Договор подписан"), "open", 90, 30, [(t("Issue the invoice", "Выставить счёт"), "other", 24)]),
        (t("Paid", "Оплачено"), "won", 100, None, []),
        (t("Lost", "Проиграна"), "lost", 0, None, []),
    ]),
    ("one_off", t("One-off consultation", "Разовая консультация"), False, [
        (t("Request", "Заявка"), "open", 10, 2, [(t("Call the client back", "Перезвонить клиенту"), "call", 4)]),
        (t("Consultation held", "Консультация проведена"), "open", 60, 7, [(t("Write the report", "Подготовить отчёт"), "other", 72)]),
        (t("Report sent", "Отчёт отправлен"), "open", 80, 14, []),
        (t("Paid", "Оплачено"), "won", 100, None, []),
        (t("Lost", "Проиграна"), "lost", 0, None, []),
    ]),
    ("subscription", t("Subscription", "Подписка"), False, [
        (t("Request", "Заявка"), "open", 10, 2, [(t("Call the client back", "Перезвонить клиенту"), "call", 4)]),
        (t("Connected", "Подключён"), "open", 50, 14, [(t("Check the set-up with the client", "Проверить подключение с клиентом"), "call", 72)]),
        (t("First payment", "Первая оплата"), "open", 80, 30, []),
        (t("Renewal", "Продление"), "won", 100, None, []),
        (t("Churned", "Ушёл"), "lost", 0, None, []),
    ]),
    ("b2b", t("B2B sale", "B2B-продажа"), False, [
        (t("New request", "Новая заявка"), "open", 5, 2, [(t("Call the client back", "Перезвонить клиенту"), "call", 4)]),
        (t("Qualified", "Квалифицирована"), "open", 20, 7, []),
        (t("Meeting", "Встреча"), "open", 40, 10, [(t("Prepare for the meeting", "Подготовиться к встрече"), "meeting", 48)]),
        (t("Proposal sent", "КП отправлено"), "open", 60, 14, []),
        (t("Won", "Выиграна"), "won", 100, None, []),
        (t("Lost", "Проиграна"), "lost", 0, None, []),
    ]),
    ("b2c", t("B2C sale", "B2C-продажа"), False, [
        (t("New request", "Новая заявка"), "open", 10, 1, [(t("Call the client back", "Перезвонить клиенту"), "call", 2)]),
        (t("Contacted", "Связались"), "open", 40, 3, []),
        (t("Order placed", "Заказ оформлен"), "won", 100, None, []),
        (t("Lost", "Проиграна"), "lost", 0, None, []),
    ]),
]

LOST_REASONS = [
    t("Not a target request", "Нецелевая заявка"),
    t("Price too high", "Слишком дорого"),
    t("Chose a competitor", "Выбрали конкурента"),
    t("No budget", "Нет бюджета"),
    t("No response", "Не выходит на связь"),
    t("Bad timing", "Не сейчас"),
]

SALES = {
    "leads": {
        "deal": ["view", "add", "change"],
        "contact": ["view", "add", "change"],
        "company": ["view", "add", "change"],
        "task": ["view", "add", "change"],
        "activity": ["view", "add"],
        "leadsubmission": ["view"],
        "pipeline": ["view"],
        "stage": ["view"],
        "lostreason": ["view"],
    },
}
MANAGERS_EXTRA = {
    "leads": {
        "deal": ["delete", "view_all_deals", "export_deals", "manage_pipelines"],
        "contact": ["delete"],
        "company": ["delete"],
        "task": ["delete"],
        "pipeline": ["add", "change", "delete"],
        "stage": ["add", "change", "delete"],
        "stagetasktemplate": ["view", "add", "change", "delete"],
        "customfield": ["view", "add", "change", "delete"],
        "lostreason": ["add", "change", "delete"],
        "apikey": ["view", "add", "change", "delete"],
    },
}


def permission_codenames(spec):
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                codename = action if "_" in action else f"{action}_{model}"
                yield app_label, codename


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    def grant(group, spec):
        for app_label, codename in permission_codenames(spec):
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    sales, _ = Group.objects.get_or_create(name="Sales")
    sales.permissions.add(admin_access)
    grant(sales, SALES)
    managers, _ = Group.objects.get_or_create(name="Sales managers")
    managers.permissions.add(admin_access)
    grant(managers, SALES)
    grant(managers, MANAGERS_EXTRA)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(admin_access)

    ServiceType = apps.get_model("catalog", "ServiceType")
    Pipeline = apps.get_model("leads", "Pipeline")
    Stage = apps.get_model("leads", "Stage")
    StageTaskTemplate = apps.get_model("leads", "StageTaskTemplate")
    LostReason = apps.get_model("leads", "LostReason")
    if Pipeline.objects.exists():
        return
    for order, (code, name, is_default, stages) in enumerate(PIPELINES):
        pipeline = Pipeline.objects.create(name=name, is_default=is_default, sort_order=order)
        # Historical models have no ClusterableModel.save(): write the link row directly.
        Pipeline.service_types.through.objects.create(
            pipeline_id=pipeline.pk, servicetype_id=ServiceType.objects.get(code=code).pk
        )
        for position, (stage_name, kind, probability, stale, tasks) in enumerate(stages):
            stage = Stage.objects.create(
                pipeline=pipeline,
                name=stage_name,
                kind=kind,
                win_probability=probability,
                stale_after_days=stale,
                sort_order=position,
            )
            for title, task_kind, hours in tasks:
                StageTaskTemplate.objects.create(stage=stage, title=title, kind=task_kind, due_after_hours=hours)
    for order, reason in enumerate(LOST_REASONS):
        LostReason.objects.create(name=reason, sort_order=order)


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_initial"),
        ("catalog", "0003_service_types"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
