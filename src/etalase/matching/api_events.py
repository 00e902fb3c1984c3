"""HTTP API for matchmaking events (mounted with the matching router at /api/v1/matching).

What the event pages do, through the same service functions (matching.events) and the same
permission functions: an office creates an event, buyers and MSMEs register, the office
proposes meetings from the matches, each side accepts or declines, the office builds the
schedule, and every participant exports its meetings as iCalendar (RFC 5545).

Reads accept a browser session or a bearer token, writes a bearer token only (see api.py).
Objects outside a caller's reach answer 404 like missing ones; a schema-valid call that the
event's state refuses (registration closed) answers 409.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from etalase.accounts import permissions
from etalase.accounts.models import Organisation
from etalase.enterprises.models import Enterprise
from etalase.matching import events as event_services
from etalase.matching.api_common import conflict, signed_in, writer
from etalase.matching.models import (
    EventRegistration,
    EventStatus,
    MatchmakingEvent,
    Meeting,
)
from etalase.matching.models.events import EventMode
from etalase.regions.models import Subdivision
from etalase.regions.schemas import MAX_ID, SUBDIVISION_CODE, ErrorOut, Page

router = Router(tags=["matching events"])
# Long enough for a fair of two weeks; an event is a block of meeting slots.
MAX_EVENT_MINUTES = 14 * 24 * 60


class EventIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    mode: EventMode = EventMode.ONSITE
    venue: str = Field("", max_length=300, description="Place, or the meeting link.")
    subdivision: str | None = Field(None, pattern=SUBDIVISION_CODE,
                                    description="Province / state code (ISO 3166-2); it must "
                                    "lie in the caller's area. Null: a regional event.")
    starts_at: dt.datetime = Field(description="When the first meeting slot starts.")
    duration_minutes: int = Field(..., ge=5, le=MAX_EVENT_MINUTES,
                                  description="Length of the meeting block; it ends then.")
    slot_minutes: int = Field(20, ge=5, le=240)
    tables: int = Field(5, ge=1, le=200, description="Meetings at the same time.")
    status: Literal["draft", "open"] = Field(
        "open", description="A draft is seen by its organisers only.")


class EventOut(Schema):
    id: int
    title: str
    description: str
    mode: str
    venue: str
    subdivision: str | None = Field(None, alias="subdivision_id")
    starts_at: dt.datetime
    ends_at: dt.datetime
    slot_minutes: int
    tables: int
    status: str
    registration_count: int = 0
    can_manage: bool = Field(False, description="Whether the caller organises this event.")

    @staticmethod
    def resolve_can_manage(obj, context) -> bool:
        """Lists know the caller's events once (list_events); one event asks."""
        if isinstance(obj, dict):
            return obj["can_manage"]
        return obj.pk in context["request"].managed_event_ids


class RegistrationIn(Schema):
    kind: Literal["organisation", "enterprise"] = Field(
        description="Register your buyer company or your enterprise.")
    id: int = Field(..., ge=1, le=MAX_ID)


class RegistrationOut(Schema):
    id: int
    kind: str
    organisation_id: int | None
    enterprise_id: int | None
    name: str
    created_at: dt.datetime


class MeetingOut(Schema):
    id: int
    event_id: int
    organisation_id: int
    buyer: str
    enterprise_id: int
    supplier: str
    request_id: int | None
    score: int
    reasons: list[str]
    buyer_accepted: bool | None
    supplier_accepted: bool | None
    status: str
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    table: int | None
    my_side: Literal["buyer", "supplier"] | None = Field(
        None, description="Which side the caller answers for (null for organisers).")


class MeetingAnswerIn(Schema):
    accept: bool = Field(strict=True)  # strict: 0 or "yes" is not an answer


class ScheduleOut(Schema):
    scheduled: list[MeetingOut]
    unscheduled: list[int] = Field(description="Accepted meetings that found no free slot.")


def _event_out(request: HttpRequest, event: MatchmakingEvent) -> dict:
    return {**{f: getattr(event, f) for f in (
        "id", "title", "description", "mode", "venue", "subdivision_id", "starts_at",
        "ends_at", "slot_minutes", "tables", "status")},
        "registration_count": event.registrations.count(),
        "can_manage": permissions.can_manage_matchmaking_event(request.user, event)}


def _visible_event(request: HttpRequest, pk: int) -> MatchmakingEvent:
    """The page's rule: a draft is seen by its organisers only."""
    event = MatchmakingEvent.objects.filter(pk=pk).first()
    if event is None or (event.status == EventStatus.DRAFT
                         and not permissions.can_manage_matchmaking_event(request.user, event)):
        raise Http404
    return event


def _managed_event(request: HttpRequest, pk: int) -> MatchmakingEvent:
    event = _visible_event(request, pk)
    if not permissions.can_manage_matchmaking_event(request.user, event):
        raise Http404
    return event


def _meeting_out(request: HttpRequest, meeting: Meeting) -> dict:
    scope = permissions.scope_of(request.user)
    side = ("buyer" if meeting.organisation_id in scope.buyer_orgs else
            "supplier" if meeting.enterprise_id in scope.enterprises else None)
    return {"id": meeting.pk, "event_id": meeting.event_id,
            "organisation_id": meeting.organisation_id, "buyer": meeting.organisation.name,
            "enterprise_id": meeting.enterprise_id,
            "supplier": meeting.enterprise.display_name, "request_id": meeting.request_id,
            "score": meeting.score, "reasons": [str(r) for r in meeting.reasons or ()],
            "buyer_accepted": meeting.buyer_accepted,
            "supplier_accepted": meeting.supplier_accepted, "status": meeting.status,
            "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
            "table": meeting.table, "my_side": side}


# --- Events --------------------------------------------------------------------------------


@router.get("/events", response=list[EventOut], summary="Matchmaking events")
@paginate(Page)
def list_events(request: HttpRequest, mine: bool = False):
    """Every event open, scheduled or closed, and the drafts the caller organises; with
    `mine`, only those the caller organises or is registered for."""
    user = signed_in(request)
    scope = permissions.scope_of(user)
    managed = permissions.matchmaking_events_managed_by(user).values("pk")
    events = MatchmakingEvent.objects.filter(~Q(status=EventStatus.DRAFT) | Q(pk__in=managed))
    if mine:
        registered = EventRegistration.objects.filter(
            Q(organisation_id__in=scope.buyer_orgs) | Q(enterprise_id__in=scope.enterprises)
        ).values("event_id")
        events = events.filter(Q(pk__in=registered) | Q(pk__in=managed))
    request.managed_event_ids = set(managed.values_list("pk", flat=True))
    return events.annotate(registration_count=Count("registrations")).order_by(
        "-starts_at", "id")


@router.post("/events", response={201: EventOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
             summary="Create a matchmaking event (offices and the secretariat)")
def create_event(request: HttpRequest, payload: EventIn):
    user = writer(request)
    if not permissions.can_create_matchmaking_event(user):
        raise PermissionDenied("Offices and the secretariat organise events.")
    subdivision = None
    if payload.subdivision:
        subdivision = Subdivision.objects.filter(code=payload.subdivision.upper()).first()
        if subdivision is None:
            raise Http404
    try:  # in UTC, as the database stores it: a moment at the calendar's edge fails here
        starts_at = payload.starts_at.astimezone(dt.UTC)
        ends_at = starts_at + dt.timedelta(minutes=payload.duration_minutes)
    except (OverflowError, ValueError) as exc:
        raise ValidationError({"starts_at": "Give a start between the years 1 and 9999."}
                              ) from exc
    fields = payload.dict(exclude={"subdivision", "duration_minutes", "starts_at"})
    event = event_services.event_create(actor=user, subdivision=subdivision,
                                        starts_at=starts_at, ends_at=ends_at, **fields)
    return Status(201, _event_out(request, event))


@router.get("/events/{int:pk}", response={200: EventOut, 404: ErrorOut})
def get_event(request: HttpRequest, pk: int):
    signed_in(request)
    return _event_out(request, _visible_event(request, pk))


@router.get("/events/{int:pk}/registrations", response={200: list[RegistrationOut], 404: ErrorOut},
            summary="Who is registered (the organisers only)")
def list_registrations(request: HttpRequest, pk: int):
    signed_in(request)
    event = _managed_event(request, pk)
    return [{"id": r.pk, "kind": "organisation" if r.organisation_id else "enterprise",
             "organisation_id": r.organisation_id, "enterprise_id": r.enterprise_id,
             "name": r.organisation.name if r.organisation_id else r.enterprise.display_name,
             "created_at": r.created_at}
            for r in event.registrations.select_related("organisation", "enterprise")]


@router.post("/events/{int:pk}/registrations",
             response={201: RegistrationOut, 404: ErrorOut, 409: ErrorOut},
             summary="Register your buyer company or your enterprise")
def register(request: HttpRequest, payload: RegistrationIn, pk: int):
    user = writer(request)
    event = _visible_event(request, pk)
    model = Organisation if payload.kind == "organisation" else Enterprise
    target = model.objects.filter(pk=payload.id).first()
    if target is None:
        raise Http404
    try:
        registration = event_services.event_register(actor=user, event=event,
                                                     **{payload.kind: target})
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        return conflict(exc)
    name = target.name if payload.kind == "organisation" else target.display_name
    return Status(201, {"id": registration.pk, "kind": payload.kind,
                        "organisation_id": registration.organisation_id,
                        "enterprise_id": registration.enterprise_id, "name": name,
                        "created_at": registration.created_at})


# --- Meetings ------------------------------------------------------------------------------


@router.get("/events/{int:pk}/meetings", response={200: list[MeetingOut], 404: ErrorOut},
            summary="Meetings: all of them for organisers, a participant's own otherwise")
def list_meetings(request: HttpRequest, pk: int):
    signed_in(request)
    event = _visible_event(request, pk)
    return [_meeting_out(request, m) for m in event_services.meetings_visible_to(
        request.user, event)]


@router.post("/events/{int:pk}/proposals", response={201: list[MeetingOut], 404: ErrorOut},
             summary="Propose meetings from the matches of the registered buyers' requests")
def propose(request: HttpRequest, pk: int):
    user = writer(request)
    event = _managed_event(request, pk)
    made = event_services.event_propose_meetings(actor=user, event=event)
    meetings = Meeting.objects.filter(pk__in=[m.pk for m in made]).select_related(
        "organisation", "enterprise")
    return Status(201, [_meeting_out(request, m) for m in meetings])


@router.post("/events/{int:pk}/meetings/{int:meeting_id}/answer",
             response={200: MeetingOut, 404: ErrorOut},
             summary="Accept or decline a proposed meeting (for your side)")
def answer_meeting(request: HttpRequest, payload: MeetingAnswerIn, pk: int,
                   meeting_id: int):
    user = writer(request)
    event = _visible_event(request, pk)
    meeting = Meeting.objects.filter(pk=meeting_id, event=event).first()
    if meeting is None:
        raise Http404
    try:
        event_services.meeting_respond(actor=user, meeting=meeting, accept=payload.accept)
    except PermissionDenied as exc:
        raise Http404 from exc
    return _meeting_out(request, Meeting.objects.select_related(
        "organisation", "enterprise", "event").get(pk=meeting.pk))


@router.post("/events/{int:pk}/schedule", response={200: ScheduleOut, 404: ErrorOut},
             summary="(Re)build the schedule of the accepted meetings")
def schedule(request: HttpRequest, pk: int):
    user = writer(request)
    event = _managed_event(request, pk)
    plan = event_services.event_schedule(actor=user, event=event)
    placed = Meeting.objects.filter(pk__in=[p.meeting_id for p in plan.placements]
                                    ).select_related("organisation", "enterprise", "event")
    return {"scheduled": [_meeting_out(request, m) for m in placed],
            "unscheduled": list(plan.unscheduled)}


ICS_RESPONSE = {"responses": {200: {
    "description": "The caller's scheduled meetings of the event (RFC 5545).",
    "content": {"text/calendar": {"schema": {"type": "string"}}}}}}


@router.get("/events/{int:pk}/calendar.ics", response={200: None, 404: ErrorOut},
            openapi_extra=ICS_RESPONSE, summary="Scheduled meetings as iCalendar")
def event_calendar(request: HttpRequest, pk: int):
    signed_in(request)
    event = _visible_event(request, pk)
    meetings = event_services.meetings_visible_to(request.user, event).filter(
        starts_at__isnull=False)
    response = HttpResponse(event_services.to_ical(event, meetings),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response

