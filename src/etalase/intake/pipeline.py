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

from etalase.intake import readers
from etalase.intake.columns import ColumnMap, build_map, find_header, looks_aggregate
from etalase.intake.readers import FileRefused
from etalase.intake.validation import RowResult, RowValidator, validate_rows
from etalase.regions.models import Country, Subdivision

TEMPLATE_VERSION_MARK = "etalase-template-v"
CURRENT_TEMPLATE_VERSION = 1


@dataclass
class Prepared:
    column_map: ColumnMap
    validator: RowValidator
    rows: Iterator[tuple[int, list]]
    kind: str


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

    def add(self, result: RowResult) -> None:
        self.rows += 1
        counter = _COUNTERS[result.action]
        setattr(self, counter, getattr(self, counter) + 1)
        self.errors.extend(p.as_dict() for p in result.problems)
        self.warnings.extend(p.as_dict() for p in result.warnings)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": self.errors,
        }


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
        found = find_header(head, extra_aliases)
        if found is None:
            raise FileRefused(
                "no_header",
                _(
                    "No header row was recognised in the first 30 rows. Name the columns (e.g. "
                    "nama_usaha, nib, kabupaten_kota) or use the template."
                ),
            )
        column_map = build_map(found[0], found[1], extra_aliases)
    if constants:
        column_map.constants.update({k: v for k, v in constants.items() if v})
    if looks_aggregate(column_map):
        raise FileRefused(
            "aggregate_table",
            _(
                "This looks like a table of counts (e.g. number of MSMEs per regency), not a list "
                "of enterprises. Send one row per enterprise with its name and identifier."
            ),
        )
    missing = [
        f
        for f in ("legal_name", "registration_id")
        if column_map.column_of(f) is None and f not in column_map.constants
    ]
    if missing:
        raise FileRefused(
            "missing_columns",
            _("No column was recognised for: %(fields)s. Map them by hand or rename the header.")
            % {"fields": ", ".join(missing)},
        )
    country_obj = Country.objects.get(code=country)
    validator = RowValidator(
        column_map=column_map,
        country=country,
        office=office,
        currency=country_obj.currency or "USD",
    )
    data_rows = (item for item in chain(head, table.rows) if item[0] > column_map.header_row)
    return Prepared(
        column_map=column_map, validator=validator, rows=_limited(data_rows), kind=table.kind
    )


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


def checked_rows(prepared: Prepared) -> Iterator[RowResult]:
    return validate_rows(prepared.validator, prepared.rows)
