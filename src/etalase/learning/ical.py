"""iCalendar files: one per programme, and a per-user feed of its enterprises' programmes.

Times are written in the programme's own zone (DTSTART;TZID=Asia/Jayapura:…) with the
matching VTIMEZONE block, so a calendar shows 09:00 WIT in Jayapura and 08:00 in Manila.
"""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.urls import reverse
from django.utils import timezone, translation

from etalase.learning.models import Enrolment, EnrolmentStatus, Mode, Programme
from etalase.learning.notifications import site_url

PRODID = "-//Etalase//Programmes//EN"
UID_DOMAIN = "programmes.etalase"


def _event(programme: Programme, language: str, *, enrolment: Enrolment | None = None
           ) -> icalendar.Event:
    zone = ZoneInfo(programme.time_zone)
    title, description = programme.text_in(language)
    url = site_url() + reverse("learning:detail", args=[programme.pk])
    event = icalendar.Event()
    event.add("uid", f"programme-{programme.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", programme.starts_at.astimezone(zone))
    event.add("dtend", programme.ends_at.astimezone(zone))
    event.add("summary", title)
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    event.add("last-modified", programme.updated_at)
    if programme.mode in (Mode.ON_SITE, Mode.HYBRID) and programme.venue:
        event.add("location", programme.venue)
    elif programme.mode == Mode.ONLINE:
        event.add("location", "Online")
    event.add("organizer", f"mailto:no-reply@{UID_DOMAIN}",
              parameters={"CN": programme.provider.name})
    if enrolment is not None:
        # A waiting-list place is not a commitment yet: calendars show it as tentative.
        event.add("status", "CONFIRMED" if enrolment.status == EnrolmentStatus.CONFIRMED
                  else "TENTATIVE")
    return event


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def programme_calendar(programme: Programme, language: str | None = None) -> bytes:
    language = language or translation.get_language() or "en"
    cal = _calendar(programme.text_in(language)[0])
    cal.add("method", "PUBLISH")
    cal.add_component(_event(programme, language))
    cal.add_missing_timezones()
    return cal.to_ical()


def enrolment_feed(enrolments: Iterable[Enrolment], *, name: str,
                   language: str | None = None) -> bytes:
    """The user's feed: active enrolments of its enterprises (one event per programme)."""
    language = language or translation.get_language() or "en"
    cal = _calendar(name)
    seen: set[int] = set()
    for enrolment in enrolments:
        if enrolment.status == EnrolmentStatus.CANCELLED or enrolment.programme_id in seen:
            continue
        seen.add(enrolment.programme_id)
        cal.add_component(_event(enrolment.programme, language, enrolment=enrolment))
    cal.add_missing_timezones()
    return cal.to_ical()
