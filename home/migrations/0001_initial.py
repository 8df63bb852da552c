"""HomePage moves from ``core`` to ``home`` and keeps its rows, page tree and revisions.

The model is declared here over the table ``core`` created (no table is made), the page type's
ContentType row is renamed from ``core.homepage`` to ``home.homepage`` so every page, revision,
log entry and permission that points at it by id keeps pointing at it, and the table is then
renamed to ``home_homepage``. On a fresh database ContentTypes are only made after ``migrate``
(post_migrate), so there is nothing to rename and ``home.homepage`` is created as usual.
``core.0004_move_home_page_to_home`` then drops the model from ``core``'s state.
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def rename_content_type(old_app_label, new_app_label):
    def rename(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        content_types = ContentType.objects.using(schema_editor.connection.alias)
        if content_types.filter(app_label=new_app_label, model="homepage").exists():
            return
        content_types.filter(app_label=old_app_label, model="homepage").update(
            app_label=new_app_label
        )

    return rename


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('hero_title', models.CharField(max_length=160, verbose_name='hero title')),
                        ('hero_text', models.TextField(blank=True, verbose_name='hero text')),
                        ('value_proposition', wagtail.fields.RichTextField(blank=True, verbose_name='value proposition')),
                        ('featured_services', wagtail.fields.StreamField([('service', 0)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['catalog.ServicePage']})}, help_text='Leave empty to show the newest services.', verbose_name='featured services')),
                        ('featured_cases', wagtail.fields.StreamField([('case', 0)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['cases.CasePage']})}, help_text='Leave empty to show the newest public cases.', verbose_name='featured cases')),
                        ('featured_experts', wagtail.fields.StreamField([('expert', 0)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['experts.ExpertPage']})}, help_text='Leave empty to show the newest experts.', verbose_name='featured experts')),
                        ('key_figures', wagtail.fields.StreamField([('figure', 2)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example: 120+', 'label': 'Figure', 'max_length': 40}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'What it counts', 'max_length': 120}), 2: ('wagtail.blocks.StructBlock', [[('value', 0), ('label', 1)]], {})}, verbose_name='key figures')),
                        ('call_to_action', wagtail.fields.StreamField([('call_to_action', 5)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 120}), 1: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'Button text', 'max_length': 60}), 3: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Link to page', 'required': False}), 4: ('wagtail.blocks.URLBlock', (), {'label': 'Or external link', 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('title', 0), ('text', 1), ('button_text', 2), ('page', 3), ('url', 4)]], {})}, verbose_name='call to action')),
                        ('hero_image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='hero image')),
                        ('social_image', models.ForeignKey(blank=True, help_text='Shown when the page is shared; 1200×630 works best.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='social image')),
                    ],
                    options={
                        "verbose_name": "home page",
                        "db_table": "core_homepage",
                    },
                    bases=("wagtailcore.page", models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_type("core", "home"), rename_content_type("home", "core")
        ),
        migrations.AlterModelTable(name="HomePage", table=None),
    ]
