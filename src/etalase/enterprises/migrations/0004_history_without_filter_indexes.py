"""The history table loses the registry's filter indexes (it is read per record by id).

Only the state changes through AlterField; in the database the indexes are dropped by
name as the database reports them, because on SQLite AlterField would rebuild the whole
history table once per field (seven copies of every row ever recorded).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = "enterprises_historicalenterprise"
COLUMNS = {
    "slug", "size_class", "export_status", "created_at", "country_id", "subdivision_id",
    "verified_by_id",
}


def drop_filter_indexes(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, info in constraints.items():
        # Single-column, plain indexes only (PostgreSQL adds a `_like` one for text columns).
        if (info["index"] and not info["unique"] and not info["primary_key"]
                and len(info["columns"]) == 1 and info["columns"][0] in COLUMNS):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_filter_indexes(apps, schema_editor):
    model = apps.get_model("enterprises", "HistoricalEnterprise")
    for column in sorted(COLUMNS):
        field = next(f for f in model._meta.fields if f.column == column)
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):

    dependencies = [
        ('enterprises', '0003_insights_published_product'),
        ('regions', '0002_load_regions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='historicalenterprise',
            name='country',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='regions.country', verbose_name='country'),
        ),
        migrations.AlterField(
            model_name='historicalenterprise',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False),
        ),
        migrations.AlterField(
            model_name='historicalenterprise',
            name='export_status',
            field=models.CharField(choices=[('not_yet', 'Not yet exporting'), ('ready', 'Export-ready'), ('exporting', 'Exporting')], default='not_yet', max_length=12, verbose_name='export status'),
        ),
        migrations.AlterField(
            model_name='historicalenterprise',
            name='size_class',
            field=models.CharField(blank=True, choices=[('micro', 'Micro'), ('small', 'Small'), ('medium', 'Medium'), ('large', 'Large')], max_length=10, verbose_name='size class'),
        ),
        migrations.AlterField(
            model_name='historicalenterprise',
            name='slug',
            field=models.SlugField(blank=True, db_index=False, max_length=80),
        ),
        migrations.AlterField(
            model_name='historicalenterprise',
            name='subdivision',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='regions.subdivision', verbose_name='province / state'),
        ),
        migrations.AlterField(
            model_name='historicalenterprise',
            name='verified_by',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='verified by'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunPython(drop_filter_indexes, create_filter_indexes),
            ],
            state_operations=state_operations,
        ),
    ]
