"""An archive that does not verify is refused, each fault with its own message, before any
change to the database or the media files."""

import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from etalase.operations.errors import BackupError
from etalase.operations.services import backup_restore, backup_verify
from etalase.regions.models import Country
from tests.operations.helpers import make_archive, members_of, rewrite

pytestmark = pytest.mark.django_db


def refusal(path) -> BackupError:
    with pytest.raises(BackupError) as caught:
        backup_verify(path)
    return caught.value


def test_a_well_formed_archive_verifies(tmp_path):
    path = make_archive(tmp_path, media={"products/kopi.jpg": b"\xff\xd8 jpeg"})
    manifest = backup_verify(path)
    assert set(manifest["members"]) == {manifest["database"]["member"], "media/products/kopi.jpg"}


def test_a_changed_byte_fails_its_checksum(tmp_path):
    path = make_archive(tmp_path, media={"products/kopi.jpg": b"\xff\xd8 original"})
    members = members_of(path)
    members["media/products/kopi.jpg"] = b"\xff\xd8 origiNal"  # same size, one byte
    error = refusal(rewrite(path, members))
    assert error.code == "checksum"
    assert "media/products/kopi.jpg" in str(error)


def test_a_truncated_archive_is_named_so(tmp_path):
    path = make_archive(tmp_path, media={"a.bin": bytes(range(256)) * 400})
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 30):
        path.write_bytes(data[:cut])
        assert refusal(path).code == "truncated", cut


@pytest.mark.parametrize("content", [b"", b"name,phone\nToko Maju,0812\n",
                                     b"<script>alert(1)</script>" * 400, b"\x1f\x8b\x08garbage"])
def test_a_file_that_is_not_an_archive(tmp_path, content):
    path = tmp_path / "backup.tar.gz"
    path.write_bytes(content)
    assert refusal(path).code in {"not_archive", "truncated"}


def test_a_missing_file(tmp_path):
    assert refusal(tmp_path / "nowhere.tar.gz").code == "missing"
    assert refusal(tmp_path).code == "missing"  # a folder


def test_an_archive_without_a_manifest_is_not_an_etalase_backup(tmp_path):
    path = rewrite(tmp_path / "x.tar", {"notes.txt": b"Laporan bulanan"}, mode="w")
    assert refusal(path).code == "not_etalase"


@pytest.mark.parametrize("manifest, code", [
    (b"{not json", "manifest_invalid"),
    (b"[]", "manifest_invalid"),
    (json.dumps({"format": "other", "members": {}}).encode(), "not_etalase"),
])
def test_a_broken_manifest(tmp_path, manifest, code):
    members = members_of(make_archive(tmp_path))
    members["manifest.json"] = manifest
    assert refusal(rewrite(tmp_path / "x.tar.gz", members)).code == code


def test_a_newer_archive_format_is_refused(tmp_path):
    assert refusal(make_archive(tmp_path, format_version=2)).code == "format_version"


def test_members_must_match_the_manifest(tmp_path):
    path = make_archive(tmp_path, media={"a.txt": b"a"})
    members = members_of(path)
    extra = dict(members, **{"media/b.txt": b"slipped in"})
    assert refusal(rewrite(path, extra)).code == "member_unexpected"
    missing = {k: v for k, v in members.items() if k != "media/a.txt"}
    assert refusal(rewrite(path, missing)).code == "member_missing"


@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "/etc/passwd", "media/../../x"])
def test_a_path_outside_the_archive_is_refused(tmp_path, name):
    members = members_of(make_archive(tmp_path))
    members[name] = b"* * * * * root sh"
    assert refusal(rewrite(tmp_path / "x.tar.gz", members)).code == "unsafe_member"


def test_a_link_is_refused(tmp_path):
    path = tmp_path / "links.tar"
    with tarfile.open(path, "w") as tar:
        link = tarfile.TarInfo("media/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    assert refusal(path).code == "unsafe_member"


def test_another_engines_archive_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    error = refusal(make_archive(tmp_path, vendor=other))
    assert error.code == "vendor_mismatch"


def test_an_archive_from_newer_code_is_refused_naming_the_version(tmp_path):
    path = make_archive(tmp_path, etalase_version="9.0.0",
                        migrations={"catalog": ["0001_initial", "0999_from_the_future"]})
    error = refusal(path)
    assert error.code == "newer_version"
    assert "9.0.0" in str(error) and "catalog.0999_from_the_future" in str(error)


def test_a_non_empty_database_is_refused_and_left_alone(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    before = Country.objects.count()
    with pytest.raises(BackupError) as caught:
        backup_restore(make_archive(tmp_path, media={"a.txt": b"a"}))
    assert caught.value.code == "not_empty"
    assert Country.objects.count() == before > 0
    assert not (tmp_path / "media" / "a.txt").exists()


def test_the_command_says_why_it_refuses(tmp_path):
    path = make_archive(tmp_path, media={"a.txt": b"a"})
    members = members_of(path)
    members["media/a.txt"] = b"b"
    with pytest.raises(CommandError, match=r"checksum of media/a\.txt does not match"):
        call_command("restore", str(rewrite(path, members)), "--check")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path))
