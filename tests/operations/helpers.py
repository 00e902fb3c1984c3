"""Archives made by hand for the refusal tests: cheap, and each shaped to break one rule."""

from __future__ import annotations

import io
import sqlite3
import tarfile
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from etalase.operations import archive, databases


def current_migrations() -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations):
        state.setdefault(app, []).append(name)
    return state


def make_archive(folder: Path, *, vendor: str | None = None, media: dict[str, bytes] | None = None,
                 **manifest_changes: Any) -> Path:
    """A well-formed archive for this code and database, holding a tiny SQLite database."""
    vendor = vendor or connection.vendor
    member = databases.member_for(vendor)
    database_file = folder / "source.sqlite3"
    with sqlite3.connect(database_file) as db:
        db.execute("CREATE TABLE IF NOT EXISTS t (x)")
    media_root = folder / "media-source"
    for name, data in (media or {}).items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(data)
    manifest = {"format": archive.FORMAT, "format_version": archive.FORMAT_VERSION,
                "etalase_version": "0.1.0", "database": {"vendor": vendor, "member": member},
                "migrations": current_migrations(), "row_counts": {"t": 0}, **manifest_changes}
    path = folder / "etalase.tar.gz"
    path.unlink(missing_ok=True)
    archive.write_archive(path, database_file=database_file, database_member=member,
                          media_root=media_root, manifest=manifest)
    return path


def members_of(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def rewrite(path: Path, members: dict[str, bytes], *, mode: str = "w:gz") -> Path:
    """The same archive with its members replaced (an altered copy)."""
    out = path.with_name("altered-" + path.name)
    with tarfile.open(out, mode) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out
