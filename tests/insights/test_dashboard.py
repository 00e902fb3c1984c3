"""Every dashboard figure equals an independent count on a fixed data set, within scope."""

import datetime as dt
import io
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from etalase.enterprises.models import Enterprise
from etalase.insights import dashboard, opendata, selectors
from etalase.insights.scope import resolve_area
from tests.factories import (
    buyer,
    focal_point_of,
    make_certification,
    make_enterprise,
    make_product,
    officer_of,
    owner_of,
    secretariat,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def data():
    """ID-SA: 3 enterprises (2 verified), ID-KI: 2, MY-12: 1; products and certificates."""
    sa = [
        make_enterprise(
            "ID-SA", size_class="micro", export_status="exporting", verified_at="2026-01-01T00:00Z"
        ),
        make_enterprise(
            "ID-SA", size_class="small", export_status="ready", verified_at="2026-01-01T00:00Z"
        ),
        make_enterprise("ID-SA", size_class="micro", consent="pending", phone="", email=""),
    ]
    ki = [
        make_enterprise("ID-KI", size_class="medium", export_status="exporting"),
        make_enterprise("ID-KI", size_class="micro"),
    ]
    my = [make_enterprise("MY-12", size_class="small")]
    make_product(sa[0], hs_code_id="180100")
    make_product(sa[1], hs_code_id="090111")
    make_product(ki[0], hs_code_id="180100")
    make_product(my[0], hs_code_id="121221", is_published=False)
    make_certification(sa[0], kind="halal", valid_until=TODAY + dt.timedelta(days=30))
    make_certification(sa[1], kind="halal", valid_until=TODAY - dt.timedelta(days=1))  # expired
    make_certification(ki[0], kind="organic")
    return {"sa": sa, "ki": ki, "my": my}


def _figures(section_rows):
    return {r.key: r.value for r in section_rows}


def test_officer_dashboard_counts_only_its_province(data):
    area = resolve_area(officer_of("ID-SA"), None)
    assert (area.level, area.code) == ("province", "ID-SA")
    expected = [e for e in Enterprise.objects.all() if e.subdivision_id == "ID-SA"]
    head = selectors.headline(area)
    assert head["total"] == len(expected) == 3
    assert head["verified"] == sum(1 for e in expected if e.verified_at) == 2
    assert head["public"] == sum(1 for e in expected if e.is_public) == 2
    assert head["products_published"] == 2
    assert _figures(selectors.by_size_class(area)) == {
        "micro": 2,
        "small": 1,
        "medium": 0,
        "large": 0,
    }
    assert _figures(selectors.by_export_status(area))["exporting"] == 1
    # Only the still-valid halal certificate counts.
    assert _figures(selectors.by_certification(area)) == {"halal": 1}
    assert _figures(selectors.by_sector(area)) == {"18": 1, "09": 1}


def test_focal_point_dashboard_covers_its_country(data):
    area = resolve_area(focal_point_of("ID"), None)
    assert (area.level, area.code) == ("country", "ID")
    assert _figures(selectors.by_subdivision(area)) == {"ID-SA": 3, "ID-KI": 2}
    assert _figures(selectors.by_certification(area)) == {"halal": 1, "organic": 1}


def test_secretariat_sees_the_region(data):
    area = resolve_area(secretariat(), None)
    assert selectors.headline(area)["total"] == Enterprise.objects.count() == 6


@pytest.mark.parametrize("other", ["ID-KI", "MY", "ID"])
def test_an_officer_cannot_open_another_area(data, client, other):
    client.force_login(officer_of("ID-SA"))
    assert client.get(reverse("insights:dashboard"), {"area": other}).status_code == 404
    assert client.get(reverse("insights:report_xlsx"), {"area": other}).status_code == 404


@pytest.mark.parametrize("make_user", [buyer, lambda: owner_of(make_enterprise("ID-SA"))])
def test_buyers_and_owners_have_no_dashboard(data, client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("insights:dashboard")).status_code == 404


def test_dashboard_page_shows_the_figures_and_charts(data, client):
    client.force_login(officer_of("ID-SA"))
    page = client.get(reverse("insights:dashboard")).content.decode()
    assert 'data-figure="total">3<' in page
    assert "<svg" in page and 'role="img"' in page
    assert "ID-KI" not in page
    # The records that pull the score down, each with what it lacks.
    assert "<li>Not verified by an office</li>" in page


def test_data_quality_score_and_offenders(data):
    area = resolve_area(officer_of("ID-SA"), None)
    (quality,) = selectors.data_quality(area)
    # 3 enterprises × 6 checks; independent count of failures:
    failures = 0
    for e in Enterprise.objects.filter(subdivision_id="ID-SA"):
        failures += (not e.phone and not e.email and not e.whatsapp) + (not e.size_class)
        failures += (e.verified_at is None) + (e.consent == "pending")
        failures += not e.products.filter(is_published=True).exists()
    assert quality["score"] == round(100 * (1 - failures / 18), 1)
    offenders = selectors.quality_offenders(area)
    assert offenders[0]["id"] == data["sa"][2].pk  # no contact, unverified, pending, no product
    assert set(offenders[0]["missing"]) == {"contact", "verified", "consent", "products"}


def test_xlsx_report_reads_back_with_the_same_figures(data, client):
    client.force_login(officer_of("ID-SA"))
    response = client.get(reverse("insights:report_xlsx"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(values_only=True) if row}
    assert summary["Enterprises registered"] == 3
    assert summary["Products published"] == 2
    size_sheet = next(ws for ws in wb.worksheets if ws.title.startswith("Enterprises by size"))
    rows = {r[0]: r[1] for r in size_sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Micro"] == 2 and rows["Small"] == 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_report_carries_the_headline_figures(data, client, tmp_path):
    client.force_login(officer_of("ID-SA"))
    client.cookies["etalase_language"] = "id"
    response = client.get(reverse("insights:report_pdf"))
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Sulawesi Utara" in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert any(line.strip().endswith(" 3") for line in lines)  # enterprises registered


def test_open_data_suppresses_small_counts_and_personal_fields(data, client):
    rows = {r["subdivision"]: r for r in opendata.by_subdivision()}
    assert rows["ID-SA"]["enterprises"] is None  # 2 public: below the threshold
    for _ in range(3):
        make_enterprise("ID-KI")
    rows = {r["subdivision"]: r for r in opendata.by_subdivision()}
    # KI's 5 are withheld too: Indonesia's total less KI would give SA's count.
    assert rows["ID-KI"]["enterprises"] is None and rows["ID-SA"]["enterprises"] is None
    for _ in range(3):
        make_enterprise("ID-GO")
    rows = {r["subdivision"]: r for r in opendata.by_subdivision()}
    # A third province: the smallest other figure (GO's 3) hides SA's, KI's shows.
    assert rows["ID-KI"]["enterprises"] == 5 and rows["ID-GO"]["enterprises"] is None
    for enterprise in Enterprise.objects.all():
        enterprise.open_data_consent = True
        enterprise.save(update_fields=["open_data_consent"])
    csv_text = client.get(
        reverse("insights:open_data_export", args=["enterprises", "csv"])
    ).content.decode()
    assert "phone" not in csv_text.splitlines()[0] and "+62" not in csv_text
    assert "registration_id" not in csv_text.splitlines()[0]
    pending = data["sa"][2]
    assert pending.legal_name not in csv_text  # no consent, not published


def test_exports_escape_formula_cells(data, client):
    make_enterprise("ID-SA", trade_name='=HYPERLINK("http://evil")', open_data_consent=True)
    csv_text = client.get(
        reverse("insights:open_data_export", args=["enterprises", "csv"])
    ).content.decode()
    assert "'=HYPERLINK" in csv_text


def test_open_data_api_is_public(data, client):
    body = client.get("/api/v1/insights/open-data").json()
    assert body["licence"]["url"].startswith("https://creativecommons.org/")


def test_dashboard_api_respects_scope(data, client):
    client.force_login(officer_of("ID-SA"))
    assert client.get("/api/v1/insights/dashboard").json()["headline"]["total"] == 3
    assert client.get("/api/v1/insights/dashboard", {"area": "ID-KI"}).status_code == 403
    client.logout()
    assert client.get("/api/v1/insights/dashboard").status_code == 403


def test_sections_are_the_same_in_page_and_report(data):
    area = resolve_area(secretariat(), None)
    keys = [s.key for s in dashboard.build(area)["sections"]]
    assert keys[:2] == ["subdivisions", "sectors"] and "quality" in keys
