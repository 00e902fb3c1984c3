"""Make a backup, check one, restore one.

`backup_create` writes the database and the media files into one archive with a manifest;
`backup_verify` checks an archive whole without touching anything; `backup_restore` restores a
verified archive into an empty database (or, when told to, over a non-empty one) and then checks
the restored tables' row counts against the manifest.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from etalase.operations import archive, databases
from etalase.operations.errors import BackupError


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    tables: int = 0
    rows: int = 0
    media_files: int = 0
    # Migrations of this code that the archive's database has not applied: run `migrate`.
    pending_migrations: list[str] = field(default_factory=list)


def etalase_version() -> str:
    try:
        return importlib.metadata.version("etalase")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


def backup_create(path: Path, *, using: str = "default") -> dict[str, Any]:
    """Write one archive at `path`; returns its manifest. Refuses to overwrite a file."""
    path = Path(path)
    if path.exists():
        raise BackupError(_("%(path)s already exists; a backup never overwrites a file.")
                          % {"path": path}, code="exists")
    if not path.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": path.parent},
                          code="no_folder")
    connection = connections[using]
    vendor = databases.vendor_of(connection)
    member = databases.member_for(vendor)
    # Staged beside the archive: the same disk, not a /tmp that may be small or in memory.
    with tempfile.TemporaryDirectory(prefix=".etalase-backup-", dir=path.parent) as staging:
        database_file = Path(staging) / member
        state = databases.dump(connection, database_file)
        manifest = {
            "format": archive.FORMAT,
            "format_version": archive.FORMAT_VERSION,
            "etalase_version": etalase_version(),
            "django_version": django.get_version(),
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": vendor, "member": member},
            "migrations": state.migrations,
            "row_counts": state.row_counts,
        }
        return archive.write_archive(path, database_file=database_file, database_member=member,
                                     media_root=Path(settings.MEDIA_ROOT), manifest=manifest)


def backup_verify(path: Path, *, using: str = "default") -> dict[str, Any]:
    """Check checksums, manifest and compatibility with this code and database; change nothing."""
    with tempfile.TemporaryDirectory(prefix="etalase-verify-") as staging:
        manifest = archive.read_archive(Path(path), Path(staging))
    _check_compatible(manifest, using=using)
    return manifest


def backup_restore(path: Path, *, replace: bool = False, using: str = "default") -> RestoreResult:
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="etalase-restore-") as staging_dir:
        staging = Path(staging_dir)
        manifest = archive.read_archive(Path(path), staging)
        pending = _check_compatible(manifest, using=using)
        if not replace and not databases.is_empty(connection):
            raise BackupError(_("The database is not empty: a backup is restored into an empty "
                                "database only. Create a new database, or pass --replace to "
                                "drop everything in this one first."), code="not_empty")
        media = _media_members(manifest, staging)
        if not replace:
            _refuse_overwriting_media(media)
        state = databases.load(connection, staging / manifest["database"]["member"],
                               replace=replace)
        _compare_counts(manifest["row_counts"], state.row_counts)
        for source, target in media:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target.with_name(target.name + ".restoring"))
            os.replace(target.with_name(target.name + ".restoring"), target)
    for cache in caches.all(initialized_only=True):
        cache.clear()  # cached pages, facets and index versions describe the database replaced
    return RestoreResult(manifest=manifest, tables=len(state.row_counts),
                         rows=sum(state.row_counts.values()), media_files=len(media),
                         pending_migrations=pending)


def _check_compatible(manifest: dict[str, Any], *, using: str) -> list[str]:
    """Refuse another engine's archive and one made by newer code; list migrations to run."""
    vendor = databases.vendor_of(connections[using])
    archived = manifest["database"].get("vendor")
    if archived != vendor or manifest["database"].get("member") != databases.member_for(vendor):
        raise BackupError(_("The archive holds a %(archived)s database; this Etalase runs on "
                            "%(vendor)s. Restore it with DATABASE_URL set to a %(archived)s "
                            "database.") % {"archived": archived, "vendor": vendor},
                          code="vendor_mismatch")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(applied - known)
    if unknown:
        app, name = unknown[0]
        raise BackupError(_("The archive was made by Etalase %(version)s, newer than this one "
                            "(%(here)s): its migration %(app)s.%(name)s is unknown here. Install "
                            "Etalase %(version)s or newer, then restore.")
                          % {"version": manifest.get("etalase_version", "?"),
                             "here": etalase_version(), "app": app, "name": name},
                          code="newer_version")
    return [f"{app}.{name}" for app, name in sorted(known - applied)]


def _media_members(manifest: dict[str, Any], staging: Path) -> list[tuple[Path, Path]]:
    media_root = Path(settings.MEDIA_ROOT)
    return [(staging / name, media_root / name.removeprefix(archive.MEDIA_PREFIX))
            for name in sorted(manifest["members"]) if name.startswith(archive.MEDIA_PREFIX)]


def _refuse_overwriting_media(media: list[tuple[Path, Path]]) -> None:
    for source, target in media:
        if target.exists() and target.read_bytes() != source.read_bytes():
            raise BackupError(_("%(file)s already exists in MEDIA_ROOT with other content; pass "
                                "--replace to overwrite media files.") % {"file": target},
                              code="media_exists")


def _compare_counts(expected: dict[str, int], restored: dict[str, int]) -> None:
    differing = sorted(t for t in set(expected) | set(restored)
                       if expected.get(t) != restored.get(t))
    if differing:
        table = differing[0]
        raise BackupError(_("After the restore, table %(table)s holds %(found)s rows where the "
                            "manifest says %(expected)s (%(count)s tables differ).")
                          % {"table": table, "found": restored.get(table, _("no")),
                             "expected": expected.get(table, _("no table")),
                             "count": len(differing)}, code="counts_differ")
