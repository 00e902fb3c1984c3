"""Reading what provincial offices really send: XLSX and CSV, streamed row by row.

Every file is sniffed by its bytes, not trusted by its extension. A file is refused
whole (FileRefused, with a machine code) when it is empty, too large, not what its
name says, an old binary .xls, a macro workbook, or a zip bomb.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from etalase.intake import xlsx

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An XLSX is a zip of XML; real sheets compress ~5-20x. Far more means a bomb.
MAX_COMPRESSION_RATIO = 200
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
SKIP_SHEETS = {"instructions", "petunjuk", "arahan", "panuto", "lists", "daftar"}


class FileRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):
        # As it was made (a refusal found while checking in another process comes back).
        return type(self), (self.code, self.message)


@dataclass
class Table:
    kind: str  # "csv" | "xlsx"
    rows: Iterator[tuple[int, list]]  # (1-based row number as the file shows it, cells)
    row_estimate: int = 0  # physical rows/lines, known before reading them
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    merged: list[str] = field(default_factory=list)  # XLSX: merged ranges (xlsx.Sheet.merged)


def max_upload_bytes() -> int:
    return getattr(settings, "INTAKE_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "INTAKE_MAX_ROWS", 250_000)


def open_table(stream: IO[bytes], filename: str) -> Table:
    """Sniff the file and return a streaming row reader; raise FileRefused when unusable."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise FileRefused("empty_file", _("The file is empty (0 bytes)."))
    if size > max_upload_bytes():
        raise FileRefused(
            "file_too_large",
            _("The file is %(size)d MB; the limit is %(limit)d MB. Split it into smaller files.")
            % {"size": size // (1024 * 1024), "limit": max_upload_bytes() // (1024 * 1024)},
        )
    head = stream.read(8)
    stream.seek(0)
    name = filename.lower()
    if head.startswith(OLE_MAGIC):
        raise FileRefused(
            "legacy_xls",
            _(
                "This is an old Excel 97–2003 (.xls) file. "
                "Save it as .xlsx or CSV and upload again."
            ),
        )
    if head.startswith(ZIP_MAGIC):
        if name.endswith(".xlsm") or name.endswith(".xlsb"):
            raise FileRefused("macros", _("Workbooks with macros are not accepted; save as .xlsx."))
        if not name.endswith(".xlsx"):
            raise FileRefused(
                "wrong_extension",
                _("The file is a zip archive or workbook but is named %(name)s.")
                % {"name": filename},
            )
        return _open_xlsx(stream)
    if name.endswith((".xlsx", ".xlsm", ".xls")):
        raise FileRefused(
            "not_a_spreadsheet",
            _("The file is named %(name)s but is not an Excel workbook.") % {"name": filename},
        )
    return _open_csv(stream)


# --- XLSX ----------------------------------------------------------------------


def _check_zip(stream: IO[bytes]) -> None:
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise FileRefused(
            "corrupt_xlsx", _("The workbook is damaged and cannot be read.")
        ) from None
    names = {info.filename for info in archive.infolist()}
    if "xl/workbook.xml" not in names:
        raise FileRefused("not_a_spreadsheet", _("The zip file is not an Excel workbook."))
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise FileRefused("macros", _("Workbooks with macros are not accepted; save as .xlsx."))
    total = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise FileRefused(
            "zip_bomb",
            _("The workbook expands to an implausible size (%(mb)d MB); it was not opened.")
            % {"mb": total // (1024 * 1024)},
        )
    stream.seek(0)


def _open_xlsx(stream: IO[bytes]) -> Table:
    _check_zip(stream)
    try:
        sheet = xlsx.open_sheet(stream, skip=SKIP_SHEETS)
    except xlsx.XlsxError as exc:
        raise _unreadable(exc) from None

    def rows() -> Iterator[tuple[int, list]]:
        # The sheet is read as it is iterated: a part damaged further on is refused here.
        try:
            yield from sheet.rows
        except xlsx.XlsxError as exc:
            raise _unreadable(exc) from None

    return Table(
        kind="xlsx",
        rows=rows(),
        sheet=sheet.name,
        row_estimate=sheet.row_estimate,
        merged=sheet.merged,
    )


def _unreadable(exc: Exception) -> FileRefused:
    return FileRefused("corrupt_xlsx", _("The workbook cannot be read: %(e)s") % {"e": exc})


# --- CSV -----------------------------------------------------------------------


def _detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample's end is still UTF-8.
        if exc.start >= len(sample) - 3:
            return "utf-8"
        return "cp1252"


def _detect_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t", "|"):
        counts = [line.count(delimiter) for line in lines]
        # The delimiter appears often and about as often on each line (title rows aside).
        score = sorted(counts)[len(counts) // 2] if counts else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _open_csv(stream: IO[bytes]) -> Table:
    sample = stream.read(64 * 1024)
    stream.seek(0)
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused(
            "not_a_spreadsheet", _("The file is neither a CSV text file nor an Excel workbook.")
        )
    encoding = _detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="replace")
    delimiter = _detect_delimiter(text_sample)
    lines = _count_lines(stream)
    text = io.TextIOWrapper(_Borrowed(stream), encoding=encoding, errors="replace", newline="")

    def rows() -> Iterator[tuple[int, list]]:
        reader = csv.reader(text, delimiter=delimiter)
        last_line = 0
        for row in reader:
            # A record starts on the line after the previous one ended: quoted line
            # breaks inside a cell still leave the numbers a text editor shows.
            yield last_line + 1, row
            last_line = reader.line_num

    return Table(
        kind="csv", rows=rows(), encoding=encoding, delimiter=delimiter, row_estimate=lines
    )


class _Borrowed(io.BufferedIOBase):
    """The caller's byte stream, lent to a TextIOWrapper that must not close it: a wrapper
    closes its stream when collected, and the caller may read the file again (a retry)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._raw.read(-1 if size is None else size)

    def read1(self, size: int = -1) -> bytes:
        return self._raw.read(size)

    def close(self) -> None:
        """Leave the caller's stream open."""


def _count_lines(stream: IO[bytes]) -> int:
    """Count lines without decoding (a million-row file is refused before it is read)."""
    count = 0
    while block := stream.read(1024 * 1024):
        count += block.count(b"\n")
    stream.seek(0)
    return count
