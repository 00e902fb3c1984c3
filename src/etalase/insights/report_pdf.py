"""The meeting report as PDF (fpdf2): charts drawn as vectors, tables laid out to fit.

Each table's columns are measured from their content in the report's font: figures never
wrap, the label column takes the rest of the line and wraps its words; a table whose columns
cannot stand side by side on a portrait page gets a landscape page. Header rows repeat on
every page a table runs over. The layout of every table and the box of every chart are kept
on the document (`layouts`, `chart_boxes`) so that tests can check nothing is clipped and
every chart has ink.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace

from etalase.insights.report_data import Report, Table, grouped

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU = FONT_DIR / "DejaVuSans.ttf"
DEJAVU_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
# Rows of a table in the PDF; the XLSX has them all.
PDF_ROWS = 40
# Narrowest column of figures (mm): room for a header of two short words.
FIGURE_COLUMN = 30
# Left and right padding of a table cell (mm); fpdf2 then ignores its c_margin.
PAD = 1.2
TABLE_FONT = 9
CHART_BARS = 15
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}
PALETTE = [(11, 110, 79), (42, 157, 143), (233, 196, 106), (244, 162, 97), (231, 111, 81),
           (87, 117, 144), (141, 108, 171)]


@dataclass
class Layout:
    """How one table was laid out: its page, column widths (mm), cells as printed."""

    key: str
    page: int
    widths: list[float]
    cells: list[list[str]]
    kinds: list[str]
    font_size: float


class ReportPDF(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(format="A4")
        self.report = report
        self.unicode = DEJAVU.exists() and DEJAVU_BOLD.exists()
        if self.unicode:
            self.add_font("DejaVu", "", str(DEJAVU))
            self.add_font("DejaVu", "B", str(DEJAVU_BOLD))
        self.set_auto_page_break(auto=True, margin=15)
        self.layouts: list[Layout] = []
        self.chart_boxes: list[tuple[int, float, float, float, float]] = []
        self.set_title(f"{_('Etalase report')}: {report.scope.label}")

    def use_font(self, size: float, bold: bool = False) -> None:
        self.set_font("DejaVu" if self.unicode else "Helvetica", "B" if bold else "", size)

    def text_of(self, value) -> str:
        text = str(value)
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.use_font(7)
        self.set_text_color(90)
        self.cell(0, 5, self.text_of(f"{_('Etalase report')} · {self.report.scope.label} · "
                                     f"{_('Data as of')} {_date(self.report)}"), **NEXT_LINE)
        self.set_text_color(0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.use_font(7)
        self.set_text_color(90)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, self.text_of(page), align="C")
        self.set_text_color(0)


def _date(report: Report) -> str:
    return f"{report.data_date:%Y-%m-%d}" if report.data_date else "–"


def figure(value, kind: str) -> str:
    if value is None or value == "":
        return "–"
    if kind == "text":
        return str(value)
    if kind == "pct":
        return formats.number_format(value, 1, use_l10n=True)
    if kind == "money":
        return grouped(round(value))
    whole = float(value).is_integer()
    text = grouped(int(value) if whole else value, None if whole else 1)
    return f"+{text}" if kind == "delta" and value > 0 else text


def render(report: Report) -> ReportPDF:
    doc = ReportPDF(report)
    doc.add_page()
    _cover(doc, report)
    for table in report.tables:
        _section(doc, table)
    return doc


def _cover(doc: ReportPDF, report: Report) -> None:
    doc.use_font(18, bold=True)
    doc.multi_cell(0, 9, doc.text_of(f"{_('Etalase report')}: {report.scope.label}"),
                   **NEXT_LINE)
    level = {"province": _("Province"), "country": _("Country"),
             "region": _("BIMP-EAGA region")}[report.scope.level]
    doc.use_font(9)
    for line in (
        f"{_('Scope')}: {level}"
        + ("" if report.scope.level == "region" else f" – {report.scope.label}")
        + f" ({report.scope.code})",
        f"{_('Data as of')}: {_date(report)}",
        f"{_('Generated')}: {report.generated:%Y-%m-%d %H:%M %Z}",
    ):
        doc.multi_cell(0, 5, doc.text_of(line), **NEXT_LINE)
    doc.ln(3)
    headline = Table("headline", "", ["", ""], [list(r) for r in report.headline],
                     ["text", "int"], chart="")
    _table(doc, headline, headings=False)
    doc.ln(4)
    doc.use_font(11, bold=True)
    doc.multi_cell(0, 6, doc.text_of(_("Sources")), **NEXT_LINE)
    doc.use_font(8)
    for source in report.sources:
        doc.multi_cell(0, 4.5, doc.text_of(f"• {source}"), **NEXT_LINE)


def _section(doc: ReportPDF, table: Table) -> None:
    portrait = doc.w < doc.h
    widths = column_widths(doc, table)
    wide = sum(widths) > _line(doc, "P") + 0.01
    chart_h = _chart_height(table)
    if wide or not portrait:
        doc.add_page(orientation="L" if wide else "P")
    elif doc.get_y() + 14 + chart_h + 20 > doc.page_break_trigger:
        doc.add_page()
    else:
        doc.ln(6)
    doc.use_font(13, bold=True)
    doc.multi_cell(0, 7, doc.text_of(table.title), **NEXT_LINE)
    if table.note:
        doc.use_font(8)
        doc.set_text_color(70)
        doc.multi_cell(0, 4.5, doc.text_of(table.note), **NEXT_LINE)
        doc.set_text_color(0)
    if not table.rows:
        doc.use_font(9)
        doc.multi_cell(0, 6, doc.text_of(_("No enterprise in this scope yet.")), **NEXT_LINE)
        return
    if chart_h:
        (_line_chart if table.chart == "line" else _bar_chart)(doc, table, chart_h)
    _table(doc, table)


def _line(doc: ReportPDF, orientation: str) -> float:
    """The width between the margins of a page of this orientation (mm)."""
    short, long = sorted((doc.w, doc.h))
    return (short if orientation == "P" else long) - doc.l_margin - doc.r_margin


def _printed(doc: ReportPDF, table: Table) -> list[list[str]]:
    return [[doc.text_of(figure(v, k)) for v, k in zip(row, table.kinds, strict=False)]
            for row in table.rows[:PDF_ROWS]]


def column_widths(doc: ReportPDF, table: Table) -> list[float]:
    """Widths (mm) measured from content: a figure column as wide as its widest figure or
    the longest word of its header (at least FIGURE_COLUMN); the label column the rest of
    the line, or its widest text when that is less, never narrower than its longest word."""
    doc.use_font(TABLE_FONT)
    cells = _printed(doc, table)
    columns = len(table.headers)

    def words(text: str) -> float:
        return max((doc.get_string_width(w) for w in text.split()), default=0)

    needed = []
    for i in range(1, columns):
        doc.use_font(TABLE_FONT, bold=True)
        header = words(doc.text_of(table.headers[i]))
        doc.use_font(TABLE_FONT)
        content = max((doc.get_string_width(r[i]) for r in cells if i < len(r)), default=0)
        needed.append(max(header, content) + 2 * PAD + 0.5)
    label_words = max([words(r[0]) for r in cells] + [words(doc.text_of(table.headers[0]))])
    label_min = label_words + 2 * PAD + 0.5
    figures = [max(FIGURE_COLUMN, w) for w in needed]
    line = _line(doc, "P")
    if label_min + sum(figures) <= line:
        return [max(label_min, line - sum(figures)), *figures]
    # A wide table: a landscape page. The labels keep their whole width when they can (a
    # province's name on one line), the figure columns giving up room down to what their
    # longest header word and widest figure need.
    line = _line(doc, "L")
    label_full = max((doc.get_string_width(r[0]) for r in cells), default=0) + 2 * PAD + 0.5
    if label_full + sum(figures) <= line:
        return [line - sum(figures), *figures]
    spare = sum(figures) - sum(needed)
    if label_full + sum(needed) <= line and spare > 0:
        share = (line - label_full - sum(needed)) / spare
        return [label_full, *(n + (f - n) * share for n, f in zip(needed, figures, strict=True))]
    # A word wider than the page (no real name is) is broken over lines by fpdf2.
    return [max(20.0, line - sum(needed)), *needed]


def _table(doc: ReportPDF, table: Table, headings: bool = True) -> None:
    widths = column_widths(doc, table)
    if sum(widths) > doc.epw:  # more figure columns than a page holds: narrower, all of them
        widths = [w * doc.epw / sum(widths) for w in widths]
    cells = _printed(doc, table)
    doc.layouts.append(Layout(table.key, doc.page_no(), widths, cells, table.kinds, TABLE_FONT))
    doc.use_font(TABLE_FONT)
    doc.set_fill_color(255)  # the last chart's bar colour would fill the cells
    with doc.table(
        width=sum(widths),
        col_widths=widths,
        align="LEFT",
        text_align=tuple("LEFT" if k == "text" else "RIGHT" for k in table.kinds),
        line_height=4.8,
        padding=(0.8, PAD),
        borders_layout="HORIZONTAL_LINES",
        # Every other row shaded, so that a reader follows a row across the page.
        cell_fill_mode="ROWS",
        cell_fill_color=(246, 248, 247),
        first_row_as_headings=headings,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 240, 238)),
        repeat_headings=1,
    ) as pdf_table:
        if headings:
            pdf_table.row([doc.text_of(h) for h in table.headers])
        for row in cells:
            pdf_table.row(row)
    left = len(table.rows) - len(cells)
    if left > 0:
        doc.use_font(8)
        doc.multi_cell(0, 5, doc.text_of(
            _("… and %(count)s more rows (all of them in the XLSX report).") % {"count": left}),
            **NEXT_LINE)


def _chart_rows(table: Table) -> list[tuple[str, float]]:
    column = table.chart_column
    rows = [(str(r[0]), float(r[column] or 0)) for r in table.rows if len(r) > column]
    if table.chart == "line":
        return rows
    return [r for r in rows if r[1]][:CHART_BARS]


def _chart_height(table: Table) -> float:
    if not table.chart or not _chart_rows(table):
        return 0
    return 55 if table.chart == "line" else 6 + 6 * len(_chart_rows(table))


def _bar_chart(doc: ReportPDF, table: Table, height: float) -> None:
    """Horizontal bars: label, bar in proportion to the largest figure, the figure."""
    rows = _chart_rows(table)
    x0, y0, width = doc.l_margin, doc.get_y() + 2, doc.epw
    label_w, value_w = min(60.0, width * 0.35), 22.0
    span = width - label_w - value_w - 4
    top = max(v for _label, v in rows) or 1
    doc.use_font(7)
    for i, (label, value) in enumerate(rows):
        y = y0 + 2 + i * 6
        text = doc.text_of(label)
        while doc.get_string_width(text) > label_w - 2 and len(text) > 2:
            text = text[:-2] + "…"
        doc.set_xy(x0, y)
        doc.cell(label_w - 2, 4.5, text, align="R")
        doc.set_fill_color(*PALETTE[i % len(PALETTE)])
        bar = max(0.6, span * value / top)
        doc.rect(x0 + label_w, y, bar, 4.5, style="F")
        doc.set_xy(x0 + label_w + bar + 1, y)
        doc.cell(value_w, 4.5, doc.text_of(figure(value, table.kinds[table.chart_column])))
    doc.set_draw_color(150)
    doc.line(x0 + label_w, y0, x0 + label_w, y0 + height - 2)
    doc.set_draw_color(0)
    doc.chart_boxes.append((doc.page_no(), x0, y0, width, height))
    doc.set_xy(x0, y0 + height)


def _line_chart(doc: ReportPDF, table: Table, height: float) -> None:
    rows = _chart_rows(table)
    x0, y0, width = doc.l_margin, doc.get_y() + 2, doc.epw
    left, bottom = 18.0, 8.0
    plot_w, plot_h = width - left - 4, height - bottom - 4
    top = max(v for _label, v in rows) or 1
    step = plot_w / max(1, len(rows) - 1)
    points = [(x0 + left + i * step, y0 + 2 + plot_h * (1 - v / top))
              for i, (_label, v) in enumerate(rows)]
    doc.set_draw_color(150)
    doc.line(x0 + left, y0 + 2 + plot_h, x0 + width, y0 + 2 + plot_h)
    doc.line(x0 + left, y0 + 2, x0 + left, y0 + 2 + plot_h)
    doc.use_font(7)
    for value, y in ((top, y0 + 2), (0, y0 + plot_h)):
        doc.set_xy(x0, y)
        doc.cell(left - 2, 3, doc.text_of(figure(value, "int")), align="R")
    every = max(1, len(rows) // 6)
    for i, (label, _v) in enumerate(rows):
        if i % every == 0 or i == len(rows) - 1:
            doc.set_xy(points[i][0] - 10, y0 + 3 + plot_h)
            doc.cell(20, 4, doc.text_of(label), align="C")
    doc.set_draw_color(*PALETTE[0])
    doc.set_fill_color(*PALETTE[0])
    doc.set_line_width(0.6)
    if len(points) > 1:
        doc.polyline(points)
    for x, y in points:
        doc.circle(x, y, 0.8, style="F")
    doc.set_line_width(0.2)
    doc.set_draw_color(0)
    doc.chart_boxes.append((doc.page_no(), x0, y0, width, height))
    doc.set_xy(x0, y0 + height)


def pdf(report: Report) -> bytes:
    return bytes(render(report).output())
