"""No identity-card number is kept: what is stored of an upload has them removed.

Offices' lists often carry the owner's identity number (Indonesia's NIK, Malaysia's MyKad),
in a column of its own or typed where the business's number belongs. The platform needs
none of them and keeps none:

- the file is stored as a copy (`for_storage`) in which identity columns are emptied (a
  workbook's cells left out, a CSV's signs all masked: `••••••••••••••••`) and any other
  identity number is masked (`3171••••••••0001`), every other cell at its row
  and column, so that reading the copy yields the same rows, header row and column
  indexes (the commit checks the stored copy again with the saved column map). The
  submission keeps the original's SHA-256 as its fingerprint: the stored bytes differ.
- the command line's import reads rows through `masked_rows`, so a number typed into a
  read column is masked before it is checked, reported or written;
- problems kept for the preview are masked again (`masked_json`), and the error report
  leaves identity columns out.

Identity columns are those the header matching calls "nik" and those most of whose values
are identity numbers by content. An identity number by content is, with python-stdnum:
a valid 16-digit NIK (`stdnum.id.nik`: region code and birth date) in any file; a valid
12-digit MyKad (`stdnum.my.nric`) written as 770305-02-1234, or in a Malaysian office's
file also as bare digits outside phone columns (an Indonesian 0812… mobile number is a
valid MyKad one time in five) and not when it is a new-format SSM number. The Philippines'
PhilSys and Brunei's IC numbers have no published check that stdnum knows: their columns
are recognised by header only.

A file that cannot be read at all (an old .xls, a damaged workbook, one over the row
limit) cannot be cleaned: nothing of it is stored but its hash (the stored copy is empty)
and it is refused with the reader's reason.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice, pairwise

from django.utils.translation import gettext as _
from stdnum.id import nik
from stdnum.my import nric

from etalase.intake import readers, xlsx
from etalase.intake.cells import text
from etalase.intake.columns import HEADER_SCAN_ROWS, ColumnMap, build_map, find_header
from etalase.intake.readers import FileRefused
from etalase.intake.xlsx_writer import write_values

MASK = "•"
# Refusals of a file that is readable but too large: an old stored copy is not emptied for it.
OVER_LIMITS = frozenset({"file_too_large", "too_many_rows"})
PHONE_FIELDS = frozenset({"phone", "whatsapp"})
SAMPLE_ROWS = 500  # data rows that decide whether a column is one of identity numbers
_SEPARATOR = r"[ \u00a0.\-/\u2010-\u2015]"
# Twelve digits or more with at most one separator between two: the only cells looked into.
_LONG = re.compile(rf"\d(?:{_SEPARATOR}?\d){{11}}")
_RUN = re.compile(rf"(?<![\d+])\+?\d+(?:{_SEPARATOR}\d+)*")
_GROUP = re.compile(r"\d+")
_SSM = re.compile(r"^(19|20)\d{2}0[1-6]\d{6}$")  # a business's number, not a person's
_MASKED = re.compile(rf"(?<!\d)\d{{4}}({MASK}{{4}}|{MASK}{{8}})\d{{4}}(?!\d)")
# What an emptied CSV cell keeps: the characters that decide the delimiter and the lines.
_KEEP_IN_CSV = frozenset(",;\t|\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


# --- identity numbers in a value -------------------------------------------------------


def _mykad(groups: list[re.Match], value: str, *, bare_allowed: bool) -> bool:
    if not bare_allowed:
        # Written as the card prints it: 770305-02-1234 (or with spaces).
        lengths = [len(g.group(0)) for g in groups]
        between = {value[a.end():b.start()] for a, b in pairwise(groups)}
        if lengths != [6, 2, 4] or not between <= {"-", " "}:
            return False
    digits = "".join(g.group(0) for g in groups)
    return nric.is_valid(digits) and not _SSM.match(digits)


def identity_spans(value: str, *, country: str, phone: bool = False) -> list[tuple[int, int]]:
    """Where identity numbers stand in a text: (start, end) of each, digits and separators."""
    if len(value) < 12:
        return []
    if value.isdigit():  # the commonest long cell: a phone number, an NIB, a NIK
        if len(value) == 16 and nik.is_valid(value):
            return [(0, 16)]
        bare = country == "MY" and not phone
        if len(value) == 12 and bare and nric.is_valid(value) and not _SSM.match(value):
            return [(0, 12)]
        return []
    if not _LONG.search(value):
        return []
    spans = []
    for run in _RUN.finditer(value):
        groups = list(_GROUP.finditer(value, run.start(), run.end()))
        # "+60 11-2345 6789" is a phone number with its country code.
        bare_allowed = country == "MY" and not phone and not run.group(0).startswith("+")
        start = 0
        while start < len(groups):
            found = None
            count = 0
            for end in range(start, len(groups)):
                count += len(groups[end].group(0))
                window = groups[start:end + 1]
                if (count == 16 and nik.is_valid("".join(g.group(0) for g in window))) or (
                    count == 12 and _mykad(window, value, bare_allowed=bare_allowed)
                ):
                    found = end
                if found is not None or count >= 16:
                    break
            if found is None:
                start += 1
                continue
            spans.append((groups[start].start(), groups[found].end()))
            start = found + 1
    return spans


def _suspect(value: object) -> str | None:
    """The text to look into, when the value can hold twelve digits at all."""
    kind = type(value)
    if kind is str:
        return value if len(value) >= 12 else None
    if kind is int:
        return str(value) if value >= 10**11 else None
    if kind is float:
        return text(value) if value >= 1e11 and value.is_integer() else None
    return None


_NIK_LENGTHS, _NIK_OR_MYKAD_LENGTHS = frozenset({16}), frozenset({16, 12})


def _bare_lengths(country: str) -> frozenset[int]:
    """Lengths of a cell of bare digits that may be an identity number (others are not)."""
    return _NIK_OR_MYKAD_LENGTHS if country == "MY" else _NIK_LENGTHS


def _may_hold(value: object, bare: frozenset[int]) -> bool:
    """A quick first look, run for every cell: most are short, or long without 12 digits."""
    if type(value) is str:
        size = len(value)
        if size < 12:
            return False
        return size in bare if value.isdigit() else _LONG.search(value) is not None
    return _suspect(value) is not None


def mask(value: object, *, country: str, phone: bool = False) -> tuple[object, bool]:
    """The value with each identity number's middle digits masked: 3171••••••••0001."""
    raw = _suspect(value)
    if raw is None:
        return value, False
    spans = identity_spans(raw, country=country, phone=phone)
    if not spans:
        return value, False
    chars = list(raw)
    for start, end in spans:
        positions = [i for i in range(start, end) if chars[i].isdigit()]
        for i in positions[4:-4]:
            chars[i] = MASK
    return "".join(chars), True


def masked_kind(value: str) -> str | None:
    """"NIK" or "NRIC" when the text is an identity number masked here (a check may say so)."""
    found = _MASKED.search(re.sub(_SEPARATOR, "", value or ""))
    if not found:
        return None
    return "NIK" if len(found.group(1)) == 8 else "NRIC"


def masked_json(data, *, country: str):
    """Any JSON value (a stored problem, a row's values) with identity numbers masked."""
    if isinstance(data, str):
        return mask(data, country=country)[0]
    if isinstance(data, dict):
        return {key: masked_json(item, country=country) for key, item in data.items()}
    if isinstance(data, list):
        return [masked_json(item, country=country) for item in data]
    return mask(data, country=country)[0] if type(data) is int else data


def masked_rows(
    rows: Iterator[tuple[int, list]], column_map: ColumnMap, country: str
) -> Iterator[tuple[int, list]]:
    """Rows with identity numbers masked in the columns that are read (the others never are)."""
    read = [(i, field_name in PHONE_FIELDS) for i, field_name in column_map.fields.items()
            if field_name]
    bare = _bare_lengths(country)
    for number, cells in rows:
        size = len(cells)
        # Most long texts of a row (names, addresses, amounts) hold no twelve digits: they are
        # looked into together, with one search; only a row where it finds some goes cell by
        # cell. Bare digits (phones, NIBs) are told by their length alone.
        texts = []
        for index, phone in read:
            if index >= size:
                continue
            value = cells[index]
            if type(value) is str:
                if len(value) < 12:
                    continue
                if value.isdigit():
                    if len(value) in bare:
                        cells[index] = mask(value, country=country, phone=phone)[0]
                    continue
                texts.append(value)
            elif _suspect(value) is not None:
                cells[index] = mask(value, country=country, phone=phone)[0]
        if texts and _LONG.search("\x00".join(texts)):
            for index, phone in read:
                if index < size and type(value := cells[index]) is str \
                        and _may_hold(value, bare):
                    cells[index] = mask(value, country=country, phone=phone)[0]
        yield number, cells


# --- the stored copy -------------------------------------------------------------------


@dataclass
class Scrubbed:
    """What to store of an upload, and what was taken out of it."""

    content: bytes
    identity_columns: list[str] = field(default_factory=list)  # headers of emptied columns
    masked_cells: int = 0
    refused: FileRefused | None = None  # unreadable: only the hash is kept, content is b""


@dataclass
class _Plan:
    country: str
    header_row: int  # 0 when no header was found
    blank: dict[int, str]  # column index -> header (or letter) of an identity column
    phone: frozenset[int]
    masked: int = 0

    def clean(self, number: int, cells: list, *, csv_file: bool) -> tuple[list, bool]:
        out = cells
        blank, bare = self.blank, _bare_lengths(self.country)
        for index, value in enumerate(cells):
            if blank and index in blank and self._blanked(number, value):
                new: object = _emptied_csv_cell(value) if csv_file else None
            elif not _may_hold(value, bare):
                continue
            else:
                new, found = mask(value, country=self.country, phone=index in self.phone)
                if not found:
                    continue
                self.masked += 1
            if out is cells:
                out = list(cells)
            out[index] = new
        return out, out is not cells

    def _blanked(self, number: int, value: object) -> bool:
        if text(value) == "":
            return False
        if self.header_row:
            return number > self.header_row
        # No header known: keep what may be one, empty what holds digits.
        return sum(ch.isdigit() for ch in text(value)) >= 6


def _emptied_csv_cell(value: str) -> str:
    """A CSV cell of an identity column: every sign masked but delimiters, line breaks and
    blanks, so that each line of the copy is sniffed (delimiter, blank lines) as before."""
    return "".join(ch if ch in _KEEP_IN_CSV or ch.isspace() else MASK for ch in value)


def _plan(head: list[tuple[int, list]], country: str, extra_aliases: dict | None) -> _Plan:
    found = find_header(head[:HEADER_SCAN_ROWS], extra_aliases)
    blank: dict[int, str] = {}
    mapped: dict[int, str] = {}
    header_row = 0
    if found is not None:
        header_row = found[0]
        column_map = build_map(found[0], found[1], extra_aliases)
        dropped = set(column_map.dropped_identity_columns)
        for index, header in enumerate(column_map.headers):
            if column_map.fields.get(index):
                mapped[index] = column_map.fields[index]
            elif header in dropped:
                blank[index] = header
        headers = column_map.headers
    else:
        headers = []
    seen: dict[int, int] = {}
    numbers: dict[int, int] = {}
    for number, cells in head:
        if number <= header_row:
            continue
        for index, value in enumerate(cells):
            if text(value):
                seen[index] = seen.get(index, 0) + 1
                raw = _suspect(value)
                phone = mapped.get(index) in PHONE_FIELDS
                if raw and identity_spans(raw, country=country, phone=phone):
                    numbers[index] = numbers.get(index, 0) + 1
    for index, count in numbers.items():
        # A read column keeps its other values (a NIB column with owners' NIKs typed in):
        # its identity numbers are masked cell by cell.
        if 2 * count > seen[index] and index not in mapped:
            header = headers[index] if index < len(headers) and headers[index] else ""
            blank[index] = header or _("column %(letter)s") % {"letter": _letter(index)}
    phones = frozenset(i for i, name in mapped.items() if name in PHONE_FIELDS)
    return _Plan(country=country, header_row=header_row, blank=blank, phone=phones)


def _letter(index: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return get_column_letter(index + 1)


def for_storage(
    content: bytes, filename: str, *, country: str, extra_aliases: dict | None = None
) -> Scrubbed:
    """The bytes to keep of an uploaded file, identity numbers removed (see the module)."""
    try:
        table = readers.open_table(io.BytesIO(content), filename)
        if table.row_estimate > readers.max_rows() + HEADER_SCAN_ROWS:
            # The checker refuses it unread, with these words; it is not read here either.
            raise FileRefused(
                "too_many_rows",
                _("The file has about %(n)d rows; the limit is %(limit)d. Split it into "
                  "smaller files.") % {"n": table.row_estimate, "limit": readers.max_rows()},
            )
        head = list(islice(table.rows, HEADER_SCAN_ROWS + SAMPLE_ROWS))
        plan = _plan(head, country, extra_aliases)
        rows = chain(head, table.rows)
        if table.kind == "xlsx":
            out = io.BytesIO()
            # The cells as the sheet has them (not filled from merged ranges), and the ranges
            # themselves: the copy is read, filled and reported as the original was.
            write_values(out, table.sheet or "Sheet1",
                         ((n, plan.clean(n, xlsx.unfilled(cells), csv_file=False)[0])
                          for n, cells in rows), merged=table.merged)
            stored = out.getvalue()
        else:
            stored = _csv_copy(content, filename, table, rows, plan)
    except FileRefused as refused:
        return Scrubbed(content=b"", refused=refused)
    return Scrubbed(content=stored, identity_columns=list(plan.blank.values()),
                    masked_cells=plan.masked)


def _csv_copy(content: bytes, filename: str, table: readers.Table, rows, plan: _Plan) -> bytes:
    """The CSV as it was when nothing is taken out; else rewritten with its delimiter so that
    the reader sniffs the copy as it sniffed the original (first 64 KiB): in its encoding,
    else in UTF-8 with a BOM; with the csv module's minimal quoting, else every cell quoted
    (a line left with only blanks and delimiters is not counted by the delimiter sniffing).
    Should neither be sniffed alike, the first readable copy is kept: it is what the
    preview is read from, so a misreading shows there rather than passing unseen."""
    delimiter = table.delimiter or ","
    attempts = [(quoting, encoding) for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL)
                for encoding in dict.fromkeys([table.encoding or "utf-8", "utf-8-sig"])]
    fallback = None
    for attempt, (quoting, encoding) in enumerate(attempts):
        if attempt:  # read again, from the start
            plan.masked = 0
            rows = readers.open_table(io.BytesIO(content), filename).rows
        out = io.BytesIO()
        wrapper = io.TextIOWrapper(out, encoding=encoding, newline="")
        writer = csv.writer(wrapper, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
        changed = False
        try:
            for number, cells in rows:
                cleaned, touched = plan.clean(number, cells, csv_file=True)
                changed |= touched
                writer.writerow(cleaned)
            wrapper.flush()
        except UnicodeEncodeError:  # a character the file's own encoding cannot hold
            continue
        if not changed:
            return content
        stored = out.getvalue()
        sample = stored[:64 * 1024]
        if readers._detect_encoding(sample) != encoding:
            continue
        fallback = fallback or stored
        sniffed = readers._detect_delimiter(sample.decode(encoding, errors="replace"))
        if sniffed == delimiter:
            return stored
    if fallback is None:
        raise AssertionError("UTF-8 with a BOM is always read back as such")
    return fallback
