"""Rows compared with the registry: records of other provinces, a re-sent file, blank provinces."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from etalase.enterprises.models import Enterprise
from etalase.intake.services import import_run
from etalase.regions.models import Subdivision
from tests.factories import make_enterprise

pytestmark = pytest.mark.django_db


def _run(path, office: str, *, commit: bool = True):
    with path.open("rb") as stream:
        return import_run(
            stream=stream,
            filename=path.name,
            office=Subdivision.objects.get(code=office),
            commit=commit,
        )


def test_an_identifier_registered_in_another_province_is_refused_for_that_row(tmp_path):
    elsewhere = make_enterprise("ID-KI", registration_id="9120000000077", legal_name="UD Kaltim")
    path = tmp_path / "sulut.csv"
    path.write_text(
        "nama_usaha,nib,provinsi\nUD Manado,9120000000077,ID-SA\nUD Bitung,9120000000078,ID-SA\n"
    )
    summary = _run(path, "ID-SA")
    assert (summary.created, summary.rejected) == (1, 1)
    [error] = summary.errors
    assert (error["row"], error["column"], error["code"]) == (2, "nib", "registered_elsewhere")
    assert "ID-KI" in error["message"]
    elsewhere.refresh_from_db()
    assert elsewhere.legal_name == "UD Kaltim"  # the other office's record is untouched


def test_a_re_sent_file_is_compared_with_a_query_per_chunk_not_per_row(tmp_path):
    path = tmp_path / "sulut.csv"
    rows = "".join(f"UD Contoh {i},{9120000000000 + i},ID-SA,Rp 500.000.000\n" for i in range(300))
    path.write_text("nama_usaha,nib,provinsi,omzet\n" + rows)
    assert _run(path, "ID-SA").created == 300
    with CaptureQueriesContext(connection) as queries:
        summary = _run(path, "ID-SA")
    assert (summary.rows, summary.unchanged, summary.updated) == (300, 300, 0)
    # Setting up the check (provinces, HS codes, mapping) and one registry read: a query per
    # row would show as 300 more.
    assert len(queries) < 30, [q["sql"][:80] for q in queries]


def test_a_blank_province_cell_takes_the_office_s_own_province(tmp_path):
    path = tmp_path / "sulut.csv"
    rows = "".join(f"UD Contoh {i},{9120000000000 + i},\n" for i in range(200))
    path.write_text("nama_usaha,nib,provinsi\n" + rows)
    with CaptureQueriesContext(connection) as queries:
        summary = _run(path, "ID-SA", commit=False)
    assert (summary.created, summary.rejected) == (200, 0)
    assert len(queries) < 30  # the office's sub-areas are looked up once, not per row
    _run(path, "ID-SA")
    assert set(Enterprise.objects.values_list("subdivision_id", flat=True)) == {"ID-SA"}


def test_a_blank_province_cell_is_required_where_the_office_covers_several(tmp_path):
    # A Philippine region's office covers provinces: a blank cell cannot be guessed.
    region = Subdivision.objects.filter(country_id="PH", children__isnull=False).first()
    path = tmp_path / "mindanao.csv"
    path.write_text("business name,sec registration,province\nAna Cacao,CS00000001,\n")
    summary = _run(path, region.code, commit=False)
    assert summary.rejected == 1
    assert [e["code"] for e in summary.errors] == ["required"]


def test_excel_error_values_are_reported_not_stored(tmp_path):
    path = tmp_path / "rumus.csv"  # as Excel saves a sheet whose formulas failed
    path.write_text(
        "nama_usaha,nib,provinsi,omzet\n"
        "#REF!,9120000000301,ID-SA,Rp 500.000.000\n"
        "UD Dua,#N/A,ID-SA,#DIV/0!\n"
        "UD Tiga,9120000000303,ID-SA,Rp 500.000.000\n"
    )
    summary = _run(path, "ID-SA")
    assert (summary.created, summary.rejected) == (1, 2)
    found = sorted((e["row"], e["column"], e["code"]) for e in summary.errors)
    assert found == [
        (2, "nama_usaha", "excel_error"),
        (3, "nib", "excel_error"),
        (3, "omzet", "excel_error"),
    ]
    assert "#REF!" in summary.errors[0]["message"]
    assert not Enterprise.objects.filter(legal_name__startswith="#").exists()


def test_an_error_cell_of_a_workbook_is_reported_as_such(tmp_path):
    from tests.intake.test_xlsx import _xlsx as workbook_bytes

    path = tmp_path / "rumus.xlsx"
    path.write_bytes(workbook_bytes(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>nama_usaha</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>nib</t></is></c></row>'
        '<row r="2"><c r="A2" t="e"><f>VLOOKUP(C2,D:E,2,0)</f><v>#N/A</v></c>'
        '<c r="B2" t="inlineStr"><is><t>9120000000401</t></is></c></row>'))
    summary = _run(path, "ID-SA", commit=False)
    assert [(e["row"], e["code"]) for e in summary.errors] == [(2, "excel_error")]
