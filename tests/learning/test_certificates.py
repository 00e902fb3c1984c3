"""Certificate of attendance: a PDF in the owner's language, only for who attended."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from etalase.learning import certificates
from etalase.learning.models import Enrolment, EnrolmentStatus
from tests.factories import make_enterprise, officer_of, owner_of
from tests.learning.helpers import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended():
    programme = make_programme(title="Pelatihan fermentasi kakao", language="id",
                               starts_at=timezone.now() - dt.timedelta(days=2), hours=5,
                               office_subdivision="ID-SA", office_country="ID")
    programme.translations.create(language_code="en", title="Cocoa fermentation training")
    enterprise = make_enterprise("ID-SA", legal_name="CV Kakao Minahasa Jaya")
    owner = owner_of(enterprise, full_name="Yohanis Lumowa", preferred_language="id")
    enrolment = Enrolment.objects.create(programme=programme, enterprise=enterprise,
                                         enrolled_by=owner, status=EnrolmentStatus.CONFIRMED,
                                         attended=True)
    return enrolment, owner


def latin_pdf(enrolment, language, monkeypatch, tmp_path):
    # The core font writes text as plain strings: readable in an uncompressed file.
    monkeypatch.setattr(certificates, "DEJAVU_DIR", tmp_path / "no-fonts")
    return certificates.certificate_pdf(enrolment, language=language, holder_name="Yohanis",
                                        compress=False)


@pytest.mark.parametrize(("language", "heading", "title"), [
    ("id", b"Sertifikat Kehadiran", b"Pelatihan fermentasi kakao"),
    ("ms", b"Sijil Kehadiran", b"Pelatihan fermentasi kakao"),
    ("fil", b"Sertipiko ng Pagdalo", b"Pelatihan fermentasi kakao"),
    ("en", b"Certificate of attendance", b"Cocoa fermentation training"),
])
def test_wording_and_title_in_the_language(attended, monkeypatch, tmp_path, language, heading,
                                           title):
    enrolment, _owner = attended
    body = latin_pdf(enrolment, language, monkeypatch, tmp_path)
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
    assert heading in body and title in body
    assert b"CV Kakao Minahasa Jaya" in body
    assert enrolment.certificate_code.encode() in body


def test_unknown_language_falls_back_to_english(attended, monkeypatch, tmp_path):
    body = latin_pdf(attended[0], "xx-evil", monkeypatch, tmp_path)
    assert b"Certificate of attendance" in body


def test_unicode_font_is_embedded_when_installed(attended):
    if not certificates.DEJAVU_DIR.joinpath("DejaVuSans.ttf").exists():
        pytest.skip("fonts-dejavu-core is not installed: the Helvetica path is tested above")
    body = certificates.certificate_pdf(attended[0], language="id")
    assert body.startswith(b"%PDF-") and b"DejaVu" in body


def test_owner_downloads_its_certificate_in_its_language(client, attended):
    enrolment, owner = attended
    client.force_login(owner)
    response = client.get(reverse("learning:certificate", args=[enrolment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_no_certificate_without_attendance_or_for_others(client, attended):
    enrolment, owner = attended
    url = reverse("learning:certificate", args=[enrolment.pk])
    client.force_login(owner_of(make_enterprise("ID-SA")))  # another owner
    assert client.get(url).status_code == 404
    client.force_login(officer_of("ID-KI"))  # another province's office
    assert client.get(url).status_code == 404
    client.force_login(officer_of("ID-SA"))  # the organiser may
    assert client.get(url).status_code == 200
    for attended_value in (None, False):
        Enrolment.objects.filter(pk=enrolment.pk).update(attended=attended_value)
        client.force_login(owner)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_verification_page(client, attended):
    enrolment, _owner = attended
    url = reverse("learning:certificate_verify", args=[enrolment.certificate_code])
    assert "CV Kakao Minahasa Jaya" in client.get(url).content.decode()
    assert client.get(reverse("learning:certificate_verify", args=["0" * 32])).status_code == 404
    Enrolment.objects.filter(pk=enrolment.pk).update(attended=False)
    assert client.get(url).status_code == 404
