"""Checking every row and cell of a submission before anything is written.

Rows are checked in chunks: cells are parsed in Python, then one query per chunk
finds the enterprises already registered, so a 200k-row file costs ~100 queries.
Each problem names the row (as the spreadsheet shows it), the column (as its
header is written), the field, a machine code and a message in the officer's
language (the caller activates it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_noop

from etalase.catalog.models import HSCode
from etalase.enterprises import validators as registry
from etalase.enterprises.identifiers import personal_id_error, validate_registration_id
from etalase.enterprises.identity import fingerprint, name_words
from etalase.intake import cells, scrub
from etalase.intake.checks import as_message, merged
from etalase.intake.checks.areas import AreaChecks
from etalase.intake.checks.contacts import ContactChecks
from etalase.intake.checks.figures import FigureChecks
from etalase.intake.checks.products import ProductChecks
from etalase.intake.checks.words import NOTHING, WordChecks
from etalase.intake.columns import ColumnMap
from etalase.intake.comparison import REGISTRY_FIELDS, RegistryComparison
from etalase.intake.duplicates import DuplicateFinder
from etalase.intake.limits import CACHE_SIZE
from etalase.intake.phones import PhoneChecker
from etalase.intake.provinces import SubdivisionResolver
from etalase.intake.results import Message, Problem, RowResult, message
from etalase.regions.area_names import AreaResolver
from etalase.regions.models import Subdivision

__all__ = ["REGISTRY_FIELDS", "Problem", "RowResult", "RowValidator", "checked", "chunks"]

CHUNK = 2000
MAX_LENGTHS = {
    "legal_name": 200,
    "trade_name": 200,
    "regency": 120,
    "address": 300,
    "contact_person": 150,
    "description": 5000,
    "product": 200,
}
# Total and sub-total rows as offices label them (id, ms, fil, en).
_TOTAL_WORDS = re.compile(
    r"^(sub[\s-]?total|total|jumlah|sub[\s-]?jumlah|grand total|kabuuan|jumlah keseluruhan"
    r"|jumlah besar)\b",
    re.I,
)
# What offices type in the number's cell of an enterprise that has none.
_NO_NUMBER = (NOTHING - {"wala pa"}) | {"x"}
_NO_NUMBER_OR_EMPTY = _NO_NUMBER | {""}
# The values Excel shows in a cell whose formula failed (exactly as written, any language:
# Excel keeps these in English).
EXCEL_ERRORS = frozenset({
    "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
    "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
})  # fmt: skip


def _remembered(func: Callable, *errors: type[Exception]) -> Callable:
    """`func(value)` computed once per distinct value, its `errors` (raised again) included."""

    # typed: 1, 1.0 and True are equal keys to a plain cache, but not the same cell.
    @lru_cache(maxsize=CACHE_SIZE, typed=True)
    def outcome(value):
        try:
            return True, func(value)
        except errors as exc:
            return False, exc

    def call(value):
        ok, result = outcome(value)
        if ok:
            return result
        raise result.with_traceback(None)

    return call


class RowValidator(
    ContactChecks, FigureChecks, WordChecks, ProductChecks, AreaChecks, RegistryComparison
):
    def __init__(
        self, *, column_map: ColumnMap, country: str, office: Subdivision | None, currency: str
    ) -> None:
        self.map = column_map
        self.country = country
        self.office = office
        self.currency = currency
        self.subdivisions = SubdivisionResolver(country)
        # Asked per row otherwise (a blank province cell, a registered record's province).
        self.office_has_children = office is not None and office.children.exists()
        self._in_office: dict[str, bool] = {}
        self.hs_codes = set(HSCode.objects.filter(level=6).values_list("code", flat=True))
        self.columns = {f: i for i, f in column_map.fields.items() if f}
        self.seen_ids: dict[str, int] = {}
        # One date and one set of labels for the whole file (each costs a lookup per call).
        self.today = timezone.localdate()
        # Messages, not text: a stored problem names the field in the reader's language.
        self.labels = {"annual_turnover": message(gettext_noop("The annual turnover")),
                       "assets": message(gettext_noop("The assets"))}
        # Each distinct cell value is parsed and checked once per file; the caches live with
        # the validator, so they follow its country, its language and its day.
        self.phone = PhoneChecker(country)
        self.resolve_subdivision = lru_cache(CACHE_SIZE)(self.subdivisions.resolve)
        self.areas = AreaResolver(country)
        self.resolve_area = lru_cache(CACHE_SIZE)(
            lambda text, province: self.areas.resolve(text, within=province)
        )
        # Rows without a registration number: the first row of each fingerprint, and
        # names alike (in the file, in the registry of the office's area).
        self.seen_fingerprints: dict[int, int] = {}
        self.duplicates = DuplicateFinder(
            country=country,
            subdivisions=None
            if office is None
            else [office.code, *office.children.values_list("code", flat=True)],
        )
        # The officer's word on probable duplicates: {"row": {"identity": "same:<id>" | …}}.
        self.decisions: dict = {}
        self.parse_year = _remembered(cells.parse_year, cells.CellError)
        self.parse_int = _remembered(
            lambda value: cells.parse_int(value, country=country), cells.CellError
        )
        self.parse_number = _remembered(
            lambda value: cells.parse_number(value, country=country), cells.CellError
        )
        self.parse_amount = _remembered(
            lambda value: cells.parse_amount(value, country=country), cells.CellError
        )
        self.parse_list = lru_cache(CACHE_SIZE, typed=True)(lambda v: tuple(cells.parse_list(v)))
        self.check_year = _remembered(self._check_year, ValidationError)
        self._basis_texts: dict[tuple, str] = {}
        self._size_inputs: tuple = ()

    def _check_year(self, year: int | None) -> None:
        registry.check_year_established(year)

    # -- reading one row ------------------------------------------------------------

    def _cell(self, row: list, name: str):
        if name in self.map.constants:
            return self.map.constants[name]
        index = self.columns.get(name)
        if index is None or index >= len(row):
            return None
        value = row[index]
        return None if value == "" else value

    def is_skippable(self, row: list) -> bool:
        """Blank rows and total rows are not data."""
        if all(cells.text(c) == "" for c in row):
            return True
        if cells.text(self._cell(row, "registration_id")).lower() not in _NO_NUMBER_OR_EMPTY:
            return False
        first = next((cells.text(c) for c in row if cells.text(c)), "")
        name = cells.text(self._cell(row, "legal_name"))
        return bool(_TOTAL_WORDS.match(first) or _TOTAL_WORDS.match(name))

    def _fields(self, row: list) -> dict:
        """field -> the row's cell (None when empty), each read once; constants included."""
        size = len(row)
        found = {
            name: row[index]
            for name, index in self.columns.items()
            if index < size and row[index] != ""
        }
        found.update(self.map.constants)
        return found

    def check(self, number: int, cells_in_file: list) -> RowResult:
        row = self._fields(cells_in_file)
        result = RowResult(row=number)
        values = result.values

        def problem(name: str, code: str, message, value="") -> None:
            result.problems.append(
                Problem(
                    number,
                    self.map.header_of(name),
                    name,
                    code,
                    message if isinstance(message, Message) else str(message),
                    cells.text(value)[:100],
                )
            )

        def warning(name: str, code: str, message, value="") -> None:
            result.warnings.append(
                Problem(
                    number,
                    self.map.header_of(name),
                    name,
                    code,
                    message if isinstance(message, Message) else str(message),
                    cells.text(value)[:100],
                )
            )

        # Cells the XLSX reader filled from a merged range (xlsx.MergedRow): said so.
        if (filled := getattr(cells_in_file, "filled", None)) is not None:
            merged.report_filled(self.map, filled, row, warning)
        # What Excel shows for a broken formula (#N/A, #REF! …), in a workbook or a CSV it
        # saved: not a value to store, nor an empty cell to fill with a default. (Cells are
        # str, numbers, dates or bools: all hashable, so one C-level test a row.)
        broken = [] if EXCEL_ERRORS.isdisjoint(row.values()) else [
            name for name, raw in row.items() if type(raw) is str and raw in EXCEL_ERRORS
        ]
        for name in broken:
            problem(
                name,
                "excel_error",
                message(gettext_noop("The cell shows the Excel error %(value)s: correct the "
                                     "formula or type the value."), value=row[name]),
                row.pop(name),
            )
        for name, limit in MAX_LENGTHS.items():
            if name not in row:
                continue
            raw = cells.text(row[name])
            if len(raw) > limit:
                problem(
                    name,
                    "too_long",
                    message(gettext_noop("At most %(limit)d characters; this has %(n)d."),
                            limit=limit, n=len(raw)),
                    raw,
                )
            elif raw and name != "product":
                values[name] = raw
        if not values.get("legal_name") and not any(
            p.field == "legal_name" for p in result.problems
        ):
            problem(
                "legal_name", "required", message(gettext_noop("The business name is required."))
            )

        # Most micro enterprises have no registration number: a row without one is found
        # again by its fingerprint (below).
        raw_id = cells.text(row.get("registration_id"))
        if raw_id and raw_id.lower() not in _NO_NUMBER:
            try:
                normalised = validate_registration_id(self.country, raw_id)
                values["registration_id"] = normalised.compact
                values["registration_scheme"] = normalised.scheme
                first = self.seen_ids.get(normalised.compact)
                if first is not None:
                    problem(
                        "registration_id",
                        "duplicate_in_file",
                        message(gettext_noop("The same identifier is already on row %(row)d of "
                                             "this file."), row=first),
                        raw_id,
                    )
                else:
                    self.seen_ids[normalised.compact] = number
            except ValidationError as exc:
                # An identity number masked before the check: say what it is.
                kind = scrub.masked_kind(raw_id)
                error = personal_id_error(kind) if kind else exc
                problem(
                    "registration_id", error.code or "invalid_identifier", as_message(error), raw_id
                )

        self._check_subdivision(row, values, problem)
        self._check_area(row, values, problem, warning)
        self._check_contacts(row, values, problem)
        self._check_figures(row, values, problem, warning)
        self._check_words(row, values, result, problem, warning)
        self._check_product(row, result, problem, warning)
        if not result.problems:
            self._identify(result, problem)
        if result.problems:
            result.action = "rejected"
        return result

    def _identify(self, result: RowResult, problem) -> None:
        """The row's fingerprint; the same enterprise twice in a file is an error, names
        alike in one place are shown for the officer to judge (intake.duplicates)."""
        values = result.values
        place = values.get("area_id") or values["subdivision_id"]
        words = name_words(values["legal_name"])
        values["identity_fingerprint"] = key = fingerprint(
            country=self.country,
            name=values["legal_name"],
            place=place,
            phone=values.get("phone") or values.get("whatsapp") or "",
            words=words,
        )
        # Every row's fingerprint is remembered (a row without a number may be the same
        # business as a numbered row above it), as 64 bits: a 200,000-row file keeps ~17 MB.
        first = self.seen_fingerprints.setdefault(int(key[:16], 16), result.row)
        if "registration_id" not in values and first != result.row:
            problem(
                "legal_name",
                "duplicate_in_file",
                message(
                    gettext_noop(
                        "The same enterprise (name, regency and phone) is already on row "
                        "%(row)d of this file."
                    ),
                    row=first,
                ),
                values["legal_name"],
            )
            return
        decided = self._decided(result)
        if decided.startswith("same-row:"):
            problem(
                "legal_name",
                "confirmed_duplicate",
                message(
                    gettext_noop(
                        "You confirmed this row as the same enterprise as row %(row)s: it is "
                        "not imported a second time."
                    ),
                    row=decided[9:],
                ),
                values["legal_name"],
            )
            return
        if "registration_id" not in values:
            # A row with a registration number is identified by it; only the rows without one
            # are compared by name (and indexed: a 200,000-row file of numbered rows keeps no
            # name index in memory).
            result.matches = self.duplicates.in_file(
                row=result.row, name=values["legal_name"], place=place, words=words
            )

    def _check_subdivision(self, row, values, problem) -> None:
        raw = cells.text(row.get("subdivision"))
        if not raw:
            if self.office is None or self.office_has_children:
                problem(
                    "subdivision",
                    "required",
                    message(gettext_noop(
                        "The province is required (or set it for all rows in the mapping).")),
                )
            else:
                values["subdivision_id"] = self.office.code
            return
        sub = self.resolve_subdivision(raw)
        if sub is None:
            problem(
                "subdivision",
                "unknown_subdivision",
                message(gettext_noop("“%(value)s” is not a province or state of %(country)s."),
                        value=raw[:60], country=self.country),
                raw,
            )
        elif not self.in_office(sub.code):
            problem(
                "subdivision",
                "outside_office",
                message(gettext_noop("%(sub)s is outside your office's area (%(office)s)."),
                        sub=sub.code, office=self.office.code),
                raw,
            )
        else:
            values["subdivision_id"] = sub.code


def checked(validator: RowValidator, rows: Iterable[tuple[int, list]]) -> Iterator[RowResult]:
    """Each data row checked on its own, its size class included: Python only, no query (so
    this part may run in another process, intake.parallel)."""
    for number, row in rows:
        if validator.is_skippable(row):
            continue
        result = validator.check(number, row)
        if result.action != "rejected":
            validator.classify_size(result)
        yield result


def chunks(results: Iterable[RowResult], size: int = CHUNK) -> Iterator[list[RowResult]]:
    chunk: list[RowResult] = []
    for result in results:
        chunk.append(result)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
