"""The submission pages: who may see and do what, hostile uploads, the mapping and its
memory, the preview's sections, conflict decisions at commit, the review and its record."""

import io
import zipfile

import openpyxl
import pytest
from django.test import Client

from etalase.enterprises.models import Enterprise
from etalase.intake.models import OfficeMapping, Submission, SubmissionEvent, SubmissionRow
from tests.factories import (
    buyer,
    focal_point_of,
    make_enterprise,
    officer_of,
    owner_of,
    secretariat,
)

pytestmark = pytest.mark.django_db

HEADER = "Nama Usaha;NIB;Kabupaten/Kota;Tenaga Kerja;Alamat;Status Ekspor\n"
GOOD = HEADER + (
    "UD Kakao Minahasa;9120000000501;Minahasa;12;Jl. Satu;sudah ekspor\n"
    "CV Kelapa Bitung;9120000000502;Bitung;25;Jl. Dua;siap ekspor\n"
)


def _file(text: str, name: str = "data.csv") -> io.BytesIO:
    stream = io.BytesIO(text.encode("utf-8") if isinstance(text, str) else text)
    stream.name = name
    return stream


def _upload(client: Client, content, name="data.csv", office="ID-SA"):
    return client.post("/submissions/upload/", {"office": office, "file": _file(content, name)})


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer():
    return officer_of("ID-SA", full_name="Officer Sulut")


@pytest.fixture
def office_client(officer):
    return _signed_in(officer)


def _latest() -> Submission:
    return Submission.objects.latest("pk")


# --- access ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/submissions/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/submissions/upload/").status_code == 302


@pytest.mark.parametrize("make", [lambda: owner_of(make_enterprise("ID-SA")), buyer])
def test_owners_and_buyers_are_refused(make):
    client = _signed_in(make())
    assert client.get("/submissions/").status_code == 403
    assert client.get("/submissions/upload/").status_code == 403
    assert _upload(client, GOOD).status_code == 403
    assert not Submission.objects.exists()


def test_officer_of_another_province_cannot_see_upload_or_submit(office_client):
    _upload(office_client, GOOD)
    submission = _latest()
    other = _signed_in(officer_of("ID-KI"))
    for path in ("", "progress/", "mapping/", "report.xlsx", "original"):
        assert other.get(f"/submissions/{submission.pk}/{path}").status_code == 404, path
    for path in ("submit/", "decisions/", "accept/", "return/"):
        assert other.post(f"/submissions/{submission.pk}/{path}",
                          {"comment": "x"}).status_code == 404, path
    assert submission.filename not in other.get("/submissions/").content.decode()
    # Uploading as ID-SA: the form offers ID-KI only.
    response = _upload(other, GOOD, office="ID-SA")
    assert response.status_code == 200
    assert Submission.objects.count() == 1
    submission.refresh_from_db()
    assert submission.status == "validated"


def test_focal_point_of_another_country_gets_404(office_client):
    _upload(office_client, GOOD)
    client = _signed_in(focal_point_of("MY"))
    assert client.get(f"/submissions/{_latest().pk}/").status_code == 404
    assert client.post(f"/submissions/{_latest().pk}/accept/").status_code == 404


def test_officer_cannot_accept_its_own_submission(office_client):
    _upload(office_client, GOOD)
    submission = _latest()
    office_client.post(f"/submissions/{submission.pk}/submit/")
    response = office_client.post(f"/submissions/{submission.pk}/accept/", follow=True)
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.status == "submitted"
    assert not Enterprise.objects.exists()


def test_upload_needs_csrf(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert _upload(client, GOOD).status_code == 403
    assert not Submission.objects.exists()


# --- upload and preview -----------------------------------------------------------------


def test_upload_checks_and_shows_the_preview(office_client):
    response = _upload(office_client, GOOD)
    submission = _latest()
    assert response.status_code == 302
    assert response["Location"] == f"/submissions/{submission.pk}/"
    assert submission.status == "validated" and submission.language == "en"
    assert submission.counts == {"rows": 2, "created": 2, "updated": 0, "unchanged": 0,
                                 "rejected": 0}
    page = office_client.get(response["Location"]).content.decode()
    assert "UD Kakao Minahasa" in page and "Submit for review" in page
    assert not Enterprise.objects.exists()  # nothing written before review


def test_preview_sections_create_update_unchanged_rejected(office_client):
    make_enterprise("ID-SA", legal_name="UD Lama", registration_id="9120000000601",
                    regency="Minahasa", employees=5, address="Jl. Lama")
    make_enterprise("ID-SA", legal_name="UD Sama", registration_id="9120000000602",
                    regency="Bitung", employees=None, address="")
    content = HEADER + (
        "UD Baru;9120000000603;Tomohon;4;;\n"
        "UD Lama;9120000000601;Minahasa;9;Jl. Baru;\n"
        "UD Sama;9120000000602;Bitung;;;\n"
        "<script>alert(1)</script>;91200;Manado;abc;;\n"
    )
    _upload(office_client, content)
    submission = _latest()
    assert submission.counts == {"rows": 4, "created": 1, "updated": 1, "unchanged": 1,
                                 "rejected": 1}
    url = f"/submissions/{submission.pk}/"

    page = office_client.get(url).content.decode()  # rejected rows come first
    assert 'data-testid="section-rejected"' in page
    assert "invalid_length" in page and "13-digit NIB" in page and ">91200<" in page
    assert "not_a_whole_number" in page or "not a whole number" in page
    assert "<script>alert(1)</script>" not in page

    update = office_client.get(url + "?section=update").content.decode()
    assert 'class="old">5<' in update and 'class="new">9<' in update
    assert 'class="old">Jl. Lama<' in update and 'class="new">Jl. Baru<' in update

    created = office_client.get(url + "?section=create").content.decode()
    assert "UD Baru" in created and "UD Lama" not in created
    unchanged = office_client.get(url + "?section=unchanged").content.decode()
    assert "UD Sama" in unchanged
    assert office_client.get(url + "?section=bogus&page=999").status_code == 200


def test_preview_is_paginated(office_client):
    rows = "".join(f"UD {n};{9120000001000 + n};Minahasa;3;;\n" for n in range(120))
    _upload(office_client, HEADER + rows)
    url = f"/submissions/{_latest().pk}/?section=create"
    first = office_client.get(url).content.decode()
    third = office_client.get(url + "&page=3").content.decode()
    assert "UD 0<" in first and "UD 50<" not in first
    assert "UD 119<" in third and "page 3 of 3" in third


def test_dropped_identity_columns_are_reported(office_client):
    content = "Nama Usaha;NIB;NIK Pemilik\nUD Satu;9120000000701;7171010101800001\n"
    _upload(office_client, content)
    submission = _latest()
    assert submission.dropped_columns == ["NIK Pemilik"]
    page = office_client.get(f"/submissions/{submission.pk}/").content.decode()
    assert "NIK Pemilik" in page and "dropped and not stored" in page
    assert "7171010101800001" not in str(list(SubmissionRow.objects.values()))


def test_oversized_file_is_refused_before_it_is_kept(office_client, settings):
    settings.INTAKE_MAX_UPLOAD_BYTES = 1024 * 1024
    response = _upload(office_client, GOOD + "x;" * 600_000)
    assert response.status_code == 200
    assert "the limit is 1 MB" in response.content.decode()
    assert not Submission.objects.exists()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


def _macro_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["nama_usaha", "nib"])
    workbook.active.append(["UD A", "9120000000801"])
    source = io.BytesIO()
    workbook.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as archive:
        for item in original.infolist():
            archive.writestr(item, original.read(item.filename))
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return out.getvalue()


@pytest.mark.parametrize(("name", "content", "code"), [
    ("empty.csv", b"", "empty_file"),
    ("fake.xlsx", b"nama_usaha,nib\nUD A,9120000000801\n", "not_a_spreadsheet"),
    ("bomb.xlsx", _zip_bomb(), "zip_bomb"),
    ("macro.xlsx", _macro_workbook(), "macros"),
    ("macro.xlsm", _macro_workbook(), "macros"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy_xls"),
    ("binary.csv", b"\x00\x01\x02garbage\x00" * 50, "not_a_spreadsheet"),
])
def test_hostile_files_are_refused_with_the_engines_reason(office_client, name, content, code):
    response = _upload(office_client, content, name)
    submission = _latest()
    assert submission.status == "refused" and submission.refusal_code == code
    page = office_client.get(response["Location"]).content.decode()
    assert submission.refusal_message.split("(")[0][:30] in page
    assert not SubmissionRow.objects.exists() and not Enterprise.objects.exists()
    assert "Submit for review" not in page


def test_a_million_rows_are_refused_with_nothing_written(office_client, tmp_path):
    path = tmp_path / "million.csv"
    with path.open("wb") as out:
        out.write(b"nama_usaha,nib\n")
        out.write(b"UD A,9120000000901\n" * 1_000_000)
    with path.open("rb") as stream:
        office_client.post("/submissions/upload/", {"office": "ID-SA", "file": stream})
    submission = _latest()
    assert (submission.status, submission.refusal_code) == ("refused", "too_many_rows")
    assert not SubmissionRow.objects.exists() and not Enterprise.objects.exists()


def test_a_file_refused_part_way_leaves_no_preview_rows(office_client, tmp_path, settings):
    # Under the limit by its line count, over it once read (the estimate allows a margin
    # for title and blank lines): refused after the first chunk of rows was stored.
    settings.INTAKE_MAX_ROWS = 2500
    path = tmp_path / "long.csv"
    path.write_text("nama_usaha,nib\n" + "".join(
        f"UD {i},{9120000000000 + i}\n" for i in range(2520)))
    with path.open("rb") as stream:
        office_client.post("/submissions/upload/", {"office": "ID-SA", "file": stream})
    submission = _latest()
    assert (submission.status, submission.refusal_code) == ("refused", "too_many_rows")
    assert not SubmissionRow.objects.filter(submission=submission).exists()


# --- mapping ----------------------------------------------------------------------------


UNKNOWN = "Kolom Nama;Nomor Registrasi;Wilayah\nUD Peta;9120000001101;Minahasa\n"


def test_unrecognised_headers_are_mapped_by_hand_and_remembered(office_client):
    _upload(office_client, UNKNOWN)
    submission = _latest()
    assert submission.status == "refused"
    page = office_client.get(f"/submissions/{submission.pk}/").content.decode()
    assert f"/submissions/{submission.pk}/mapping/" in page

    mapping_page = office_client.get(f"/submissions/{submission.pk}/mapping/")
    assert mapping_page.status_code == 200
    assert "Kolom Nama" in mapping_page.content.decode()
    response = office_client.post(f"/submissions/{submission.pk}/mapping/", {
        "col_0": "legal_name", "col_1": "registration_id", "col_2": "regency",
        "const_subdivision": "ID-SA", "const_export_status": "ready"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "validated" and submission.counts["created"] == 1
    row = SubmissionRow.objects.get(submission=submission)
    assert row.values["export_status"] == "ready" and row.values["subdivision_id"] == "ID-SA"

    memory = OfficeMapping.objects.get(office_id="ID-SA")
    assert memory.aliases["kolom nama"] == "legal_name"
    assert memory.constants == {"subdivision": "ID-SA", "export_status": "ready"}
    assert SubmissionEvent.objects.filter(submission=submission, action="remapped").exists()

    # The office's next file with the same headers is read without asking again.
    _upload(office_client, UNKNOWN.replace("UD Peta;9120000001101", "UD Dua;9120000001102"))
    second = _latest()
    assert second.status == "validated"
    assert SubmissionRow.objects.get(submission=second).values["export_status"] == "ready"


def test_mapping_refuses_a_field_twice_and_missing_required(office_client):
    _upload(office_client, UNKNOWN)
    url = f"/submissions/{_latest().pk}/mapping/"
    twice = office_client.post(url, {"col_0": "legal_name", "col_1": "legal_name"})
    assert twice.status_code == 200 and "already taken" in twice.content.decode()
    missing = office_client.post(url, {"col_1": "registration_id"})  # the name is required
    assert "Choose the column that holds: Business name" in missing.content.decode()
    hostile = office_client.post(url, {"col_0": "nik", "col_1": "registration_id",
                                       "const_subdivision": "ID-KI"})
    assert hostile.status_code == 200
    assert not OfficeMapping.objects.exists()


def test_mapping_never_offers_identity_columns(office_client):
    _upload(office_client, "Nama Usaha;NIB;NIK\nUD Satu;9120000001201;7171010101800001\n")
    submission = _latest()
    page = office_client.get(f"/submissions/{submission.pk}/mapping/").content.decode()
    assert 'name="col_2"' not in page and "identity number" in page
    office_client.post(f"/submissions/{submission.pk}/mapping/", {
        "col_0": "legal_name", "col_1": "registration_id", "col_2": "description"})
    submission.refresh_from_db()
    assert submission.column_map["fields"].get("2") is None
    assert "7171010101800001" not in str(SubmissionRow.objects.get().values)


def test_mapping_page_shows_three_sample_values_and_how_each_column_was_read(office_client):
    _upload(office_client, "Kolom Nama;NIK;Nomor Registrasi;Nama Usha\n"
            "UD Satu;7171010101800001;9120000001401;a\n" ";7171010101800002;;b\n"
            "UD Dua;;9120000001402;c\n" "UD Tiga;;;d\n" "UD Empat;;;e\n")
    submission = _latest()
    page = office_client.get(f"/submissions/{submission.pk}/mapping/").content.decode()
    assert "UD Satu" in page and "UD Dua" in page and "UD Tiga" in page
    assert "UD Empat" not in page  # three values, the first non-empty ones
    assert "7171010101800001" not in page  # an identity column shows none
    assert "not recognised — map it" in page
    assert "recognised by a close spelling" in page  # "Nama Usha"
    assert '<option value="legal_name">Business name</option>' in page


def test_preview_shows_every_column_and_how_it_was_recognised(office_client):
    _upload(office_client, "No;Nama Usaha;NIB;Omzet (Rp juta);Aset (US$);Keterangan;NIK\n"
            "1;UD Kolom;9120000001501;150;10;aktif;7171010101800001\n")
    submission = _latest()
    assert submission.status == "validated"
    page = office_client.get(f"/submissions/{submission.pk}/").content.decode()
    assert 'data-testid="columns"' in page
    for text in ("Keterangan", "not recognised — map it", "Omzet (Rp juta)",
                 "Annual turnover", "× 1000000", "identity number: dropped, never stored",
                 "row numbers: not needed", "Business name"):
        assert text in page, text
    assert page.count('data-how="') == 7
    assert "USD" in page and "does not convert" in page  # the column's currency warning
    row = SubmissionRow.objects.get(submission=submission)
    assert row.values["annual_turnover"] == "150000000.00"


def test_a_file_without_a_registration_number_column_is_checked_not_refused(office_client):
    _upload(office_client, "Nama Usaha;Kabupaten/Kota\nUD Tanpa Nomor;Minahasa\n")
    submission = _latest()
    assert submission.status == "validated" and submission.counts["rows"] == 1


def test_mapping_is_closed_once_submitted(office_client):
    _upload(office_client, GOOD)
    submission = _latest()
    office_client.post(f"/submissions/{submission.pk}/submit/")
    office_client.post(f"/submissions/{submission.pk}/mapping/", {
        "col_0": "legal_name", "col_1": "registration_id"})
    submission.refresh_from_db()
    assert submission.status == "submitted"


# --- review, decisions and commit ---------------------------------------------------------


def test_full_review_flow_with_conflict_decisions(office_client, officer,
                                                  django_capture_on_commit_callbacks):
    owned = make_enterprise("ID-SA", legal_name="UD Pemilik", registration_id="9120000001301",
                            regency="Minahasa Utara", address="Jl. Pemilik", employees=5)
    Enterprise.objects.filter(pk=owned.pk).update(owner_edited_fields=["regency", "address"])
    content = HEADER + ("UD Pemilik;9120000001301;Minahasa;7;Jl. Kantor;\n"
                        "UD Baru;9120000001302;Bitung;3;;\n")
    _upload(office_client, content)
    submission = _latest()
    row = SubmissionRow.objects.get(submission=submission, action="update")
    assert sorted(row.conflicts) == ["address", "regency"]
    page = office_client.get(f"/submissions/{submission.pk}/?section=update").content.decode()
    assert f'name="d-{row.row}-regency"' in page and 'class="conflict"' in page

    # The officer takes the file's regency; a hostile choice for another field is dropped.
    office_client.post(f"/submissions/{submission.pk}/decisions/", {
        f"d-{row.row}-regency": "file", f"d-{row.row}-legal_name": "file",
        "d-9999-regency": "file", f"d-{row.row}-address": "bogus"})
    submission.refresh_from_db()
    assert submission.decisions == {str(row.row): {"regency": "file"}}

    office_client.post(f"/submissions/{submission.pk}/submit/")
    focal = _signed_in(focal_point_of("ID"))
    assert "Waiting for your review" in focal.get("/submissions/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = focal.post(f"/submissions/{submission.pk}/accept/",
                              {f"d-{row.row}-address": "owner"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "committed"
    owned.refresh_from_db()
    assert owned.regency == "Minahasa"  # the file's, as decided
    assert owned.address == "Jl. Pemilik"  # the owner's edit kept
    assert owned.employees == 7  # not edited by the owner: updated
    new = Enterprise.objects.get(registration_id="9120000001302")
    assert new.consent == "pending" and not Enterprise.objects.public().filter(pk=new.pk)

    actions = list(submission.events.values_list("action", flat=True))
    assert actions == ["uploaded", "validated", "decided", "submitted", "decided", "accepted",
                       "committed"]
    assert set(submission.events.values_list("file_sha256", flat=True)) == {submission.sha256}
    page = office_client.get(f"/submissions/{submission.pk}/").content.decode()
    assert submission.sha256 in page and "Officer Sulut" in page
    assert "Written to the registry" in page


def test_undecided_conflicts_keep_the_owners_value(office_client,
                                                   django_capture_on_commit_callbacks):
    owned = make_enterprise("ID-SA", registration_id="9120000001401", regency="Tondano")
    Enterprise.objects.filter(pk=owned.pk).update(owner_edited_fields=["regency"])
    _upload(office_client, HEADER + "UD X;9120000001401;Minahasa;;;\n")
    submission = _latest()
    office_client.post(f"/submissions/{submission.pk}/submit/")
    with django_capture_on_commit_callbacks(execute=True):
        _signed_in(focal_point_of("ID")).post(f"/submissions/{submission.pk}/accept/")
    owned.refresh_from_db()
    assert owned.regency == "Tondano"


def test_return_with_comment_then_resubmit(office_client):
    _upload(office_client, GOOD)
    submission = _latest()
    office_client.post(f"/submissions/{submission.pk}/submit/")
    focal = _signed_in(focal_point_of("ID"))
    empty = focal.post(f"/submissions/{submission.pk}/return/", {"comment": ""})
    assert empty.status_code == 400
    focal.post(f"/submissions/{submission.pk}/return/",
               {"comment": "<b>Periksa</b> omzet baris 3"})
    submission.refresh_from_db()
    assert submission.status == "returned"
    page = office_client.get(f"/submissions/{submission.pk}/").content.decode()
    assert "&lt;b&gt;Periksa&lt;/b&gt; omzet baris 3" in page
    office_client.post(f"/submissions/{submission.pk}/submit/")
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_a_step_in_the_wrong_status_is_explained_not_a_crash(office_client):
    _upload(office_client, GOOD)
    submission = _latest()
    office_client.post(f"/submissions/{submission.pk}/submit/")
    response = office_client.post(f"/submissions/{submission.pk}/submit/", follow=True)
    assert response.status_code == 200
    assert "not possible while the submission is" in response.content.decode()
    assert submission.events.filter(action="submitted").count() == 1


def test_get_on_a_step_is_not_allowed(office_client):
    _upload(office_client, GOOD)
    assert office_client.get(f"/submissions/{_latest().pk}/submit/").status_code == 405


def test_progress_fragment_polls_while_committing_and_refreshes_when_done(office_client):
    _upload(office_client, GOOD)
    submission = _latest()
    Submission.objects.filter(pk=submission.pk).update(status="committing", progress_done=1,
                                                       progress_total=4)
    fragment = office_client.get(f"/submissions/{submission.pk}/progress/",
                                 HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in text and 'value="25"' in text
    assert "HX-Refresh" not in fragment
    page = office_client.get(f"/submissions/{submission.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page  # without JavaScript
    Submission.objects.filter(pk=submission.pk).update(status="committed")
    done = office_client.get(f"/submissions/{submission.pk}/progress/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and "hx-trigger" not in done.content.decode()


def test_original_file_is_a_download(office_client):
    _upload(office_client, GOOD, name="<b>sulut</b>.csv")
    response = office_client.get(f"/submissions/{_latest().pk}/original")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).decode() == GOOD


def test_list_filters_by_status_and_secretariat_sees_all(office_client):
    _upload(office_client, GOOD, name="satu.csv")
    _upload(office_client, b"", name="kosong.csv")
    page = office_client.get("/submissions/?status=refused").content.decode()
    assert "kosong.csv" in page and "satu.csv" not in page
    assert office_client.get("/submissions/?status=<script>").status_code == 200
    everyone = _signed_in(secretariat()).get("/submissions/").content.decode()
    assert "kosong.csv" in everyone and "satu.csv" in everyone


# --- admin (read-only, scoped) -------------------------------------------------------------


def test_admin_shows_submissions_in_scope_read_only(office_client):
    _upload(office_client, GOOD, name="sulut-admin.csv")
    submission = _latest()
    changelist = office_client.get("/admin/intake/submission/")
    assert changelist.status_code == 200 and "sulut-admin.csv" in changelist.content.decode()
    change = office_client.get(f"/admin/intake/submission/{submission.pk}/change/")
    assert change.status_code == 200 and submission.sha256 in change.content.decode()
    assert 'name="_save"' not in change.content.decode()
    assert office_client.get("/admin/intake/submission/add/").status_code == 403
    assert office_client.post(f"/admin/intake/submission/{submission.pk}/delete/",
                              {"post": "yes"}).status_code == 403
    other = _signed_in(officer_of("ID-KI"))
    assert "sulut-admin.csv" not in other.get("/admin/intake/submission/").content.decode()
    assert other.get(f"/admin/intake/submission/{submission.pk}/change/").status_code == 404
    assert _signed_in(secretariat()).get(
        f"/admin/intake/submission/{submission.pk}/change/").status_code == 200
