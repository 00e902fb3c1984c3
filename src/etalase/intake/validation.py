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
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from etalase.catalog.models import HSCode
from etalase.enterprises import validators as registry
from etalase.enterprises.identifiers import validate_registration_id
from etalase.enterprises.models import Enterprise
from etalase.enterprises.size_classes import SizeFigureError
from etalase.intake import cells, vocab
from etalase.intake.columns import ColumnMap
from etalase.intake.phones import PhoneChecker
from etalase.regions.models import Subdivision

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
# Registry fields an import may set; compared field by field for the preview diff.
REGISTRY_FIELDS = [
    "legal_name",
    "trade_name",
    "subdivision_id",
    "regency",
    "address",
    "phone",
    "whatsapp",
    "email",
    "website",
    "contact_person",
    "year_established",
    "employees",
    "annual_turnover",
    "assets",
    "sector_kind",
    "export_status",
    "export_markets",
    "description",
    "size_class",
]
_TOTAL_WORDS = re.compile(r"^(total|jumlah|grand total|kabuuan|jumlah keseluruhan)\b", re.I)
_url = URLValidator(schemes=["http", "https"])
# The values Excel shows in a cell whose formula failed (exactly as written, any language:
# Excel keeps these in English).
EXCEL_ERRORS = frozenset({
    "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
    "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
})  # fmt: skip
# Distinct cell values remembered per file (regencies, amounts, years, words repeat on most rows).
CACHE_SIZE = 8192


class _EmailValidator(EmailValidator):
    """Django's e-mail check; a file's addresses share a few domains, each checked once.

    The user-part pattern is compiled here once: Django's lazily compiled one costs ~4 µs a
    call through its proxy. Same pattern, same flags."""

    user_regex = re.compile(EmailValidator.user_regex.pattern, EmailValidator.user_regex.flags)

    def validate_domain_part(self, domain_part):
        return _domain_ok(domain_part)


@lru_cache(maxsize=CACHE_SIZE)
def _domain_ok(domain_part: str) -> bool:
    return EmailValidator.validate_domain_part(_email, domain_part)


_email = _EmailValidator()


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


class SubdivisionResolver:
    """Reads a province written as an ISO code, a name in any case, or a statistics code."""

    # Indonesia's statistics office (BPS) province codes used in `kdprov` columns.
    BPS = {
        "61": "ID-KB",
        "62": "ID-KT",
        "63": "ID-KS",
        "64": "ID-KI",
        "65": "ID-KU",
        "71": "ID-SA",
        "72": "ID-ST",
        "73": "ID-SN",
        "74": "ID-SG",
        "75": "ID-GO",
        "76": "ID-SR",
        "81": "ID-MA",
        "82": "ID-MU",
        "91": "ID-PB",
        "94": "ID-PA",
    }

    def __init__(self, country: str) -> None:
        self.by_key: dict[str, Subdivision] = {}
        self.by_code: dict[str, Subdivision] = {}
        for sub in Subdivision.objects.filter(country_id=country).select_related("parent"):
            self.by_code[sub.code] = sub
            self.by_key[self._key(sub.code)] = sub
            self.by_key[self._key(sub.code.split("-", 1)[1])] = sub
            self.by_key.setdefault(self._key(sub.name), sub)
            label = sub.focus_area_label.split("(")
            if sub.focus_area_label:
                self.by_key.setdefault(self._key(label[0]), sub)
                if len(label) > 1:
                    self.by_key.setdefault(self._key(label[1].rstrip(")")), sub)
        if country == "ID":
            for code, iso in self.BPS.items():
                if self._key(iso) in self.by_key:
                    self.by_key[code] = self.by_key[self._key(iso)]

    @staticmethod
    def _key(value: str) -> str:
        value = re.sub(
            r"^(provinsi|prov\.?|province of|province|negeri|lalawigan ng|"
            r"wilayah persekutuan|federal territory of|w\.?p\.?)\s+",
            "",
            value.strip().lower(),
        )
        return re.sub(r"[^a-z0-9]+", "", value)

    def resolve(self, value: str) -> Subdivision | None:
        return self.by_key.get(self._key(value))


class RowValidator:
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
        self.labels = {"annual_turnover": _("The annual turnover"), "assets": _("The assets")}
        # Each distinct cell value is parsed and checked once per file; the caches live with
        # the validator, so they follow its country, its language and its day.
        self.phone = PhoneChecker(country)
        self.resolve_subdivision = lru_cache(CACHE_SIZE)(self.subdivisions.resolve)
        self.parse_year = _remembered(cells.parse_year, cells.CellError)
        self.parse_int = _remembered(
            lambda value: cells.parse_int(value, country=country), cells.CellError
        )
        self.parse_number = _remembered(
            lambda value: cells.parse_number(value, country=country), cells.CellError
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
        if self._cell(row, "registration_id"):
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
                    str(message),
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
                    str(message),
                    cells.text(value)[:100],
                )
            )

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
                _("The cell shows the Excel error %(value)s: correct the formula or type the "
                  "value.") % {"value": row[name]},
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
                    _("At most %(limit)d characters; this has %(n)d.")
                    % {"limit": limit, "n": len(raw)},
                    raw,
                )
            elif raw and name != "product":
                values[name] = raw
        if not values.get("legal_name") and not any(
            p.field == "legal_name" for p in result.problems
        ):
            problem("legal_name", "required", _("The business name is required."))

        raw_id = cells.text(row.get("registration_id"))
        if not raw_id:
            if not any(p.field == "registration_id" for p in result.problems):
                problem(
                    "registration_id",
                    "required",
                    _("The registration identifier (NIB / SSM / SEC / DTI number) is required."),
                )
        else:
            try:
                normalised = validate_registration_id(self.country, raw_id)
                values["registration_id"] = normalised.compact
                values["registration_scheme"] = normalised.scheme
                first = self.seen_ids.get(normalised.compact)
                if first is not None:
                    problem(
                        "registration_id",
                        "duplicate_in_file",
                        _("The same identifier is already on row %(row)d of this file.")
                        % {"row": first},
                        raw_id,
                    )
                else:
                    self.seen_ids[normalised.compact] = number
            except ValidationError as exc:
                problem(
                    "registration_id", exc.code or "invalid_identifier", exc.messages[0], raw_id
                )

        self._check_subdivision(row, values, problem)
        self._check_contacts(row, values, problem)
        self._check_figures(row, values, problem)
        self._check_words(row, values, result, problem, warning)
        self._check_product(row, result, problem)
        if result.problems:
            result.action = "rejected"
        return result

    def _check_subdivision(self, row, values, problem) -> None:
        raw = cells.text(row.get("subdivision"))
        if not raw:
            if self.office is None or self.office_has_children:
                problem(
                    "subdivision",
                    "required",
                    _("The province is required (or set it for all rows in the mapping)."),
                )
            else:
                values["subdivision_id"] = self.office.code
            return
        sub = self.resolve_subdivision(raw)
        if sub is None:
            problem(
                "subdivision",
                "unknown_subdivision",
                _("“%(value)s” is not a province or state of %(country)s.")
                % {"value": raw[:60], "country": self.country},
                raw,
            )
        elif not self.in_office(sub.code):
            problem(
                "subdivision",
                "outside_office",
                _("%(sub)s is outside your office's area (%(office)s).")
                % {"sub": sub.code, "office": self.office.code},
                raw,
            )
        else:
            values["subdivision_id"] = sub.code

    def _check_contacts(self, row, values, problem) -> None:
        for name, mobile in (("phone", False), ("whatsapp", True)):
            raw = cells.text(row.get(name))
            if raw:
                try:
                    values[name] = self.phone(raw, mobile_only=mobile)
                except ValidationError as exc:
                    problem(name, exc.code or "invalid_phone", exc.messages[0], raw)
        raw = cells.text(row.get("email"))
        if raw:
            try:
                _email(raw)
                values["email"] = raw.lower()
            except ValidationError:
                problem(
                    "email",
                    "invalid_email",
                    _("“%(value)s” is not a valid e-mail address.") % {"value": raw[:60]},
                    raw,
                )
        raw = cells.text(row.get("website"))
        if raw:
            url = raw if "://" in raw else f"https://{raw}"
            try:
                _url(url)
                values["website"] = url
            except ValidationError:
                problem(
                    "website",
                    "invalid_url",
                    _("“%(value)s” is not a web address.") % {"value": raw[:60]},
                    raw,
                )

    def _check_figures(self, row, values, problem) -> None:
        raw = row.get("year_established")
        if raw is not None:
            try:
                year = self.parse_year(raw)
                self.check_year(year)
                values["year_established"] = year
            except cells.CellError:
                problem(
                    "year_established",
                    "not_a_year",
                    _("“%(value)s” is not a year.") % {"value": cells.text(raw)[:40]},
                    raw,
                )
            except ValidationError as exc:
                problem("year_established", exc.code or "invalid", exc.messages[0], raw)
        raw = row.get("employees")
        if raw is not None:
            try:
                employees = self.parse_int(raw)
                registry.check_employees(employees)
                values["employees"] = employees
            except cells.CellError as exc:
                problem(
                    "employees",
                    exc.code,
                    _("“%(value)s” is not a whole number of people.")
                    % {"value": cells.text(raw)[:40]},
                    raw,
                )
            except ValidationError as exc:
                problem("employees", exc.code or "invalid", exc.messages[0], raw)
        for name in ("annual_turnover", "assets"):
            raw = row.get(name)
            if raw is None:
                continue
            try:
                amount = self.parse_number(raw)
                registry.check_amount(amount, label=str(self.labels[name]))
                values[name] = amount.quantize(Decimal("0.01")) if amount is not None else None
            except cells.CellError:
                problem(
                    name,
                    "not_a_number",
                    _("“%(value)s” is not an amount (write e.g. 1500000, Rp 1.500.000 or 1,5 M).")
                    % {"value": cells.text(raw)[:40]},
                    raw,
                )
            except ValidationError as exc:
                problem(name, exc.code or "invalid", exc.messages[0], raw)

    def _check_words(self, row, values, result, problem, warning) -> None:
        raw = cells.text(row.get("export_status"))
        if raw:
            status = vocab.export_status(raw)
            if status is None:
                problem(
                    "export_status",
                    "unknown_export_status",
                    _("“%(value)s” is not an export status (not yet / ready / exporting).")
                    % {"value": raw[:40]},
                    raw,
                )
            else:
                values["export_status"] = status
        raw = cells.text(row.get("sector"))
        if raw:
            values["sector_kind"] = vocab.sector(raw) or "other"
        markets = []
        for word in self.parse_list(row.get("export_markets")):
            code = word.upper() if len(word) == 2 else None
            if code is None:
                import pycountry

                try:
                    code = pycountry.countries.lookup(word).alpha_2
                except LookupError:
                    warning(
                        "export_markets",
                        "unknown_country",
                        _("“%(value)s” is not a country we know; it was left out.")
                        % {"value": word[:40]},
                        word,
                    )
                    continue
            markets.append(code)
        if markets:
            values["export_markets"] = sorted(set(markets))
        for word in self.parse_list(row.get("certifications")):
            if word.lower() in {"-", "tidak ada", "none", "wala", "tiada", "belum"}:
                continue
            kind = vocab.certification(word)
            if kind is None:
                warning(
                    "certifications",
                    "unknown_certification",
                    _("“%(value)s” is not a certification we know; it was left out.")
                    % {"value": word[:40]},
                    word,
                )
            elif kind not in result.certifications:
                result.certifications.append(kind)

    def _check_product(self, row, result, problem) -> None:
        name = cells.text(row.get("product"))
        raw_hs = cells.text(row.get("hs_code"))
        hs = re.sub(r"\D", "", raw_hs)
        if raw_hs and (len(hs) != 6 or hs not in self.hs_codes):
            problem(
                "hs_code",
                "unknown_hs_code",
                _("“%(value)s” is not an HS 2022 subheading (6 digits, e.g. 1801.00).")
                % {"value": raw_hs[:20]},
                raw_hs,
            )
            return
        if name and hs:
            result.product = {"name": name[:200], "hs_code_id": hs}

    # -- against the registry -----------------------------------------------------

    def in_office(self, code: str) -> bool:
        """Whether the subdivision `code` lies in the office's area (asked once per code)."""
        inside = self._in_office.get(code)
        if inside is None:
            sub = self.subdivisions.by_code.get(code)  # a record of this country's
            inside = self._in_office[code] = self.office is None or self.office.contains(sub)
        return inside

    def compare(self, results: list[RowResult]) -> None:
        """Decide create / update / unchanged for a chunk, with one query."""
        ids = [r.values["registration_id"] for r in results if r.action != "rejected"]
        # Plain values, not model instances: a re-sent file compares every row.
        existing = {
            e["registration_id"]: e
            for e in Enterprise.objects.filter(
                country_id=self.country, registration_id__in=ids
            ).values("id", "registration_id", "owner_edited_fields", *REGISTRY_FIELDS)
        }
        for result in results:
            if result.action == "rejected":
                continue
            self._size(result)
            if result.action == "rejected":
                continue
            current = existing.get(result.values["registration_id"])
            if current is None:
                result.action = "create"
                continue
            result.enterprise_id = current["id"]
            if not self.in_office(current["subdivision_id"]):
                result.problems.append(
                    Problem(
                        result.row,
                        self.map.header_of("registration_id"),
                        "registration_id",
                        "registered_elsewhere",
                        _(
                            "This identifier is registered in %(sub)s, outside your area; ask that "
                            "office to update it."
                        )
                        % {"sub": current["subdivision_id"]},
                    )
                )
                result.action = "rejected"
                continue
            owner_edited = current["owner_edited_fields"] or []
            for name in REGISTRY_FIELDS:
                if name not in result.values:
                    continue
                old, new = current[name], result.values[name]
                if _same(old, new):
                    continue
                result.diff[name] = [_show(old), _show(new)]
                if name in owner_edited:
                    result.conflicts.append(name)
            result.action = "update" if result.diff else "unchanged"

    def _size(self, result: RowResult) -> None:
        values = result.values
        if not any(k in values for k in ("employees", "annual_turnover", "assets")):
            return
        year = values.get("year_established")
        self._size_inputs = (
            year is None,
            year is not None and year >= registry.ID_CAPITAL_RULE_YEAR,
            values.get("annual_turnover") is None,
            values.get("assets") is None,
            values.get("employees") is None,
            values.get("sector_kind", "manufacturing"),
        )
        try:
            size = registry.size_of(
                country=self.country,
                year_established=values.get("year_established"),
                annual_turnover=values.get("annual_turnover"),
                assets=values.get("assets"),
                employees=values.get("employees"),
                sector_kind=values.get("sector_kind", "manufacturing"),
                today=self.today,
            )
        except SizeFigureError as exc:
            name, error = registry.size_error(exc)
            result.problems.append(
                Problem(
                    result.row,
                    self.map.header_of(name),
                    name,
                    error.code or "implausible",
                    error.messages[0],
                )
            )
            result.action = "rejected"
            return
        if size.size_class:
            values["size_class"] = size.size_class
            values["size_basis"] = self._basis_text(size)

    def _basis_text(self, size) -> str:
        """The translated basis of a size class, remembered (a gettext costs ~10 µs a row).

        The rule picks the sentence from which criterion gave which class and, in Indonesia,
        from whether the business predates the rule (its year, and which figures are given);
        the figures themselves never enter it. So the sentence is remembered per rule and
        outcome, and per everything size_of reads but the figures' values."""
        key = (
            size.rule,
            size.criterion,
            size.size_class,
            tuple(sorted(size.by_criterion.items())),
            self._size_inputs,
        )
        text = self._basis_texts.get(key)
        if text is None:
            text = self._basis_texts[key] = str(size.basis)[:200]
        return text


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return old is not None and new is not None and Decimal(old) == Decimal(new)
        except (TypeError, ValueError):
            return False
    return (old or "") == (new or "")


def _show(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def validate_rows(validator: RowValidator, rows: Iterable[tuple[int, list]]) -> Iterator[RowResult]:
    """Check data rows (after the header) chunk by chunk."""
    chunk: list[RowResult] = []
    for number, row in rows:
        if validator.is_skippable(row):
            continue
        chunk.append(validator.check(number, row))
        if len(chunk) >= CHUNK:
            validator.compare(chunk)
            yield from chunk
            chunk = []
    if chunk:
        validator.compare(chunk)
        yield from chunk
