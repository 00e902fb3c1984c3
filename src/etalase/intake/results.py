"""What checking a row yields: its clean values, its problems and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext


@dataclass(frozen=True)
class Message:
    """A message kept as its English msgid and parameters, so that it is stored as such and
    shown in the language of whoever reads it (not of whoever ran the check).

    Write `message(gettext_noop("“%(value)s” is not a year."), value=raw)`: gettext_noop
    marks the msgid for the catalogues; str() translates into the active language."""

    msgid: str
    params: tuple = ()  # ((name, value), ...): hashable, so a message can be remembered

    def __str__(self) -> str:
        text = gettext(self.msgid)
        if not self.params:
            return text
        # A parameter may be a message itself (a field's label): shown in the same language.
        return text % {k: str(v) if isinstance(v, Message) else v for k, v in self.params}

    def as_json(self) -> dict:
        return {"msgid": self.msgid, "params": {
            k: v.as_json() if isinstance(v, Message) else v for k, v in self.params}}

    @classmethod
    def from_json(cls, data: dict) -> Message:
        params = {
            k: cls.from_json(v) if isinstance(v, dict) and "msgid" in v else v
            for k, v in (data.get("params") or {}).items()
        }
        return cls(data["msgid"], tuple(sorted(params.items())))


def message(msgid: str, **params) -> Message:
    return Message(msgid, tuple(sorted(params.items())))


def render(stored: dict) -> str:
    """The text of a stored problem in the active language (older rows hold only text)."""
    if stored.get("msgid"):
        return str(Message.from_json(stored))
    return stored.get("message", "")


@dataclass
class Problem:
    row: int
    column: str
    field: str
    code: str
    message: str | Message
    value: str = ""

    def as_dict(self) -> dict:
        data = {
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "message": str(self.message),
        }
        if isinstance(self.message, Message):
            data.update(self.message.as_json())
        return data


@dataclass
class RowResult:
    row: int
    action: str = "create"  # create | update | unchanged | rejected
    values: dict = field(default_factory=dict)  # model field -> clean value
    certifications: list[str] = field(default_factory=list)
    product: dict | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    diff: dict = field(default_factory=dict)  # field -> [old, new]
    conflicts: list[str] = field(default_factory=list)  # fields the owner edited by hand
    matches: list[dict] = field(default_factory=list)  # probable duplicates (intake.duplicates)
    enterprise_id: int | None = None
