"""The corpus of messy files offices really produce, each with its expected summary."""

import datetime as dt

import openpyxl
import pytest
from openpyxl.styles import Font

from etalase.enterprises.models import Certification, Consent, Enterprise
from tests.intake.conftest import FILES

pytestmark = pytest.mark.django_db

CORPUS = [
    # file, office, rows, created, updated, unchanged, rejected, [(row, column, code)]
    (
        "id_sulut_semicolon.csv",
        "ID-SA",
        3,
        2,
        0,
        0,
        1,
        [
            (7, "NIB", "invalid_length"),
            (7, "No. HP", "invalid_phone"),
            (7, "Tenaga Kerja", "not_a_number"),
            (7, "Omzet per Tahun", "negative"),
            (7, "Status Ekspor", "unknown_export_status"),
        ],
    ),
    ("my_sabah_bom_english.csv", "MY-12", 3, 2, 0, 0, 1, [(4, "State", "outside_office")]),
    ("id_sulsel_cp1252.csv", "ID-SN", 2, 2, 0, 0, 0, []),
    (
        "id_kaltim_census_headers.csv",
        "ID-KI",
        3,
        1,
        0,
        0,
        2,
        [(3, "c109_alamat_kontak_email", "invalid_email"), (4, "c102_provinsi", "outside_office")],
    ),
    (
        "ph_mindanao_filipino.csv",
        "PH-11",
        3,
        1,
        0,
        0,
        2,
        [(3, "Lalawigan", "outside_office"), (4, "SEC Registration", "duplicate_in_file")],
    ),
]

REFUSED = [
    ("id_aggregate_counts.csv", "aggregate_table"),
    ("empty.csv", "empty_file"),
    ("fake_workbook.xlsx", "not_a_spreadsheet"),
    ("old_template_version.csv", "wrong_template_version"),
]


@pytest.mark.parametrize(
    ("name", "office", "rows", "created", "updated", "unchanged", "rejected", "errors"), CORPUS
)
def test_corpus_file_gives_its_expected_summary(
    run_import, name, office, rows, created, updated, unchanged, rejected, errors
):
    code, summary = run_import(FILES / name, office)
    assert code == 0
    assert (
        summary["rows"],
        summary["created"],
        summary["updated"],
        summary["unchanged"],
        summary["rejected"],
    ) == (rows, created, updated, unchanged, rejected)
    assert [(e["row"], e["column"], e["code"]) for e in summary["errors"]] == errors
    assert all(e["message"] and e["field"] for e in summary["errors"])
    # Without --commit nothing is written.
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize(
    ("name", "office", "rows", "created", "updated", "unchanged", "rejected", "errors"), CORPUS
)
def test_committing_a_corpus_file_writes_what_the_check_announced(
    run_import, name, office, rows, created, updated, unchanged, rejected, errors
):
    code, _summary = run_import(FILES / name, office, commit=True)
    assert code == 0
    assert Enterprise.objects.count() == created
    assert set(Enterprise.objects.values_list("consent", flat=True)) <= {Consent.PENDING}
    # Sending the same file again changes nothing and creates no duplicate.
    code, again = run_import(FILES / name, office, commit=True)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, created)
    assert Enterprise.objects.count() == created


@pytest.mark.parametrize(("name", "code"), REFUSED)
def test_files_refused_whole_exit_non_zero_with_one_error(run_import, name, code):
    exit_code, summary = run_import(FILES / name, "ID-SA", commit=True)
    assert exit_code != 0
    assert [e["code"] for e in summary["errors"]] == [code]
    assert summary["rows"] == 0
    assert not Enterprise.objects.exists()


def test_values_are_normalised_on_commit(run_import):
    run_import(FILES / "id_sulut_semicolon.csv", "ID-SA", commit=True)
    kakao = Enterprise.objects.get(registration_id="9120001234567")
    assert kakao.phone == "+6281234567890"
    assert kakao.annual_turnover == 1_500_000_000
    assert kakao.export_status == "exporting"
    assert kakao.regency == "KABUPATEN MINAHASA"
    assert kakao.size_class == "micro"  # sales ≤ Rp 2 bn
    kelapa = Enterprise.objects.get(registration_id="9120001234568")
    assert kelapa.annual_turnover == 1_500_000_000  # "1,5 M" is 1.5 miliar
    assert kelapa.phone == "+6281345678901"  # "62813 …" without the plus
    assert kelapa.export_status == "ready"


def test_identity_numbers_are_dropped_and_never_stored(run_import):
    _code, _summary = run_import(FILES / "id_sulut_semicolon.csv", "ID-SA", commit=True)
    for enterprise in Enterprise.objects.all():
        stored = " ".join(str(v) for v in enterprise.__dict__.values())
        assert "7171010101800001" not in stored and "7171010101800002" not in stored
    history = " ".join(str(h.__dict__) for h in Enterprise.history.all())
    assert "71710101018000" not in history


def test_certifications_and_markets_are_read(run_import):
    run_import(FILES / "my_sabah_bom_english.csv", "MY-12", commit=True)
    seaweed = Enterprise.objects.get(registration_id="201901012345")
    assert set(Certification.objects.filter(enterprise=seaweed).values_list("kind", flat=True)) == {
        "halal",
        "haccp",
    }
    assert seaweed.export_markets == ["CN", "SG"]
    assert seaweed.annual_turnover == 300_000


def _messy_workbook(path):
    """Merged title rows, the header on row 4, Excel dates, numbers as text, a NIK column,
    a formula, a blank row and a total row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data UMKM"
    ws["A1"] = "DINAS KOPERASI DAN UKM PROVINSI KALIMANTAN TIMUR"
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(bold=True)
    ws["A2"] = "Daftar UMKM Berorientasi Ekspor 2026"
    ws.merge_cells("A2:H2")
    ws.append([])
    ws.append(
        [
            "NO",
            "NAMA UMKM",
            "NIB",
            "Kabupaten/Kota",
            "Tahun Berdiri",
            "Omset",
            "Jumlah Tenaga Kerja",
            "NIK",
        ]
    )
    ws.append(
        [
            1,
            "UD Amplang Samarinda",
            9120007770001,
            "KOTA SAMARINDA",
            dt.date(2012, 3, 1),
            "Rp 750.000.000",
            "7",
            "6471010101900001",
        ]
    )
    ws.append(
        [
            2,
            "CV Kerupuk Berau",
            "9120007770002",
            "KABUPATEN BERAU",
            43831,
            "=1000000*2",
            3,
            "6471010101900002",
        ]
    )
    ws.append([])
    ws.append(
        [
            3,
            "Madu Kutai",
            "9120007770003",
            "KABUPATEN KUTAI KARTANEGARA",
            "2019",
            "2,5 juta",
            "-2",
            "",
        ]
    )
    ws.append(["TOTAL", None, None, None, None, None, 8, None])
    wb.save(path)


def test_a_messy_workbook_is_read_like_a_person_would(tmp_path, run_import):
    path = tmp_path / "kaltim.xlsx"
    _messy_workbook(path)
    _code, summary = run_import(path, "ID-KI", commit=True)
    assert (summary["rows"], summary["created"], summary["rejected"]) == (3, 2, 1)
    assert [(e["row"], e["column"], e["code"]) for e in summary["errors"]] == [
        (8, "Jumlah Tenaga Kerja", "negative")
    ]
    amplang = Enterprise.objects.get(registration_id="9120007770001")
    assert amplang.year_established == 2012 and amplang.employees == 7
    assert amplang.annual_turnover == 750_000_000
    berau = Enterprise.objects.get(registration_id="9120007770002")
    assert berau.year_established == 2020  # Excel serial 43831 = 2020-01-01
    # A formula is never evaluated: openpyxl stores no cached value, so the cell is empty.
    assert berau.annual_turnover is None
