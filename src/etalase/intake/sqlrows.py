"""Rows as plain values, written with ``executemany``: the commit step's inserts and updates.

``bulk_create`` and ``bulk_update`` (and django-simple-history's ``*_with_history``) prepare
every value of every model instance through the field machinery, ~1 µs a value: with the
history rows that was three quarters of an import's time. Here a row is a dict of values that
are already what the driver takes (str, int, bool, None, Decimal); only the column types that
need adapting (datetimes, dates, JSON, decimals read back from stored JSON) go through their
field. Statements are written through Django's cursor, so they run on SQLite and PostgreSQL.
Primary keys are left to the database (no id is guessed, so two imports cannot collide).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import connection, models

_MISSING = object()


def _prep_for(f: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(f, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(f, models.DecimalField):
        # A Decimal goes as it is (both drivers take it); one read back from a stored
        # preview is text and goes through the field.
        return lambda value, f=f: (
            value if type(value) is Decimal else f.get_db_prep_save(value, connection)
        )
    if isinstance(f, models.JSONField):
        return lambda value, f=f: f.get_db_prep_save(value, connection)
    return None


class Rows:
    """One model's columns (its primary key left out) and how a row of them is prepared.

    ``now`` is the value of auto_now / auto_now_add columns, as ``save()`` would set it.
    """

    def __init__(self, model: type[models.Model], *, now) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.preps: dict[str, Callable[[Any], Any]] = {}
        defaults: dict[str, Any] = {}
        for f in self.fields:
            prep = _prep_for(f)
            if prep is not None:
                self.preps[f.attname] = prep
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            elif f.has_default():
                default = f.get_default()
            elif f.null:
                default = None
            elif f.empty_strings_allowed and f.blank:
                default = ""
            else:
                default = _MISSING  # required: the caller must give it
            defaults[f.attname] = self._prep(f.attname, default)
        self.defaults = defaults
        self.required = {name for name, value in defaults.items() if value is _MISSING}
        # One C-level call turns a row's dict into the tuple of its columns.
        self.pick = operator.itemgetter(*(f.attname for f in self.fields))
        self.attnames = frozenset(defaults)

    def _prep(self, attname: str, value):
        prep = self.preps.get(attname)
        return value if prep is None or value is None or value is _MISSING else prep(value)

    def row(self, values: dict[str, Any]) -> dict[str, Any]:
        """A whole row, prepared for the driver: the defaults, then `values` (attnames as keys,
        ``enterprise_id`` not ``enterprise``). Keys that are not columns are carried along."""
        if self.required.difference(values):
            missing = ", ".join(sorted(self.required.difference(values)))
            raise KeyError(f"{self.model.__name__}: {missing} required")
        row = dict(self.defaults)
        preps = self.preps
        for name, value in values.items():
            if name in preps and value is not None:
                value = preps[name](value)
            row[name] = value
        return row

    def params(self, row: dict[str, Any]) -> tuple:
        """The INSERT parameters of a prepared row (from `row`, or another model's row with the
        same columns: a history row is its record's row plus the history columns)."""
        return self.pick(row)

    def insert(self, rows: Iterable[tuple]) -> None:
        rows = list(rows)
        if not rows:
            return
        quote = connection.ops.quote_name
        # Table and column names come from the model's metadata; values go as parameters.
        sql = (
            f"INSERT INTO {quote(self.model._meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(f.column) for f in self.fields)}) "
            f"VALUES ({', '.join(['%s'] * len(self.fields))})"
        )
        # SQLite prepares the statement once and steps it per row; psycopg pipelines the rows.
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


IN_BATCH = 900  # parameters per query: SQLite builds may allow only 999


def enterprise_rows_in(
    select: list[str], column: str, values: list, *, country: str, id_above: int = 0
) -> list[tuple]:
    """`select` columns of the enterprises of `country` whose `column` is one of `values`
    (and whose id is above `id_above`), in batches of IN_BATCH parameters. A bare query: no
    model values for rows that are only looked up (a new file's chunk finds none)."""
    from etalase.enterprises.models import Enterprise

    quote = connection.ops.quote_name
    # Registration numbers are unique per country where given: that index is partial (blank
    # numbers left out), and SQLite's planner uses it only when the query repeats its
    # condition term for term (Enterprise.Meta: `NOT (registration_id = '')`).
    given = f" AND NOT ({quote(column)} = '')" if column == "registration_id" else ""
    above = f"AND {quote('id')} > %s " if id_above else ""
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), IN_BATCH):
            batch = values[start : start + IN_BATCH]
            # Names come from the model and the caller's code; values go as parameters.
            # Without `id >` unless asked: the planner would scan the country's records by id
            # range instead of looking the values up (asked, the range is the rows just
            # written, and that scan is short).
            cursor.execute(
                f"SELECT {', '.join(quote(c) for c in select)} "  # noqa: S608
                f"FROM {quote(Enterprise._meta.db_table)} WHERE {quote('country_id')} = %s "
                f"{above}AND {quote(column)} IN ({', '.join(['%s'] * len(batch))}){given}",
                [country, *([id_above] if id_above else []), *batch],
            )
            found.extend(cursor.fetchall())
    return found


def update(model: type[models.Model], objs: list[models.Model], attnames: list[str]) -> None:
    """Write `attnames` (field names) of each object, as it is in memory, to its row."""
    if not objs or not attnames:
        return
    fields = [model._meta.get_field(name) for name in attnames]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {sets} "  # noqa: S608
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    rows = []
    for obj in objs:
        row = []
        for f in fields:
            # Each value through its field, as bulk_update does: values read back from a
            # stored preview are JSON (a decimal as text), and updates are few.
            row.append(f.get_db_prep_save(getattr(obj, f.attname), connection))
        row.append(obj.pk)
        rows.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
