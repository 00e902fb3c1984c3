"""Finding the header row and mapping a file's columns to the platform's fields.

The alias table is data (data/column_aliases.json) and can be extended per office
in the database (OfficeMapping), so a new header spelling needs no code change.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from etalase.intake.cells import text

HEADER_SCAN_ROWS = 30
# A questionnaire block prefix such as "c106_" or "r201." in census exports.
_BLOCK_PREFIX = re.compile(r"^[a-z]\d{3}[a-z]?[_. ]+")


def normalise_header(value) -> str:
    raw = unicodedata.normalize("NFKD", text(value)).encode("ascii", "ignore").decode().lower()
    raw = _BLOCK_PREFIX.sub("", raw.strip())
    return re.sub(r"[^a-z0-9]+", " ", raw).strip()


@lru_cache(maxsize=1)
def _alias_data() -> dict:
    path = resources.files("etalase.intake").joinpath("data/column_aliases.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def builtin_aliases() -> dict[str, str]:
    """normalised header -> field."""
    index: dict[str, str] = {}
    for field_name, aliases in _alias_data()["fields"].items():
        for alias in [field_name, *aliases]:
            index.setdefault(normalise_header(alias), field_name)
    return index


def aggregate_signals() -> set[str]:
    return {normalise_header(s) for s in _alias_data()["aggregate_signals"]}


def importable_fields() -> list[str]:
    return [f for f in _alias_data()["fields"] if f not in {"row_number", "nik"}]


@dataclass
class ColumnMap:
    header_row: int  # 1-based row number of the header
    headers: list[str]  # as written in the file
    fields: dict[int, str | None]  # column index -> field (None: ignored)
    constants: dict[str, str] = field(default_factory=dict)  # field -> value for every row
    dropped_identity_columns: list[str] = field(default_factory=list)

    def column_of(self, field_name: str) -> int | None:
        for index, mapped in self.fields.items():
            if mapped == field_name:
                return index
        return None

    def header_of(self, field_name: str) -> str:
        index = self.column_of(field_name)
        return self.headers[index] if index is not None else field_name

    def as_json(self) -> dict:
        return {
            "header_row": self.header_row,
            "headers": self.headers,
            "fields": {str(k): v for k, v in self.fields.items()},
            "constants": self.constants,
            "dropped_identity_columns": self.dropped_identity_columns,
        }

    @classmethod
    def from_json(cls, data: dict) -> ColumnMap:
        return cls(
            header_row=data["header_row"],
            headers=data["headers"],
            fields={int(k): v for k, v in data["fields"].items()},
            constants=data.get("constants", {}),
            dropped_identity_columns=data.get("dropped_identity_columns", []),
        )


def match_header(header, extra_aliases: dict[str, str] | None = None) -> str | None:
    key = normalise_header(header)
    if not key:
        return None
    if extra_aliases and key in extra_aliases:
        return extra_aliases[key] or None
    return builtin_aliases().get(key)


def find_header(
    first_rows: list[tuple[int, list]], extra_aliases: dict[str, str] | None = None
) -> tuple[int, list] | None:
    """The row among the first ones whose cells match the most known headers (at least 2)."""
    best, best_score = None, 1
    for number, cells in first_rows[:HEADER_SCAN_ROWS]:
        score = sum(1 for cell in cells if match_header(cell, extra_aliases))
        if score > best_score:
            best, best_score = (number, cells), score
    return best


def build_map(
    header_row: int, cells: list, extra_aliases: dict[str, str] | None = None
) -> ColumnMap:
    headers = [text(c) for c in cells]
    fields: dict[int, str | None] = {}
    seen: set[str] = set()
    dropped = []
    for index, header in enumerate(headers):
        mapped = match_header(header, extra_aliases)
        if mapped == "nik":
            # Identity numbers are never read, let alone stored (personal data law).
            dropped.append(header)
            mapped = None
        elif mapped == "row_number" or mapped in seen:
            mapped = None
        if mapped:
            seen.add(mapped)
        fields[index] = mapped
    return ColumnMap(
        header_row=header_row, headers=headers, fields=fields, dropped_identity_columns=dropped
    )


def looks_aggregate(column_map: ColumnMap) -> bool:
    """Counts per regency (open-data tables) instead of one row per enterprise."""
    normalised = {normalise_header(h) for h in column_map.headers}
    has_name = column_map.column_of("legal_name") is not None
    return not has_name and bool(normalised & aggregate_signals())
