# Fingerprints are looked up within a country: one index on both (intake.comparison).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enterprises', '0008_open_data_consent'),
    ]

    operations = [
        migrations.AlterField(
            model_name='enterprise',
            name='identity_fingerprint',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddIndex(
            model_name='enterprise',
            index=models.Index(fields=['country', 'identity_fingerprint'], name='enterprise_identity_idx'),
        ),
    ]
