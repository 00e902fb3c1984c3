"""Matchmaking events: list, create, register, propose, accept, schedule, iCalendar."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from etalase.accounts import permissions
from etalase.accounts.models import Organisation
from etalase.enterprises.models import Enterprise
from etalase.matching import events as event_services
from etalase.matching.forms import EventForm
from etalase.matching.models import EventStatus, MatchmakingEvent, Meeting
from etalase.matching.views.requests import _errors, _int
from etalase.regions.models import Subdivision


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    events = MatchmakingEvent.objects.exclude(status=EventStatus.DRAFT).select_related(
        "subdivision").order_by("-starts_at", "id")[:100]
    return render(request, "matching/event_list.html", {
        "events": events,
        "can_create": permissions.can_create_matchmaking_event(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_matchmaking_event(request.user):
        raise PermissionDenied
    subdivisions = permissions.subdivisions_managed_by(
        request.user, Subdivision.objects.focus_areas().order_by("country_id", "name"))
    form = EventForm(request.POST or None, subdivisions=subdivisions)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_services.event_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            return redirect("matching:event_detail", pk=event.pk)
    return render(request, "matching/event_form.html", {"form": form})


def _event(pk: int) -> MatchmakingEvent:
    return get_object_or_404(MatchmakingEvent.objects.select_related("subdivision"), pk=pk)


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    scope = permissions.scope_of(request.user)
    manage = permissions.can_manage_matchmaking_event(request.user, event)
    if event.status == EventStatus.DRAFT and not manage:
        raise Http404
    registrations = list(event.registrations.select_related("organisation", "enterprise"))
    registered = {(r.organisation_id, r.enterprise_id) for r in registrations}
    can_register = [("organisation", o) for o in Organisation.objects.filter(
        pk__in=scope.buyer_orgs) if (o.pk, None) not in registered] + [
        ("enterprise", e) for e in Enterprise.objects.public().filter(pk__in=scope.enterprises)
        if (None, e.pk) not in registered]
    meetings = list(event_services.meetings_visible_to(request.user, event))
    for meeting in meetings:
        meeting.my_side = ("buyer" if meeting.organisation_id in scope.buyer_orgs else
                           "supplier" if meeting.enterprise_id in scope.enterprises else None)
    return render(request, "matching/event_detail.html", {
        "event": event, "manage": manage,
        "registrations": registrations if manage else [],
        "registration_count": len(registrations),
        "can_register": can_register if event.status == EventStatus.OPEN else [],
        "meetings": meetings})


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    kind = request.POST.get("kind")
    organisation = enterprise = None
    if kind == "organisation":
        organisation = get_object_or_404(Organisation, pk=_int(request.POST.get("id")))
    elif kind == "enterprise":
        enterprise = get_object_or_404(Enterprise, pk=_int(request.POST.get("id")))
    else:
        raise Http404
    try:
        event_services.event_register(actor=request.user, event=event,
                                      organisation=organisation, enterprise=enterprise)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("You are registered."))
    return redirect("matching:event_detail", pk=pk)


@login_required
@require_POST
def event_propose(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    try:
        made = event_services.event_propose_meetings(actor=request.user, event=event)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("%(n)d meetings proposed.") % {"n": len(made)})
    return redirect("matching:event_detail", pk=pk)


@login_required
@require_POST
def event_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    try:
        plan = event_services.event_schedule(actor=request.user, event=event)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("%(n)d meetings scheduled, %(m)d without a free slot.") % {
        "n": len(plan.placements), "m": len(plan.unscheduled)})
    return redirect("matching:event_detail", pk=pk)


@login_required
@require_POST
def meeting_respond(request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=meeting_id, event_id=pk)
    try:
        event_services.meeting_respond(actor=request.user, meeting=meeting,
                                       accept=request.POST.get("accept") == "1")
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect("matching:event_detail", pk=pk)


@login_required
@require_GET
def event_ical(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    meetings = event_services.meetings_visible_to(request.user, event).filter(
        starts_at__isnull=False)
    response = HttpResponse(event_services.to_ical(event, meetings),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response
