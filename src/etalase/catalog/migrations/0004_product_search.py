"""The full-text index of public products and the triggers that keep it in sync.

SQLite: an FTS5 table; PostgreSQL: a tsvector table with a GIN index. Both are
created by `etalase.catalog.search.<backend>.install()`, which is idempotent; a later
change of the index's shape ships as a new migration that calls it again.
"""

from django.db import migrations


def forward(apps, schema_editor):
    from etalase.catalog import search

    conn = schema_editor.connection
    if conn.vendor in {"sqlite", "postgresql"}:
        with conn.cursor() as cursor:
            engine = search.backend(conn)
            engine.install(cursor)
            engine.rebuild(cursor)


def backward(apps, schema_editor):
    from etalase.catalog import search

    conn = schema_editor.connection
    if conn.vendor in {"sqlite", "postgresql"}:
        with conn.cursor() as cursor:
            search.backend(conn).uninstall(cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_load_hscodes"),
        ("enterprises", "0001_initial"),
        ("regions", "0002_load_regions"),
    ]
    operations = [migrations.RunPython(forward, backward)]
