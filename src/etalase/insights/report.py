"""The report a delegation takes to a meeting: XLSX (a sheet and a chart per table) and PDF.

The tables are built once (insights.report_data) in the reader's language and laid out by
insights.report_pdf and insights.report_xlsx.
"""

from __future__ import annotations

from django.utils import translation

from etalase.insights import report_data, report_pdf, report_xlsx

# Names the area tests read (rows of a table in the PDF, narrowest figure column in mm).
PDF_ROWS = report_pdf.PDF_ROWS
FIGURE_COLUMN = report_pdf.FIGURE_COLUMN


def build(data: dict, *, language: str) -> report_data.Report:
    """The report of a dashboard's data (see dashboard.build), its labels in `language`."""
    with translation.override(language):
        return report_data.build(data["area"], data)


def xlsx(data: dict, *, language: str) -> bytes:
    with translation.override(language):
        return report_xlsx.render(report_data.build(data["area"], data))


def pdf(data: dict, *, language: str) -> bytes:
    with translation.override(language):
        return report_pdf.pdf(report_data.build(data["area"], data))
