"""The meeting report (issue 19): PDF tables that fit their cells, charts with ink, an XLSX
with native charts, titles, formats, frozen headers and the area sheet, for a province, a
country and the region in the four languages."""

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from fpdf import FPDF

from etalase.enterprises.models import Enterprise
from etalase.insights import dashboard, report, report_data, report_pdf
from etalase.insights.scope import resolve_area
from etalase.regions.models import Area
from tests.factories import (
    focal_point_of,
    make_certification,
    make_enterprise,
    make_product,
    officer_of,
    secretariat,
)

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "id", "ms", "fil")
LONG = "Kabupaten Kepulauan Siau Tagulandang Biaro"


@pytest.fixture
def registry():
    for code, sub, name, official in (
        ("ID-71.09", "ID-SA", LONG, "71.09"),
        ("ID-71.71", "ID-SA", "Kota Manado", "71.71"),
        ("ID-64.02", "ID-KI", "Kabupaten Kutai Kartanegara", "64.02"),
    ):
        Area.objects.update_or_create(code=code, defaults=dict(
            country_id="ID", subdivision_id=sub, name=name, kind="regency",
            official_code=official, source="Kepmendagri 100.1.1-6117 (2022)"))
    siau = make_enterprise("ID-SA", area_id="ID-71.09", size_class="micro",
                           export_status="exporting", export_markets=["JP", "SG"],
                           employees=3, annual_turnover=Decimal("250000000"))
    manado = make_enterprise("ID-SA", area_id="ID-71.71", size_class="small",
                             export_status="exporting", export_markets=["JP"], employees=45,
                             annual_turnover=Decimal("12000000000"))
    make_enterprise("ID-SA", area_id=None, employees=None, annual_turnover=None,
                    trade_name='<script>alert(1)</script>')
    make_enterprise("ID-KI", area_id="ID-64.02", size_class="medium", employees=150)
    make_enterprise("MY-12", size_class="small", export_markets=["BN"], employees=250)
    make_product(siau, hs_code_id="180100")
    make_product(manado, hs_code_id="090111")
    make_certification(siau, kind="halal", valid_until=dt.date.today() + dt.timedelta(days=90))
    # Registered two years ago: the previous period counts it, the newer ones not.
    Enterprise.objects.filter(pk=siau.pk).update(
        created_at=timezone.now() - dt.timedelta(days=730))
    return {"siau": siau, "manado": manado}


def _report(user, code=None, language="en"):
    return report.build(dashboard.build(resolve_area(user, code)), language=language)


def test_the_report_adds_areas_employment_turnover_destinations_and_change(registry):
    built = _report(secretariat())
    tables = {t.key: t for t in built.tables}
    areas = {r[0]: r[1:] for r in tables["areas"].rows}
    assert areas[LONG] == [1, 1, 1] and areas["Kabupaten Kutai Kartanegara"] == [1, 0, 0]
    assert areas["Area not known"][0] == 2  # the SA record without area, and MY-12's
    employment = dict(tables["employment"].rows)
    assert employment["1–4"] == 1 and employment["20–99"] == 1 and employment["200+"] == 1
    assert employment["Not stated"] == 1
    assert tables["employment"].extra["total_employees"] == 3 + 45 + 150 + 250
    turnover = {r[0]: r[1:] for r in tables["turnover"].rows}
    assert turnover["IDR"] == [3, 250_000_000 + 12_000_000_000 + 500_000_000]
    assert turnover["MYR"] == [1, 200_000]
    bands = dict(tables["turnover_bands"].rows)
    assert bands["IDR 100,000,000 – 1,000,000,000"] == 2  # grouped as the reader writes
    destinations = dict(tables["destinations"].rows)
    assert destinations["Japan (JP)"] == 2 and destinations["Brunei Darussalam (BN)"] == 1
    change = {r[0]: r[1:] for r in tables["change"].rows}
    assert change["Sulawesi Utara"] == [1, 3, 2]
    assert built.headline[-1][1] == 3 + 45 + 150 + 250  # employees stated, on the cover
    assert built.data_date is not None
    assert any("Kepmendagri" in s for s in built.sources)


def test_areas_of_the_same_name_in_two_provinces_stay_apart(registry):
    for code, sub in (("PH-TEST.1", "PH-BUK"), ("PH-TEST.2", "PH-CAM")):
        Area.objects.update_or_create(code=code, defaults=dict(
            country_id="PH", subdivision_id=sub, name="San Jose", kind="municipality",
            official_code=code, source="PSGC test"))
        make_enterprise(sub, area_id=code)
    rows = {r[0] for r in report_data.area_table(resolve_area(secretariat(), "PH")).rows}
    assert {"San Jose (PH-BUK)", "San Jose (PH-CAM)"} <= rows


def test_a_province_report_stays_in_its_province(registry):
    built = _report(officer_of("ID-KI"))
    tables = {t.key: t for t in built.tables}
    assert [r[0] for r in tables["change"].rows] == ["Kabupaten Kutai Kartanegara"]
    assert "destinations" in tables and tables["destinations"].rows == []
    assert all(LONG not in str(row) for t in built.tables for row in t.rows)


def _words_fit(doc: report_pdf.ReportPDF) -> list[str]:
    """Every cell the PDF printed, measured in its font against its column: figures whole,
    each word of a text within the column less its padding."""
    problems = []
    for layout in doc.layouts:
        doc.use_font(layout.font_size)
        for row in layout.cells:
            for text, width, kind in zip(row, layout.widths, layout.kinds, strict=False):
                room = width - 2 * report_pdf.PAD
                pieces = text.split() if kind == "text" else [text]
                for piece in pieces:
                    if doc.get_string_width(piece) > room:
                        problems.append(f"{layout.key}: {piece!r} > {room:.1f} mm")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_pdf_table_cell_is_clipped_and_every_chart_is_drawn(registry, language, tmp_path):
    built = _report(secretariat(), language=language)
    doc = report_pdf.render(built)
    assert not _words_fit(doc)
    assert {layout.key for layout in doc.layouts} >= {"areas", "quality", "change"}
    charted = [t for t in built.tables if t.chart and report_pdf._chart_rows(t)]
    assert len(doc.chart_boxes) == len(charted) >= 5
    if shutil.which("pdftoppm") is None:
        return
    path = tmp_path / "report.pdf"
    path.write_bytes(bytes(doc.output()))
    from PIL import Image

    dpi = 40
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(doc.pages)
    for page, x, y, w, h in doc.chart_boxes:
        image = Image.open(pages[page - 1]).convert("RGB")
        scale = dpi / 25.4
        box = image.crop((round(x * scale), round(y * scale), round((x + w) * scale),
                          round((y + h) * scale)))
        coloured = sum(box.convert("HSV").getchannel(1).histogram()[60:])  # saturated ink
        assert coloured > 20, f"chart on page {page} has no coloured ink"


def test_the_quality_table_is_wide_and_gets_a_landscape_page(registry, tmp_path):
    doc = report_pdf.render(_report(secretariat()))
    quality = next(layout for layout in doc.layouts if layout.key == "quality")
    assert len(quality.widths) == 9
    assert doc.pages[quality.page].dimensions()[0] > doc.pages[quality.page].dimensions()[1]
    assert sum(quality.widths) <= 297 - 20 + 0.01
    if shutil.which("pdftotext"):
        path = tmp_path / "r.pdf"
        path.write_bytes(bytes(doc.output()))
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
        pages = text.split("\f")
        assert f"Page 1 of {len(pages) - 1}" in pages[0]
        assert "Data as of" in text and "Scope" in text and "Sources" in text
        assert "Sulawesi Utara" in text


def test_a_word_longer_than_any_column_is_broken_across_lines_not_clipped(registry, tmp_path):
    """A hostile 143-character "word" (wider than a landscape page): the only cell wider
    than its column, and fpdf2 breaks it over several lines inside the column, so every
    character is still printed (before, fpdf2 raised: a 500)."""
    word = "WAWASAN" * 20 + "<b>"  # the longest name the column holds (150)
    Area.objects.filter(code="ID-71.09").update(name=word)
    doc = report_pdf.render(_report(secretariat()))
    assert _words_fit(doc) and all(word in problem for problem in _words_fit(doc))
    if shutil.which("pdftotext"):
        path = tmp_path / "r.pdf"
        path.write_bytes(bytes(doc.output()))
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert word in "".join(text.split())


def test_figures_are_printed_in_the_reader_s_number_format():
    assert report_pdf.figure(12345, "int") == "12,345"
    with translation.override("id"):
        assert report_pdf.figure(1234567.5, "int") == "1.234.567,5"
    with translation.override("fil"):  # Django's Filipino formats group nothing
        assert report_pdf.figure(88459114600, "money") == "88,459,114,600"
    assert report_pdf.figure(3, "delta") == "+3"
    assert report_pdf.figure(None, "int") == "–"
    doc = FPDF()
    assert doc.epw > 0  # A4 portrait: the layout's reference line


@pytest.mark.parametrize(("user", "code", "language"), [
    (lambda: officer_of("ID-SA"), None, "id"),
    (lambda: focal_point_of("ID"), None, "fil"),
    (secretariat, None, "en"),
    (secretariat, "MY", "ms"),
])
def test_xlsx_has_charts_titles_formats_frozen_headers_and_the_area_sheet(
        registry, client, user, code, language):
    client.force_login(user())
    client.cookies["etalase_language"] = language
    response = client.get(reverse("insights:report_xlsx"), {"area": code} if code else {})
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) >= 10
    charts = 0
    for ws in wb.worksheets[1:]:
        assert ws["A1"].value and ws["A1"].font.bold
        assert ws.freeze_panes == "B4"
        assert len(ws.title) <= 31
        charts += len(ws._charts)
        figures = [c for c in ws[4][1:] if isinstance(c.value, int | float)]
        assert all(c.number_format != "General" for c in figures)
    assert charts >= 5
    titles = [ws["A1"].value for ws in wb.worksheets[1:]]
    assert any(len(t) > 31 for t in titles)  # the full title, not the cut sheet name
    if language == "en":
        assert "Enterprises by regency / city" in titles
        assert "Enterprises by export destination" in titles
        area_sheet = next(ws for ws in wb.worksheets if ws["A1"].value ==
                          "Enterprises by regency / city")
        assert area_sheet["A3"].value == "Regency / city"
        size = next(ws for ws in wb.worksheets if ws["A1"].value == "Enterprises by size class")
        totals = {r[0]: r[1] for r in size.iter_rows(min_row=4, values_only=True)}
        assert totals["Total"] == 5 and totals["Micro"] == 1  # every enterprise once
        destinations = next(ws for ws in wb.worksheets
                            if ws["A1"].value == "Enterprises by export destination")
        assert "Total" not in [r[0] for r in destinations.iter_rows(values_only=True)]


def test_a_report_of_another_province_is_not_found(registry, client):
    client.force_login(officer_of("ID-SA"))
    for name in ("insights:report_pdf", "insights:report_xlsx"):
        assert client.get(reverse(name), {"area": "ID-KI"}).status_code == 404
        assert client.get(reverse(name), {"area": "<script>" * 200}).status_code == 404


def test_an_empty_scope_still_gives_both_files(client):
    client.force_login(officer_of("ID-GO"))
    assert client.get(reverse("insights:report_pdf")).content.startswith(b"%PDF")
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("insights:report_xlsx")).content))
    assert wb.worksheets[0]["A1"].value.startswith("Etalase report")
    assert report_data.EMPLOYMENT_BANDS[0] == (1, 4)
