# Fingerprints are looked up within a country: one index on both (intake.comparison).
#
# The single-column index is dropped by name rather than by AlterField: on SQLite, AlterField
# rebuilds the whole table (copy, drop, rename), which drops the search index's triggers on it
# and takes minutes on a large registry. The names are the ones Django gave the index of
# `db_index=True` (0005): the B-tree, and on PostgreSQL its `_like` companion.

from django.db import migrations, models

OLD_INDEXES = (
    "enterprises_enterprise_identity_fingerprint_1bf4a2cf",
    "enterprises_enterprise_identity_fingerprint_1bf4a2cf_like",
)


class Migration(migrations.Migration):

    dependencies = [
        ('enterprises', '0008_open_data_consent'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='enterprise',
                    name='identity_fingerprint',
                    field=models.CharField(blank=True, max_length=64),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    [f'DROP INDEX IF EXISTS "{name}"' for name in OLD_INDEXES],
                    reverse_sql=[
                        f'CREATE INDEX "{OLD_INDEXES[0]}" ON "enterprises_enterprise" '
                        '("identity_fingerprint")'
                    ],
                ),
            ],
        ),
        migrations.AddIndex(
            model_name='enterprise',
            index=models.Index(fields=['country', 'identity_fingerprint'], name='enterprise_identity_idx'),
        ),
    ]
