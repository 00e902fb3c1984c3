"""Matchmaking events: create, register, propose meetings from the matches, accept,
schedule without double-booking (scheduling.py), export to iCalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.accounts import permissions
from etalase.accounts.models import Organisation, User
from etalase.enterprises.models import Enterprise
from etalase.matching import notify, scheduling, selectors
from etalase.matching.models import (
    EventRegistration,
    EventStatus,
    MatchmakingEvent,
    Meeting,
    MeetingStatus,
    RequestStatus,
    SourcingRequest,
)

MEETINGS_PER_BUYER = 6
EVENT_FIELDS = ("title", "description", "subdivision", "mode", "venue", "starts_at", "ends_at",
                "slot_minutes", "tables", "status", "organiser")


@transaction.atomic
def event_create(*, actor: User, **fields: Any) -> MatchmakingEvent:
    if not permissions.can_create_matchmaking_event(actor):
        raise PermissionDenied(_("Offices and the secretariat organise events."))
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields."))
    event = MatchmakingEvent(created_by=actor, **fields)
    event.full_clean(exclude=["created_by"])
    if event.subdivision_id and not permissions.can_manage_subdivision(actor,
                                                                        event.subdivision_id):
        raise PermissionDenied(_("This province is outside your area."))
    event.save()
    return event


def _buyer_or_enterprise(actor: User, organisation: Organisation | None,
                         enterprise: Enterprise | None) -> dict[str, Any]:
    scope = permissions.scope_of(actor)
    if (organisation is None) == (enterprise is None):
        raise ValidationError(_("Register either a buyer company or an enterprise."))
    if organisation is not None and organisation.pk not in scope.buyer_orgs:
        raise PermissionDenied(_("You may register only your own company."))
    if enterprise is not None and enterprise.pk not in scope.enterprises:
        raise PermissionDenied(_("You may register only your own enterprise."))
    return {"organisation": organisation, "enterprise": enterprise}


@transaction.atomic
def event_register(*, actor: User, event: MatchmakingEvent,
                   organisation: Organisation | None = None,
                   enterprise: Enterprise | None = None) -> EventRegistration:
    who = _buyer_or_enterprise(actor, organisation, enterprise)
    if event.status != EventStatus.OPEN:
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    if enterprise is not None and not enterprise.is_public:
        raise ValidationError(_("Only enterprises listed in the gallery take part."))
    registration, _created = EventRegistration.objects.get_or_create(
        event=event, **who, defaults={"registered_by": actor})
    return registration


@transaction.atomic
def event_propose_meetings(*, actor: User, event: MatchmakingEvent) -> list[Meeting]:
    """For each registered buyer, its open requests ranked against the registered MSMEs;
    the best pairs become proposed meetings (one per buyer–enterprise pair)."""
    if not permissions.can_manage_matchmaking_event(actor, event):
        raise PermissionDenied(_("You may not manage this event."))
    registrations = list(event.registrations.all())
    buyers = sorted(r.organisation_id for r in registrations if r.organisation_id)
    enterprise_ids = sorted(r.enterprise_id for r in registrations if r.enterprise_id)
    existing = set(event.meetings.values_list("organisation_id", "enterprise_id"))
    made: list[Meeting] = []
    for buyer_id in buyers:
        best: dict[int, tuple] = {}
        requests = selectors.with_hs(SourcingRequest.objects.filter(
            organisation_id=buyer_id, status=RequestStatus.OPEN)).order_by("id")
        for sourcing_request in requests:
            for fit in selectors.rank_fits(sourcing_request, enterprise_ids=enterprise_ids):
                current = best.get(fit.enterprise_id)
                if current is None or fit.score > current[0].score:
                    best[fit.enterprise_id] = (fit, sourcing_request)
        ranked = sorted(best.values(), key=lambda pair: (-pair[0].score, pair[0].enterprise_id))
        for fit, sourcing_request in ranked[:MEETINGS_PER_BUYER]:
            if (buyer_id, fit.enterprise_id) in existing:
                continue
            made.append(Meeting.objects.create(
                event=event, organisation_id=buyer_id, enterprise_id=fit.enterprise_id,
                request=sourcing_request, score=fit.score,
                reasons=[r.text for r in fit.reasons]))
    url = reverse("matching:event_detail", args=[event.pk])
    for meeting in made:
        for users in (notify.buyer_users(meeting.organisation_id),
                      notify.owner_users(meeting.enterprise_id)):
            notify.notify(users, kind="meeting", url=url,
                          subject=_("A meeting is proposed at %(event)s") % {
                              "event": event.title})
    return made


@transaction.atomic
def meeting_respond(*, actor: User, meeting: Meeting, accept: bool) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    scope = permissions.scope_of(actor)
    if meeting.organisation_id in scope.buyer_orgs:
        meeting.buyer_accepted = accept
    elif meeting.enterprise_id in scope.enterprises:
        meeting.supplier_accepted = accept
    else:
        raise PermissionDenied(_("This meeting is not yours."))
    if meeting.buyer_accepted is False or meeting.supplier_accepted is False:
        meeting.status = MeetingStatus.DECLINED
        meeting.starts_at = meeting.table = None
    elif (meeting.buyer_accepted and meeting.supplier_accepted
          and meeting.status in (MeetingStatus.PROPOSED, MeetingStatus.DECLINED)):
        meeting.status = MeetingStatus.ACCEPTED
    meeting.save()
    return meeting


@transaction.atomic
def event_schedule(*, actor: User, event: MatchmakingEvent) -> scheduling.Schedule:
    """(Re)build the schedule of the meetings both sides accepted."""
    if not permissions.can_manage_matchmaking_event(actor, event):
        raise PermissionDenied(_("You may not manage this event."))
    event = MatchmakingEvent.objects.select_for_update().get(pk=event.pk)
    accepted = list(event.meetings.filter(buyer_accepted=True, supplier_accepted=True))
    specs = [scheduling.MeetingSpec(m.pk, m.organisation_id, m.enterprise_id, m.score)
             for m in accepted]
    plan = scheduling.schedule(specs, scheduling.slots(event.starts_at, event.ends_at,
                                                       event.slot_minutes), event.tables)
    # Clear first: the unique (slot, table) constraint must hold after every statement.
    event.meetings.update(starts_at=None, table=None)
    by_id = {m.pk: m for m in accepted}
    try:
        for placement in plan.placements:
            Meeting.objects.filter(pk=placement.meeting_id).update(
                starts_at=placement.starts_at, table=placement.table,
                status=MeetingStatus.SCHEDULED)
    except IntegrityError as exc:  # pragma: no cover - the greedy never double-books
        raise ValidationError(_("The schedule could not be saved.")) from exc
    Meeting.objects.filter(pk__in=plan.unscheduled).update(status=MeetingStatus.UNSCHEDULED)
    event.status = EventStatus.SCHEDULED
    event.save(update_fields=["status"])
    url = reverse("matching:event_detail", args=[event.pk])
    for placement in plan.placements:
        meeting = by_id[placement.meeting_id]
        for users in (notify.buyer_users(meeting.organisation_id),
                      notify.owner_users(meeting.enterprise_id)):
            notify.notify(users, kind="schedule", url=url,
                          subject=_("Your meeting at %(event)s: %(when)s, table %(table)s") % {
                              "event": event.title,
                              "when": timezone.localtime(placement.starts_at).strftime(
                                  "%Y-%m-%d %H:%M"), "table": placement.table})
    return plan


# --- Reading ------------------------------------------------------------------------------


def meetings_visible_to(user, event: MatchmakingEvent) -> QuerySet:
    """Organisers see all meetings of their event; participants their own."""
    meetings = event.meetings.select_related("organisation", "enterprise", "request")
    if permissions.can_manage_matchmaking_event(user, event):
        return meetings
    scope = permissions.scope_of(user)
    return meetings.filter(Q(organisation_id__in=scope.buyer_orgs)
                           | Q(enterprise_id__in=scope.enterprises))


def to_ical(event: MatchmakingEvent, meetings) -> bytes:
    """An iCalendar file of scheduled meetings (RFC 5545, the `icalendar` package)."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    calendar = Calendar()
    calendar.add("prodid", "-//Etalase//matchmaking//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.title)
    stamp = timezone.now()
    for meeting in meetings:
        if meeting.starts_at is None:
            continue
        item = VEvent()
        item.add("uid", f"meeting-{meeting.pk}@etalase")
        item.add("dtstamp", stamp)
        item.add("dtstart", meeting.starts_at)
        item.add("dtend", meeting.starts_at + dt.timedelta(minutes=event.slot_minutes))
        item.add("summary", f"{meeting.organisation.name} × {meeting.enterprise.display_name}")
        item.add("location", f"{event.venue} · {_('table')} {meeting.table}".strip(" ·"))
        item.add("description", "; ".join(str(r) for r in meeting.reasons or ()))
        calendar.add_component(item)
    return calendar.to_ical()
