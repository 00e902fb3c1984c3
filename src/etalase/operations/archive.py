"""The backup archive: one gzip-compressed tar file.

    database.sqlite3 | database.pgdump    the database (one of the two)
    media/<path>                          every uploaded file under MEDIA_ROOT
    manifest.json                         written last: versions, migration state, row counts
                                          per table, and the SHA-256 and size of every member

The manifest comes last so that every member is hashed as it is written (a file is read once,
and what is hashed is what is stored). Reading checks the archive whole before anything is
restored: every member is staged and hashed, and compared with the manifest.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from etalase.operations.errors import BackupError

FORMAT = "etalase-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
_MANIFEST_MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


class _HashingReader:
    """A file read through: what tarfile copies into the archive is what gets hashed."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def write_archive(path: Path, *, database_file: Path, database_member: str, media_root: Path,
                  manifest: dict[str, Any]) -> dict[str, Any]:
    """Write the archive to `path` (via a `.partial` file renamed at the end, so that a backup
    killed half-way never leaves a file that looks like a backup). Returns the full manifest."""
    members: dict[str, dict[str, Any]] = {}
    partial = path.with_name(path.name + ".partial")
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            _add_file(tar, members, database_member, database_file)
            for file in _media_files(media_root):
                _add_file(tar, members, MEDIA_PREFIX + file.relative_to(media_root).as_posix(),
                          file)
            manifest = {**manifest, "members": members}
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
            tar.addfile(info, io.BytesIO(data))
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


def _add_file(tar: tarfile.TarFile, members: dict, name: str, file: Path) -> None:
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        return  # deleted since the listing (a removed image): nothing to keep
    with handle:
        info = tarfile.TarInfo(name)
        stat = os.fstat(handle.fileno())
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    members[name] = {"sha256": reader.sha256.hexdigest(), "size": info.size}


# --- Reading ---------------------------------------------------------------------------------


def read_archive(path: Path, staging: Path) -> dict[str, Any]:
    """Stage every member under `staging` and return the manifest once everything verifies.

    Refusals, each with its own code: `missing`, `not_archive`, `truncated`, `unsafe_member`,
    `not_etalase`, `manifest_invalid`, `format_version`, `member_missing`,
    `member_unexpected`, `checksum`."""
    if not path.is_file():
        raise BackupError(_("%(path)s does not exist or is not a file.") % {"path": path},
                          code="missing")
    try:
        tar = tarfile.open(path, "r:*")  # noqa: SIM115 - closed by the `with tar` below
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile):
        raise BackupError(_("%(path)s is not an Etalase backup: it is not a tar archive.")
                          % {"path": path}, code="not_archive") from None
    found: dict[str, dict[str, Any]] = {}
    manifest_bytes = None
    try:
        with tar:
            for member in tar:
                name = _safe_name(member)
                if name in found or (name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(_("The archive holds %(name)s twice.") % {"name": name},
                                      code="unsafe_member")
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest_bytes = source.read(_MANIFEST_MAX_BYTES + 1)
                    continue
                found[name] = _stage(source, staging / name)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile):
        raise BackupError(_("%(path)s is truncated or damaged: it ends before its end (was the "
                            "copy complete?).") % {"path": path}, code="truncated") from None
    manifest = _parse_manifest(manifest_bytes)
    _compare(manifest["members"], found)
    return manifest


def _safe_name(member: tarfile.TarInfo) -> str:
    name = member.name
    parts = PurePosixPath(name).parts
    if (not member.isfile() or not parts or name.startswith("/") or ".." in parts
            or "\\" in name or "\x00" in name):
        raise BackupError(_("The archive holds %(name)s, which no Etalase backup contains "
                            "(a link, a folder or a path outside the archive).")
                          % {"name": name}, code="unsafe_member")
    return name


def _stage(source: BinaryIO, target: Path) -> dict[str, Any]:
    target.parent.mkdir(parents=True, exist_ok=True)
    sha256, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            sha256.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"sha256": sha256.hexdigest(), "size": size}


def _parse_manifest(data: bytes | None) -> dict[str, Any]:
    if data is None:
        raise BackupError(_("This is not an Etalase backup: the archive has no manifest.json."),
                          code="not_etalase")
    try:
        manifest = json.loads(data) if len(data) <= _MANIFEST_MAX_BYTES else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("members"), dict):
        raise BackupError(_("The archive's manifest.json is not a readable manifest."),
                          code="manifest_invalid")
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This is not an Etalase backup: its manifest is of another format."),
                          code="not_etalase")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(_("The archive is in backup format %(found)s; this Etalase reads "
                            "format %(known)s. Restore it with the Etalase version that made it "
                            "(%(etalase)s) or a newer one.")
                          % {"found": version, "known": FORMAT_VERSION,
                             "etalase": manifest.get("etalase_version", "?")},
                          code="format_version")
    for key in ("database", "row_counts", "migrations"):
        if not isinstance(manifest.get(key), dict):
            raise BackupError(_("The archive's manifest.json lacks its %(key)s.") % {"key": key},
                              code="manifest_invalid")
    return manifest


def _compare(listed: dict[str, Any], found: dict[str, dict[str, Any]]) -> None:
    for name in sorted(set(listed) - set(found)):
        raise BackupError(_("%(name)s is listed in the manifest but missing from the archive.")
                          % {"name": name}, code="member_missing")
    for name in sorted(set(found) - set(listed)):
        raise BackupError(_("%(name)s is in the archive but not in its manifest: the archive "
                            "was altered.") % {"name": name}, code="member_unexpected")
    for name in sorted(listed):
        expected = listed[name]
        if not isinstance(expected, dict) or expected.get("sha256") != found[name]["sha256"] \
                or expected.get("size") != found[name]["size"]:
            raise BackupError(_("The checksum of %(name)s does not match the manifest: the "
                                "archive was altered or damaged.") % {"name": name},
                              code="checksum")
