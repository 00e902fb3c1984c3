"""From an uploaded file to checked rows: sniff, find the header, map, validate.

No persistence here: the CLI streams the rows into the registry, the web workflow
stores them for the preview first. Both share this code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import IO

from django.utils.translation import gettext as _

from etalase.intake import parallel, readers
from etalase.intake.cells import text
from etalase.intake.columns import ColumnMap, build_map, find_header, looks_aggregate
from etalase.intake.readers import FileRefused
from etalase.intake.results import Problem
from etalase.intake.validation import RowResult, RowValidator
from etalase.regions.models import Country, Subdivision

TEMPLATE_VERSION_MARK = "etalase-template-v"
CURRENT_TEMPLATE_VERSION = 1


@dataclass
class Prepared:
    column_map: ColumnMap
    validator: RowValidator
    rows: Iterator[tuple[int, list]]
    kind: str
    warnings: list[Problem] = field(default_factory=list)  # of whole columns (their headers)
    row_estimate: int = 0  # physical rows of the file, known before they are read


class ColumnsRefused(FileRefused):
    """A file refused for its columns: the map it was read with goes along, so that the
    refusal can still account for every column."""

    def __init__(self, code: str, message: str, column_map: ColumnMap) -> None:
        super().__init__(code, message)
        self.column_map = column_map

    def __reduce__(self):
        return type(self), (self.code, self.message, self.column_map)


PROBLEM_KEYS = ("row", "column", "field", "code", "message")
COUNTS = ("rows", "created", "updated", "unchanged", "rejected")
_COUNTERS = {
    "create": "created",
    "update": "updated",
    "unchanged": "unchanged",
    "rejected": "rejected",
}


@dataclass
class Summary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    dropped_columns: list[str] = field(default_factory=list)
    # Every header of the file with what became of it (ColumnMap.describe).
    columns: list[dict] = field(default_factory=list)

    @classmethod
    def of(cls, prepared: Prepared) -> Summary:
        """The summary of a file about to be checked: its columns and their warnings."""
        return cls(
            dropped_columns=list(prepared.column_map.dropped_identity_columns),
            columns=prepared.column_map.describe(),
            warnings=[shape(p.as_dict()) for p in prepared.warnings],
        )

    def add(self, result: RowResult) -> None:
        self.rows += 1
        counter = _COUNTERS[result.action]
        setattr(self, counter, getattr(self, counter) + 1)
        self.errors.extend(shape(p.as_dict()) for p in result.problems)
        self.warnings.extend(shape(p.as_dict()) for p in result.warnings)

    def counts(self) -> dict:
        """The figures kept with a submission (Submission.counts)."""
        return {key: getattr(self, key) for key in COUNTS}

    def as_dict(self) -> dict:
        """The CLI's `--format json` (and the API's) summary."""
        return {
            **self.counts(),
            "errors": self.errors,
            "warnings": self.warnings,
            "columns": self.columns,
        }


def shape(problem: dict) -> dict:
    """A problem as the JSON summary gives it: row, column, field, code, message."""
    return {key: problem.get(key) for key in PROBLEM_KEYS}


def _check_template_version(first_rows: list[tuple[int, list]]) -> None:
    """Our own template carries a version mark in its title row; an old one is refused."""
    for _number, cells in first_rows[:3]:
        for cell in cells:
            text = str(cell)
            if TEMPLATE_VERSION_MARK in text:
                version = text.split(TEMPLATE_VERSION_MARK, 1)[1][:3].strip(" .)")
                if not version.isdigit() or int(version) != CURRENT_TEMPLATE_VERSION:
                    raise FileRefused(
                        "wrong_template_version",
                        _(
                            "This file was made from template version %(old)s; download the "
                            "current template (version %(new)d) and copy the rows into it."
                        )
                        % {"old": version or "?", "new": CURRENT_TEMPLATE_VERSION},
                    )


def prepare(
    stream: IO[bytes],
    filename: str,
    *,
    office: Subdivision | None,
    country: str,
    saved_map: dict | None = None,
    extra_aliases: dict[str, str] | None = None,
    constants: dict[str, str] | None = None,
) -> Prepared:
    """Open the file and build (or re-use) its column map; FileRefused when it cannot be used."""
    table = readers.open_table(stream, filename)
    if table.row_estimate > readers.max_rows() + 30:
        raise FileRefused(
            "too_many_rows",
            _("The file has about %(n)d rows; the limit is %(limit)d. Split it into smaller files.")
            % {"n": table.row_estimate, "limit": readers.max_rows()},
        )
    head: list[tuple[int, list]] = []
    for item in table.rows:
        head.append(item)
        if len(head) >= 30:
            break
    if not any(any(str(c).strip() for c in cells) for _n, cells in head):
        raise FileRefused("no_rows", _("The file has no rows."))
    _check_template_version(head)
    if saved_map:
        column_map = ColumnMap.from_json(saved_map)
    else:
        found = find_header(head, extra_aliases, country)
        if found is None:
            raise FileRefused(
                "no_header",
                _(
                    "No header row was recognised in the first 30 rows. Name the columns (e.g. "
                    "nama_usaha, nib, kabupaten_kota) or use the template."
                ),
            )
        above = next((cells for number, cells in head if number == found[0] - 1), None)
        column_map = build_map(found[0], found[1], extra_aliases, country, above)
    if constants:
        column_map.constants.update({k: v for k, v in constants.items() if v})
    if looks_aggregate(column_map):
        raise ColumnsRefused(
            "aggregate_table",
            _(
                "This looks like a table of counts (e.g. number of MSMEs per regency), not a list "
                "of enterprises. Send one row per enterprise with its name and identifier."
            ),
            column_map,
        )
    # Only the business name is required: most micro enterprises have no registration number.
    if column_map.column_of("legal_name") is None and "legal_name" not in column_map.constants:
        raise ColumnsRefused(
            "missing_columns",
            _(
                "No column was recognised for the business name (e.g. “%(example)s”). Choose "
                "it on the mapping page or rename the header."
            )
            % {"example": _example_header("legal_name", country)},
            column_map,
        )
    country_obj = Country.objects.get(code=country)
    currency = country_obj.currency or "USD"
    validator = RowValidator(
        column_map=column_map,
        country=country,
        office=office,
        currency=currency,
    )
    data_rows = (item for item in chain(head, table.rows) if item[0] > column_map.header_row)
    return Prepared(
        row_estimate=table.row_estimate,
        column_map=column_map,
        validator=validator,
        rows=_limited(data_rows),
        kind=table.kind,
        warnings=column_map.warnings(currency),
    )


def _example_header(field_name: str, country: str) -> str:
    """The header our template gives a field in the country's language: “Nama Usaha”."""
    from etalase.intake import template  # the template module reads this one's constants

    language = template.COUNTRY_LANGUAGE.get(country, "en")
    column = next(c for c in template.COLUMNS if c.field == field_name)
    return column.headers.get(language) or column.headers["en"]


def sample_values(
    stream: IO[bytes],
    filename: str,
    column_map: ColumnMap,
    *,
    per_column: int = 3,
    max_rows: int = 500,
) -> dict[int, list[str]]:
    """The first non-empty values under each header (identity columns left out), read from
    the rows below the header only as far as needed: for the mapping page."""
    hidden = {
        i for i, c in enumerate(column_map.columns) if c.how == "identity"
    } | {i for i, h in enumerate(column_map.headers) if h in column_map.dropped_identity_columns}
    wanted = [i for i in range(len(column_map.headers)) if i not in hidden]
    samples: dict[int, list[str]] = {i: [] for i in wanted}
    read = 0
    for number, cells in readers.open_table(stream, filename).rows:
        if number <= column_map.header_row:
            continue
        for index in wanted:
            if index < len(cells) and len(samples[index]) < per_column:
                value = text(cells[index])
                if value:
                    samples[index].append(value[:80])
        read += 1
        if read >= max_rows or all(len(samples[i]) >= per_column for i in wanted):
            break
    return samples


def _limited(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    limit = readers.max_rows()
    for count, item in enumerate(rows, start=1):
        if count > limit:
            raise FileRefused(
                "too_many_rows",
                _("The file has more than %(limit)d rows; split it into smaller files.")
                % {"limit": limit},
            )
        yield item


def checked_chunks(prepared: Prepared) -> Iterator[list[RowResult]]:
    """The file's data rows checked, then compared with the registry, a chunk at a time (for
    a large file, checked in a second process meanwhile: intake.parallel)."""
    validator = prepared.validator
    in_process = not parallel.worth_a_process(prepared.row_estimate, prepared.kind)
    # The rows are handed over: whoever checks them holds the only reference.
    handed, prepared.rows = [prepared.rows], iter(())
    for chunk in parallel.checked_chunks(validator, handed, in_process=in_process):
        validator.compare(chunk)
        yield chunk


def checked_rows(prepared: Prepared) -> Iterator[RowResult]:
    for chunk in checked_chunks(prepared):
        yield from chunk
