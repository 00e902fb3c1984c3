"""Index on a product's HS chapter (the code's first two digits) with its enterprise.

insights.selectors.by_sector groups products on Substr(hs_code, 1, 2) and counts distinct
enterprises: with this index both databases walk the groups in order instead of sorting
100k rows, and no stored column has to be kept in step with the HS code. The code itself is
the last column so that PostgreSQL can use an index-only scan (it does not match the
expression's column otherwise).
"""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_product_search"),
        ("enterprises", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                django.db.models.functions.text.Substr("hs_code", 1, 2),
                models.F("enterprise"),
                models.F("hs_code"),
                name="product_hs_chapter_idx",
            ),
        ),
    ]
