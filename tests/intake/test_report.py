"""The error report: the office's rows with problems, highlighted, read back with openpyxl;
formula-looking text stays text (CSV / formula injection)."""

import io

import pytest
from openpyxl import load_workbook

from etalase.intake import report, services
from etalase.regions.models import Subdivision
from tests.factories import officer_of

pytestmark = pytest.mark.django_db

CSV = (
    b"DATA UMKM SULAWESI UTARA;;;;\n"
    b"Nama Usaha;NIB;Kabupaten/Kota;Email;Status Ekspor\n"
    b"UD Baik;9120000000201;Minahasa;baik@example.test;sudah ekspor\n"
    b"UD Salah;12345;Bitung;salah-at-example;siap ekspor\n"
    b"=HYPERLINK(\"http://evil.test\",\"klik\");9120000000203;Tomohon;@evil;belum\n"
    b"UD Sertifikat;9120000000204;Manado;ok@example.test;terbang\n"
)


def _upload(content=CSV, filename="sulut.csv", officer=None):
    officer = officer or officer_of("ID-SA")
    return services.submission_upload(actor=officer, office=Subdivision.objects.get(code="ID-SA"),
                                      filename=filename, content=content, language="en")


def _read(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_report_holds_only_rows_with_problems_with_highlighted_cells():
    submission = _upload()
    assert submission.counts["rejected"] == 3

    workbook = _read(report.build_error_report(submission))
    rows_sheet, problems_sheet = workbook.worksheets
    header = [c.value for c in rows_sheet[1]]
    assert header[:5] == ["Nama Usaha", "NIB", "Kabupaten/Kota", "Email", "Status Ekspor"]
    assert header[5:] == ["Row in your file", "Problems"]
    data = list(rows_sheet.iter_rows(min_row=2))
    assert [r[5].value for r in data] == [4, 5, 6]  # the good row 3 is left out

    salah = data[0]
    assert salah[0].value == "UD Salah"
    nib, email = salah[1], salah[3]
    assert nib.fill.fgColor.rgb.endswith(report.ERROR_FILL)
    assert "invalid_length" in nib.comment.text and "13-digit NIB" in nib.comment.text
    assert email.fill.fgColor.rgb.endswith(report.ERROR_FILL)
    assert "not a valid e-mail" in email.comment.text
    assert salah[0].fill.fgColor.rgb in (None, "00000000")  # a good cell is not filled
    assert "NIB" in salah[6].value

    listing = [[c.value for c in row] for row in problems_sheet.iter_rows(min_row=2)]
    assert [c.value for c in problems_sheet[1]] == [
        "Row", "Column", "Field", "Value", "Code", "Message", "Severity"]
    codes = {(line[0], line[4]) for line in listing}
    assert (4, "invalid_length") in codes and (4, "invalid_email") in codes
    assert (6, "unknown_export_status") in codes
    assert any(line[3] == "salah-at-example" for line in listing)


def test_formula_text_is_kept_as_text_never_a_formula():
    submission = _upload()
    workbook = _read(report.build_error_report(submission))
    row = next(r for r in workbook.worksheets[0].iter_rows(min_row=2) if r[5].value == 5)
    name, email = row[0], row[3]
    assert name.value.startswith("=HYPERLINK")
    assert name.data_type == "s" and name.quotePrefix
    assert email.value == "@evil" and email.data_type == "s" and email.quotePrefix
    problems = workbook.worksheets[1]
    for cells in problems.iter_rows(min_row=2):
        for cell in cells:
            assert cell.data_type != "f"


def test_report_of_an_xlsx_file_keeps_numbers_and_names_problem_cells():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nama_usaha", "nib", "tenaga_kerja"])
    sheet.append(["UD Angka", "9120000000301", -3])
    sheet.append(["UD Benar", "9120000000302", 4])
    out = io.BytesIO()
    workbook.save(out)
    submission = _upload(out.getvalue(), "angka.xlsx")

    data = list(_read(report.build_error_report(submission)).worksheets[0].iter_rows(min_row=2))
    assert len(data) == 1
    assert data[0][2].value == -3  # a number stays a number
    assert data[0][2].fill.fgColor.rgb.endswith(report.ERROR_FILL)


def test_warnings_are_yellow_errors_red():
    content = (b"nama_usaha,nib,sertifikasi\n"
               b"UD Kuning,9120000000401,sertifikat bintang\n")
    submission = _upload(content)
    data = list(_read(report.build_error_report(submission)).worksheets[0].iter_rows(min_row=2))
    assert data[0][2].fill.fgColor.rgb.endswith(report.WARNING_FILL)
    assert "unknown_certification" in data[0][2].comment.text


def test_report_of_a_refused_file_says_why():
    submission = _upload(b"", "kosong.csv")
    assert submission.status == "refused"
    problems = _read(report.build_error_report(submission)).worksheets[1]
    line = [c.value for c in problems[2]]
    assert line[4] == "empty_file" and "empty" in line[5]


def test_report_filename_is_safe():
    submission = _upload(filename='../"evil"\r\nname.csv')
    name = report.report_filename(submission)
    assert name.endswith("-problems.xlsx")
    assert all(ch.isalnum() or ch in "-_." for ch in name)


# --- the download ----------------------------------------------------------------------


def test_officer_downloads_report_other_province_gets_404(client):
    officer = officer_of("ID-SA")
    submission = _upload(officer=officer)
    client.force_login(officer)
    response = client.get(f"/submissions/{submission.pk}/report.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert _read(response.content).worksheets[0].max_row == 4

    client.force_login(officer_of("ID-KI"))
    assert client.get(f"/submissions/{submission.pk}/report.xlsx").status_code == 404


# --- identity numbers ----------------------------------------------------------------------


def _all_text(content: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace")
                       for name in archive.namelist())


def test_report_leaves_out_identity_columns_and_masks_numbers_elsewhere():
    content = (b"Nama Usaha;NIB;NIK Pemilik;Catatan;Email\n"
               b"UD Satu;7171026612880006;7171014507800003;ok;satu-at-example\n"
               b"UD Dua;9120000000502;7103056301790007;KTP 7102011203750004;dua@example.test\n"
               b"UD Tiga;9120000000503;;;tiga-at-example\n")
    submission = _upload(content, "nik.csv")
    workbook = _read(report.build_error_report(submission))
    rows_sheet, problems_sheet = workbook.worksheets
    header = [c.value for c in rows_sheet[1]]
    assert header == ["Nama Usaha", "NIB", "Catatan", "Email", "Row in your file", "Problems"]
    satu = next(r for r in rows_sheet.iter_rows(min_row=2) if r[0].value == "UD Satu")
    assert satu[1].value == "7171••••••••0006"  # typed into the NIB column: masked
    assert satu[1].fill.fgColor.rgb.endswith(report.ERROR_FILL)
    values = [line[3].value for line in problems_sheet.iter_rows(min_row=2)]
    assert "7171••••••••0006" in values
    text = _all_text(report.build_error_report(submission))
    for number in ("7171026612880006", "7171014507800003", "7103056301790007",
                   "7102011203750004"):
        assert number not in text


def test_report_of_a_copy_stored_before_cleaning_carries_no_identity_number():
    from django.core.files.base import ContentFile

    content = (b"Nama Usaha;NIB;Catatan;Email\n"
               b"UD Satu;9120000000501;NIK 7171014507800003;satu-at-example\n"
               b"UD Dua;9120000000502;usaha rumahan;dua-at-example\n"
               b"UD Tiga;9120000000503;binaan dinas;tiga-at-example\n")
    submission = _upload(content, "lama.csv")
    submission.file.save("lama.csv", ContentFile(content), save=True)  # as stored before
    text = _all_text(report.build_error_report(submission))
    assert "7171014507800003" not in text and "NIK 7171••••••••0003" in text
