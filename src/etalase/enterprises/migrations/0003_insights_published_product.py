"""Enterprise.has_published_product, filled from the products, and in the dashboards'
covering index (see etalase.insights.published for who keeps it)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Enterprise = apps.get_model("enterprises", "Enterprise")
    Product = apps.get_model("catalog", "Product")
    published = Product.objects.filter(enterprise=models.OuterRef("pk"), is_published=True)
    Enterprise.objects.update(has_published_product=models.Exists(published))


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_product_search"),
        ("enterprises", "0002_insights_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="enterprise", name="enterprise_insights_idx"),
        migrations.AddField(
            model_name="enterprise",
            name="has_published_product",
            field=models.BooleanField(db_default=models.Value(False), editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
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
                    "has_published_product",
                ],
                name="enterprise_insights_idx",
            ),
        ),
    ]
