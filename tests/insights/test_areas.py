"""Dashboards, reports and open data counted per second-level area (issue 13): every figure
equals a count made here from the records, an office sees its own province's areas only, and
the records without an area are counted apart so that the office can correct them."""

import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from etalase.enterprises.models import Enterprise
from etalase.insights import areas, dashboard, opendata, report, selectors
from etalase.insights.scope import Area as Scope
from etalase.insights.scope import resolve_area
from etalase.regions.models import Area, Subdivision
from tests.factories import (
    focal_point_of,
    make_enterprise,
    make_product,
    officer_of,
    secretariat,
)

pytestmark = pytest.mark.django_db

# Kemendagri codes of North Sulawesi's and East Kalimantan's regencies and cities.
AREAS = {
    "ID-71.02": ("ID-SA", "Kabupaten Minahasa", "regency"),
    "ID-71.06": ("ID-SA", "Kabupaten Minahasa Utara", "regency"),
    "ID-71.09": ("ID-SA", "Kabupaten Kepulauan Siau Tagulandang Biaro", "regency"),
    "ID-71.71": ("ID-SA", "Kota Manado", "city"),
    "ID-71.72": ("ID-SA", "Kota Bitung", "city"),
    "ID-75.71": ("ID-GO", "Kota Gorontalo", "city"),
    "ID-64.02": ("ID-KI", "Kabupaten Kutai Kartanegara", "regency"),
}


def area(code: str) -> Area:
    """The area, as the regions data loads it (made here while that data is not loaded)."""
    subdivision, name, kind = AREAS[code]
    found, _created = Area.objects.get_or_create(
        code=code,
        defaults=dict(
            country_id="ID",
            subdivision_id=subdivision,
            name=name,
            kind=kind,
            official_code=code[3:],
            source="test",
        ),
    )
    return found


@pytest.fixture
def registry():
    for code in AREAS:
        area(code)
    minahasa = [
        make_enterprise("ID-SA", area_id="ID-71.02", export_status="exporting"),
        make_enterprise("ID-SA", area_id="ID-71.02", consent="pending"),
    ]
    manado = make_enterprise("ID-SA", area_id="ID-71.71", export_status="exporting")
    unknown = [
        # A locality that matched no area (a district of a regency, not an area itself).
        make_enterprise("ID-SA", regency="Kecamatan Wori", area_id=None),
        make_enterprise("ID-SA", regency="", export_status="exporting"),
    ]
    gorontalo = make_enterprise("ID-GO", area_id="ID-75.71")
    kutai = make_enterprise("ID-KI", area_id="ID-64.02", export_status="exporting")
    make_product(minahasa[0])
    make_product(minahasa[0])
    make_product(minahasa[1], is_published=False)
    make_product(manado)
    make_product(unknown[0])
    make_product(gorontalo)
    make_product(kutai)
    return {"minahasa": minahasa, "manado": manado, "unknown": unknown, "kutai": kutai}


def _expected(scope: Scope) -> dict[str, tuple[int, int, int]]:
    """Per area of the scope's provinces (and "none"): enterprises, exporting, products."""
    inside = {scope.code, *Subdivision.objects.filter(parent_id=scope.code)
              .values_list("code", flat=True)}
    records = [e for e in Enterprise.objects.all() if e.subdivision_id in inside]
    keys = [*Area.objects.filter(subdivision_id__in=inside).values_list("code", flat=True)]
    expected = {}
    for key in [*keys, None]:
        mine = [e for e in records if e.area_id == key]
        expected[key or areas.UNKNOWN] = (
            len(mine),
            sum(e.export_status == "exporting" for e in mine),
            sum(p.is_published for e in mine for p in e.products.all()),
        )
    return expected


def _shown(scope: Scope) -> dict[str, tuple]:
    section = {s.key: s for s in dashboard.build(scope)["sections"]}["areas"]
    return {row.key: (row.value, *row.more) for row in section.rows}


def test_an_officer_sees_every_area_of_its_province_and_the_records_without_one(registry):
    scope = resolve_area(officer_of("ID-SA"), None)
    shown = _shown(scope)
    assert shown == _expected(scope)
    assert shown["ID-71.02"] == (2, 1, 2)  # the unpublished product does not count
    assert shown[areas.UNKNOWN] == (2, 1, 1)
    assert shown["ID-71.09"] == (0, 0, 0)  # an area without enterprises is listed too
    # Nothing of another province: Kutai Kartanegara is East Kalimantan's.
    assert "ID-64.02" not in shown
    assert set(shown) - {areas.UNKNOWN} == set(
        Area.objects.filter(subdivision_id="ID-SA").values_list("code", flat=True)
    )
    # The rows add up to the headline.
    head = selectors.headline(scope)
    assert sum(v[0] for v in shown.values()) == head["total"]
    assert sum(v[1] for v in shown.values()) == head["exporting"]
    assert sum(v[2] for v in shown.values()) == head["products_published"]


def test_rows_come_busiest_first_and_the_unknown_row_last(registry):
    rows = areas.by_area(resolve_area(officer_of("ID-SA"), None))
    assert rows[0].label == "Kabupaten Minahasa"
    assert rows[-1].key == areas.UNKNOWN and rows[-1].label == "Area not known"
    values = [r.value for r in rows[:-1]]
    assert values == sorted(values, reverse=True)


def test_a_regional_officer_sees_the_areas_of_the_provinces_inside_its_region(registry):
    scope = resolve_area(officer_of("ID-SL"), None)  # Sulawesi: ID-SA and ID-GO inside
    shown = _shown(scope)
    assert shown == _expected(scope)
    assert shown["ID-75.71"][0] == 1 and shown["ID-71.02"][0] == 2
    assert "ID-64.02" not in shown


def test_a_name_shared_by_two_provinces_carries_the_province_code(registry):
    Area.objects.create(code="ID-75.99", country_id="ID", subdivision_id="ID-GO",
                        name="Kota Manado", kind="city", official_code="75.99", source="test")
    labels = {r.key: r.label for r in areas.by_area(resolve_area(officer_of("ID-SL"), None))}
    assert labels["ID-71.71"] == "Kota Manado (ID-SA)"
    assert labels["ID-75.99"] == "Kota Manado (ID-GO)"


def test_an_enterprise_placed_in_an_area_of_another_province_still_counts(registry):
    stray = make_enterprise("ID-SA", area_id="ID-64.02")
    shown = _shown(resolve_area(officer_of("ID-SA"), None))
    assert shown["ID-64.02"] == (1, 0, 0)
    assert stray.area.name == "Kabupaten Kutai Kartanegara"


@pytest.mark.parametrize("make_user, code", [(secretariat, None), (secretariat, "ID"),
                                             (lambda: focal_point_of("ID"), None)])
def test_countries_and_the_region_keep_the_province_breakdown(registry, make_user, code):
    keys = [s.key for s in dashboard.build(resolve_area(make_user(), code))["sections"]]
    assert "subdivisions" in keys and "areas" not in keys


def test_the_breakdown_is_one_grouped_query_and_one_read_of_names(registry,
                                                                   django_assert_num_queries):
    scope = resolve_area(officer_of("ID-SA"), None)
    # enterprises per area (products summed in the same statement), the province's
    # children, the areas' names
    with django_assert_num_queries(3):
        areas.by_area(scope)


def test_the_dashboard_page_lists_the_areas_of_its_province_only(registry, client):
    client.force_login(officer_of("ID-SA"))
    page = client.get(reverse("insights:dashboard")).content.decode()
    assert "Enterprises by regency / city" in page
    assert "Kabupaten Minahasa" in page and "Area not known" in page
    assert 'data-key="ID-71.02">2<' in page
    assert 'data-key="none">2<' in page
    # The records to place, a click away in the admin (scoped to the officer's province).
    assert f'{reverse("admin:enterprises_enterprise_changelist")}?area__isempty=1' in page
    assert "Kutai Kartanegara" not in page and "Kota Gorontalo" not in page


def test_an_officer_cannot_open_another_province_to_read_its_areas(registry, client):
    client.force_login(officer_of("ID-SA"))
    assert client.get(reverse("insights:dashboard"), {"area": "ID-KI"}).status_code == 404
    response = client.get("/api/v1/insights/dashboard", {"area": "ID-KI"})
    assert response.status_code == 403


def test_the_dashboard_api_carries_the_areas_with_all_their_figures(registry, client):
    client.force_login(officer_of("ID-SA"))
    body = client.get("/api/v1/insights/dashboard").json()
    section = next(s for s in body["sections"] if s["key"] == "areas")
    assert section["headers"] == ["Regency / city", "Enterprises", "Exporting",
                                  "Products published"]
    rows = {r["key"]: r for r in section["rows"]}
    assert rows["ID-71.02"]["values"] == [2, 1, 2] and rows["ID-71.02"]["value"] == 2
    assert rows["none"]["label"] == "Area not known"
    assert not any(r["key"] == "ID-64.02" for r in section["rows"])


def test_the_xlsx_report_has_the_area_table_with_every_column(registry, client):
    client.force_login(officer_of("ID-SA"))
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("insights:report_xlsx")).content))
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("Enterprises by regency"))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Enterprises by regency / city"  # the full title above the table
    assert rows[2] == ("Regency / city", "Enterprises", "Exporting", "Products published")
    table = {r[0]: r[1:] for r in rows[3:]}
    assert table["Kabupaten Minahasa"] == (2, 1, 2)
    assert table["Area not known"] == (2, 1, 1)


def _words(pdf: bytes, tmp_path) -> list[tuple[float, float, float, str, float]]:
    """(xMin, xMax, yMin, word, page width) of every word of the PDF's pages, from poppler's
    bbox output (a wide table has a landscape page)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="[\d.]+">([^<]*)</word>')
    words = []
    for page in re.split(r"<page ", html)[1:]:
        width = float(re.match(r'width="([\d.]+)"', page).group(1))
        words += [(float(a), float(c), float(b), w, width) for a, b, c, w in
                  pattern.findall(page)]
    return words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_area_table_wraps_long_names_instead_of_running_into_the_figures(
        registry, tmp_path):
    """A4 is 595 pt wide; the table spans the margins (10 mm = 28.35 pt each side), the
    three figure columns FIGURE_COLUMN mm each at the right: no word of a name may reach
    into them, and no figure may leave the page."""
    siau = make_enterprise("ID-SA", area_id="ID-71.09")
    make_product(siau)
    long_name = "Kabupaten Kepulauan Siau Tagulandang Biaro Dengan Nama Yang Sangat Panjang Sekali"
    Area.objects.filter(code="ID-71.09").update(name=long_name)
    data = dashboard.build(resolve_area(officer_of("ID-SA"), None))
    pdf = report.pdf(data, language="en")
    words = _words(pdf, tmp_path)
    mm = 72 / 25.4
    figures_start = (210 - 10 - 3 * report.FIGURE_COLUMN) * mm
    name_words = [w for w in words if w[3] in long_name.split()]
    assert {w[3] for w in name_words} == set(long_name.split())  # nothing cut off
    assert all(w[1] <= figures_start for w in name_words)
    assert len({w[2] for w in name_words}) > 1  # wrapped onto a second line
    assert all(w[1] <= w[4] - 10 * mm + 0.5 for w in words)  # nothing past the margin
    # The area's figures stand in the figure columns of the row.
    assert any(w[3] == "Exporting" and w[0] >= figures_start for w in words)


def test_the_pdf_says_how_many_rows_it_left_to_the_xlsx(registry, tmp_path):
    subdivision = "ID-SA"
    for n in range(report.PDF_ROWS + 5):
        Area.objects.create(code=f"ID-99.{n:02d}", country_id="ID", subdivision_id=subdivision,
                            name=f"Kabupaten Uji {n:02d}", kind="regency",
                            official_code=f"99.{n:02d}", source="test")
    data = dashboard.build(resolve_area(officer_of("ID-SA"), None))
    section = next(s for s in data["sections"] if s.key == "areas")
    assert len(section.rows) > report.PDF_ROWS
    pdf = report.pdf(data, language="en")
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = " ".join(w[3] for w in _words(pdf, tmp_path))
        left = len(section.rows) - report.PDF_ROWS
        assert f"and {left} more rows" in text


def test_open_data_counts_public_records_per_area_and_withholds_small_counts(registry, client):
    rows = {r["area"]: r for r in opendata.by_area()}
    # Minahasa: 2 enterprises, 1 public (the other awaits consent): withheld.
    assert rows["ID-71.02"]["enterprises"] is None
    assert rows["ID-71.02"]["subdivision"] == "ID-SA"
    for _ in range(3):
        make_product(make_enterprise("ID-SA", area_id="ID-71.71"))
    rows = {r["area"]: r for r in opendata.by_area()}
    assert rows["ID-71.71"] == {"area": "ID-71.71", "name": "Kota Manado", "subdivision": "ID-SA",
                                "enterprises": 4, "products": 4}
    body = client.get("/api/v1/insights/open-data").json()
    assert {r["area"] for r in body["by_area"]} == set(rows)
    csv_text = client.get(
        reverse("insights:open_data_export", args=["by_area", "csv"])).content.decode()
    assert csv_text.splitlines()[0] == "area,name,subdivision,enterprises,products"
    assert "ID-71.71,Kota Manado,ID-SA,4,4" in csv_text
    registry_csv = client.get(
        reverse("insights:open_data_export", args=["enterprises", "csv"])).content.decode()
    assert "area_id" in registry_csv.splitlines()[0]
