"""Pages for finding and joining programmes, for owners' enrolments and certificates.

Access is decided by `accounts.permissions`; writes go through `learning.services`.
A programme that is not published answers 404 to those who may not manage it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from etalase.accounts import permissions
from etalase.enterprises.models import ExportStatus, SizeClass
from etalase.learning import certificates, eligibility, ical, presenters, selectors, services
from etalase.learning.forms import EnrolForm
from etalase.learning.models import (
    CalendarFeed,
    Enrolment,
    EnrolmentStatus,
    Mode,
    Notification,
    ProgrammeKind,
)
from etalase.learning.notifications import notice_text

PER_PAGE = 20
LANGUAGE_NAMES = presenters.LANGUAGE_NAMES


def _language() -> str:
    return translation.get_language() or "en"


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _chosen_enterprise(request: HttpRequest, filters: selectors.ProgrammeFilters):
    """The owner's enterprise the "eligible" filter applies to (its first by default)."""
    enterprises = list(selectors.owner_enterprises(request.user)) \
        if request.user.is_authenticated else []
    chosen = next((e for e in enterprises if e.pk == filters.enterprise_id), None)
    return enterprises, chosen or (enterprises[0] if enterprises else None)


def _listing(request: HttpRequest, filters: selectors.ProgrammeFilters) -> dict:
    enterprises, chosen = _chosen_enterprise(request, filters)
    facts = selectors.facts_of(chosen) if (filters.eligible and chosen) else None
    queryset = selectors.programmes_base().published().annotate(
        taken=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED)))
    programmes = selectors.find_programmes(filters, facts=facts, queryset=queryset)
    return {
        "filters": filters,
        "enterprises": enterprises,
        "chosen_enterprise": chosen,
        "eligible_unavailable": filters.eligible and chosen is None,
        "programmes": programmes,
        "kinds": ProgrammeKind.choices,
        "modes": Mode.choices,
        "language_choices": list(LANGUAGE_NAMES.items()),
        "perms_office": permissions.can_create_programme(request.user),
    }


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.ProgrammeFilters.from_mapping(request.GET)
    context = _listing(request, filters)
    page = Paginator(context["programmes"], PER_PAGE).get_page(request.GET.get("page"))
    language = _language()
    context.update(
        page=page,
        cards=[presenters.card(p, language) for p in page.object_list],
        query=urlencode(filters.as_query()),
        view="list",
    )
    return render(request, "learning/programme_list.html", context)


def _shift_month(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@require_GET
def programme_calendar(request: HttpRequest) -> HttpResponse:
    filters = selectors.ProgrammeFilters.from_mapping(request.GET)
    if filters.month is None:
        filters = replace(filters, month=timezone.localdate().replace(day=1))
    context = _listing(request, filters)
    language = _language()
    month = filters.month
    for programme in context["programmes"]:
        programme.display_title = programme.text_in(language)[0]
    context.update(
        weeks=selectors.month_grid(context["programmes"], month),
        cards=[presenters.card(p, language) for p in context["programmes"]],
        month_label=presenters.month_label(month, language),
        weekdays=presenters.weekday_names(language),
        previous_query=urlencode(replace(filters, month=_shift_month(month, -1)).as_query()),
        next_query=urlencode(replace(filters, month=_shift_month(month, 1)).as_query()),
        query=urlencode(filters.as_query()),
        view="calendar",
    )
    return render(request, "learning/programme_calendar.html", context)


@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.visible_programme(request.user, pk)
    if programme is None:
        raise Http404
    language = _language()
    title, description = programme.text_in(language)
    enterprises = list(selectors.owner_enterprises(request.user)) \
        if request.user.is_authenticated else []
    criteria = selectors.criteria_of(programme)
    mine = selectors.user_enrolments_for(request.user, programme)
    enrolled_ids = {e.enterprise_id for e in mine}
    checks = []
    for enterprise in enterprises:
        failed = eligibility.failed_dimensions(criteria, selectors.facts_of(enterprise))
        checks.append({"enterprise": enterprise, "failed": failed,
                       "enrolled": enterprise.pk in enrolled_ids})
    can_apply = [c["enterprise"].pk for c in checks if not c["failed"] and not c["enrolled"]]
    open_now = (programme.is_published and programme.accepts_enrolment
                and programme.enrolment_closes_at > timezone.now())
    form = None
    if open_now and can_apply:
        form = EnrolForm(enterprises=selectors.owner_enterprises(request.user)
                         .filter(pk__in=can_apply))
    context = {
        "programme": programme,
        "title": title,
        "description": description,
        "when": presenters.when(programme, language),
        "deadline": presenters.deadline(programme, language),
        "place": presenters.place(programme),
        "delivery_languages": presenters.languages(programme),
        "cost": presenters.cost(programme, language),
        "seats_left": selectors.seats_left(programme),
        "waiting": selectors.waitlist(programme).count(),
        "criteria": criteria,
        "size_labels": [str(SizeClass(v).label) for v in SizeClass.values
                        if v in criteria.size_classes],
        "export_labels": [str(ExportStatus(v).label) for v in ExportStatus.values
                          if v in criteria.export_statuses],
        "checks": checks,
        "mine": [{"enrolment": e, "position": selectors.waitlist_position(e)} for e in mine],
        "confirmed": any(e.status == EnrolmentStatus.CONFIRMED for e in mine),
        "open_now": open_now,
        "form": form,
        "can_organise": permissions.can_organise(request.user, programme),
        "dimension_labels": _dimension_labels(),
    }
    return render(request, "learning/programme_detail.html", context)


def _dimension_labels() -> dict[str, str]:
    return {
        eligibility.COUNTRY: _("country"),
        eligibility.SUBDIVISION: _("province / state"),
        eligibility.HS_CHAPTER: _("sector (HS chapter)"),
        eligibility.SIZE_CLASS: _("size class"),
        eligibility.EXPORT_STATUS: _("export status"),
    }


@require_GET
def programme_ics(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.visible_programme(request.user, pk)
    if programme is None:
        raise Http404
    body = ical.programme_calendar(programme, _language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    name = slugify(programme.title)[:60] or "programme"
    response["Content-Disposition"] = f'attachment; filename="{name}-{programme.pk}.ics"'
    return response


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.visible_programme(request.user, pk)
    if programme is None:
        raise Http404
    form = EnrolForm(request.POST, enterprises=selectors.owner_enterprises(request.user))
    if not form.is_valid():
        # Someone else's enterprise (or garbage) is not among the choices: refused.
        raise PermissionDenied(_("You can enrol only your own enterprise."))
    try:
        enrolment = services.enrolment_create(
            user=request.user, programme_id=programme.pk,
            enterprise_id=form.cleaned_data["enterprise"].pk)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        if enrolment.status == EnrolmentStatus.CONFIRMED:
            messages.success(request, _("Your enterprise is enrolled: a seat is yours."))
        else:
            messages.warning(request, _("The programme is full: your enterprise is on the "
                                        "waiting list and moves up when a seat frees."))
    return redirect("learning:detail", pk=programme.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id)
    if not (permissions.can_manage_enrolment(request.user, enrolment)
            or permissions.can_organise(request.user, enrolment.programme)):
        raise Http404
    try:
        services.enrolment_cancel(user=request.user, enrolment_id=enrolment.pk)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The enrolment is cancelled."))
    if request.POST.get("next") == "organiser" and permissions.can_organise(
            request.user, enrolment.programme):
        return redirect("learning:organiser", pk=enrolment.programme_id)
    return redirect("learning:detail", pk=enrolment.programme_id)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    language = _language()
    enrolments = list(selectors.enrolments_of_user(request.user))
    notices = list(Notification.objects.filter(user=request.user)
                   .select_related("programme").prefetch_related("programme__translations")[:30])
    unread = {n.pk for n in notices if n.read_at is None}
    services.notifications_mark_read(user=request.user)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context = {
        "rows": [{"enrolment": e, "title": e.programme.text_in(language)[0],
                  "when": presenters.when(e.programme, language),
                  "position": selectors.waitlist_position(e)} for e in enrolments],
        "notices": [{"notice": n, "text": notice_text(n, language), "unread": n.pk in unread}
                    for n in notices],
        "feed_url": request.build_absolute_uri(reverse("learning:feed", args=[feed.token]))
        if feed else "",
        "is_owner": bool(permissions.scope_of(request.user).enterprises),
    }
    return render(request, "learning/mine.html", context)


@login_required
@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_reset(user=request.user)
    messages.success(request, _("Your calendar address is new; the old one no longer works."))
    return redirect("learning:mine")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed address: no session needed (calendar apps fetch it themselves)."""
    found = CalendarFeed.objects.select_related("user").filter(token=token[:64]).first()
    if found is None or not found.user.is_active:
        raise Http404
    language = found.user.preferred_language or _language()
    enrolments = selectors.enrolments_of_user(found.user).select_related("programme__provider")
    body = ical.enrolment_feed(enrolments, name=_("My programmes — Etalase"),
                               language=language)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_GET
def certificate(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("programme__provider", "enterprise", "enrolled_by"),
        pk=enrolment_id)
    allowed = (permissions.can_manage_enrolment(request.user, enrolment)
               or permissions.can_organise(request.user, enrolment.programme))
    if not allowed:
        raise Http404
    if enrolment.status != EnrolmentStatus.CONFIRMED or enrolment.attended is not True:
        raise Http404
    owner = request.user if permissions.can_manage_enrolment(request.user, enrolment) \
        else enrolment.enrolled_by
    language = request.GET.get("lang") or (owner.preferred_language if owner else _language())
    holder = (owner.full_name if owner else "") or ""
    body = certificates.certificate_pdf(enrolment, language=language, holder_name=holder)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{enrolment.programme_id}-{enrolment.pk}.pdf"')
    return response


@require_GET
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    enrolment = (Enrolment.objects.select_related("programme", "enterprise")
                 .filter(certificate_code=code[:32], attended=True,
                         status=EnrolmentStatus.CONFIRMED).first())
    language = _language()
    context = {"enrolment": enrolment,
               "title": enrolment.programme.text_in(language)[0] if enrolment else "",
               "when": presenters.when(enrolment.programme, language) if enrolment else ""}
    return render(request, "learning/certificate_verify.html", context,
                  status=200 if enrolment else 404)
