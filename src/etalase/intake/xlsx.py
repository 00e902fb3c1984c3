"""Streaming XLSX reading: a sheet's rows straight out of the zip, never the whole sheet.

The sheet member is read as a stream in 64 KiB blocks and fed to expat; the rows that a block
completes are yielded before the next block is read, so memory stays flat at any row count.
Only what cell values need is loaded whole: the shared-string table and the date styles.
The spreadsheet facts (which formats are dates, serial days, column letters) are openpyxl's.

Merged cells: Excel keeps a merged range's value in its top-left cell only, and lists the
ranges in <mergeCells> after <sheetData>. A first quick pass over the raw part finds them (a
byte search per block; the regular expression runs only on blocks that hold one); the rows
are then read with each range's value filled down and across into the cells it covers. A row
with filled cells is a MergedRow whose `filled` maps each filled column to the (row, column)
its value came from, so that the checks can say so.
"""

from __future__ import annotations

import datetime as dt
import heapq
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import IO
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel
from openpyxl.utils.escape import unescape

BLOCK = 64 * 1024
Row = tuple[int, list]
# What a damaged part raises on the way: zip, inflate, XML, a bad number or string index.
_DAMAGE = (
    expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError,
    IndexError, OverflowError, NotImplementedError, RuntimeError,
)  # fmt: skip


# Beyond these a sheet's merged ranges are not a layout but an attack on the reader: a real
# regency recap has dozens (a product per row under one merged name: thousands).
MAX_MERGED_RANGES = 100_000
MAX_MERGED_COLUMNS = 512  # how far across a range is filled (XFD is column 16,384)
MAX_OPEN_RANGES = 4_096  # ranges covering one row at once (Excel's never overlap)
_MERGE_TAG = re.compile(rb"<(?:[\w.-]+:)?mergeCell\b[^>]*>")
_REF = re.compile(
    rb"""\bref\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?["']"""
)


class XlsxError(Exception):
    """The workbook cannot be read; the text says why (the caller refuses the file)."""


class MergedRow(list):
    """A row's cells, some of them filled from a merged range: `filled` maps a 0-based
    column to the (Excel row, 0-based column) of the range's top-left cell."""

    __slots__ = ("filled",)

    filled: dict[int, tuple[int, int]]


@dataclass
class Sheet:
    name: str
    rows: Iterator[Row]  # (Excel's 1-based row number, cells by column), rows with values only
    row_estimate: int  # the last row of the sheet's <dimension>, else its <row> tags counted
    # The merged ranges whose values the rows carry filled in ("B3:B5"), as read (and bounded):
    # a copy written with these and the rows `unfilled` reads back as the same rows.
    merged: list[str] = field(default_factory=list)


@dataclass
class _Book:
    archive: zipfile.ZipFile
    shared: list[str]
    dates: dict[str, str]  # style index (a cell's s="…") -> "date" | "delta"
    epoch: dt.datetime


def _local(name: str) -> str:
    # Names are matched without their prefix ("x:c" is "c"): expat's namespace processing
    # costs a tenth of the reading time, and Transitional and Strict OOXML differ only there.
    return name.rpartition(":")[2]


def _rid(attrs: dict[str, str]) -> str:
    """A <sheet>'s r:id, whatever the prefix of the relationships namespace."""
    return next((v for k, v in attrs.items() if k.endswith(":id")), "")


def _refuse_dtd(*_args: object) -> None:
    raise XlsxError("a document type or entity declaration is not allowed in a workbook")


def _blocks(
    archive: zipfile.ZipFile, path: str, start: Callable, end: Callable | None = None,
    chars: Callable | None = None,
) -> Iterator[None]:  # fmt: skip
    """Parse a member a block at a time, pausing after each block."""
    parser = expat.ParserCreate()
    # An XLSX part never has a DTD: refusing one means no entity is ever expanded (billion
    # laughs) or fetched from outside.
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _refuse_dtd
    parser.buffer_text = True  # a text node in one call, not one per line or entity
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = chars
    try:
        with archive.open(path) as member:
            while block := member.read(BLOCK):
                parser.Parse(block, False)
                yield
            parser.Parse(b"", True)
    except _DAMAGE as exc:  # also what a handler raised for a bad value
        raise XlsxError(f"{path}: {exc}") from None


def _elements(archive: zipfile.ZipFile, path: str) -> list[tuple[str, str, dict[str, str]]]:
    """(parent, element, attributes) of each element of a small part; [] when it is absent."""
    found: list[tuple[str, str, dict[str, str]]] = []
    stack = [""]

    def start(name: str, attrs: dict[str, str]) -> None:
        found.append((stack[-1], _local(name), attrs))
        stack.append(_local(name))

    if path in archive.NameToInfo:
        for _ in _blocks(archive, path, start, lambda _name: stack.pop()):
            pass
    return found


def _shared_strings(archive: zipfile.ZipFile, path: str) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    inside = {"t": False, "rPh": False}

    def start(name: str, _attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "t":  # plain <si><t> or a rich-text run <si><r><t>; never phonetic text
            inside["t"] = not inside["rPh"]
        elif tag == "rPh":
            inside["rPh"] = True

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "si":
            text = "".join(parts)
            strings.append(unescape(text) if "_x" in text else text)  # _x000D_ and kin
            parts.clear()
        elif tag in inside:
            inside[tag] = False

    def chars(data: str) -> None:
        if inside["t"]:
            parts.append(data)

    if path in archive.NameToInfo:
        for _ in _blocks(archive, path, start, end, chars):
            pass
    return strings


def _date_styles(archive: zipfile.ZipFile, path: str) -> dict[str, str]:
    elements = _elements(archive, path)
    # Only <numFmts> and <cellXfs> count: <dxfs> and <cellStyleXfs> have numFmt and xf too.
    formats: dict[int, str | None] = dict(BUILTIN_FORMATS)
    formats.update(
        (int(a.get("numFmtId", -1)), a.get("formatCode"))
        for parent, tag, a in elements
        if (parent, tag) == ("numFmts", "numFmt")
    )
    xfs = [
        a.get("numFmtId", "0") for parent, tag, a in elements if (parent, tag) == ("cellXfs", "xf")
    ]
    kinds = {}
    for index, fmt in enumerate(formats.get(int(f)) for f in xfs):
        if is_timedelta_format(fmt):
            kinds[str(index)] = "delta"
        elif is_date_format(fmt):
            kinds[str(index)] = "date"
    return kinds


def _serial(raw: str, kind: str, epoch: dt.datetime) -> object:
    """A date-styled number: a date (whole days), datetime, time (< 1 day) or timedelta."""
    number = float(raw)
    try:
        if kind == "delta":
            return from_excel(number, timedelta=True)
        value = from_excel(number, epoch)
    except (OverflowError, ValueError):  # no date that far: the number as written
        return number
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def _iso(raw: str) -> object:
    try:
        return dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw)
    except ValueError:
        return raw


def _rows(book: _Book, path: str, seen: dict[str, str]) -> Iterator[Row]:
    """The sheet's rows, yielded after each block; `seen` gets the <dimension> ref and the row
    tag's name. The hot loop (millions of calls): closures over locals, commonest case first."""
    shared, dates, epoch = book.shared, book.dates, book.epoch
    # Element name -> its part here; <v> (a value, or a formula's cached result, never the <f>
    # text) is collected like <t> (an inline string or one run of it). Others map to "".
    tags = {"row": "row", "c": "c", "v": "t", "t": "t", "rPh": "rPh", "dimension": "dimension"}
    done: list[Row] = []
    row: list = []
    number = column = 0
    kind = style = text = ""
    collect = phonetic = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal row, number, column, kind, style, text, collect, phonetic
        tag = tags.get(name)
        if tag is None:  # once per new name: "x:c" is "c"
            tag = tags[name] = tags.get(_local(name), "")
            if tag == "row":
                seen["row"] = name  # what the row estimate counts
        if tag == "c":
            if ref := attrs.get("r"):  # else the cell takes the next column
                column = column_index_from_string(ref.rstrip("0123456789")) - 1
            kind = attrs.get("t", "n")
            style = attrs.get("s", "")
            text = ""
        elif not tag:
            return
        elif tag == "t":
            collect = not phonetic
        elif tag == "row":
            number = int(ref) if (ref := attrs.get("r")) else number + 1
            row = []
            column = 0
        elif tag == "rPh":
            phonetic = True
        elif tag == "dimension":  # "A1:L200002", before <sheetData>: the row estimate
            seen["ref"] = attrs.get("ref", "")

    def end(name: str) -> None:
        nonlocal column, collect, phonetic
        tag = tags[name]
        if tag == "c":
            if raw := text:
                if kind == "n":
                    if style in dates:
                        value: object = _serial(raw, dates[style], epoch)
                    elif "." in raw or "E" in raw or "e" in raw:
                        value = float(raw)
                    else:  # integral as typed: an int, as openpyxl reads it
                        value = int(raw)
                elif kind == "s":
                    value = shared[int(raw)] or None  # an empty string is no value
                elif kind == "b":
                    value = raw in ("1", "true")
                elif kind == "d":
                    value = _iso(raw)
                else:  # inlineStr, str (a formula's text result), e (an error such as #N/A)
                    value = unescape(raw) if "_x" in raw else raw
                if value is not None:
                    size = len(row)
                    if column == size:
                        row.append(value)
                    elif column < size:
                        row[column] = value
                    else:  # "" in the gap before this cell
                        row.extend([""] * (column - size))
                        row.append(value)
            column += 1
        elif tag == "t":
            collect = False
        elif tag == "row":
            if row:
                done.append((number, row))
        elif tag == "rPh":
            phonetic = False

    def chars(data: str) -> None:
        nonlocal text
        if collect:
            text += data  # nearly always once per cell (buffer_text)

    for _ in _blocks(book.archive, path, start, end, chars):
        if done:
            yield from done
            done.clear()


def _merged_ranges(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range of more than one
    cell: rows as Excel numbers them, columns 0-based. One inflating pass over the part."""
    ranges: list[tuple[int, int, int, int]] = []
    carry = b""
    try:
        with archive.open(path) as member:
            while block := member.read(16 * BLOCK):
                text = carry + block
                # A tag cut by the block's end is read with the next block.
                cut = text.rfind(b"<")
                if b"mergeCell" in text:
                    complete = text if cut < 0 or b">" in text[cut:] else text[:cut]
                    for tag in _MERGE_TAG.finditer(complete):
                        _add_range(ranges, tag.group(0))
                    carry = text[len(complete) :][-4096:]
                else:
                    carry = text[cut:][-4096:] if cut >= 0 else b""
    except _DAMAGE as exc:
        raise XlsxError(f"{path}: {exc}") from None
    return ranges


def _add_range(ranges: list[tuple[int, int, int, int]], tag: bytes) -> None:
    match = _REF.search(tag)
    if match is None:
        return
    first_col, first_row, last_col, last_row = (g.decode() if g else "" for g in match.groups())
    if not last_col:  # a range of one cell
        return
    try:
        c1, r1, c2, r2 = range_boundaries(f"{first_col}{first_row}:{last_col}{last_row}")
    except ValueError:
        return
    if (r1, c1) == (r2, c2):
        return
    if len(ranges) >= MAX_MERGED_RANGES:
        raise XlsxError(f"more than {MAX_MERGED_RANGES:,} merged ranges in one sheet")
    ranges.append((r1, c1 - 1, r2, min(c2, c1 + MAX_MERGED_COLUMNS - 1) - 1))


def _filled(rows: Iterable[Row], ranges: list[tuple[int, int, int, int]]) -> Iterator[Row]:
    """The rows with each merged range's top-left value in the other cells it covers.

    A covered cell that holds a value of its own keeps it. Rows the sheet does not have
    (no value at all) are not made up: a range over empty rows fills nothing there."""
    pending = sorted(ranges, reverse=True)  # popped from the end: by first row
    open_ranges: list[tuple[int, int, int, int, object]] = []  # heap by last row
    for number, row in rows:
        while pending and pending[-1][0] <= number:
            r1, c1, r2, c2 = pending.pop()
            if r1 == number and c1 < len(row) and row[c1] != "":
                heapq.heappush(open_ranges, (r2, r1, c1, c2, row[c1]))
        while open_ranges and open_ranges[0][0] < number:
            heapq.heappop(open_ranges)
        if not open_ranges:
            yield number, row
            continue
        if len(open_ranges) > MAX_OPEN_RANGES:
            raise XlsxError(f"more than {MAX_OPEN_RANGES:,} merged ranges over one row")
        filled: dict[int, tuple[int, int]] = {}
        for _r2, r1, c1, c2, value in open_ranges:
            if c2 >= len(row):
                row.extend([""] * (c2 + 1 - len(row)))
            for column in range(c1, c2 + 1):
                if row[column] == "" and (number, column) != (r1, c1):
                    row[column] = value
                    filled[column] = (r1, c1)
        if filled:
            row = MergedRow(row)
            row.filled = filled
        yield number, row


def unfilled(row: list) -> list:
    """The row as the sheet has it: the cells filled from a merged range empty again."""
    filled = getattr(row, "filled", None)
    if not filled:
        return row
    plain = list(row)
    for column in filled:
        plain[column] = ""
    return plain


def _refs(ranges: list[tuple[int, int, int, int]]) -> list[str]:
    return [
        f"{get_column_letter(c1 + 1)}{r1}:{get_column_letter(c2 + 1)}{r2}"
        for r1, c1, r2, c2 in ranges
    ]


def _row_estimate(archive: zipfile.ZipFile, path: str, seen: dict[str, str]) -> int:
    """The last row of <dimension ref="A1:L200002">. A sheet without that range (openpyxl's
    write-only mode writes none, some tools a bare "A1") has its row tags counted in the raw XML
    instead, one more inflating pass (~0.2 s per 100 MB): an oversized file is then refused
    before its rows are checked, as a CSV is after its lines are counted."""
    if ":" in (ref := seen.get("ref", "")):
        last = ref.rpartition(":")[2].lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return int(last) if last.isdigit() else 0
    tag, count = f"<{seen.get('row', 'row')}".encode(), 0
    try:
        with archive.open(path) as member:
            while block := member.read(16 * BLOCK):  # a tag cut by a block's end is missed
                count += block.count(tag)
    except _DAMAGE as exc:
        raise XlsxError(f"{path}: {exc}") from None
    return count


def open_sheet(stream: IO[bytes], skip: Collection[str] = ()) -> Sheet:
    """The first visible sheet with data whose lower-case name is not in `skip` (templates keep
    instructions and lists elsewhere), else the first sheet; XlsxError when unreadable.
    Rows are read as they are iterated, so iterating can raise XlsxError too."""
    try:
        archive = zipfile.ZipFile(stream)
    except _DAMAGE as exc:
        raise XlsxError(str(exc)) from None
    targets: dict[str, tuple[str, str]] = {}  # relationship id -> (type, member path)
    for _parent, tag, a in _elements(archive, "xl/_rels/workbook.xml.rels"):
        if tag == "Relationship" and a.get("TargetMode") != "External":
            # "/xl/worksheets/sheet1.xml" is from the package root, "worksheets/…" from xl/.
            target = a.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            targets[a.get("Id", "")] = (a.get("Type", ""), posixpath.normpath(path))
    workbook = _elements(archive, "xl/workbook.xml")
    sheets = [  # (name, visible, relationship id)
        (a.get("name", ""), a.get("state", "visible") == "visible", _rid(a))
        for _parent, tag, a in workbook
        if tag == "sheet"
    ]
    if not sheets:
        raise XlsxError("the workbook has no sheets")
    mac = any(
        tag == "workbookPr" and a.get("date1904", "").lower() in ("1", "true")
        for _parent, tag, a in workbook
    )

    def part(kind: str, default: str) -> str:
        return next((p for t, p in targets.values() if t.endswith("/" + kind)), default)

    book = _Book(
        archive=archive,
        shared=_shared_strings(archive, part("sharedStrings", "xl/sharedStrings.xml")),
        dates=_date_styles(archive, part("styles", "xl/styles.xml")),
        epoch=MAC_EPOCH if mac else WINDOWS_EPOCH,
    )

    def opened(name: str, rid: str) -> tuple[Sheet, bool]:
        """The sheet, and whether it has a row with a value."""
        if rid not in targets:
            raise XlsxError(f"the sheet {name!r} has no part in the workbook")
        # Reading up to the first row also passes <dimension>, which comes before the data.
        seen: dict[str, str] = {}
        rows = _rows(book, targets[rid][1], seen)
        if merged := _merged_ranges(archive, targets[rid][1]):
            rows = _filled(rows, merged)
        if (first := next(rows, None)) is None:
            return Sheet(name=name, rows=iter(()), row_estimate=0), False
        estimate = _row_estimate(archive, targets[rid][1], seen)
        sheet = Sheet(name=name, rows=chain([first], rows), row_estimate=estimate)
        sheet.merged = _refs(merged)
        return sheet, True

    for name, visible, rid in sheets:
        if visible and name.lower() not in skip:
            sheet, has_rows = opened(name, rid)
            if has_rows:
                return sheet
    return opened(sheets[0][0], sheets[0][2])[0]
