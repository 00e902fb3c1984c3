"""Finding the header row and mapping a file's columns to the platform's fields.

Each header is read by etalase.intake.headers (words, unit, field); the ColumnMap keeps,
for every column of the file, the field it fills and how that was decided, so that the
summary can account for every column. The alias table is data (data/column_aliases.json)
and can be extended per office in the database (OfficeMapping), so a new header spelling
needs no code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop
from openpyxl.utils import get_column_letter

from etalase.intake.cells import text
from etalase.intake.headers import (
    IDENTITY,
    ROW_NUMBER,
    alias_data,
    normalise_header,
    recognise,
)
from etalase.intake.results import Problem, message

__all__ = [
    "HOW",
    "Column",
    "ColumnMap",
    "build_map",
    "find_header",
    "how_label",
    "importable_fields",
    "looks_aggregate",
    "match_header",
    "normalise_header",
]

HEADER_SCAN_ROWS = 30
# How a column came to fill its field (or none): the summary's "how".
HOW = (
    "exact",  # a whole alias of the table
    "words",  # the words of an alias, in another order or with more words
    "fuzzy",  # a close spelling (with its score)
    "remembered",  # the office's mapping of this header, from its last file
    "remapped",  # chosen by hand on the mapping page
    "identity",  # an identity number: dropped, never read
    "duplicate",  # the field is filled by an earlier (or surer) column
    "row_number",  # the file's own row numbers
    "not_used",  # not recognised (offered for mapping) or set aside by the office
)
_RANK = {"remembered": 0, "remapped": 0, "exact": 0, "words": 1, "fuzzy": 2}
AMOUNT_FIELDS = ("annual_turnover", "assets")
_GOES_WITH = {"hs_code": "product", "product": "hs_code", "whatsapp": "phone"}
# Recognised so that they are not taken for something else, but the registry has no place
# for them: said so in the summary rather than silently dropped.
NOT_STORED = frozenset({"npwp", "district", "postal_code", "latitude", "longitude"})


def how_label(entry: dict) -> str:
    """How a column of the summary (ColumnMap.describe) was recognised, in words."""
    how, filled = entry["how"], bool(entry.get("field"))
    if how == "fuzzy":
        return gettext("recognised by a close spelling (%(score)s%%)") % {"score": entry["score"]}
    if how == "duplicate":
        return gettext("not used: column %(of)s fills the same field") % {"of": entry.get("of")}
    if how == "remembered" and not filled:
        return gettext("not used, as your office chose before")
    if how == "remapped" and not filled:
        return gettext("not used, chosen by hand")
    labels = {
        "exact": gettext_noop("recognised"),
        "words": gettext_noop("recognised by its words"),
        "remembered": gettext_noop("as your office mapped it before"),
        "remapped": gettext_noop("chosen by hand"),
        "identity": gettext_noop("identity number: dropped, never stored"),
        "row_number": gettext_noop("row numbers: not needed"),
        "not_used": gettext_noop("not recognised — map it"),
    }
    label = gettext(labels[how]) if how in labels else how
    if filled and entry.get("stored") is False:
        label = gettext("%(how)s; the registry has no place for it") % {"how": label}
    return label


def aggregate_signals() -> set[str]:
    return {normalise_header(s) for s in alias_data()["aggregate_signals"]}


def importable_fields() -> list[str]:
    return [f for f in alias_data()["fields"] if f not in {ROW_NUMBER, IDENTITY}]


@dataclass
class Column:
    """What became of one column of the file."""

    how: str
    field: str | None = None  # as decided when the map was built (a later remap differs)
    score: float | None = None  # fuzzy matches only
    unit: str = ""  # as written in the header: "Rp juta"
    currency: str = ""  # ISO 4217
    exponent: int = 0  # values × 10**exponent
    period: str = ""
    ambiguous_currency: bool = False
    of: int | None = None  # duplicate: the column that fills the field

    def as_json(self) -> dict:
        data = {"how": self.how, "field": self.field}
        for name in ("score", "unit", "currency", "exponent", "period", "ambiguous_currency",
                     "of"):  # fmt: skip
            value = getattr(self, name)
            if value not in (None, "", 0, False):
                data[name] = value
        return data

    @classmethod
    def from_json(cls, data: dict) -> Column:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class ColumnMap:
    header_row: int  # 1-based row number of the header
    headers: list[str]  # as written in the file
    fields: dict[int, str | None]  # column index -> field (None: not read)
    constants: dict[str, str] = field(default_factory=dict)  # field -> value for every row
    dropped_identity_columns: list[str] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)  # one per header, same order
    _scales: dict[str, Decimal] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.columns) != len(self.headers):
            self.columns = _derive_columns(self)

    def column_of(self, field_name: str) -> int | None:
        for index, mapped in self.fields.items():
            if mapped == field_name:
                return index
        return None

    def header_of(self, field_name: str) -> str:
        """The header a problem of a field is shown under: its column's; for a field the file
        has no column for, the column it goes with (a missing HS code is the product's)."""
        index = self.column_of(field_name)
        if index is None and field_name in _GOES_WITH:
            index = self.column_of(_GOES_WITH[field_name])
        return self.headers[index] if index is not None else field_name

    def scale_of(self, field_name: str) -> Decimal:
        """What the values of a field's column are multiplied by: `Omzet (Rp juta)` 10**6."""
        if self._scales is None:  # asked per cell: computed once
            self._scales = {
                name: Decimal(10) ** self.columns[index].exponent
                for index, name in self.fields.items()
                if name and index < len(self.columns)
            }
        return self._scales.get(field_name, Decimal(1))

    def describe(self) -> list[dict]:
        """Every header of the file in order, with what became of it (the summary's columns):
        every entry has the same keys, null where they do not apply."""
        found = []
        for index, header in enumerate(self.headers):
            column = self.columns[index]
            name = self.fields.get(index)
            entry = {
                "index": index,
                "letter": get_column_letter(index + 1),
                "header": header,
                "field": name,
                "how": column.how,
                "score": column.score,
                "unit": column.unit or None,
                "scale": 10**column.exponent if column.unit else None,
                "currency": column.currency or None,
                "of": get_column_letter(column.of + 1) if column.how == "duplicate"
                and column.of is not None else None,
                # whether the column's values are kept (read, and with a place in the registry)
                "stored": bool(name) and name not in NOT_STORED,
            }
            found.append(entry)
        return found

    def warnings(self, currency: str) -> list[Problem]:
        """What the headers themselves say is doubtful: amounts in another currency than the
        country's (not converted), a currency sign that names several, a unit that is not
        applied. Row None: they hold for the whole column."""
        found = []
        for index, header in enumerate(self.headers):
            column, name = self.columns[index], self.fields.get(index)
            if not name:
                continue
            if name in AMOUNT_FIELDS and column.currency and column.currency != currency:
                found.append(Problem(None, header, name, "foreign_currency", message(
                    gettext_noop("The amounts of “%(column)s” are in %(found)s; the registry "
                                 "keeps %(currency)s and does not convert them: convert the "
                                 "amounts to %(currency)s."),
                    column=header[:80], found=column.currency, currency=currency)))
            elif name in AMOUNT_FIELDS and column.ambiguous_currency:
                found.append(Problem(None, header, name, "ambiguous_currency", message(
                    gettext_noop("“%(unit)s” in “%(column)s” may name several currencies; the "
                                 "amounts are taken as %(currency)s."),
                    unit=column.unit[:20], column=header[:80], currency=currency)))
            if name not in AMOUNT_FIELDS and column.exponent:
                found.append(Problem(None, header, name, "unit_not_applied", message(
                    gettext_noop("The unit “%(unit)s” of “%(column)s” is not applied: the "
                                 "values are read as written."),
                    unit=column.unit[:20], column=header[:80])))
        return found

    def as_json(self) -> dict:
        return {
            "header_row": self.header_row,
            "headers": self.headers,
            "fields": {str(k): v for k, v in self.fields.items()},
            "constants": self.constants,
            "dropped_identity_columns": self.dropped_identity_columns,
            "columns": [c.as_json() for c in self.columns],
        }

    @classmethod
    def from_json(cls, data: dict) -> ColumnMap:
        """A stored map; a field changed since the map was built (the mapping page) is shown
        as chosen by hand. Maps stored before `columns` existed are described again."""
        fields = {int(k): v for k, v in data["fields"].items()}
        columns = [Column.from_json(c) for c in data.get("columns") or []]
        for index, column in enumerate(columns):
            if fields.get(index) != column.field and column.how != "identity":
                column.how, column.field, column.score, column.of = (
                    "remapped", fields.get(index), None, None)
        return cls(
            header_row=data["header_row"],
            headers=data["headers"],
            fields=fields,
            constants=data.get("constants", {}),
            dropped_identity_columns=data.get("dropped_identity_columns", []),
            columns=columns,
        )


def _derive_columns(column_map: ColumnMap) -> list[Column]:
    """How each column was recognised, for a map that does not say (stored before it did):
    the same field as the alias table gives is taken as recognised so, another as chosen."""
    dropped = set(column_map.dropped_identity_columns)
    taken = {name: index for index, name in column_map.fields.items() if name}
    found = []
    for index, header in enumerate(column_map.headers):
        recognised = recognise(header)
        column = _column(recognised)
        name = column_map.fields.get(index)
        if header in dropped and header:
            column.how, column.field = "identity", None
        elif name and name == recognised.field:
            column.field = name
        elif name:
            column.how, column.field, column.score = "remapped", name, None
        elif recognised.field and taken.get(recognised.field) not in (None, index):
            column.how, column.field, column.of = "duplicate", None, taken[recognised.field]
        elif recognised.how not in ("identity", "row_number"):
            column.how, column.field, column.score = "not_used", None, None
        found.append(column)
    return found


def _column(recognised) -> Column:
    unit = recognised.unit
    return Column(
        how=recognised.how,
        field=recognised.field,
        score=recognised.score,
        unit=unit.text if unit else "",
        currency=unit.currency if unit else "",
        exponent=unit.exponent if unit else 0,
        period=unit.period if unit else "",
        ambiguous_currency=unit.ambiguous_currency if unit else False,
    )


def match_header(header, extra_aliases: dict[str, str] | None = None) -> str | None:
    """The field a header names by a whole alias (an office's remembered one first), or None;
    matches by words or by a close spelling are left to build_map, which records them."""
    key = normalise_header(header)
    if not key:
        return None
    recognised = recognise(header, fuzzy=False)
    if recognised.how == "identity":
        return IDENTITY
    if extra_aliases and key in extra_aliases:
        return extra_aliases[key] or None
    if recognised.how == "row_number":
        return ROW_NUMBER
    return recognised.field if recognised.how == "exact" else None


def find_header(
    first_rows: list[tuple[int, list]],
    extra_aliases: dict[str, str] | None = None,
    country: str = "",
) -> tuple[int, list] | None:
    """The row among the first ones that looks most like the header: at least two cells
    recognised; a whole alias (or the office's own) weighs 2, a match by words or by a close
    spelling 1 — so that our template's hint row ("Business name · required") loses to its
    header row, and a data row (whose cells rarely come close to an alias) to both."""
    best, best_score = None, 0
    for number, cells in first_rows[:HEADER_SCAN_ROWS]:
        score = recognised = 0
        # A merged group label repeated across its columns counts once.
        for cell in dict.fromkeys(c for c in cells if type(c) is str):
            weight = _header_weight(cell, extra_aliases, country)
            score += weight
            recognised += weight > 0
        if recognised >= 2 and score > best_score:
            best, best_score = (number, cells), score
    return best


def _header_weight(cell, extra_aliases: dict[str, str] | None, country: str) -> int:
    if extra_aliases and extra_aliases.get(normalise_header(cell)):
        return 2
    how = recognise(cell, country).how
    return {"exact": 2, "identity": 2, "row_number": 2, "words": 1, "fuzzy": 1}.get(how, 0)


def build_map(
    header_row: int,
    cells: list,
    extra_aliases: dict[str, str] | None = None,
    country: str = "",
    above: list | None = None,
) -> ColumnMap:
    """The map of a header row; `above` is the row just above it, which may hold group
    labels over several columns (PEMILIK over Nama and NIK; Alamat over Kab/Kota and Jalan):
    a header not recognised alone is read with its group ("PEMILIK Nama") and named so."""
    headers = [text(c) for c in cells]
    groups = _group_labels(above, headers)
    columns: list[Column] = []
    dropped = []
    for index, header in enumerate(headers):
        recognised = recognise(header, country)
        if recognised.how == "not_used" and index in groups:
            joined = f"{groups[index]} {header}"
            with_group = recognise(joined, country)
            if with_group.how != "not_used":
                header, recognised = joined, with_group
                headers[index] = joined
        column = _column(recognised)
        key = normalise_header(header)
        if recognised.how == "identity":
            # Identity numbers are never read, let alone stored (personal data law): an
            # office's memory cannot map them either.
            dropped.append(header)
        elif extra_aliases and key and key in extra_aliases:
            remembered = extra_aliases[key] or None
            column.how, column.score, column.of = "remembered", None, None
            column.field = None if remembered in (IDENTITY, ROW_NUMBER) else remembered
        columns.append(column)
    _set_aside_duplicates(columns)
    return ColumnMap(
        header_row=header_row,
        headers=headers,
        fields={index: column.field for index, column in enumerate(columns)},
        dropped_identity_columns=dropped,
        columns=columns,
    )


def _group_labels(above: list | None, headers: list[str]) -> dict[int, str]:
    """Column index -> the label above its header, when the row above is a row of group
    labels: not one title across the whole width, and a label other than the header itself
    (a column spanning both rows shows its header twice)."""
    if not above:
        return {}
    labels = [text(c) for c in above]
    if len({label for label in labels if label}) < 2:
        return {}  # empty, or one title merged across the table
    return {
        index: label
        for index, (label, header) in enumerate(zip(labels, headers, strict=False))
        if label and header and normalise_header(label) != normalise_header(header)
        and len(label) <= 60
    }


def _set_aside_duplicates(columns: list[Column]) -> None:
    """One column per field: a whole-alias match wins over words, words over a close
    spelling, then the first column; the others are marked as duplicates of it."""
    best: dict[str, int] = {}
    for index, column in enumerate(columns):
        if not column.field:
            continue
        held = best.get(column.field)
        if held is None or _RANK[column.how] < _RANK[columns[held].how]:
            best[column.field] = index
    for index, column in enumerate(columns):
        if column.field and best[column.field] != index:
            column.of = best[column.field]
            column.how, column.field, column.score = "duplicate", None, None


def looks_aggregate(column_map: ColumnMap) -> bool:
    """Counts per regency (open-data tables) instead of one row per enterprise."""
    normalised = {normalise_header(h) for h in column_map.headers}
    has_name = column_map.column_of("legal_name") is not None
    return not has_name and bool(normalised & aggregate_signals())
