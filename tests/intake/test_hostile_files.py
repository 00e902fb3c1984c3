"""Files that must be refused whole, clearly, with nothing written."""

import io
import zipfile

import openpyxl
import pytest

from etalase.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


def _workbook_bytes(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_it_is_opened(tmp_path, run_import):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        # 300 MB of zeros compresses to ~300 KB: a ratio no real sheet has.
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(300):
                member.write(block)
    code, summary = run_import(path, "ID-SA", commit=True)
    assert code != 0
    assert [e["code"] for e in summary["errors"]] == ["zip_bomb"]


def test_macro_workbooks_are_refused(tmp_path, run_import):
    source = _workbook_bytes([["nama_usaha", "nib"], ["UD A", "9120000000001"]])
    path = tmp_path / "data.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for item in original.infolist():
            archive.writestr(item, original.read(item.filename))
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    _code, summary = run_import(path, "ID-SA", commit=True)
    assert [e["code"] for e in summary["errors"]] == ["macros"]
    assert not Enterprise.objects.exists()


def test_xlsm_extension_is_refused(tmp_path, run_import):
    path = tmp_path / "data.xlsm"
    path.write_bytes(_workbook_bytes([["nama_usaha", "nib"], ["UD A", "9120000000001"]]))
    _code, summary = run_import(path, "ID-SA")
    assert [e["code"] for e in summary["errors"]] == ["macros"]


def test_a_workbook_named_csv_is_refused(tmp_path, run_import):
    path = tmp_path / "data.csv"
    path.write_bytes(_workbook_bytes([["nama_usaha", "nib"]]))
    _code, summary = run_import(path, "ID-SA")
    assert [e["code"] for e in summary["errors"]] == ["wrong_extension"]


def test_old_binary_xls_is_refused_with_advice(tmp_path, run_import):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    _code, summary = run_import(path, "ID-SA")
    assert [e["code"] for e in summary["errors"]] == ["legacy_xls"]
    assert ".xlsx" in summary["errors"][0]["message"]


def test_binary_garbage_is_not_a_spreadsheet(tmp_path, run_import):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 10)
    _code, summary = run_import(path, "ID-SA")
    assert [e["code"] for e in summary["errors"]] == ["not_a_spreadsheet"]


def test_a_million_rows_are_refused_without_writing(tmp_path, run_import):
    path = tmp_path / "million.csv"
    with path.open("w") as fh:
        fh.write("nama_usaha,nib,provinsi\n")
        line = "UD Contoh,9120000000001,ID-SA\n"
        fh.write(line * 1_000_000)
    code, summary = run_import(path, "ID-SA", commit=True)
    assert code != 0
    assert [e["code"] for e in summary["errors"]] == ["too_many_rows"]
    assert not Enterprise.objects.exists()


def test_files_over_the_size_limit_are_refused(tmp_path, run_import, settings):
    settings.INTAKE_MAX_UPLOAD_BYTES = 1024
    path = tmp_path / "big.csv"
    path.write_text("nama_usaha,nib\n" + "UD Contoh,9120000000001\n" * 100)
    _code, summary = run_import(path, "ID-SA")
    assert [e["code"] for e in summary["errors"]] == ["file_too_large"]


def test_formula_text_in_csv_is_kept_as_plain_text_not_evaluated(tmp_path, run_import):
    path = tmp_path / "f.csv"
    path.write_text('nama_usaha,nib,provinsi\n"=HYPERLINK(""http://x"")",9120000000001,ID-SA\n')
    _code, _summary = run_import(path, "ID-SA", commit=True)
    assert Enterprise.objects.get().legal_name.startswith("=HYPERLINK")


def test_oversized_cells_are_rejected_per_cell(tmp_path, run_import):
    path = tmp_path / "long.csv"
    path.write_text("nama_usaha,nib,provinsi\n" + "A" * 500 + ",9120000000001,ID-SA\n")
    _code, summary = run_import(path, "ID-SA", commit=True)
    assert [(e["column"], e["code"]) for e in summary["errors"]] == [("nama_usaha", "too_long")]
    assert not Enterprise.objects.exists()


def test_unknown_subdivision_option_exits_non_zero(run_import, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nama_usaha,nib\nUD A,9120000000001\n")
    code, summary = run_import(path, "XX-ZZ")
    assert code != 0
    assert summary["errors"][0]["code"] == "unknown_subdivision"
