"""A backup of the demo data restored into an empty database gives back every row, every media
file and the same gallery page, on SQLite and on PostgreSQL (CI runs the suite on both).

Transactional: a backup reads committed data (pg_dump is another process; SQLite refuses to copy
a connection inside a transaction), and a restore replaces the database under the test.
"""

import datetime as dt
import difflib
import hashlib
import io
import re
import sqlite3

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection

from etalase.demo.builder import build_demo
from etalase.operations import databases
from etalase.operations.errors import BackupError
from etalase.operations.services import backup_create, backup_restore, backup_verify
from etalase.regions.models import Country
from tests.browser.conftest import restore_reference_data

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = pytest.mark.django_db(transaction=True)
CSRF_TOKEN = re.compile(r'(?<=csrfmiddlewaretoken" value=")[^"]+|(?<="X-CSRFToken": ")[^"]+')
GALLERY_PAGES = ["/gallery/", "/gallery/?q=kopi", "/gallery/?q=tenun&country=ID"]


@pytest.fixture
def demo(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    restore_reference_data()  # a transactional test starts after other tests' flushes
    for cache in caches.all():
        cache.clear()  # facets and counts cached by earlier tests describe other data
    build_demo(enterprises=12, products=40, seed=5, today=dt.date(2026, 6, 1))
    images = settings.MEDIA_ROOT / "products" / "2026"
    images.mkdir(parents=True, exist_ok=True)
    (images / "kopi-toraja.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    (images / "Tenun Ikat Sumba (1).png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 900)


def content_digest() -> str:
    """SHA-256 over every row of every model table, in primary-key order."""
    digest = hashlib.sha256()
    tables = set(connection.introspection.table_names())
    for model in sorted(apps.get_models(include_auto_created=True),
                        key=lambda m: m._meta.db_table):
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables:
            digest.update(model._meta.db_table.encode())
            for row in model._base_manager.order_by("pk").values_list():
                digest.update(repr(row).encode())
    return digest.hexdigest()


def media_digest() -> dict[str, str]:
    root = settings.MEDIA_ROOT
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def pages(client) -> list[str]:
    answers = [client.get(url) for url in GALLERY_PAGES]
    assert all(a.status_code == 200 for a in answers)
    # The CSRF token is masked anew in every answer; everything else must be the same.
    return [CSRF_TOKEN.sub("csrf", a.content.decode()) for a in answers]


def make_database_empty() -> None:
    """What an operator starts from: a new, empty database."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        sqlite3.connect(":memory:").backup(connection.connection)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    assert databases.is_empty(connection)


def test_the_demo_round_trips_with_counts_checksums_media_and_the_same_gallery_and_replace(
        demo, client, tmp_path, settings):
    rows, media, gallery = content_digest(), media_digest(), pages(client)
    path = tmp_path / "etalase-backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    manifest = backup_verify(path)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["row_counts"]["catalog_product"] == 40
    assert manifest["row_counts"]["regions_country"] == Country.objects.count() > 0
    assert "0001_initial" in manifest["migrations"]["catalog"]
    assert all(len(member["sha256"]) == 64 for member in manifest["members"].values())
    with pytest.raises(BackupError) as caught:
        backup_create(path)
    assert caught.value.code == "exists"

    make_database_empty()
    for file in settings.MEDIA_ROOT.rglob("*.*"):
        file.unlink()
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)

    assert "as the manifest says" in out.getvalue()
    with connection.cursor() as cursor:
        assert databases.read_state(cursor, connection.vendor).row_counts == manifest["row_counts"]
    assert content_digest() == rows
    assert media_digest() == media and len(media) >= 2
    for before, after in zip(gallery, pages(client), strict=True):
        assert after == before, "\n".join(difflib.unified_diff(
            before.splitlines(), after.splitlines(), "before", "restored", lineterm="", n=0))

    # Changed since the backup: a plain restore refuses, --replace puts the backup back.
    Country.objects.filter(pk="ID").update(name="Changed after the backup")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path))
    call_command("restore", str(path), "--replace", stdout=io.StringIO())
    assert Country.objects.get(pk="ID").name != "Changed after the backup"
    assert content_digest() == rows


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="pg_dump's exported snapshot is PostgreSQL's")
def test_rows_committed_during_pg_dump_are_in_neither_the_dump_nor_its_counts(
        demo, tmp_path, monkeypatch):
    real_run = databases._pg_run
    before = Country.objects.count()

    def commit_then_dump(connection_, program, options):
        if program == "pg_dump":  # another connection commits after the snapshot was taken
            Country.objects.create(code="ZZ", name="Committed meanwhile")
        real_run(connection_, program, options)

    monkeypatch.setattr(databases, "_pg_run", commit_then_dump)
    manifest = backup_create(tmp_path / "b.tar.gz")
    monkeypatch.setattr(databases, "_pg_run", real_run)
    assert manifest["row_counts"]["regions_country"] == before
    backup_restore(tmp_path / "b.tar.gz", replace=True)  # its own row count check passes
    assert Country.objects.count() == before
    assert not Country.objects.filter(code="ZZ").exists()
