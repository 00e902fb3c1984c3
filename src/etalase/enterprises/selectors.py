"""Reads of the registry: readable change history of enterprises and products.

Callers check access first (`permissions.can_change_enterprise`); these functions only read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models

from etalase.enterprises.models import Enterprise

CHANGE_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class FieldChange:
    field: str  # model field name
    label: str  # its verbose name, in the active language
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str  # the user's display name, or "" when the change came from a script
    who_id: int | None
    action: str  # created / changed / deleted
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(model: type[models.Model], name: str, value: Any, users: dict[int, str]) -> str:
    if value is None or value == "":
        return ""
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # a field removed since the record was written
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey) and \
            model_field.related_model is get_user_model():
        return users.get(value, str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


DERIVED_FIELDS = ["identity_fingerprint"]


def history_of(instance: models.Model, *, limit: int = 200) -> list[HistoryEntry]:
    """The instance's history, newest first, each entry with the fields it changed."""
    model = type(instance)
    records = list(instance.history.select_related("history_user")  # type: ignore[attr-defined]
                   .order_by("-history_date", "-history_id")[: limit + 1])
    user_ids = {getattr(r, name) for r in records for name in ("verified_by_id",)
                if getattr(r, name, None)}
    users = {u.pk: str(u) for u in get_user_model().objects.filter(pk__in=user_ids)}
    entries: list[HistoryEntry] = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            # Derived fields (the identity fingerprint) follow the ones shown; a hash says
            # nothing to a reader.
            delta = record.diff_against(previous, excluded_fields=DERIVED_FIELDS)
            for change in delta.changes:
                name = change.field
                if name.endswith("_id"):
                    name = name[:-3]
                changes.append(FieldChange(
                    field=name, label=_label(model, name),
                    old=_display(model, name, change.old, users),
                    new=_display(model, name, change.new, users),
                ))
        user = record.history_user
        entries.append(HistoryEntry(
            when=record.history_date,
            who=str(user) if user else "",
            who_id=user.pk if user else None,
            action=CHANGE_TYPES.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "",
            changes=changes,
        ))
    return entries


def enterprise_history(enterprise: Enterprise, *, limit: int = 200) -> list[HistoryEntry]:
    return history_of(enterprise, limit=limit)
