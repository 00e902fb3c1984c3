"""iCalendar output, parsed back with the `icalendar` package: TZID, VTIMEZONE, instants."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from etalase.learning import ical, services
from etalase.learning.models import CalendarFeed
from tests.factories import make_enterprise, make_user, owner_of
from tests.learning.helpers import XSS, make_programme

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def events(body: bytes) -> list:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


@pytest.mark.parametrize(("zone", "offset"), [
    ("Asia/Jakarta", 7), ("Asia/Makassar", 8), ("Asia/Jayapura", 9), ("Asia/Kuching", 8),
    ("Asia/Manila", 8), ("Asia/Brunei", 8),
])
def test_programme_file_keeps_its_zone_and_the_instant(client, zone, offset):
    starts = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo(zone))  # 09:00 local
    programme = make_programme(starts_at=starts, hours=3, time_zone=zone)
    response = client.get(reverse("learning:ics", args=[programme.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert f"DTSTART;TZID={zone}:20260302T090000".encode() in body
    calendar = icalendar.Calendar.from_ical(body)
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == [zone]
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.astimezone(UTC) == dt.datetime(2026, 3, 2, 9 - offset, 0, tzinfo=UTC)
    assert event.decoded("dtend").astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=3)
    assert str(event["uid"]) == f"programme-{programme.pk}@programmes.etalase"


def test_vtimezone_offset_matches_the_zone():
    starts = dt.datetime(2026, 5, 1, 8, tzinfo=ZoneInfo("Asia/Jayapura"))
    programme = make_programme(starts_at=starts, time_zone="Asia/Jayapura")
    calendar = icalendar.Calendar.from_ical(ical.programme_calendar(programme, "en"))
    (vtimezone,) = calendar.walk("VTIMEZONE")
    standard = vtimezone.walk("STANDARD")[0]
    assert standard.decoded("tzoffsetto") == dt.timedelta(hours=9)


def test_text_in_the_requested_language_and_special_characters_survive(client):
    programme = make_programme(title=f"Ekspor; kakao, {XSS}", language="id")
    programme.translations.create(language_code="en", title="Cocoa export, step by step")
    client.cookies["etalase_language"] = "en"
    (event,) = events(client.get(reverse("learning:ics", args=[programme.pk])).content)
    assert str(event["summary"]) == "Cocoa export, step by step"
    client.cookies["etalase_language"] = "id"
    (event,) = events(client.get(reverse("learning:ics", args=[programme.pk])).content)
    assert str(event["summary"]) == f"Ekspor; kakao, {XSS}"  # escaped by iCalendar, intact


def test_unpublished_programme_has_no_public_file(client):
    programme = make_programme(published=False)
    assert client.get(reverse("learning:ics", args=[programme.pk])).status_code == 404


def test_user_feed_lists_active_enrolments_with_status(client):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    confirmed = make_programme(capacity=5, time_zone="Asia/Jayapura")
    full = make_programme(capacity=0, time_zone="Asia/Manila")
    cancelled = make_programme()
    for programme in (confirmed, full, cancelled):
        services.enrolment_create(user=owner, programme_id=programme.pk,
                                  enterprise_id=enterprise.pk)
    services.enrolment_cancel(user=owner, enrolment_id=cancelled.enrolments.get().pk)
    make_programme()  # not enrolled: not in the feed
    feed = services.calendar_feed_for(user=owner)
    client.logout()  # calendar apps fetch without a session
    response = client.get(reverse("learning:feed", args=[feed.token]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    found = {str(e["uid"]): str(e["status"]) for e in calendar.walk("VEVENT")}
    assert found == {f"programme-{confirmed.pk}@programmes.etalase": "CONFIRMED",
                     f"programme-{full.pk}@programmes.etalase": "TENTATIVE"}
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Asia/Jayapura",
                                                                      "Asia/Manila"}
    for event in calendar.walk("VEVENT"):
        programme = confirmed if str(event["status"]) == "CONFIRMED" else full
        assert event.decoded("dtstart").astimezone(UTC) == programme.starts_at.astimezone(UTC)


def test_feed_token_unknown_or_reset_is_404(client):
    user = make_user()
    old = services.calendar_feed_for(user=user).token
    new = services.calendar_feed_reset(user=user).token
    assert old != new
    assert client.get(reverse("learning:feed", args=[old])).status_code == 404
    assert client.get(reverse("learning:feed", args=[new])).status_code == 200
    assert client.get(reverse("learning:feed", args=["x" * 40])).status_code == 404
    assert client.get("/programmes/feed/..%2F..%2Fetc.ics").status_code == 404


def test_feed_of_a_deactivated_user_is_closed(client):
    user = make_user()
    token = services.calendar_feed_for(user=user).token
    user.is_active = False
    user.save()
    assert client.get(reverse("learning:feed", args=[token])).status_code == 404


def test_feed_page_shows_address_only_to_its_owner(client):
    user = make_user()
    client.force_login(user)
    client.post(reverse("learning:feed_reset"))
    token = CalendarFeed.objects.get(user=user).token
    assert token in client.get(reverse("learning:mine")).content.decode()
    other = make_user()
    client.force_login(other)
    assert token not in client.get(reverse("learning:mine")).content.decode()
