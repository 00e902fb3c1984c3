"""A regency recap typed as a Dinas Koperasi dan UKM types it, through the whole import:
every value that cannot be used is a warning or an error on its row and column, and
everything that can be used is kept (markets, status, years, amounts, products, HS codes,
merged regency cells)."""

from decimal import Decimal

import openpyxl
import pytest

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

HEADERS = ["No", "Nama Usaha", "NIB", "Kab/Kota", "Omzet per Tahun (Rp)", "Tgl Berdiri",
           "Negara Tujuan Ekspor", "Status Ekspor", "Produk Unggulan", "Kode HS"]  # fmt: skip
NIB = 9120001234560


def _recap(tmp_path, rows: list[list], merges: tuple[str, ...] = ()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["REKAP UMKM BERORIENTASI EKSPOR KABUPATEN MINAHASA 2026"])
    sheet.merge_cells("A1:J1")
    sheet.append(HEADERS)
    for n, row in enumerate(rows, start=1):
        sheet.append([n, row[0], str(NIB + n), *row[1:]])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed text that looks like a formula, not a formula
    for cells in merges:
        sheet.merge_cells(cells)
    path = tmp_path / "rekap.xlsx"
    workbook.save(path)
    return path


def _found(summary: dict, kind: str) -> set[tuple[int, str, str]]:
    return {(p["row"], p["column"], p["code"]) for p in summary[kind]}


def test_a_recap_keeps_every_usable_value_and_reports_the_rest(tmp_path, run_import):
    path = _recap(
        tmp_path,
        [
            # row 3
            ["UD Kakao Minahasa", "Kabupaten Minahasa", "Rp 1,5 M", "12 Maret 2019",
             "Jepang; Korea Selatan", "", "Biji kakao", "1801.00"],
            # row 4: regency merged from row 3; an estimate; one ambiguous and one region
            ["CV Kopi Tondano", None, "± 100jt", "12/03/2019", "Korea, Timur Tengah, RRT",
             "belum", "Kopi", "0901.21.10"],
            # row 5: regency merged from row 3; an amount in words; a heading only
            ["UD Kelapa Nyiur", None, "satu juta", "2019", "", "", "Kopra", "1203"],
            # row 6: a lower bound; Filipino names; an HS code that classifies nothing
            ["UD Ikan Bitung", "Kota Bitung", "> 50 juta", "Marso 12, 2019", "Hapon at Tsina",
             "", "Ikan", "999999"],
            # row 7: no such day; a product without HS code
            ["UD Sagu Baruna", "Kota Bitung", "150 juta", "31/02/2019", "", "", "Sagu", ""],
        ],
        merges=("D3:D5",),
    )
    _code, summary = run_import(path, "ID-SA", commit=True)
    assert _found(summary, "errors") == {
        (5, "Omzet per Tahun (Rp)", "amount_in_words"),
        (6, "Kode HS", "unknown_hs_code"),
        (7, "Tgl Berdiri", "not_a_year"),
    }
    assert _found(summary, "warnings") >= {
        (4, "Kab/Kota", "filled_from_merged_cell"),
        (5, "Kab/Kota", "filled_from_merged_cell"),
        (4, "Omzet per Tahun (Rp)", "amount_bound"),
        (4, "Negara Tujuan Ekspor", "ambiguous_country"),
        (4, "Negara Tujuan Ekspor", "unknown_country"),
        (4, "Status Ekspor", "export_status_contradiction"),
        (6, "Omzet per Tahun (Rp)", "amount_bound"),
    }
    words = {p["message"] for p in summary["errors"] + summary["warnings"]}
    assert "“satu juta” is an amount in words; write it in figures (e.g. 1000000, " \
        "Rp 1.000.000 or 1 juta)." in words
    assert any("“Korea” may be any of KP, KR" in w for w in words)
    assert "“Timur Tengah” is not a country we know; it was left out." in words
    assert (summary["created"], summary["rejected"]) == (2, 3)

    kakao = Enterprise.objects.get(legal_name="UD Kakao Minahasa")
    assert kakao.export_markets == ["JP", "KR"]
    assert kakao.export_status == "exporting"  # no status given, markets listed
    assert (kakao.year_established, kakao.annual_turnover) == (2019, Decimal("1500000000.00"))
    kopi = Enterprise.objects.get(legal_name="CV Kopi Tondano")
    assert kopi.regency == "Kabupaten Minahasa"  # from the merged cell above
    assert kopi.export_markets == ["CN"]  # RRT kept; Korea and Timur Tengah reported
    assert kopi.export_status == "not_yet"  # as written, with the warning
    assert kopi.annual_turnover == Decimal("100000000.00")
    product = Product.objects.get(enterprise=kopi)
    assert (product.hs_code_id, product.national_tariff_code) == ("090121", "09012110")
    assert Product.objects.get(enterprise=kakao).hs_code_id == "180100"


def test_a_heading_and_a_missing_hs_code_keep_their_product(tmp_path, run_import):
    path = _recap(
        tmp_path,
        [
            ["UD Kelapa Nyiur", "Kabupaten Minahasa", "150 juta", "2019", "", "", "Kopra", "12.03"],
            ["UD Sagu Baruna", "Kota Bitung", "150 juta", "2018", "", "", "Sagu", None],
            ["UD Pala Sitaro", "Kota Bitung", "150 juta", "2018", "", "", "", "0908.11"],
        ],
    )
    _code, summary = run_import(path, "ID-SA", commit=True)
    assert summary["errors"] == []
    assert _found(summary, "warnings") == {
        (3, "Kode HS", "hs_heading_only"),
        (4, "Kode HS", "hs_code_missing"),
        (5, "Kode HS", "product_name_missing"),
    }
    kopra = Product.objects.get(name="Kopra")
    assert (kopra.hs_code_id, kopra.is_published) == ("1203", True)
    sagu = Product.objects.get(name="Sagu")
    assert (sagu.hs_code_id, sagu.is_published) == (None, False)  # kept until classified
    assert Product.objects.count() == 2


def test_hostile_values_are_reported_not_stored(tmp_path, run_import):
    path = _recap(
        tmp_path,
        [
            ["UD Satu", "Kabupaten Minahasa", "=HYPERLINK(\"http://x\")", "x" * 10_000,
             "🇯🇵" * 50, "", "Kopi", "=1+1"],
            ["UD Dua", "Kabupaten Minahasa", "1e309", "2019", "Jepang", "", "Kopi", "0901.21"],
            ["UD Tiga", "Kabupaten Minahasa", "9" * 10_000, "2019", "", "", "Kopi", "0901.21"],
        ],
    )
    _code, summary = run_import(path, "ID-SA", commit=True)
    errors = _found(summary, "errors")
    assert {(3, "Omzet per Tahun (Rp)", "not_a_number"), (3, "Tgl Berdiri", "not_a_year"),
            (3, "Kode HS", "unknown_hs_code"), (4, "Omzet per Tahun (Rp)", "not_a_number"),
            (5, "Omzet per Tahun (Rp)", "implausible")} <= errors  # fmt: skip
    assert (3, "Negara Tujuan Ekspor", "unknown_country") in _found(summary, "warnings")
    assert all(len(p["message"]) < 300 for p in summary["errors"] + summary["warnings"])
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize(
    ("header", "cell", "errors"),
    [
        ("Omzet per Tahun (Rp)", "US$ 5.000", {(2, "Omzet per Tahun (Rp)", "other_currency")}),
        ("Omzet per Tahun (Rp)", "Rp 5.000.000", set()),
        # A dollar column is warned about once by the column map; its cells agree with it.
        ("Omzet per Tahun (US$)", "US$ 5.000", set()),
    ],
)
def test_a_cell_in_another_currency_than_its_column_is_refused(tmp_path, run_import, header,
                                                                 cell, errors):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nama Usaha", "NIB", "Kab/Kota", header])
    sheet.append(["UD Satu", str(NIB), "Kota Manado", cell])
    path = tmp_path / "rekap.xlsx"
    workbook.save(path)
    _code, summary = run_import(path, "ID-SA")
    assert _found(summary, "errors") == errors
