"""Default synonym groups (editors may change or delete them) and the editors' permission to
keep them. Every group is for any language: visitors type both scripts on either site."""

from django.db import migrations

EDITOR_GROUPS = ["Editors", "Moderators"]
CODENAMES = ["view_synonymgroup", "add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"]

DEFAULT_GROUPS = [
    ("1С\n1C\n1S\n1С:Предприятие", "1C spelled in Latin or Cyrillic letters"),
    ("Битрикс\nBitrix\n1С-Битрикс\nBitrix24\nБитрикс24", ""),
    (
        "e-commerce\necommerce\nonline store\nwebshop\nweb shop\ninternet shop\n"
        "интернет-магазин\nонлайн-магазин\nэлектронная коммерция",
        "",
    ),
    ("Shopify\nШопифай", ""),
    ("CRM\nЦРМ", ""),
    ("ERP\nЕРП", ""),
    ("SEO\nСЕО", ""),
    ("UX\nuser experience\nпользовательский опыт", ""),
    ("DevOps\nдевопс", ""),
    ("ML\nmachine learning\nмашинное обучение", ""),
    ("AI\nartificial intelligence\nИИ\nискусственный интеллект", ""),
    ("BI\nbusiness intelligence\nбизнес-аналитика", ""),
    (
        "fintech\nфинтех\nfinancial technology\nфинансовые технологии\nbanking\nбанки\n"
        "financial services\nфинансовые услуги",
        "Industry: a visitor typing fintech looks for banks and financial services too",
    ),
    ("HoReCa\nхорека\nhotels restaurants cafes\nгостинично-ресторанный бизнес", "Industry"),
    ("FMCG\nfast-moving consumer goods\nтовары повседневного спроса", "Industry"),
    ("ЖКХ\nжилищно-коммунальное хозяйство\nhousing and utilities", "Industry"),
    ("retail\nритейл\nрозница\nрозничная торговля", "Industry"),
    ("госсектор\nгосударственный сектор\npublic sector", "Industry"),
    ("HR\nhuman resources\nкадры\nперсонал", ""),
]


def seed(apps, schema_editor):
    """The defaults on a database without groups (a second run adds nothing)."""
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create(
            SynonymGroup(language="any", terms=terms, note=note) for terms, note in DEFAULT_GROUPS
        )


def grant_editors(apps, schema_editor):
    """Editors (and moderators) keep the synonyms; sales people don't."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*permissions)


def forwards(apps, schema_editor):
    seed(apps, schema_editor)
    grant_editors(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_synonym_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("leads", "0002_groups_and_pipelines"),  # creates the Editors group on a fresh database
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
