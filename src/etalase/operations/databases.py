"""The database half of a backup, one pair of functions per engine.

SQLite is copied with its online backup API (`sqlite3.Connection.backup`): one step under a read
lock, so the copy is a consistent snapshot while the server keeps writing (WAL readers do not
block writers). PostgreSQL is dumped by `pg_dump --format=custom` inside a snapshot that this
process exports, so the row counts and migration state written in the manifest describe exactly
the rows in the dump, whatever commits meanwhile.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.utils.translation import gettext as _

from etalase.operations.errors import BackupError

SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
_PG_SYSTEM_SCHEMAS = ("pg_catalog", "information_schema")


@dataclass(frozen=True)
class DatabaseState:
    """What the manifest says about a database: its tables' row counts and applied migrations."""

    row_counts: dict[str, int]
    migrations: dict[str, list[str]]


def vendor_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(_("Backups support SQLite and PostgreSQL, not %(vendor)s.")
                          % {"vendor": connection.vendor}, code="vendor")
    return connection.vendor


def member_for(vendor: str) -> str:
    return SQLITE_MEMBER if vendor == "sqlite" else POSTGRES_MEMBER


# --- What a database holds -------------------------------------------------------------------


def _qualified(table: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in table.split(".", 1))


def table_names(cursor, vendor: str) -> list[str]:
    """Every table, FTS and history tables included; PostgreSQL's outside `public` by schema."""
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        return [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT schemaname, tablename FROM pg_tables WHERE schemaname <> ALL(%s) "
                   "AND schemaname NOT LIKE 'pg\\_%%' ORDER BY 1, 2", [list(_PG_SYSTEM_SCHEMAS)])
    return [name if schema == "public" else f"{schema}.{name}"
            for schema, name in cursor.fetchall()]


def read_state(cursor, vendor: str) -> DatabaseState:
    tables = table_names(cursor, vendor)
    counts = {}
    for table in tables:
        # Table names come from the catalogue itself, quoted.
        cursor.execute("SELECT count(*) FROM " + _qualified(table))  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return DatabaseState(row_counts=counts, migrations=migrations)


def is_empty(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        return not table_names(cursor, vendor_of(connection))


# --- SQLite ----------------------------------------------------------------------------------


def sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> DatabaseState:
    connection.ensure_connection()
    if connection.in_atomic_block:
        # SQLite answers a backup of a connection that is writing with SQLITE_LOCKED, and
        # Python's backup() retries that for ever.
        raise BackupError(_("A backup cannot be taken inside a transaction."),
                          code="in_transaction")
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # all pages in one step: one consistent snapshot
        return read_state(copy.cursor(), "sqlite")
    finally:
        copy.close()


def sqlite_load(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Copy the archived database over the live one, page by page (the schema comes with it)."""
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError(_("A database cannot be restored inside a transaction."),
                          code="in_transaction")
    archived = sqlite3.connect(source)
    try:
        archived.backup(connection.connection)
    finally:
        archived.close()


# --- PostgreSQL ------------------------------------------------------------------------------


def pg_program(name: str) -> str:
    """The newest `pg_dump`/`pg_restore`: Debian's versioned ones first (a dump needs a client
    at least as new as the server), then PATH."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if not found:
        raise BackupError(_("%(program)s was not found on PATH nor in /usr/lib/postgresql/*/bin; "
                            "install the PostgreSQL client (apt-get install postgresql-client).")
                          % {"program": name}, code="no_client")
    return found


def _pg_run(connection: BaseDatabaseWrapper, program: str, options: list[str]) -> None:
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    # psql's arguments are [psql, -U u, -h h, -p p, dbname]: keep the connection options.
    command = [pg_program(program), *args[1:-1], *options, f"--dbname={args[-1]}"]
    # The program is a PostgreSQL client found above; the arguments are settings and our paths.
    environment = {**os.environ, **(env or {})}
    done = subprocess.run(command, env=environment, capture_output=True, text=True,  # noqa: S603
                          check=False)
    if done.returncode != 0:
        raise BackupError(_("%(program)s failed: %(error)s")
                          % {"program": program, "error": done.stderr.strip()[-2000:]},
                          code=program)


@contextmanager
def _pg_snapshot(connection: BaseDatabaseWrapper) -> Iterator[tuple[str, object]]:
    """A connection of its own holding a repeatable-read snapshot, exported for pg_dump."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        cursor = raw.cursor()
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0], cursor
    finally:
        raw.rollback()
        raw.close()


def postgres_dump(connection: BaseDatabaseWrapper, target: Path) -> DatabaseState:
    with _pg_snapshot(connection) as (snapshot, cursor):
        state = read_state(cursor, "postgresql")
        _pg_run(connection, "pg_dump", ["--format=custom", f"--snapshot={snapshot}",
                                        f"--file={target}"])
    return state


def postgres_load(connection: BaseDatabaseWrapper, source: Path, *, replace: bool) -> None:
    options = ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges"]
    if replace:
        _pg_drop_tables(connection)
        # Functions, triggers and extensions of the dump are dropped before they are made again.
        options += ["--clean", "--if-exists"]
    connection.close()  # nothing of this process holds a lock on what pg_restore replaces
    _pg_run(connection, "pg_restore", [*options, str(source)])


def _pg_drop_tables(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for table in table_names(cursor, "postgresql"):
            cursor.execute(f"DROP TABLE IF EXISTS {_qualified(table)} CASCADE")


# --- One entry point per direction -----------------------------------------------------------


def dump(connection: BaseDatabaseWrapper, target: Path) -> DatabaseState:
    if vendor_of(connection) == "sqlite":
        return sqlite_dump(connection, target)
    return postgres_dump(connection, target)


def load(connection: BaseDatabaseWrapper, source: Path, *, replace: bool) -> DatabaseState:
    """Restore the archived database, then read back what it now holds."""
    if vendor_of(connection) == "sqlite":
        sqlite_load(connection, source)
    else:
        postgres_load(connection, source, replace=replace)
    with connection.cursor() as cursor:
        return read_state(cursor, connection.vendor)
