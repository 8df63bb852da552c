"""Each deal as the core figures count and group it (analytics.models.DealFacts), filled from the
deals already stored; it replaces the sources-only DealTouch. DealServiceLink maps leads' own
table of deals' services (no table is made for it)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    from analytics import deal_facts

    deal_facts.rebuild_facts(deal_facts.live_models(apps))


class Migration(migrations.Migration):

    dependencies = [
        ('analytics', '0003_deal_touch'),
        ('leads', '0012_stagechange_stay_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DealServiceLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'db_table': 'leads_deal_services',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='DealFacts',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(verbose_name='created')),
                ('closed_at', models.DateTimeField(null=True, verbose_name='closed')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=14, null=True, verbose_name='amount')),
                ('currency', models.CharField(max_length=3, verbose_name='currency')),
                ('channel', models.CharField(max_length=120, null=True, verbose_name='request channel')),
                ('first_source', models.TextField(null=True, verbose_name='first-touch source')),
                ('utm_source', models.TextField(null=True, verbose_name='UTM source')),
                ('utm_medium', models.TextField(null=True, verbose_name='UTM medium')),
                ('utm_campaign', models.TextField(null=True, verbose_name='UTM campaign')),
                ('landing_path', models.TextField(null=True, verbose_name='landing page')),
                ('deal', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='analytics_facts', to='leads.deal', verbose_name='deal')),
                ('owner', models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                ('pipeline', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='leads.pipeline', verbose_name='pipeline')),
            ],
            options={
                'verbose_name': 'deal as counted',
                'verbose_name_plural': 'deals as counted',
            },
        ),
        migrations.AddField(
            model_name='dealservicetype',
            name='facts',
            field=models.ForeignObject(from_fields=['deal'], null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='type_links', to='analytics.dealfacts', to_fields=['deal']),
        ),
        migrations.DeleteModel(
            name='DealTouch',
        ),
        migrations.AddIndex(
            model_name='dealfacts',
            index=models.Index(fields=['status', 'closed_at', 'created_at', 'amount', 'currency', 'channel', 'first_source', 'pipeline', 'owner', 'deal'], name='dealfacts_closed'),
        ),
        migrations.AddIndex(
            model_name='dealfacts',
            index=models.Index(fields=['created_at', 'status', 'closed_at', 'amount', 'currency', 'channel', 'first_source', 'pipeline', 'owner', 'deal'], name='dealfacts_created'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
