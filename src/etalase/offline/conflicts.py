"""An edit made from an older copy of a record must not silently undo the office's changes.

The form carries the version it was based on (`base_version`: the record's latest history
id when the page was rendered). On saving, three values of each posted field are compared:
the base (from the history), the record now, and the submission:

- the office changed nothing since the base: the submission is written as usual;
- the office changed a field the user left as it was: the office's value is kept;
- both changed it, differently: the submission is held (nothing is written) and the page
  shows both values, the office's chosen by default, as the intake shows a file's values
  beside the owner's edits. The next post carries the current version and the choices.

A form without `base_version` (older page, the admin) is written as before; a version that
is not this record's (garbage, another record's) compares against nothing: every field the
user changed is shown for a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.models import model_to_dict

from etalase.enterprises.services import bound_form

FIELD = "base_version"
CHOICE_PREFIX = "keep_"
OFFICE, MINE = "office", "mine"


@dataclass(frozen=True)
class Conflict:
    field: str
    label: str
    office: str
    mine: str


def version_of(record: models.Model) -> int | None:
    """The latest history id of the record (None if it has no history)."""
    return (record.history.order_by("-history_id")
            .values_list("history_id", flat=True).first())


def _compared(form_class: type[forms.ModelForm], model: type[models.Model],
              data: dict[str, Any]) -> list[str]:
    """Posted fields that are plain columns (not files, not many-to-many)."""
    names = []
    for name in data:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field has no column to compare
            continue
        if field.many_to_many or isinstance(field, models.FileField) or not field.concrete:
            continue
        names.append(name)
    return names


def _same(a: Any, b: Any) -> bool:
    return (a in (None, "") and b in (None, "")) or a == b


def _shown(record: models.Model, name: str) -> str:
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _base(record: models.Model, raw: str) -> dict[str, Any] | None:
    if not raw.isdigit() or len(raw) > 18:
        return None
    past = record.history.filter(history_id=int(raw), id=record.pk).first()
    return None if past is None else model_to_dict(past.instance)


def merge(*, form_class: type[forms.ModelForm], current: models.Model, post: Any,
          data: dict[str, Any], form_kwargs: dict[str, Any] | None = None,
          kept: dict[str, Any] | None = None) -> list[Conflict]:
    """Resolve `data` (the submission, changed in place) against the record now.

    Returns the conflicts left for the user; empty means `data` may be written. `kept`
    receives the office's values taken for fields only the office changed.
    """
    kept = {} if kept is None else kept
    raw = post.get(FIELD)
    if raw is None:
        return []
    model = type(current)
    office_form = form_class(instance=current, **(form_kwargs or {}))
    names = _compared(form_class, model, data)
    for name in names:  # the user's choices from a previous conflict page
        if post.get(CHOICE_PREFIX + name) == OFFICE and name in office_form.fields:
            data[name] = office_form[name].value()
    fresh = model.objects.get(pk=current.pk)  # the form writes the submission onto it
    form = bound_form(form_class, instance=fresh, data=dict(data), **(form_kwargs or {}))
    if not form.is_valid():
        return []  # its own errors come first; the base stays for the next post
    now = model_to_dict(current, fields=names)
    mine = model_to_dict(form.instance, fields=names)
    base = _base(current, str(raw).strip())
    conflicts = []
    for name in names:
        if name not in now or _same(now[name], mine[name]):
            continue
        if base is not None and _same(base.get(name), now[name]):
            continue  # only the user changed it
        if base is not None and _same(base.get(name), mine[name]):
            data[name] = office_form[name].value()  # only the office changed it: keep theirs
            kept[name] = data[name]
            continue
        conflicts.append(Conflict(field=name, label=str(form.fields[name].label or name),
                                  office=_shown(current, name), mine=_shown(form.instance, name)))
    return conflicts


class Held(Exception):
    """The submission was not written: these fields changed on both sides."""

    def __init__(self, conflicts: list[Conflict], version: int | None, post: Any) -> None:
        super().__init__(", ".join(c.field for c in conflicts))
        self.conflicts = conflicts
        self.version = version  # what the next post is based on: the record as shown now
        self.post = post  # the submission to show again, with the office's values it keeps


def text_conflicts(*, product: models.Model, post: Any,
                   texts: dict[str, dict[str, str]]) -> list[Conflict]:
    """A product's translations, which its history says changed but does not hold.

    A language changed since the base (another save's "translations: en, ms") and posted
    differently from what it is now is held: the user may not have touched it, but the
    old copy cannot tell. The user's choices (`keep_name_<code>`) are applied to `texts`.
    """
    raw = post.get(FIELD)
    if raw is None:
        return []
    now = {row.language_code: (row.name, row.description)
           for row in product.translations.model.objects.filter(product=product)}
    for code in texts:
        if post.get(f"{CHOICE_PREFIX}name_{code}") == OFFICE:
            name, description = now.get(code, ("", ""))
            texts[code] = {"name": name, "description": description}
    raw = str(raw).strip()
    later = product.history.filter(history_id__gt=int(raw)) if raw.isdigit() and len(raw) < 19 \
        and product.history.filter(history_id=int(raw)).exists() else product.history.all()
    changed = {code.strip() for reason in later.values_list("history_change_reason", flat=True)
               if reason and reason.startswith("translations:")
               for code in reason.removeprefix("translations:").split(",")}
    labels = dict(settings.LANGUAGES)
    conflicts = []
    for code, text in texts.items():
        office = now.get(code, ("", ""))
        mine = (text.get("name", "").strip(), text.get("description", "").strip())
        if code in changed and mine != office:
            conflicts.append(Conflict(
                field=f"name_{code}", label=str(labels.get(code, code)),
                office=" — ".join(v for v in office if v) or "—",
                mine=" — ".join(v for v in mine if v) or "—"))
    return conflicts


def hold_if_conflicting(*, form_class: type[forms.ModelForm], record: models.Model, post: Any,
                        data: dict[str, Any], form_kwargs: dict[str, Any] | None = None,
                        texts: dict[str, dict[str, str]] | None = None) -> None:
    """Call inside the writing transaction: locks the record, merges `data` (and a
    product's `texts`), raises `Held`."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    kept: dict[str, Any] = {}
    conflicts = merge(form_class=form_class, current=current, post=post, data=data,
                      form_kwargs=form_kwargs, kept=kept)
    if texts is not None:
        conflicts += text_conflicts(product=current, post=post, texts=texts)
    if conflicts:
        # Shown again with the office's values where only the office changed a field: the
        # next post is based on the record now, and would otherwise undo those changes.
        shown = post.copy()
        for name, value in kept.items():
            if isinstance(value, bool):
                shown.setlist(name, ["on"] if value else [])
            else:
                shown[name] = "" if value is None else str(value)
        raise Held(conflicts, version_of(current), shown)


def form_version(request: Any, record: models.Model, held: Held | None = None) -> Any:
    """The version the rendered form says it is based on."""
    if held is not None:
        return held.version
    if request.method == "POST" and FIELD in request.POST:
        return request.POST[FIELD][:20]  # a failed post keeps the base it was made from
    return version_of(record)
