"""The full-text index of information resources (learning/search.py).

SQLite: an FTS5 table refreshed by the services; PostgreSQL: a GIN index on the
resource table's own `search_text`. Both are created by `search.install()`, idempotent.
"""

from django.db import migrations


def forward(apps, schema_editor):
    from etalase.learning import search

    search.install(schema_editor.connection)


def backward(apps, schema_editor):
    from etalase.learning import search

    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
