"""What checking a row yields: its clean values, its problems and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    row: int
    column: str
    field: str
    code: str
    message: str
    value: str = ""

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "message": str(self.message),
        }


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
    enterprise_id: int | None = None
