"""The OpenRosa endpoints as ODK Collect uses them (FormListAPI, FormSubmissionAPI)."""

import hashlib

import pytest
from defusedxml import ElementTree as ET

from etalase.fieldcapture.models import FieldPhoto, FieldRecord
from etalase.intake.models import Submission, SubmissionRow
from tests.factories import officer_of
from tests.fieldcapture.conftest import headers, instance_xml, jpeg, post_instance

pytestmark = pytest.mark.django_db
NS = {"x": "http://openrosa.org/xforms/xformsList", "r": "http://openrosa.org/http/response"}


def _message(response) -> tuple[str, str]:
    node = ET.fromstring(response.content).find("r:message", NS)
    return node.get("nature", ""), node.text or ""


def test_form_list_names_the_office_form_with_hash_and_download_url(client, officer):
    response = client.get("/fieldcapture/ID-SA/formList", **headers(officer))
    assert response.status_code == 200
    assert response["X-OpenRosa-Version"] == "1.0" and response["Date"]
    form = ET.fromstring(response.content).find("x:xform", NS)
    assert form.findtext("x:formID", namespaces=NS) == "etalase_id_sa"
    assert form.findtext("x:hash", namespaces=NS).startswith("md5:")
    url = form.findtext("x:downloadUrl", namespaces=NS)
    download = client.get(url.replace("http://testserver", ""), **headers(officer))
    assert download.status_code == 200 and b'id="etalase_id_sa"' in download.content
    assert form.findtext("x:hash", namespaces=NS) == "md5:" + hashlib.md5(
        download.content, usedforsecurity=False).hexdigest()


def test_no_credentials_asks_for_basic(client):
    response = client.get("/fieldcapture/ID-SA/formList", HTTP_X_OPENROSA_VERSION="1.0")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic realm=")
    assert _message(response)[0] == "authentication_required"


def test_wrong_password_is_refused(client, officer):
    response = client.get("/fieldcapture/ID-SA/formList", **headers(officer, "wrong"))
    assert response.status_code == 401 and _message(response)[0] == "authentication_failed"


def test_basic_over_plain_http_is_refused_outside_development(client, officer, settings):
    settings.TESTING = settings.DEBUG = settings.DEV = False
    response = client.get("/fieldcapture/ID-SA/formList", **headers(officer))
    assert response.status_code == 403 and _message(response)[0] == "https_required"
    secure = client.get("/fieldcapture/ID-SA/formList", secure=True, **headers(officer))
    assert secure.status_code == 200


def test_head_negotiates_the_size(client, officer):
    response = client.head("/fieldcapture/ID-SA/submission", **headers(officer))
    assert response.status_code == 204
    assert int(response["X-OpenRosa-Accept-Content-Length"]) > 1_000_000
    assert response["X-OpenRosa-Version"] == "1.0"
    # Collect posts to the Location of a 204 on the same host.
    assert response["Location"] == "http://testserver/fieldcapture/ID-SA/submission"


def test_officer_page_gives_the_server_address(client, officer):
    client.force_login(officer)
    page = client.get("/fieldcapture/")
    assert page.status_code == 200
    assert b"http://testserver/fieldcapture/ID-SA/" in page.content
    assert b"etalase_id_sa" in page.content


def test_another_office_list_is_refused(client, officer):
    response = client.get("/fieldcapture/ID-GO/formList", **headers(officer))
    assert response.status_code == 403 and _message(response)[0] == "not_your_office"


def test_submission_lands_once_as_a_row_of_the_office_submission(client, officer):
    xml = instance_xml(instance_id="uuid:6f1c2b1e-2a39-4b8e-9f55-3c1d0b7a9e11")
    first = post_instance(client, officer, xml)
    assert first.status_code == 201, first.content
    assert _message(first)[0] == "submit_success"
    assert first["X-OpenRosa-Version"] == "1.0"
    again = post_instance(client, officer, xml)  # the phone did not see the first answer
    assert again.status_code == 201
    assert FieldRecord.objects.count() == 1 and FieldPhoto.objects.count() == 1
    submission = Submission.objects.get()
    assert submission.office_id == "ID-SA" and submission.status == "validated"
    row = SubmissionRow.objects.get(submission=submission)
    assert row.action == "create", row.problems
    assert row.values["legal_name"] == "UD Kopra Talaud Sejahtera"
    assert row.values["area_id"] == "ID-71.04"
    assert row.product["name"] == "Kopra putih"
    assert FieldRecord.objects.get().row == row.row


def test_second_record_is_the_next_row(client, officer):
    post_instance(client, officer, instance_xml())
    post_instance(client, officer, instance_xml(legal_name="CV Pala Siau", regency="ID-71.09",
                                                product="Pala kering", hs_code="090811"))
    submission = Submission.objects.get()
    assert list(submission.rows.values_list("row", flat=True)) == [2, 3]
    assert submission.counts["rows"] == 2


def test_the_submission_is_visible_only_to_that_office(client, officer):
    post_instance(client, officer, instance_xml())
    submission = Submission.objects.get()
    other = officer_of("ID-GO")
    client.force_login(other)
    assert client.get(f"/submissions/{submission.pk}/").status_code in (403, 404)
    client.force_login(officer)
    assert client.get(f"/submissions/{submission.pk}/").status_code == 200


def test_importer_rules_apply(client, officer):
    """A NIB of 12 digits passes no phone constraint here (sent by hand): the row is kept,
    rejected by the importer's check, as an uploaded file's row would be."""
    response = post_instance(client, officer, instance_xml(registration_id="912000000001"))
    assert response.status_code == 201
    row = SubmissionRow.objects.get()
    assert row.action == "rejected"
    assert any(p["field"] == "registration_id" for p in row.problems)


@pytest.mark.parametrize("xml, status, code", [
    (b"<data id='etalase_id_sa'><meta><instanceID>uuid:1", 400, "malformed_xml"),
    (b"<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaa'>]><data id='etalase_id_sa'>&a;"
     b"</data>", 400, "malformed_xml"),
    (b"<data><meta><instanceID>uuid:x</instanceID></meta></data>", 400, "not_an_instance"),
    (instance_xml(office="ID-GO"), 403, "other_office"),
])
def test_bad_instances_get_a_specific_answer_and_nothing_is_written(client, officer, xml,
                                                                    status, code):
    response = post_instance(client, officer, xml)
    assert response.status_code == status, response.content
    assert _message(response)[0] == code
    assert not FieldRecord.objects.exists() and not Submission.objects.exists()


def test_unknown_form_id(client, officer):
    xml = instance_xml().replace(b'id="etalase_id_sa"', b'id="bird_survey_v3"')
    response = post_instance(client, officer, xml)
    assert response.status_code == 404 and _message(response)[0] == "unknown_form"
    assert client.get("/fieldcapture/ID-SA/forms/bird_survey_v3.xml",
                      **headers(officer)).status_code == 404
    assert not FieldRecord.objects.exists()


def test_non_image_attachment_is_refused(client, officer):
    response = post_instance(client, officer, instance_xml(), photos={
        "1733563012345.jpg": b"<script>alert(1)</script>" * 40})
    assert response.status_code == 415 and _message(response)[0] == "attachment_not_image"
    assert not FieldRecord.objects.exists() and not Submission.objects.exists()


def test_oversized_attachment_is_refused(client, officer, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 10_000
    response = post_instance(client, officer, instance_xml(), photos={
        "1733563012345.jpg": jpeg(1200, 900) + b"\0" * 20_000})
    assert response.status_code == 413 and _message(response)[0] == "attachment_too_large"
    assert not FieldRecord.objects.exists() and not FieldPhoto.objects.exists()


def test_missing_instance_part(client, officer):
    response = client.post("/fieldcapture/ID-SA/submission", {"note": "x"}, **headers(officer))
    assert response.status_code == 400 and _message(response)[0] == "no_instance"


def test_script_in_answers_is_kept_as_text_only(client, officer):
    response = post_instance(client, officer, instance_xml(
        legal_name="<script>alert('x')</script> Toko Ikan", product_photo="", product=""),
        photos={})
    assert response.status_code == 201
    assert FieldRecord.objects.get().values["legal_name"].startswith("<script>")


def test_an_identity_number_is_never_kept(client, officer):
    """An owner's NIK typed where the NIB belongs: masked in the record, its XML and the
    submission's stored copy; the importer's check says what it is."""
    nik = "7171014507800003"
    response = post_instance(client, officer, instance_xml(registration_id=nik))
    assert response.status_code == 201
    record = FieldRecord.objects.get()
    assert nik not in record.xml and nik not in str(record.values)
    submission = Submission.objects.get()
    assert nik.encode() not in submission.file.read()
    row = SubmissionRow.objects.get()
    assert row.action == "rejected"
    assert [p["code"] for p in row.problems if p["field"] == "registration_id"] == ["personal_id"]


def test_an_officer_of_another_office_cannot_post_to_this_one(client, officer):
    other = officer_of("ID-GO")
    response = post_instance(client, other, instance_xml())
    assert response.status_code == 403 and _message(response)[0] == "not_your_office"
    assert not FieldRecord.objects.exists()


def test_unknown_office_in_the_address(client, officer):
    response = client.get("/fieldcapture/XX-ZZ/formList", **headers(officer))
    assert response.status_code == 403 and _message(response)[0] == "not_your_office"


def test_an_instance_over_the_size_limit(client, officer):
    xml = instance_xml(description="kopra " * 100_000)
    response = post_instance(client, officer, xml, photos={})
    assert response.status_code == 413 and _message(response)[0] == "instance_too_large"
    assert not FieldRecord.objects.exists()


def test_ten_kilobytes_in_an_answer_is_the_importer_too_long(client, officer):
    xml = instance_xml(legal_name="Kopra " * 2000, product_photo="")
    response = post_instance(client, officer, xml, photos={})
    assert response.status_code == 201
    row = SubmissionRow.objects.get()
    assert row.action == "rejected"
    assert [p["code"] for p in row.problems if p["field"] == "legal_name"] == ["too_long"]


def test_a_photo_named_but_not_sent(client, officer):
    response = post_instance(client, officer, instance_xml(), photos={})
    assert response.status_code == 400 and _message(response)[0] == "attachment_missing"
    assert not FieldRecord.objects.exists()


def test_form_list_for_one_form_id(client, officer):
    response = client.get("/fieldcapture/ID-SA/formList?formID=bird_survey", **headers(officer))
    assert response.status_code == 200
    assert ET.fromstring(response.content).find("x:xform", NS) is None


def test_a_verified_password_is_remembered_until_it_changes(client, officer, monkeypatch):
    from django.contrib.auth import backends

    calls = []
    real = backends.ModelBackend.authenticate
    monkeypatch.setattr(backends.ModelBackend, "authenticate",
                        lambda self, *a, **kw: calls.append(1) or real(self, *a, **kw))
    for _ in range(3):
        assert client.head("/fieldcapture/ID-SA/submission",
                           **headers(officer)).status_code == 204
    assert len(calls) == 1  # checked once, then remembered
    officer.set_password("another-horse-battery-staple")
    officer.save()
    assert client.head("/fieldcapture/ID-SA/submission", **headers(officer)).status_code == 401
    assert client.head("/fieldcapture/ID-SA/submission",
                       **headers(officer, "another-horse-battery-staple")).status_code == 204


@pytest.mark.parametrize("office, answers", [
    ("MY-12", {"legal_name": "Rumpai Laut Semporna Enterprise", "regency": "MY-12-semporna",
               "registration_id": "201901012345", "phone": "012-345 6789",
               "contact_person": "Puan Siti Aminah", "product": "Rumpai laut kering",
               "hs_code": "121221", "annual_turnover": "300000"}),
    ("PH-PLW", {"legal_name": "Kasoy ng Puerto Princesa", "regency": "PH-1731500000",
                "registration_id": "", "phone": "0917 123 4567",
                "contact_person": "Gng. Maria Dela Cruz", "product": "Inihaw na kasoy",
                "hs_code": "080132", "annual_turnover": "1500000"}),
])
def test_other_countries_offices(client, office, answers):
    officer = officer_of(office)
    response = post_instance(client, officer, instance_xml(office=office, **answers),
                             office=office)
    assert response.status_code == 201, response.content
    row = SubmissionRow.objects.get(submission__office_id=office)
    assert row.action == "create", row.problems
    assert row.values["area_id"] == answers["regency"]
    assert row.values["phone"].startswith("+60" if office == "MY-12" else "+63")


def test_two_copies_at_once_are_one_record(client, officer, monkeypatch):
    """The second of two simultaneous POSTs finds no record, then loses the insert race."""
    from etalase.fieldcapture import services

    xml = instance_xml(instance_id="uuid:9a7e3f10-3c55-4d1e-8f0a-2b6c4d8e1f00")
    assert post_instance(client, officer, xml).status_code == 201
    real = services._store
    calls = []

    def racing(instance, *args):
        calls.append(1)
        if len(calls) == 1:  # as if the first request's row were not visible yet
            from django.db import IntegrityError
            raise IntegrityError("fieldcapture_unique_instance_version")
        return real(instance, *args)

    monkeypatch.setattr(services, "_store", racing)
    response = post_instance(client, officer, xml)
    assert response.status_code == 201 and len(calls) == 2
    assert FieldRecord.objects.count() == 1


def test_admin_shows_an_office_only_its_records(client, officer):
    from tests.factories import secretariat

    post_instance(client, officer, instance_xml())
    other = officer_of("ID-GO", is_staff=True)
    client.force_login(other)
    listing = client.get("/admin/fieldcapture/fieldrecord/")
    assert listing.status_code == 200 and b"uuid:" not in listing.content
    record = FieldRecord.objects.get()
    assert client.get(f"/admin/fieldcapture/fieldrecord/{record.pk}/change/").status_code in (
        302, 404)
    client.force_login(secretariat(is_staff=True))
    assert record.instance_id.encode() in client.get("/admin/fieldcapture/fieldrecord/").content
