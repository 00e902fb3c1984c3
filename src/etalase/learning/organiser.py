"""The organiser's pages: create and publish programmes, enrolments, attendance, export.

Only offices (officers, focal points, the secretariat) reach these pages, and only for
programmes their office manages (`permissions.can_change_programme`); another office's
programme answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from etalase.accounts import permissions
from etalase.learning import exports, presenters, selectors, services
from etalase.learning.forms import AttendanceForm, ProgrammeForm
from etalase.learning.models import EnrolmentStatus, Programme


def _language() -> str:
    return translation.get_language() or "en"


def _managed(request: HttpRequest, pk: int) -> Programme:
    programme = selectors.programmes_base().filter(pk=pk).first()
    if programme is None or not permissions.can_change_programme(request.user, programme):
        raise Http404
    return programme


def _require_office(request: HttpRequest) -> None:
    if not permissions.can_create_programme(request.user):
        raise PermissionDenied(_("Only offices and the secretariat publish programmes."))


def _apply_errors(form: ProgrammeForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    _require_office(request)
    language = _language()
    programmes = permissions.programmes_managed_by(
        request.user, selectors.programmes_base()).order_by("-starts_at", "-id")[:200]
    rows = [{"programme": p, "title": p.text_in(language)[0],
             "when": presenters.when(p, language)} for p in programmes]
    return render(request, "learning/manage.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    _require_office(request)
    form = ProgrammeForm(request.POST or None, initial=_initial_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_save(user=request.user, data=form.to_data())
            if request.POST.get("publish"):
                services.programme_publish(user=request.user, programme_id=programme.pk)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("learning:organiser", pk=programme.pk)
    return render(request, "learning/programme_form.html", {"form": form, "programme": None})


def _initial_for(user) -> dict:
    """A new programme targets the office's own area by default."""
    scope = permissions.scope_of(user)
    initial: dict = {"language": _language(), "time_zone": "Asia/Makassar", "kind": "training"}
    if scope.secretariat:
        return initial
    if scope.countries:
        initial["eligible_countries"] = sorted(scope.countries)
    elif scope.subdivisions:
        initial["eligible_subdivisions"] = sorted(scope.subdivisions)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    form = ProgrammeForm(request.POST or None, initial=ProgrammeForm.initial_from(programme))
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_save(user=request.user, data=form.to_data(),
                                    programme_id=programme.pk)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("learning:organiser", pk=programme.pk)
    return render(request, "learning/programme_form.html",
                  {"form": form, "programme": programme})


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    if request.POST.get("action") == "unpublish":
        services.programme_unpublish(user=request.user, programme_id=programme.pk)
        messages.success(request, _("The programme is no longer published."))
    else:
        services.programme_publish(user=request.user, programme_id=programme.pk)
        messages.success(request, _("The programme is published; eligible enterprises are "
                                    "being notified."))
    return redirect("learning:organiser", pk=programme.pk)


@login_required
@require_http_methods(["GET", "POST"])
def organiser(request: HttpRequest, pk: int) -> HttpResponse:
    """Enrolments, waiting list and attendance of one programme."""
    programme = _managed(request, pk)
    groups = selectors.organiser_enrolments(programme)
    confirmed = groups[EnrolmentStatus.CONFIRMED]
    if request.method == "POST":
        form = AttendanceForm(request.POST, enrolment_ids=[e.pk for e in confirmed])
        if form.is_valid():
            present = set(form.cleaned_data["present"])
            try:
                services.attendance_mark(user=request.user, programme_id=programme.pk,
                                         present=present,
                                         absent={e.pk for e in confirmed} - present)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Attendance is saved."))
            return redirect("learning:organiser", pk=programme.pk)
        messages.error(request, _("Those participants are not confirmed in this programme."))
    language = _language()
    return render(request, "learning/organiser.html", {
        "programme": programme,
        "title": programme.text_in(language)[0],
        "when": presenters.when(programme, language),
        "confirmed": confirmed,
        "waiting": groups[EnrolmentStatus.WAITLISTED],
        "cancelled": groups[EnrolmentStatus.CANCELLED],
        "started": programme.starts_at <= timezone.now(),
        "seats_left": selectors.seats_left(programme),
    })


@login_required
@require_GET
def export(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    body = exports.enrolments_xlsx(programme)
    from etalase.privacy.services import record_export  # names, phones, e-mails of owners

    record_export(request.user, "enrolments_xlsx", rows=programme.enrolments.count(),
                  obj=programme)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = slugify(programme.title)[:60] or "programme"
    response["Content-Disposition"] = f'attachment; filename="{name}-{programme.pk}.xlsx"'
    return response
