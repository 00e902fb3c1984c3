"""Matchmaking events: an office creates, buyers and MSMEs register, meetings are proposed
from the matches, both sides accept, the schedule never double-books, iCalendar export."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from etalase.matching import events
from etalase.matching.models import EventRegistration, Meeting
from etalase.regions.models import Subdivision
from tests.factories import officer_of
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    officer = officer_of("ID-SA", email="officer@sulut.test")
    start = timezone.make_aware(dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=14), dt.time(9)))
    created = events.event_create(actor=officer, title="Sulut cocoa showcase",
                                  subdivision=Subdivision.objects.get(code="ID-SA"),
                                  mode="onsite", venue="PLUT Manado",
                                  starts_at=start, ends_at=start + dt.timedelta(hours=1),
                                  slot_minutes=20, tables=1)
    created.officer = officer
    return created


def register_all(world, event):
    events.event_register(actor=world.buyer, event=event, organisation=world.buyer_org)
    for owner, enterprise in ((world.owner_a, world.a), (world.owner_c, world.c),
                              (world.owner_f, world.f)):
        events.event_register(actor=owner, event=event, enterprise=enterprise)


def test_the_whole_event_path(client, world, event):
    open_request(world, cocoa_request(world))
    register_all(world, event)
    made = events.event_propose_meetings(actor=event.officer, event=event)
    # From the matches: A and C fit the buyer's cocoa request; F (coffee) does not.
    assert [(m.enterprise_id, m.score) for m in made] == [(world.a.pk, 109), (world.c.pk, 94)]
    assert "HS 1801.00 exact" in made[0].reasons[0]
    for meeting in made:
        events.meeting_respond(actor=world.buyer, meeting=meeting, accept=True)
    events.meeting_respond(actor=world.owner_a, meeting=made[0], accept=True)
    events.meeting_respond(actor=world.owner_c, meeting=made[1], accept=True)
    plan = events.event_schedule(actor=event.officer, event=event)
    meetings = {m.enterprise_id: m for m in Meeting.objects.all()}
    # One buyer, one table: the two meetings take the first two slots, best score first.
    assert meetings[world.a.pk].starts_at == event.starts_at
    assert meetings[world.c.pk].starts_at == event.starts_at + dt.timedelta(minutes=20)
    assert {m.status for m in meetings.values()} == {"scheduled"}
    assert plan.unscheduled == ()
    # Each side sees its own meetings and exports them.
    client.force_login(world.owner_c)
    page = client.get(reverse("matching:event_detail", args=[event.pk])).content.decode()
    assert "CV Coklat Lama" in page and "UD Kakao Minahasa" not in page
    ics = client.get(reverse("matching:event_ical", args=[event.pk]))
    calendar = Calendar.from_ical(ics.content)
    items = [c for c in calendar.walk("VEVENT")]
    assert len(items) == 1 and "CV Coklat Lama" in str(items[0]["SUMMARY"])
    client.force_login(event.officer)
    organiser = Calendar.from_ical(client.get(reverse("matching:event_ical",
                                                      args=[event.pk])).content)
    assert len(list(organiser.walk("VEVENT"))) == 2


def test_a_declined_meeting_is_never_scheduled(world, event):
    open_request(world, cocoa_request(world))
    register_all(world, event)
    first, _second = events.event_propose_meetings(actor=event.officer, event=event)
    events.meeting_respond(actor=world.buyer, meeting=first, accept=True)
    events.meeting_respond(actor=world.owner_a, meeting=first, accept=False)
    events.event_schedule(actor=event.officer, event=event)
    first.refresh_from_db()
    assert first.status == "declined" and first.starts_at is None
    # Proposing again does not duplicate pairs.
    assert events.event_propose_meetings(actor=event.officer, event=event) == []


def test_more_accepted_meetings_than_slots_are_reported_unscheduled(world, event):
    open_request(world, cocoa_request(world))
    register_all(world, event)
    event.ends_at = event.starts_at + dt.timedelta(minutes=20)
    event.save()
    made = events.event_propose_meetings(actor=event.officer, event=event)
    for meeting in made:
        events.meeting_respond(actor=world.buyer, meeting=meeting, accept=True)
    events.meeting_respond(actor=world.owner_a, meeting=made[0], accept=True)
    events.meeting_respond(actor=world.owner_c, meeting=made[1], accept=True)
    plan = events.event_schedule(actor=event.officer, event=event)
    assert plan.unscheduled == (made[1].pk,)
    made[1].refresh_from_db()
    assert made[1].status == "unscheduled"


def test_who_may_do_what(client, world, event):
    other_officer = officer_of("ID-KI")
    with pytest.raises(PermissionDenied):
        events.event_propose_meetings(actor=other_officer, event=event)
    with pytest.raises(PermissionDenied):
        events.event_create(actor=world.buyer, title="x", starts_at=event.starts_at,
                            ends_at=event.ends_at)
    with pytest.raises(PermissionDenied):
        events.event_create(actor=other_officer, title="not my province",
                            subdivision=event.subdivision, starts_at=event.starts_at,
                            ends_at=event.ends_at)
    with pytest.raises(PermissionDenied):
        events.event_register(actor=world.owner_a, event=event, enterprise=world.c)
    with pytest.raises(ValidationError):
        events.event_register(actor=world.buyer, event=event)
    client.force_login(world.owner_a)
    response = client.post(reverse("matching:event_register", args=[event.pk]),
                           {"kind": "enterprise", "id": world.c.pk})
    assert response.status_code == 404
    assert client.post(reverse("matching:event_register", args=[event.pk]),
                       {"kind": "<script>", "id": "x"}).status_code == 404
    assert client.post(reverse("matching:event_propose", args=[event.pk])).status_code == 404
    assert not EventRegistration.objects.exists()


def test_the_event_form_refuses_an_end_before_the_start(client, world, event):
    client.force_login(event.officer)
    response = client.post(reverse("matching:event_create"), {
        "title": "x", "mode": "onsite", "starts_at": "2030-01-01T10:00",
        "ends_at": "2030-01-01T09:00", "slot_minutes": "20", "tables": "3",
        "subdivision": "ID-SA"})
    assert "The end is before the start" in response.content.decode()
    response = client.post(reverse("matching:event_create"), {
        "title": "Showcase", "mode": "online", "starts_at": "2030-01-01T09:00",
        "ends_at": "2030-01-01T12:00", "slot_minutes": "20", "tables": "3",
        "subdivision": "ID-KI"})  # not the officer's province: not a choice
    assert response.status_code == 200 and "valid choice" in response.content.decode()
