"""Matchmaking events through the API: an office's system creates the fair, buyers' and
MSMEs' systems register, meetings are proposed from the matches, each side answers, the
office schedules, everyone exports iCalendar — under the pages' rules, hostile input refused."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from etalase.matching.models import EventRegistration, MatchmakingEvent, Meeting
from tests.api.matching_world import BASE, post, token
from tests.factories import officer_of
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db


def _start() -> str:
    start = timezone.make_aware(dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=14), dt.time(9)))
    return start.isoformat()


EVENT = {"title": "Temu bisnis kakao Sulawesi Utara", "description": "Pameran di PLUT.",
         "mode": "onsite", "venue": "PLUT Manado", "subdivision": "ID-SA",
         "duration_minutes": 60, "slot_minutes": 20, "tables": 1}


@pytest.fixture
def office(world):
    return officer_of("ID-SA", email="officer@sulut.test")


def _event(client, office, **change) -> dict:
    response = post(client, f"{BASE}/events", {**EVENT, "starts_at": _start(), **change},
                    token(office))
    assert response.status_code == 201, response.content
    return response.json()


def _register_everyone(client, world, pk):
    for user, kind, target in ((world.buyer, "organisation", world.buyer_org.pk),
                               (world.owner_a, "enterprise", world.a.pk),
                               (world.owner_c, "enterprise", world.c.pk),
                               (world.owner_f, "enterprise", world.f.pk)):
        response = post(client, f"{BASE}/events/{pk}/registrations",
                        {"kind": kind, "id": target}, token(user))
        assert response.status_code == 201, response.content


def test_a_fair_from_creation_to_calendar(client, world, office):
    open_request(world, cocoa_request(world))
    event = _event(client, office)
    assert event["status"] == "open" and event["subdivision"] == "ID-SA"
    assert event["can_manage"] is True
    ends = dt.datetime.fromisoformat(event["ends_at"]) - dt.datetime.fromisoformat(
        event["starts_at"])
    assert ends == dt.timedelta(hours=1)
    pk = event["id"]
    _register_everyone(client, world, pk)
    listed = client.get(f"{BASE}/events/{pk}/registrations", **token(office)).json()
    assert [r["name"] for r in listed] == ["PT Cokelat Nusantara", "UD Kakao Minahasa",
                                           "CV Coklat Lama", "Kopi Toraja Sejahtera"]
    proposed = post(client, f"{BASE}/events/{pk}/proposals", {}, token(office))
    assert proposed.status_code == 201
    # The matches decide, as on the page: A and C fit the cocoa request, F (coffee) does not.
    meetings = proposed.json()
    assert [(m["enterprise_id"], m["score"]) for m in meetings] == [(world.a.pk, 109),
                                                                   (world.c.pk, 94)]
    assert meetings[0]["reasons"][0] == "HS 1801.00 exact"
    for meeting, owner in zip(meetings, (world.owner_a, world.owner_c), strict=True):
        url = f"{BASE}/events/{pk}/meetings/{meeting['id']}/answer"
        assert post(client, url, {"accept": True}, token(world.buyer)).json()["my_side"] == \
            "buyer"
        answered = post(client, url, {"accept": True}, token(owner)).json()
        assert answered["status"] == "accepted" and answered["my_side"] == "supplier"
    plan = post(client, f"{BASE}/events/{pk}/schedule", {}, token(office)).json()
    assert plan["unscheduled"] == []
    assert [(m["enterprise_id"], m["table"]) for m in plan["scheduled"]] == [
        (world.a.pk, 1), (world.c.pk, 1)]
    assert plan["scheduled"][1]["starts_at"] == plan["scheduled"][0]["ends_at"]
    # Each participant sees and exports its own meetings; the organiser all of them.
    own = client.get(f"{BASE}/events/{pk}/meetings", **token(world.owner_c)).json()
    assert [m["supplier"] for m in own] == ["CV Coklat Lama"]
    ics = client.get(f"{BASE}/events/{pk}/calendar.ics", **token(world.owner_c))
    assert ics["Content-Type"].startswith("text/calendar")
    items = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    assert len(items) == 1 and "CV Coklat Lama" in str(items[0]["SUMMARY"])
    organiser = Calendar.from_ical(client.get(f"{BASE}/events/{pk}/calendar.ics",
                                              **token(office)).content)
    assert len(list(organiser.walk("VEVENT"))) == 2
    # The notices the services sent are readable through the API too.
    notices = client.get(f"{BASE}/notifications?unread=true", **token(world.owner_c)).json()
    assert {n["kind"] for n in notices["items"]} == {"meeting", "schedule"}


def test_who_may_do_what(client, world, office):
    buyer = token(world.buyer)
    refused = post(client, f"{BASE}/events", {**EVENT, "starts_at": _start()}, buyer)
    assert refused.status_code == 403
    other_province = post(client, f"{BASE}/events", {**EVENT, "starts_at": _start()},
                          token(officer_of("ID-KI")))
    assert other_province.status_code == 403
    assert not MatchmakingEvent.objects.exists()
    pk = _event(client, office)["id"]
    # An owner registers only its own enterprise; a buyer only its own company.
    assert post(client, f"{BASE}/events/{pk}/registrations",
                {"kind": "enterprise", "id": world.a.pk}, token(world.owner_c)
                ).status_code == 404
    assert post(client, f"{BASE}/events/{pk}/registrations",
                {"kind": "organisation", "id": world.other_org.pk}, buyer).status_code == 404
    assert not EventRegistration.objects.exists()
    # Organisers' operations are refused to participants like missing objects.
    for path in ("registrations",):
        assert client.get(f"{BASE}/events/{pk}/{path}", **buyer).status_code == 404
    for path in ("proposals", "schedule"):
        assert post(client, f"{BASE}/events/{pk}/{path}", {}, buyer).status_code == 404
    # Writes need a token; a browser session reads only.
    client.force_login(world.buyer)
    assert client.get(f"{BASE}/events/{pk}").status_code == 200
    assert post(client, f"{BASE}/events/{pk}/registrations",
                {"kind": "organisation", "id": world.buyer_org.pk}, {}).status_code == 401
    client.logout()
    assert client.get(f"{BASE}/events").status_code == 401
    assert client.get(f"{BASE}/events", HTTP_AUTHORIZATION="Bearer et_wrong").status_code == 401


def test_drafts_are_the_organisers_and_closed_events_refuse_registration(client, world,
                                                                       office):
    draft = _event(client, office, status="draft")["id"]
    assert client.get(f"{BASE}/events/{draft}", **token(world.buyer)).status_code == 404
    listed = client.get(f"{BASE}/events", **token(world.buyer)).json()
    assert listed["count"] == 0
    assert client.get(f"{BASE}/events?mine=true", **token(office)).json()["count"] == 1
    shown = _event(client, office)["id"]
    post(client, f"{BASE}/events/{shown}/registrations",
         {"kind": "organisation", "id": world.buyer_org.pk}, token(world.buyer))
    as_buyer = client.get(f"{BASE}/events", **token(world.buyer)).json()["items"]
    assert [(e["id"], e["can_manage"], e["registration_count"]) for e in as_buyer] == [
        (shown, False, 1)]
    as_office = client.get(f"{BASE}/events", **token(office)).json()["items"]
    assert {(e["id"], e["can_manage"]) for e in as_office} == {(draft, True), (shown, True)}
    assert client.get(f"{BASE}/events?mine=true", **token(world.other_buyer)
                      ).json()["count"] == 0
    assert client.get(f"{BASE}/events", **token(officer_of("ID-KI"))).json()["count"] == 1
    MatchmakingEvent.objects.filter(pk=draft).update(status="closed")
    closed = post(client, f"{BASE}/events/{draft}/registrations",
                  {"kind": "organisation", "id": world.buyer_org.pk}, token(world.buyer))
    assert closed.status_code == 409
    assert "closed" in str(closed.json()["detail"])


@pytest.mark.parametrize("title", ["Temu bisnis kakao", "Pertemuan perniagaan koko Sabah",
                                   "Pulong-negosyo sa kakaw", "<script>alert(1)</script>"])
def test_titles_in_four_languages_come_back_as_data(client, world, office, title):
    event = _event(client, office, title=title)
    assert client.get(f"{BASE}/events/{event['id']}", **token(office)).json()["title"] == title


@pytest.mark.parametrize("change, status", [
    ({"title": ""}, 422), ({"title": "x" * 10_000}, 422), ({"subdivision": "ZZ-999"}, 404),
    ({"subdivision": "<b>"}, 422), ({"tables": 0}, 422), ({"slot_minutes": 1000}, 422),
    ({"duration_minutes": 0}, 422), ({"mode": "hybrid"}, 422), ({"status": "closed"}, 422),
    ({"starts_at": "9999-12-31T23:59:00+00:00"}, 422),
    ({"starts_at": "0001-01-01T00:00:00+05:00"}, 422), ({"starts_at": "tomorrow"}, 422),
])
def test_hostile_event_bodies_are_refused(client, world, office, change, status):
    response = post(client, f"{BASE}/events", {**EVENT, "starts_at": _start(), **change},
                    token(office))
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert not MatchmakingEvent.objects.exists()


def test_unknown_ids_and_other_events_meetings(client, world, office):
    open_request(world, cocoa_request(world))
    first = _event(client, office)["id"]
    second = _event(client, office)["id"]
    _register_everyone(client, world, first)
    meeting = post(client, f"{BASE}/events/{first}/proposals", {}, token(office)).json()[0]
    wrong_event = f"{BASE}/events/{second}/meetings/{meeting['id']}/answer"
    assert post(client, wrong_event, {"accept": True}, token(world.buyer)).status_code == 404
    stranger = f"{BASE}/events/{first}/meetings/{meeting['id']}/answer"
    assert post(client, stranger, {"accept": True}, token(world.other_buyer)).status_code == 404
    assert Meeting.objects.get(pk=meeting["id"]).buyer_accepted is None
    for path in ("/events/0", "/events/99999999999999999999", "/events/abc",
                 "/events/999999/calendar.ics"):
        response = client.get(f"{BASE}{path}", **token(office))
        assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
