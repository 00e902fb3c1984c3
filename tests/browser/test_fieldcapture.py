"""In Chromium, on a phone-sized screen: the officer finds the server address to type in
ODK Collect, then compares a record changed online meanwhile and keeps the field's value."""

import re

import pytest
from django.utils import timezone

from etalase.fieldcapture import services
from etalase.fieldcapture.models import FieldRecord
from etalase.intake.models import SubmissionRow
from tests.factories import make_enterprise, officer_of
from tests.fieldcapture.conftest import PASSWORD, instance_xml

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_compares_and_decides(page, screenshot_dir):
    officer = officer_of("ID-SA", email="petugas.browser@example.test")
    enterprise = make_enterprise("ID-SA", legal_name="UD Kopra Talaud Sejahtera",
                                 registration_id="9120000777001", phone="+6281244556677",
                                 regency="Kabupaten Kepulauan Talaud")
    opened = timezone.now()
    enterprise.phone = "+6281311112222"
    enterprise.save()
    received = services.receive(
        office_code="ID-SA", officer=officer, attachments={},
        xml=instance_xml(registration_id="9120000777001", phone="0812-4000-5000",
                         product_photo="", start=opened.isoformat()))
    assert received.status == 202

    page.goto("/accounts/login/?next=/fieldcapture/")
    page.get_by_label("E-mail").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/fieldcapture/$"))
    assert "/fieldcapture/ID-SA/" in page.locator("[data-testid=office] code").first.inner_text()
    page.screenshot(path=str(screenshot_dir / "fieldcapture-index.png"), full_page=True)

    page.get_by_test_id("held-count").get_by_role("link").click()
    record = page.get_by_test_id("held-record")
    assert "+6281311112222" in record.inner_text() and "0812-4000-5000" in record.inner_text()
    page.screenshot(path=str(screenshot_dir / "fieldcapture-held.png"), full_page=True)
    record.get_by_label("Take the value from the field").check()
    record.get_by_role("button", name="Use my choices").click()
    page.wait_for_url(re.compile(r"/fieldcapture/held/$"))
    assert page.get_by_test_id("held-record").count() == 0
    assert FieldRecord.objects.get().status == "in_submission"
    assert SubmissionRow.objects.get().diff["phone"][1] == "+6281240005000"
