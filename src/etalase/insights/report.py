"""The report a delegation takes to a meeting: XLSX (one sheet per table) and PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

from etalase.spreadsheets import guard

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


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
                ws.append([row.label, row.value])
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
        doc.multi_cell(0, 9, doc.text(f"{_('Etalase report')}: {data['area'].label}"))
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
            doc.multi_cell(0, 7, doc.text(section.title))
            if section.svg and section.rows:
                # fpdf2 draws SVG text with its core fonts, which know Latin-1 only.
                svg = section.svg.encode("latin-1", "replace").decode("latin-1")
                doc.image(io.BytesIO(svg.encode("utf-8")), w=170)
            doc.use_font(9)
            for row in section.rows[:30]:
                doc.cell(120, 5.5, doc.text(row.label), border="B")
                doc.cell(
                    0,
                    5.5,
                    doc.text(f"{row.value:,}"),
                    border="B",
                    align="R",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
        return bytes(doc.output())
