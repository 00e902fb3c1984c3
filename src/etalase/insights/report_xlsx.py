"""The meeting report as XLSX (openpyxl): one sheet per table, a native chart beside it.

Each sheet: the table's full title in A1 (a sheet name holds 31 characters), its note in A2,
the header row in row 3 frozen with the label column, figures with number formats, and an
Excel bar or line chart to the right of the table that reads the table's own cells, so a
delegation can restyle it in Excel.
"""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from etalase.insights.report_data import Report, Table
from etalase.spreadsheets import guard

HEADER_ROW = 3
FORMATS = {"int": "#,##0", "money": "#,##0.00", "pct": "0.0", "delta": "+#,##0;-#,##0;0"}
# Bars in a chart; the table lists every row.
CHART_ROWS = 25
HEADER_FILL = PatternFill("solid", fgColor="EBF0EE")
# Tables whose rows part the enterprises (each counts in one row): a total row adds up.
# Not so certifications and destinations (an enterprise holds several), nor scores.
ADDITIVE = {"subdivisions", "areas", "size", "export", "employment", "turnover_bands", "change"}


def sheet_name(title: str, taken: list[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()
    base, n = name, 2
    while name in taken:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def render(report: Report) -> bytes:
    wb = Workbook()
    summary = wb.active
    summary.title = sheet_name(_("Summary"), [])
    _summary(summary, report)
    for table in report.tables:
        ws = wb.create_sheet(sheet_name(table.title, wb.sheetnames))
        _sheet(ws, table)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _summary(ws, report: Report) -> None:
    ws.append([f"{_('Etalase report')}: {report.scope.label}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_("Scope"), f"{report.scope.label} ({report.scope.code})"])
    ws.append([_("Data as of"), report.data_date.replace(tzinfo=None) if report.data_date
               else "–"])
    ws.append([_("Generated"), report.generated.replace(tzinfo=None)])
    for row in (3, 4):
        ws.cell(row=row, column=2).number_format = "yyyy-mm-dd hh:mm"
    ws.append([])
    for label, value in report.headline:
        ws.append([label, value])
        ws.cell(row=ws.max_row, column=2).number_format = "#,##0.0" if isinstance(
            value, float) and not value.is_integer() else "#,##0"
    ws.append([])
    ws.append([_("Sources")])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for source in report.sources:
        ws.append([source])
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 24


def _sheet(ws, table: Table) -> None:
    ws["A1"] = table.title
    ws["A1"].font = Font(bold=True, size=13)
    if table.note:
        ws["A2"] = table.note
        ws["A2"].font = Font(italic=True, size=9)
    for column, header in enumerate(table.headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for c, (value, kind) in enumerate(zip(row, table.kinds, strict=False), start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if kind == "text":
                guard(cell)
            else:
                cell.number_format = FORMATS[kind]
    if table.key in ADDITIVE and table.rows:
        total_row = HEADER_ROW + len(table.rows) + 1
        ws.cell(row=total_row, column=1, value=_("Total")).font = Font(bold=True)
        for c, kind in enumerate(table.kinds[1:], start=2):
            values = [r[c - 1] for r in table.rows if len(r) >= c]
            cell = ws.cell(row=total_row, column=c, value=sum(v or 0 for v in values))
            cell.number_format, cell.font = FORMATS[kind], Font(bold=True)
    # The header row and the label column stay in view while scrolling.
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)
    longest = max([len(str(r[0])) for r in table.rows] + [len(table.headers[0]), 10])
    ws.column_dimensions["A"].width = min(60, longest + 2)
    for column in range(2, len(table.headers) + 1):
        ws.column_dimensions[get_column_letter(column)].width = 16
    if table.chart and table.rows:
        _chart(ws, table)


def _chart(ws, table: Table) -> None:
    last = HEADER_ROW + (len(table.rows) if table.chart == "line"
                         else min(len(table.rows), CHART_ROWS))
    column = table.chart_column + 1
    if table.chart == "line":
        chart = LineChart()
        chart.height, chart.width = 8, 18
    else:
        chart = BarChart()
        chart.type = "bar"  # horizontal: long names stay readable
        chart.height, chart.width = max(6, 0.6 * (last - HEADER_ROW) + 2), 18
        chart.y_axis.majorGridlines = None
        # Largest first from the top, as in the table.
        chart.x_axis.scaling.orientation = "maxMin"
    chart.title = table.title
    chart.legend = None
    data = Reference(ws, min_col=column, min_row=HEADER_ROW, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=HEADER_ROW + 1, max_row=last))
    anchor = get_column_letter(len(table.headers) + 2)
    ws.add_chart(chart, f"{anchor}{HEADER_ROW}")
