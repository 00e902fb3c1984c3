"""The issue's acceptance check for programmes, in Chromium: an owner filters the programmes
its enterprise is eligible for, enrols, downloads the calendar file; the organiser marks
attendance; the owner downloads the certificate of attendance (a PDF)."""

import datetime as dt
import re

import icalendar
import pytest
from django.utils import timezone

from etalase.learning.models import Enrolment, EnrolmentStatus, Programme
from tests.factories import make_enterprise, make_product, officer_of, owner_of
from tests.learning.helpers import make_programme, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's default


def sign_in(page, user, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + r"(\?.*)?$"))


def sign_out(page) -> None:
    page.locator("nav.main-nav").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_owner_enrols_organiser_marks_attendance_owner_gets_certificate(page, tmp_path,
                                                                       screenshot_dir):
    enterprise = make_enterprise("ID-SA", legal_name="CV Kakao Minahasa", size_class="micro")
    make_product(enterprise, hs_code_id="180100")
    owner = owner_of(enterprise, full_name="Stevanus Pangemanan", preferred_language="id")
    organiser = officer_of("ID-SA", full_name="Officer Sulut")
    provider = make_provider()
    starts = (timezone.now() + dt.timedelta(days=12)).replace(second=0, microsecond=0)
    cocoa = make_programme(provider=provider, title="Pelatihan fermentasi kakao",
                           time_zone="Asia/Jayapura", starts_at=starts, capacity=10,
                           office_subdivision="ID-SA", office_country="ID",
                           subdivisions=["ID-SA"], hs_chapters=["18"])
    make_programme(provider=provider, title="Latihan rumpai laut Sabah", subdivisions=["MY-12"])
    make_programme(provider=provider, title="Pelatihan kopi", hs_chapters=["09"])

    # 1. The owner filters the programmes its enterprise is eligible for.
    sign_in(page, owner, "/programmes/")
    cards = page.get_by_test_id("programme")
    assert cards.count() == 3
    page.get_by_label("Only programmes my enterprise is eligible for").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"eligible=1"))
    assert cards.count() == 1
    assert "Pelatihan fermentasi kakao" in cards.first.inner_text()
    page.screenshot(path=str(screenshot_dir / "learning-eligible.png"), full_page=True)

    # 2. It enrols and downloads the calendar file.
    cards.first.get_by_role("link", name="Pelatihan fermentasi kakao").click()
    page.wait_for_url(re.compile(rf"/programmes/{cocoa.pk}/$"))
    page.get_by_test_id("enrol").click()
    page.wait_for_url(re.compile(rf"/programmes/{cocoa.pk}/$"))
    assert page.get_by_test_id("my-enrolment").get_attribute("data-status") == "confirmed"
    with page.expect_download() as download_info:
        page.get_by_test_id("ics").click()
    ics = tmp_path / "programme.ics"
    download_info.value.save_as(ics)
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "Asia/Jayapura"
    assert event.decoded("dtstart").astimezone(dt.UTC) == starts.astimezone(dt.UTC)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jayapura"]
    sign_out(page)

    # The day comes: the programme starts.
    Programme.objects.filter(pk=cocoa.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=2))

    # 3. The organiser marks attendance.
    organiser_path = f"/programmes/{cocoa.pk}/organiser/"
    sign_in(page, organiser, organiser_path)
    row = page.get_by_test_id("confirmed").locator("tbody tr")
    assert row.count() == 1 and "CV Kakao Minahasa" in row.inner_text()
    row.locator("input[name=present]").check()
    page.get_by_test_id("save-attendance").click()
    page.wait_for_url(re.compile(re.escape(organiser_path) + "$"))
    assert row.locator("input[name=present]").is_checked()
    assert Enrolment.objects.get(programme=cocoa).attended is True
    page.screenshot(path=str(screenshot_dir / "learning-organiser.png"), full_page=True)
    sign_out(page)

    # 4. The owner downloads the certificate of attendance.
    sign_in(page, owner, f"/programmes/{cocoa.pk}/")
    with page.expect_download() as download_info:
        page.get_by_test_id("certificate").click()
    pdf = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf)
    body = pdf.read_bytes()
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
    assert download_info.value.suggested_filename.endswith(".pdf")
    enrolment = Enrolment.objects.get(programme=cocoa)
    assert enrolment.status == EnrolmentStatus.CONFIRMED

