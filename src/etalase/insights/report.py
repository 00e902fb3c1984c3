"""The report a delegation takes to a meeting: XLSX (one sheet per table) and PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from openpyxl import Workbook
from openpyxl.styles import Font

from etalase.spreadsheets import guard

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Rows of a table in the PDF; the XLSX has them all.
PDF_ROWS = 40
# Width of a column of figures (mm); the label column takes what is left of the line.
FIGURE_COLUMN = 30
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}


def _headline_rows(data: dict) -> list[tuple[str, float]]:
    h = data["headline"]
    return [
        (_("Enterprises registered"), h["total"]),
        (_("Shown publicly (consent given)"), h["public"]),
        (_("Awaiting the owner's consent"), h["pending_consent"]),
        (_("Verified by an office (%)"), h["verified_share"]),
        (_("Exporting"), h["exporting"]),
        (_("Products published"), h["products_published"]),
        (_("Submissions pending"), data["pending_submissions"]),
    ]


def xlsx(data: dict, *, language: str) -> bytes:
    with translation.override(language):
        wb = Workbook()
        sheet = wb.active
        sheet.title = _("Summary")[:31]
        sheet.append([_("Etalase report"), str(data["area"].label)])
        sheet.append([_("Generated"), timezone.now().strftime("%Y-%m-%d %H:%M %Z")])
        sheet.append([])
        for label, value in _headline_rows(data):
            sheet.append([label, value])
        sheet["A1"].font = Font(bold=True, size=14)
        for section in data["sections"]:
            ws = wb.create_sheet(_sheet_name(section.title, wb.sheetnames))
            ws.append(list(section.headers))
            for cell in ws[1]:
                guard(cell).font = Font(bold=True)
            for row in section.rows:
                ws.append(row.as_list())
                guard(ws.cell(row=ws.max_row, column=1))
            ws.column_dimensions["A"].width = 48
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()


def _sheet_name(title: str, taken: list[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()
    base, n = name, 2
    while name in taken:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


class _Report(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.unicode = DEJAVU.exists()
        if self.unicode:
            self.add_font("DejaVu", "", str(DEJAVU))
        self.set_auto_page_break(auto=True, margin=15)

    def use_font(self, size: int) -> None:
        self.set_font("DejaVu" if self.unicode else "Helvetica", size=size)

    def text(self, value) -> str:
        text = str(value)
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")


def pdf(data: dict, *, language: str) -> bytes:
    with translation.override(language):
        doc = _Report()
        doc.add_page()
        doc.use_font(18)
        # Back to the left margin after each block of text (fpdf2 leaves x at its right end,
        # which put the next line past the page's edge).
        doc.multi_cell(0, 9, doc.text(f"{_('Etalase report')}: {data['area'].label}"), **NEXT_LINE)
        doc.use_font(9)
        doc.cell(
            0,
            6,
            doc.text(f"{_('Generated')}: {timezone.now():%Y-%m-%d %H:%M %Z}"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        doc.ln(2)
        doc.use_font(11)
        for label, value in _headline_rows(data):
            doc.cell(120, 7, doc.text(label), border="B")
            doc.cell(
                0, 7, doc.text(f"{value:,}"), border="B", align="R", new_x="LMARGIN", new_y="NEXT"
            )
        for section in data["sections"]:
            if doc.get_y() > 180:
                doc.add_page()
            doc.ln(6)
            doc.use_font(13)
            doc.multi_cell(0, 7, doc.text(section.title), **NEXT_LINE)
            if section.svg and section.rows:
                # fpdf2 draws SVG text with its core fonts, which know Latin-1 only.
                svg = section.svg.encode("latin-1", "replace").decode("latin-1")
                doc.image(io.BytesIO(svg.encode("utf-8")), w=170)
            doc.use_font(9)
            _table(doc, section)
        return bytes(doc.output())


def _figure(value: float) -> str:
    return f"{value:,}"


def table_widths(doc: FPDF, columns: int) -> tuple[float, ...]:
    """Column widths (mm) of a section's table: the figures FIGURE_COLUMN each, the label
    the rest of the line between the margins."""
    line = doc.epw
    return (line - FIGURE_COLUMN * (columns - 1), *([FIGURE_COLUMN] * (columns - 1)))


def _table(doc: _Report, section) -> None:
    """The section's rows as a table whose cells wrap their text: a long name (“Kabupaten
    Kepulauan Siau Tagulandang Biaro”) takes two lines instead of running into the figures."""
    rows = section.rows[:PDF_ROWS]
    if not rows:
        return
    columns = max(len(section.headers), *(2 + len(row.more) for row in rows))
    headers = [*section.headers, *[""] * (columns - len(section.headers))][:columns]
    with doc.table(
        width=doc.epw,
        col_widths=table_widths(doc, columns),
        text_align=("LEFT", *["RIGHT"] * (columns - 1)),
        line_height=5.5,
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis=None, fill_color=(235, 240, 238)),
        repeat_headings=1,
    ) as table:
        table.row([doc.text(h) for h in headers])
        for row in rows:
            table.row([doc.text(row.label), *(doc.text(_figure(v)) for v in (row.value,
                                                                             *row.more))])
    left = len(section.rows) - len(rows)
    if left > 0:
        doc.use_font(8)
        doc.multi_cell(0, 5, doc.text(
            _("… and %(count)s more rows (all of them in the XLSX report).") % {"count": left}),
            **NEXT_LINE)
        doc.use_font(9)
