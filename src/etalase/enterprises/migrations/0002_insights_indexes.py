"""Covering indexes for the dashboards' counts (insights.selectors).

The per-province counts read a dozen short columns of every enterprise; from the table
itself that means walking the wide rows (descriptions, addresses) in province order.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="certification",
            index=models.Index(
                fields=["kind", "enterprise", "valid_until", "valid_from"],
                name="certification_insights_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="enterprise",
            index=models.Index(
                fields=[
                    "country",
                    "subdivision",
                    "size_class",
                    "export_status",
                    "consent",
                    "is_published",
                    "verified_at",
                    "updated_at",
                    "phone",
                    "email",
                    "whatsapp",
                ],
                name="enterprise_insights_idx",
            ),
        ),
    ]
