"""No identity number is kept anywhere (issue 13, point 7).

An office's file with owners' NIKs planted where offices put them — a NIK column, a column
headed otherwise ("No. KTP Pemilik"), an unrecognised "Keterangan" column, typed into the NIB
and phone columns, with and without separators — goes through the whole workflow (upload,
preview, error report, submit, accept, commit), as CSV and as XLSX, and through the command
line's import with --commit. Then every stored byte is searched for each planted number:
every table of the database, every file under MEDIA_ROOT (workbooks unzipped), the error
report, the pages, the CLI's JSON. The stored copy must still read back to the same rows.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from stdnum.id import nik

from etalase.enterprises.models import Enterprise
from etalase.intake import readers, report, scrub, services
from etalase.intake.columns import ColumnMap
from etalase.intake.models import Submission, SubmissionRow
from etalase.regions.models import Subdivision
from tests.factories import focal_point_of, officer_of

pytestmark = pytest.mark.django_db

# Valid by python-stdnum (region code of North Sulawesi or Jakarta, a real birth date).
IN_NIK_COLUMN = ["7171014507800003", "7103056301790007", "3171011708450001"]
IN_KTP_COLUMN = ["7102011203750004", "7105141210820008"]
IN_REMARKS = ["7106021508690005", "7171011708450001"]
IN_NIB_COLUMN = "7171026612880006"
IN_PHONE_COLUMN = "7171024506900009"
IN_ADDRESS = "7171035003700010"  # in a column that is read and written to the registry
PLANTED = [*IN_NIK_COLUMN, *IN_KTP_COLUMN, *IN_REMARKS, IN_NIB_COLUMN, IN_PHONE_COLUMN,
           IN_ADDRESS]

HEADER = ["No", "Nama Usaha", "NIB", "NIK", "No. KTP Pemilik", "Kabupaten/Kota", "No. HP",
          "Keterangan", "Tenaga Kerja", "Status Ekspor", "Alamat"]
ROWS = [
    [1, "UD Kakao Minahasa", "9120000000501", IN_NIK_COLUMN[0], IN_KTP_COLUMN[0], "Minahasa",
     "081234567890", f"NIK pemilik {IN_REMARKS[0]}", 12, "sudah ekspor",
     f"Jl. Sam Ratulangi 5 (KTP {IN_ADDRESS})"],
    [2, "CV Kelapa Bitung", IN_NIB_COLUMN, IN_NIK_COLUMN[1], "7105 1412 1082 0008", "Bitung",
     "081298765432", "7171.0117.0845.0001", 25, "siap ekspor", "Jl. Dua"],
    [3, "UD Cengkeh Tomohon", "9120000000503", IN_NIK_COLUMN[2], "", "Tomohon",
     "7171-0245-0690-0009", "usaha rumahan", 4, "belum", "Jl. Tiga"],
    [4, "UD Pala Sangihe", "9120000000504", "", "", "Kepulauan Sangihe", "081311112222", "",
     7, "belum", ""],
]


def test_planted_numbers_are_valid_niks():
    assert all(nik.is_valid(number) for number in PLANTED)
    assert len(set(PLANTED)) == len(PLANTED)


# --- searching every stored byte ---------------------------------------------------------


def _pattern(number: str) -> re.Pattern:
    """The number's digits, with or without a separator between any two."""
    return re.compile(r"[\s.\-/\u00a0]?".join(number))


PATTERNS = {number: _pattern(number) for number in PLANTED}


def _texts_of_bytes(content: bytes, where: str) -> list[tuple[str, str]]:
    """Every way the bytes may hold text: a zip's members, UTF-8, UTF-16, Latin-1."""
    found = []
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                found += _texts_of_bytes(archive.read(name), f"{where}!{name}")
    found.append((where, content.decode("utf-8", "replace")))
    found.append((where, content.decode("latin-1")))
    if content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        found.append((where, content.decode("utf-16", "replace")))
    return found


def _database() -> list[tuple[str, str]]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=True):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        found += _texts_of_bytes(bytes(value), table)
                    else:
                        found.append((table, str(value)))
    return found


def _media(settings) -> list[tuple[str, str]]:
    found = []
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            found += _texts_of_bytes(path.read_bytes(), str(path))
    return found


def _leaks(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(number, where) for where, content in texts
            for number, pattern in PATTERNS.items() if pattern.search(content)]


def _assert_nothing_kept(settings, *extra: tuple[str, str | bytes]) -> None:
    texts = _database() + _media(settings)
    for where, content in extra:
        texts += (_texts_of_bytes(content, where) if isinstance(content, bytes)
                  else [(where, content)])
    assert _leaks(texts) == []


# --- the office's file ----------------------------------------------------------------------


def _csv(rows=ROWS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["REKAP UMKM KABUPATEN/KOTA PROVINSI SULAWESI UTARA"])
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows=ROWS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data UMKM"
    sheet.append(["REKAP UMKM KABUPATEN/KOTA PROVINSI SULAWESI UTARA"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet["D7"] = int(IN_NIK_COLUMN[2])  # a NIK typed as a number (stored as one)
    sheet["C6"].comment = openpyxl.comments.Comment(f"NIK {IN_NIK_COLUMN[0]}", "operator")
    hidden = workbook.create_sheet("Data KTP")
    hidden.sheet_state = "hidden"
    hidden.append(["Nama", "NIK"])
    hidden.append(["Pemilik", IN_KTP_COLUMN[1]])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_search_finds_every_planted_number_in_the_files_sent():
    """The search can fail: each planted number is found in what the office sends."""
    for content in (_csv(), _xlsx()):
        found = {number for number, _where in _leaks(_texts_of_bytes(content, "sent"))}
        assert found == set(PLANTED)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "make"), [("rekap.csv", _csv), ("rekap.xlsx", _xlsx)])
def test_whole_workflow_keeps_no_identity_number(name, make, settings,
                                                 django_capture_on_commit_callbacks):
    office = _signed_in(officer_of("ID-SA"))
    response = office.post("/submissions/upload/", {
        "office": "ID-SA", "file": ContentFile(make(), name=name)})
    submission = Submission.objects.latest("pk")
    assert response.status_code == 302 and submission.status == "validated"
    url = f"/submissions/{submission.pk}/"
    pages = [office.get(url + f"?section={s}").content.decode()
             for s in ("create", "update", "unchanged", "rejected")]
    assert "NIK" in submission.dropped_columns and "No. KTP Pemilik" in submission.dropped_columns
    rejected = SubmissionRow.objects.filter(submission=submission, action="rejected")
    assert any(p["column"] == "NIB" for row in rejected for p in row.problems)
    report_content = office.get(url + "report.xlsx").content
    original = b"".join(office.get(url + "original").streaming_content)

    office.post(url + "submit/")
    with django_capture_on_commit_callbacks(execute=True):
        _signed_in(focal_point_of("ID")).post(url + "accept/")
    submission.refresh_from_db()
    assert submission.status == "committed"
    kakao = Enterprise.objects.get(legal_name="UD Kakao Minahasa")
    assert kakao.address == "Jl. Sam Ratulangi 5 (KTP 7171••••••••0010)"
    pages.append(office.get(url).content.decode())

    _assert_nothing_kept(settings, ("report", report_content), ("original", original),
                         *(("page", page) for page in pages))


def test_command_line_commit_keeps_no_identity_number(tmp_path, settings, run_import):
    path = tmp_path / "rekap_sulut.csv"
    path.write_bytes(_csv())
    code, summary = run_import(path, "ID-SA", commit=True)
    assert code == 0 and summary["created"] >= 2
    kakao = Enterprise.objects.get(legal_name="UD Kakao Minahasa")
    assert kakao.address == "Jl. Sam Ratulangi 5 (KTP 7171••••••••0010)"
    out = json.dumps(summary, ensure_ascii=False)
    submission = Submission.objects.get(skips_review=True)
    assert set(submission.dropped_columns) >= {"NIK", "No. KTP Pemilik"}
    _assert_nothing_kept(settings, ("cli json", out))


def test_number_typed_into_read_columns_is_masked_where_it_is_shown():
    """Typed into the NIB and phone columns: the row is refused, the value shown masked."""
    officer = officer_of("ID-SA")
    submission = services.submission_upload(
        actor=officer, office=Subdivision.objects.get(code="ID-SA"), filename="rekap.csv",
        content=_csv(), language="id")
    values = [p.get("value", "") for row in submission.rows.all()
              for p in [*row.problems, *row.warnings]]
    assert "7171••••••••0006" in values  # the NIB cell, as the preview shows it
    workbook = openpyxl.load_workbook(io.BytesIO(report.build_error_report(submission)))
    header = [c.value for c in workbook.worksheets[0][1]]
    assert "NIK" not in header and "No. KTP Pemilik" not in header
    assert "Nama Usaha" in header


# --- a file refused whole -------------------------------------------------------------------


def test_a_file_without_a_recognised_header_is_kept_without_its_numbers(settings):
    content = ("Kolom A;Kolom B;Kolom C\n" + "".join(
        f"UD {i};{number};Minahasa\n" for i, number in enumerate(IN_NIK_COLUMN))).encode()
    submission = services.submission_upload(
        actor=officer_of("ID-SA"), office=Subdivision.objects.get(code="ID-SA"),
        filename="tanpa_header.csv", content=content, language="en")
    assert submission.status == "refused" and submission.refusal_code == "no_header"
    stored = _stored(submission)
    assert stored.decode().splitlines()[0] == "Kolom A;Kolom B;Kolom C"  # the rest is kept
    assert stored.decode().splitlines()[1] == "UD 0;••••••••••••••••;Minahasa"
    _assert_nothing_kept(settings)


def test_an_unreadable_file_is_kept_as_its_hash_only(settings):
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + IN_NIK_COLUMN[0].encode()
    submission = services.submission_upload(
        actor=officer_of("ID-SA"), office=Subdivision.objects.get(code="ID-SA"),
        filename="lama.xls", content=content, language="en")
    assert (submission.status, submission.refusal_code) == ("refused", "legacy_xls")
    assert _stored(submission) == b""
    assert submission.size == len(content) and len(submission.sha256) == 64
    _assert_nothing_kept(settings)


# --- recognising identity numbers ----------------------------------------------------------


@pytest.mark.parametrize(("value", "country", "masked"), [
    ("7171014507800003", "ID", "7171••••••••0003"),
    ("7171 0145 0780 0003", "ID", "7171 •••• •••• 0003"),
    ("71.71.01.450780.0003", "MY", "71.71.••.••••••.0003"),
    ("NIK: 7171014507800003, HP 0812 1012 3456", "ID", "NIK: 7171••••••••0003, HP 0812 1012 3456"),
    ("770305-02-1234", "ID", "7703••-••-1234"),  # a MyKad as the card prints it
    ("770305021234", "MY", "7703••••1234"),  # bare, in a Malaysian office's file
])
def test_identity_numbers_are_masked(value, country, masked):
    assert scrub.mask(value, country=country) == (masked, True)
    assert scrub.masked_kind(masked) == ("NIK" if masked.count("•") == 8 else "NRIC")


@pytest.mark.parametrize(("value", "country", "phone"), [
    ("9120000000501", "ID", False),  # an NIB
    ("0021234567890123", "ID", False),  # a business's 16-digit NPWP starts with 0
    ("9971011708450001", "ID", False),  # no such region
    ("3171013002451234", "ID", False),  # no 30 February
    ("081210123456", "ID", False),  # an Indonesian mobile number, also a well-formed MyKad
    ("770305021234", "ID", False),  # bare 12 digits outside Malaysia: not taken for a MyKad
    ("770305021234", "MY", True),  # ... nor in a Malaysian phone column
    ("+60 11-2345 6789", "MY", False),  # a phone number with its country code
    ("201001012345", "MY", False),  # an SSM number (also a well-formed MyKad)
    ("Rp 1.500.000.000.000", "ID", False),
    ("", "ID", False),
])
def test_other_numbers_are_left_alone(value, country, phone):
    assert scrub.mask(value, country=country, phone=phone) == (value, False)


def test_numbers_as_workbooks_hold_them_are_masked():
    assert scrub.mask(int(IN_NIK_COLUMN[0]), country="ID") == ("7171••••••••0003", True)
    assert scrub.mask(float(IN_NIK_COLUMN[0]), country="ID")[1]
    assert scrub.mask(12, country="ID") == (12, False)
    assert scrub.mask(dt.date(2020, 1, 1), country="ID")[1] is False


def test_masked_json_masks_values_and_message_parameters():
    problem = {"value": IN_NIB_COLUMN, "msgid": "“%(value)s” is not a number.",
               "params": {"value": IN_NIB_COLUMN}, "message": f"“{IN_NIB_COLUMN}” is no number",
               "row": 3, "items": [IN_NIB_COLUMN, 5]}
    masked = scrub.masked_json(problem, country="ID")
    assert not _leaks([("json", str(masked))])
    assert masked["row"] == 3 and masked["items"][1] == 5


def test_rows_read_by_the_command_line_are_masked_in_read_columns_only():
    column_map = ColumnMap(header_row=1, headers=["NIB", "Catatan"],
                           fields={0: "registration_id", 1: None})
    rows = list(scrub.masked_rows(iter([(2, [IN_NIB_COLUMN, IN_REMARKS[0]])]), column_map, "ID"))
    assert rows == [(2, ["7171••••••••0006", IN_REMARKS[0]])]  # the other is never read


# --- the stored copy reads back to the same rows -------------------------------------------


def _stored(submission: Submission) -> bytes:
    with submission.file.open("rb") as stream:
        return stream.read()


def _read(content: bytes, name: str) -> list[tuple[int, list]]:
    return list(readers.open_table(io.BytesIO(content), name).rows)


def _emptied(value: str) -> str:
    """A CSV cell of an identity column in the copy: its signs masked, its blanks and line
    breaks kept (the lines of the copy sniff as the original's)."""
    return re.sub(r"[^\s,;|]", "•", value)


def _expected(rows: list[tuple[int, list]], blank: set[int], header_row: int, empty=_emptied):
    """The rows as the copy must read: identity columns emptied below the header, any other
    identity number masked."""
    out = []
    for number, cells in rows:
        cleaned = []
        for index, value in enumerate(cells):
            if index in blank and number > header_row and value not in ("", None):
                cleaned.append(empty(value))
            else:
                cleaned.append(scrub.mask(value, country="ID")[0])
        out.append((number, cleaned))
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_copy_keeps_rows_lines_and_encoding(encoding):
    text = (
        "Daftar UMKM – Dinas Koperasi Sulut;;;\r\n"
        "\r\n"
        "Nama Usaha;NIB;NIK;Alamat\r\n"
        f'UD Kakao Café;9120000000501;{IN_NIK_COLUMN[0]};"Jl. Satu\r\nRT 02; RW 03"\r\n'
        "\r\n"
        f"UD Kelapa;{IN_NIB_COLUMN};{IN_NIK_COLUMN[1]};Jl. Dua\r\n"
        f'UD Pala;9120000000503;"{IN_NIK_COLUMN[2]}";"Jl. ""Tiga"""\r\n'
    )
    content = text.encode(encoding)
    result = scrub.for_storage(content, "sulut.csv", country="ID")
    assert result.identity_columns == ["NIK"] and result.masked_cells == 1
    original = _read(content, "sulut.csv")
    copy = _read(result.content, "sulut.csv")
    assert [n for n, _cells in copy] == [1, 2, 3, 4, 6, 7, 8]  # line numbers as the editor shows
    assert copy == _expected(original, {2}, header_row=3)
    assert copy[3][1] == ["UD Kakao Café", "9120000000501", "•" * 16, "Jl. Satu\r\nRT 02; RW 03"]
    assert copy[5][1][1] == "7171••••••••0006"
    table = readers.open_table(io.BytesIO(result.content), "sulut.csv")
    assert table.delimiter == ";"
    assert table.encoding == {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}.get(
        encoding, encoding)
    assert not _leaks(_texts_of_bytes(result.content, "copy"))
    # Cleaning the copy again changes nothing.
    assert scrub.for_storage(result.content, "sulut.csv", country="ID").content == result.content


def test_csv_without_identity_numbers_is_kept_byte_for_byte():
    content = b"Nama Usaha,NIB\nUD Satu,9120000000501\n"
    assert scrub.for_storage(content, "a.csv", country="ID").content == content


def test_csv_that_its_encoding_cannot_rewrite_is_kept_in_utf8():
    # Undefined in cp1252: read as U+FFFD, which cp1252 cannot write back.
    content = ("Nama Usaha;NIB;NIK\r\nUD \x81Satu;9120000000501;"
               f"{IN_NIK_COLUMN[0]}\r\n").encode("latin-1")
    result = scrub.for_storage(content, "a.csv", country="ID")
    assert result.content.startswith(codecs.BOM_UTF8)
    assert _read(result.content, "a.csv") == _expected(_read(content, "a.csv"), {2}, 1)


def test_xlsx_copy_keeps_values_rows_and_columns():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Rekap"
    sheet["A1"] = "REKAP UMKM"
    sheet.append([])
    sheet.append(["Nama Usaha", "NIB", "NIK", "Tgl Berdiri", "Omzet", "Aktif", "Catatan"])
    sheet.append(["UD Satu", "9120000000501", IN_NIK_COLUMN[0], dt.date(2019, 3, 12),
                  150000000.5, True, "line one\nline two"])
    sheet.append([])
    sheet.append(["UD Dua", IN_NIB_COLUMN, int(IN_NIK_COLUMN[1]), dt.datetime(2020, 1, 2, 3, 4),
                  12, False, "  _x0041_ <&> "])
    sheet["J9"] = "far away"
    sheet["A9"] = dt.time(13, 30)
    workbook.create_sheet("Lampiran KTP").append([IN_NIK_COLUMN[2]])
    content = io.BytesIO()
    workbook.save(content)
    content = content.getvalue()

    result = scrub.for_storage(content, "rekap.xlsx", country="ID")
    original, copy = _read(content, "rekap.xlsx"), _read(result.content, "rekap.xlsx")
    assert copy == _expected(original, {2}, header_row=3, empty=lambda _value: "")
    assert [n for n, _cells in copy] == [1, 3, 4, 6, 9]
    assert copy[3][1][1] == "7171••••••••0006"
    assert readers.open_table(io.BytesIO(result.content), "rekap.xlsx").sheet == "Rekap"
    names = zipfile.ZipFile(io.BytesIO(result.content)).namelist()
    assert "xl/worksheets/sheet2.xml" not in names and "xl/comments1.xml" not in names
    assert openpyxl.load_workbook(io.BytesIO(result.content)).sheetnames == ["Rekap"]
    assert not _leaks(_texts_of_bytes(result.content, "copy"))
    again = scrub.for_storage(result.content, "rekap.xlsx", country="ID")
    assert again.content == result.content and again.masked_cells == 0


def test_a_column_mostly_of_identity_numbers_is_emptied_whatever_its_header():
    content = ("Nama Usaha;NIB;Data Lain\n"
               f"UD Satu;9120000000501;{IN_NIK_COLUMN[0]}\n"
               f"UD Dua;9120000000502;{IN_NIK_COLUMN[1]}\n"
               "UD Tiga;9120000000503;31710117084500\n").encode()  # a mistyped one too
    result = scrub.for_storage(content, "a.csv", country="ID")
    assert result.identity_columns == ["Data Lain"]
    assert [cells[2] for _n, cells in _read(result.content, "a.csv")[1:]] == [
        "•" * 16, "•" * 16, "•" * 14]


def test_a_file_over_the_row_limit_is_refused_unread(settings):
    settings.INTAKE_MAX_ROWS = 10
    content = ("nama_usaha,nib\n" + "UD A,9120000000901\n" * 100).encode()
    result = scrub.for_storage(content, "a.csv", country="ID")
    assert result.content == b"" and result.refused.code == "too_many_rows"


# --- cleaning what was stored before --------------------------------------------------------


def _old_submission() -> Submission:
    """A submission as stored before the upload removed identity numbers."""
    submission = services.submission_upload(
        actor=officer_of("ID-SA"), office=Subdivision.objects.get(code="ID-SA"),
        filename="lama.csv", content=_csv(), language="id")
    submission.file.save("lama-asli.csv", ContentFile(_csv()), save=True)
    row = submission.rows.filter(action="rejected").first()
    row.problems = [{**row.problems[0], "value": IN_NIB_COLUMN}]
    row.save()
    return submission


def test_command_cleans_stored_originals_and_rows_idempotently(settings):
    _old_submission()
    assert _leaks(_database() + _media(settings))

    out = io.StringIO()
    call_command("scrub_identity_columns", "--dry-run", stdout=out)
    assert "lama.csv" in out.getvalue() and "1 stored files and 1 checked rows would be" \
        in out.getvalue()
    assert _leaks(_database() + _media(settings))  # a dry run changes nothing

    out = io.StringIO()
    call_command("scrub_identity_columns", stdout=out)
    assert "columns emptied: NIK, No. KTP Pemilik" in out.getvalue()
    _assert_nothing_kept(settings)
    submission = Submission.objects.get()
    stored = _stored(submission)
    assert _read(stored, "lama.csv")[2][1][1] == "UD Kakao Minahasa"

    out = io.StringIO()
    call_command("scrub_identity_columns", stdout=out)
    assert "0 stored files and 0 checked rows cleaned" in out.getvalue()


def test_migration_cleans_stored_originals_with_its_historical_models(settings):
    _old_submission()
    name = ("intake", "0003_scrub_stored_originals")
    historical = MigrationExecutor(connection).loader.project_state(name).apps
    importlib.import_module(f"etalase.intake.migrations.{name[1]}").scrub_stored_originals(
        historical, None)
    _assert_nothing_kept(settings)


def test_report_of_an_old_copy_masks_what_the_file_still_held(settings):
    submission = _old_submission()
    workbook = report.build_error_report(submission)
    assert not _leaks(_texts_of_bytes(workbook, "report"))


def test_command_leaves_a_copy_over_todays_limits_and_says_so(settings):
    submission = _old_submission()
    settings.INTAKE_MAX_UPLOAD_BYTES = 100
    out, err = io.StringIO(), io.StringIO()
    call_command("scrub_identity_columns", stdout=out, stderr=err)
    assert "not cleaned: over the upload limits (file_too_large)" in out.getvalue()
    assert "1 stored files are over the upload limits" in err.getvalue()
    submission.refresh_from_db()
    assert _stored(submission) == _csv()  # not emptied for being large


# --- any CSV an office may send reads back the same ------------------------------------------

LINE_AND_DELIMITER = ",;\t|\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines' breaks

CELLS = st.one_of(
    st.sampled_from(["", "UD Maju Jaya", "Jl. Satu, RT 02", 'kata "kutip"', "a;b|c\td",
                     "baris\r\nbaru", "baris\nbaru", "baris\rbaru", "Café – Tiga", "0812 3456 7890",
                     "9120000000501", "Rp 1.500.000", " spasi ", "=1+2", "#N/A"]),
    st.sampled_from(PLANTED).map(lambda n: f"{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}"),
    st.sampled_from(PLANTED),
    st.sampled_from(PLANTED).map(lambda n: f"KTP {n}"),
    st.text(alphabet=st.characters(codec="cp1252", exclude_characters="\x00"), max_size=12),
)


@hypothesis_settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=5), min_size=1, max_size=12),
       delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
       header=st.booleans())
def test_any_csv_copy_reads_back_to_the_same_rows_without_identity_numbers(
        rows, delimiter, encoding, header):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if header:
        writer.writerow(["Nama Usaha", "NIB", "NIK", "Alamat", "Catatan"])
    writer.writerows(rows)
    content = out.getvalue().encode(encoding)
    original = _read(content, "x.csv")
    result = scrub.for_storage(content, "x.csv", country="ID")
    copy = _read(result.content, "x.csv")
    assert [n for n, _cells in copy] == [n for n, _cells in original]
    for (_n, before), (_m, after) in zip(original, copy, strict=True):
        assert len(after) == len(before)
        for old, new in zip(before, after, strict=True):
            masked = scrub.mask(old, country="ID")[0]
            # An emptied cell keeps what tells delimiters, lines and blanks apart.
            emptied = "".join(ch if ch in LINE_AND_DELIMITER or ch.isspace() else "•"
                              for ch in old)
            assert new in (old, masked, emptied)
    table = readers.open_table(io.BytesIO(result.content), "x.csv")
    assert table.delimiter == readers.open_table(io.BytesIO(content), "x.csv").delimiter
    assert not _leaks(_texts_of_bytes(result.content, "copy"))


def test_a_workbooks_merged_cells_survive_the_stored_copy(tmp_path):
    """The stored copy keeps the merged ranges: checked again at commit, a merged Kab/Kota cell
    is filled and reported as at upload, never read as a value typed on every row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nama Usaha", "NIK", "Kab/Kota", "No. HP"])
    sheet.append(["UD Satu", "7102015505800001", "Kab. Minahasa", "081234500001"])
    sheet.append(["UD Dua", "7102016606900002", None, "081234500002"])
    sheet.merge_cells("C2:C3")
    path = tmp_path / "gabung.xlsx"
    book.save(path)
    original = path.read_bytes()
    cleaned = scrub.for_storage(original, path.name, country="ID")
    assert b"7102015505800001" not in cleaned.content
    before = [list(cells) for _n, cells in readers.open_table(io.BytesIO(original), path.name).rows]
    after_table = readers.open_table(io.BytesIO(cleaned.content), path.name)
    assert after_table.merged == ["C2:C3"]
    after = list(after_table.rows)
    assert [c[2] for _n, c in after] == [c[2] for c in before]
    assert getattr(after[2][1], "filled", None)  # still known as filled, so still reported
