"""Fast inserts for demo data: rows as plain values, written with ``executemany``.

``bulk_create`` prepares every value of every model instance through the field machinery,
which costs ~1 µs per value: a minute for the 100,000-product demo. Here rows are dicts of
already-plain values (str, int, bool, Decimal, date); only the few column types the driver
cannot take as they are (aware datetimes on SQLite, JSON) go through their field. Primary keys
are assigned here, so rows can point at each other before anything is written; sequences are
reset afterwards (PostgreSQL), as ``loaddata`` does.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models


class TableWriter:
    def __init__(self, model: type[models.Model], *, batch_size: int, now: Any) -> None:
        self.model = model
        self.batch_size = max(1, batch_size)
        self.fields = list(model._meta.concrete_fields)
        self.pk_name = model._meta.pk.attname
        defaults: dict[str, Any] = {}
        self.required: set[str] = set()
        self.preps: list[tuple[int, str, Callable[[Any], Any]]] = []  # (position, attname, prep)
        for position, f in enumerate(self.fields):
            prep = self._prep_for(f)
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            elif f.primary_key:
                default = None
                self.required.add(f.attname)
            elif f.has_default():
                default = f.get_default()
            elif f.null:
                default = None
            elif f.blank and f.empty_strings_allowed:
                default = ""
            else:
                default = None
                self.required.add(f.attname)
            if prep is not None:
                self.preps.append((position, f.attname, prep))
                default = prep(default) if default is not None else None
            defaults[f.attname] = default
        self.defaults = defaults
        self.prep_names = frozenset(attname for _, attname, _ in self.preps)
        # One C-level call turns a row's dict into the tuple of its columns.
        self.pick = operator.itemgetter(*(f.attname for f in self.fields))
        self.columns = [f.column for f in self.fields]
        self.rows: list[tuple] = []
        self.count = 0
        last = model._default_manager.aggregate(last=models.Max("pk"))["last"]
        self.next_id = (last or 0) + 1

    @staticmethod
    def _prep_for(f: models.Field) -> Callable[[Any], Any] | None:
        if isinstance(f, models.DateTimeField):
            return connection.ops.adapt_datetimefield_value
        if isinstance(f, models.JSONField):
            return lambda value, f=f: f.get_db_prep_save(value, connection)
        return None

    def add(self, values: dict[str, Any]) -> int:
        """Queue a row (keys are attnames: ``enterprise_id``, not ``enterprise``); its pk."""
        pk = self.next_id
        self.next_id += 1
        values[self.pk_name] = pk
        missing = self.required.difference(values)
        if missing:
            raise KeyError(f"{self.model.__name__}: {', '.join(sorted(missing))} required")
        row = self.pick({**self.defaults, **values})
        if not self.prep_names.isdisjoint(values):
            row = list(row)
            for position, attname, prep in self.preps:
                if attname in values and row[position] is not None:
                    row[position] = prep(row[position])
            row = tuple(row)
        self.rows.append(row)
        if len(self.rows) >= self.batch_size:
            self.flush()
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        # Table and column names come from the model's metadata; values go as parameters.
        sql = (f"INSERT INTO {quote(self.model._meta.db_table)} "  # noqa: S608
               f"({', '.join(quote(c) for c in self.columns)}) "
               f"VALUES ({', '.join(['%s'] * len(self.columns))})")
        # SQLite prepares the statement once and steps it per row; psycopg pipelines the rows
        # (measured: as fast as multi-row VALUES on PostgreSQL, at half the client CPU).
        with connection.cursor() as cursor:
            cursor.executemany(sql, self.rows)
        self.count += len(self.rows)
        self.rows = []


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """Move the databases' id sequences past the ids assigned here (no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@dataclass
class IndexTiming:
    rebuild_seconds: float = 0.0


@contextmanager
def search_index_paused() -> Iterator[IndexTiming]:
    """Drop the gallery's full-text triggers while bulk rows go in, then rebuild the index once.

    The triggers re-index a product on every insert of it, its translations and its
    enterprise's certifications: right for single edits, ruinous for 100,000 rows (the demo
    took minutes with them). One rebuild at the end costs seconds.
    """
    timing = IndexTiming()
    try:
        from etalase.catalog import search
    except ImportError:  # no search module: nothing to pause
        yield timing
        return
    try:
        engine = search.backend(connection)
    except NotImplementedError:
        yield timing
        return
    with connection.cursor() as cursor:
        engine.uninstall(cursor)
    yield timing
    started = time.perf_counter()
    search.rebuild(connection)
    timing.rebuild_seconds = time.perf_counter() - started
