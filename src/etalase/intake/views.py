"""Pages of provincial submissions: list, upload, mapping, preview, review, progress.

Thin: access comes from `accounts.permissions` (through `selectors`), state changes from
`services`. A submission outside the user's scope answers 404, like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from etalase.accounts import permissions
from etalase.catalog.hs_suggest.widget import for_intake_row
from etalase.enterprises.models import Enterprise
from etalase.intake import pipeline, readers, report, selectors, services, template
from etalase.intake.columns import ColumnMap, how_label
from etalase.intake.forms import (
    FIELD_LABELS,
    MappingForm,
    ReturnForm,
    UploadForm,
    parse_decisions,
)
from etalase.intake.models import OfficeMapping, Submission
from etalase.intake.results import render as render_message
from etalase.regions.models import Country

EVENT_LABELS = {
    "uploaded": gettext_lazy("File uploaded"),
    "validated": gettext_lazy("File checked"),
    "refused": gettext_lazy("File refused"),
    "remapped": gettext_lazy("Columns mapped"),
    "decided": gettext_lazy("Conflicts decided"),
    "submitted": gettext_lazy("Submitted for review"),
    "returned": gettext_lazy("Returned with comments"),
    "accepted": gettext_lazy("Accepted"),
    "committed": gettext_lazy("Written to the registry"),
    "committed_by_secretariat_cli": gettext_lazy("Written by the secretariat (command line)"),
}
SECTION_LABELS = {"create": gettext_lazy("To create"), "update": gettext_lazy("To update"),
                  "unchanged": gettext_lazy("Unchanged"), "rejected": gettext_lazy("Rejected")}
IN_PROGRESS = (
    Submission.Status.UPLOADED, Submission.Status.ACCEPTED, Submission.Status.COMMITTING
)


def _official(request: HttpRequest) -> None:
    """Submission pages are for offices and the secretariat; owners and buyers are refused."""
    if not permissions.scope_of(request.user).is_official:
        raise PermissionDenied


@login_required
@require_GET
def submission_list(request: HttpRequest) -> HttpResponse:
    _official(request)
    from django.core.paginator import Paginator

    status = request.GET.get("status", "")
    status = status if status in Submission.Status.values else ""
    page = Paginator(selectors.submissions_for(request.user, status=status or None), 25
                     ).get_page(request.GET.get("page"))
    offices = selectors.offices_of(request.user)
    countries = sorted({o.country_id for o in offices} | set(
        permissions.scope_of(request.user).countries))
    return render(request, "intake/list.html", {
        "page": page, "status": status, "statuses": Submission.Status.choices,
        "awaiting": selectors.awaiting_review_for(request.user)[:50],
        "can_upload": offices.exists(),
        "template_countries": Country.objects.filter(code__in=countries),
        "template_language": get_language(),
    })


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    offices = selectors.offices_of(request.user)
    if not offices.exists():
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        submission = services.submission_upload(
            actor=request.user, office=form.cleaned_data["office"], filename=upload_file.name,
            content=upload_file.read(), language=get_language(), check_later=True)
        if submission.status == Submission.Status.REFUSED:
            messages.error(request, submission.refusal_message)
        return redirect("intake:detail", pk=submission.pk)
    countries = Country.objects.filter(code__in={o.country_id for o in offices})
    return render(request, "intake/upload.html", {
        "form": form, "template_countries": countries, "template_language": get_language(),
        "limit_mb": _limit_mb()})


def _limit_mb() -> int:
    from etalase.intake import readers

    return readers.max_upload_bytes() // (1024 * 1024)


@require_GET
def template_download(request: HttpRequest, country: str, fmt: str) -> HttpResponse:
    """The country's template: public reference data only (focus areas, word lists)."""
    found = get_object_or_404(Country, code=country, is_bimp_eaga=True)
    language = template.template_language(found.code, request.GET.get("lang") or get_language())
    if fmt == "xlsx":
        content = template.build_xlsx(found, language)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = template.build_csv(found, language)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{template.filename(found, language, fmt)}"')
    return response


# --- one submission -----------------------------------------------------------------


def _context(request: HttpRequest, submission: Submission) -> dict:
    user = request.user
    counts = submission.counts or {}
    default = next((s for s in ("rejected", "update", "create", "unchanged")
                    if counts.get({"create": "created", "update": "updated"}.get(s, s))), "create")
    section = request.GET.get("section", default)
    section = section if section in selectors.SECTIONS else default
    page = selectors.section_page(submission, section, request.GET.get("page"))
    may_submit = permissions.can_submit_for(user, submission.office_id)
    may_review = permissions.can_review_submission(user, submission)
    editable = may_submit and submission.status in ("validated", "returned")
    reviewing = may_review and submission.status == Submission.Status.SUBMITTED
    return {
        "submission": submission,
        "counts": counts,
        "sections": [(s, SECTION_LABELS[s], counts.get(
            {"create": "created", "update": "updated"}.get(s, s), 0)) for s in selectors.SECTIONS],
        "section": section,
        "page": page,
        "rows": [_row_view(row, submission) for row in page.object_list],
        "events": [(e, EVENT_LABELS.get(e.action, e.action))
                   for e in selectors.events_of(submission)],
        "can_submit": editable and counts.get("rows", 0) > 0,
        "can_remap": may_submit and submission.status in (
            "uploaded", "validated", "returned", "refused")
        and bool(selectors.column_map_for_mapping(submission)),
        "can_review": reviewing,
        "can_decide": editable or reviewing,
        "can_identify": editable,
        "in_progress": submission.status in IN_PROGRESS,
        "has_problems": selectors.has_problems(submission),
        **_columns_view(submission),
        "conflicts": selectors.conflict_count(submission),
        "return_form": ReturnForm(),
    }


def _columns_view(submission: Submission) -> dict:
    """Every column of the file with what it fills and how it was recognised, and what its
    header says is doubtful (another currency): derived from the stored column map."""
    if not submission.column_map.get("headers"):
        return {"columns": [], "column_warnings": []}
    column_map = ColumnMap.from_json(submission.column_map)
    columns = [{**entry, "label": FIELD_LABELS.get(entry["field"]) or _label(entry["field"])
                if entry["field"] else "",
                "how_label": how_label(entry)} for entry in column_map.describe()]
    warnings = column_map.warnings(submission.country.currency or "USD")
    return {"columns": columns, "column_warnings": [p.as_dict() for p in warnings]}


def _label(name: str) -> str:
    field = {"subdivision_id": "subdivision"}.get(name, name)
    try:
        return str(Enterprise._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:  # a name the model does not know: show it as is
        return FIELD_LABELS.get(name, name)


def _display(name: str, value):
    """A choice's label (“Exporting” rather than “exporting”) where the field has choices."""
    try:
        choices = dict(Enterprise._meta.get_field(name).choices or ())
    except FieldDoesNotExist:
        return value
    return choices.get(value, value)


def _row_view(row, submission: Submission) -> dict:
    decided = (submission.decisions or {}).get(str(row.row), {})
    return {
        "row": row,
        "diff": [{"field": name, "label": _label(name), "old": _display(name, old),
                  "new": _display(name, new),
                  "conflict": name in row.conflicts, "choice": decided.get(name, "owner")}
                 for name, (old, new) in row.diff.items()],
        "matches": [_match_view(match, decided.get("identity", "")) for match in row.matches],
        # Stored as message ids and parameters: shown in the reader's language.
        "problems": [{**p, "message": render_message(p)} for p in row.problems],
        "warnings": [{**p, "message": render_message(p)} for p in row.warnings],
        "identity": decided.get("identity", ""),
        # A product without HS code: the subheading suggested from its name, shown as such
        # (the product is written without one, unpublished, until someone confirms it).
        "product_name": (getattr(row, "product", None) or {}).get("name", ""),
        "hs_suggestion": for_intake_row(getattr(row, "product", None), get_language()),
        "hs_confirmed": decided.get("hs_code", ""),
        "values": [(_label(k), _display(k, row.values[k])) for k in (
            "registration_id", "subdivision_id", "regency", "size_class", "export_status")
            if row.values.get(k)],
    }


def _match_view(match: dict, decided: str) -> dict:
    """A probable duplicate of a row, as the officer chooses it (intake.duplicates)."""
    if match.get("kind") == "registry":
        choice = f"same:{match['enterprise_id']}"
        label = _("%(name)s — already in the registry (record %(id)s), %(score)s%% alike") % {
            "name": match["name"], "id": match["enterprise_id"], "score": match["score"]}
    else:
        choice = f"same-row:{match['row']}"
        label = _("%(name)s — row %(row)s of this file, %(score)s%% alike") % {
            "name": match["name"], "row": match["row"], "score": match["score"]}
    return {"choice": choice, "label": label, "chosen": decided == choice}


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for(request.user, pk)
    from etalase.privacy.services import record_access  # its rows show contact details

    record_access(request.user, submission, action="submission_detail")
    return render(request, "intake/detail.html", _context(request, submission))


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for(request.user, pk)
    response = render(request, "intake/_progress.html", {
        "submission": submission, "in_progress": submission.status in IN_PROGRESS})
    if request.headers.get("HX-Request") and submission.status not in IN_PROGRESS:
        response["HX-Refresh"] = "true"  # done: show the whole page with its final counts
    return response


@login_required
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for(request.user, pk)
    if not permissions.can_submit_for(request.user, submission.office_id):
        raise Http404
    column_map = selectors.column_map_for_mapping(submission)
    if not column_map:
        messages.error(request, _("This file's columns cannot be mapped."))
        return redirect("intake:detail", pk=pk)
    memory = OfficeMapping.objects.filter(office=submission.office).first()
    constants = column_map.get("constants") or (memory.constants if memory else {})
    form = MappingForm(request.POST or None, columns=selectors.mapped_columns(column_map),
                       office=submission.office, language=submission.language,
                       constants=constants)
    if request.method == "POST" and form.is_valid():
        fields, constants = form.mapping()
        submission.column_map = column_map  # a refused file gets the map it is read with
        try:
            submission = services.submission_remap(submission=submission, actor=request.user,
                                                   fields=fields, constants=constants)
        except PermissionDenied as refused:
            messages.error(request, str(refused) or _("You may not do this."))
            return redirect("intake:detail", pk=pk)
        if submission.status == Submission.Status.REFUSED:
            messages.error(request, submission.refusal_message)
        else:
            messages.success(request, _("The mapping is saved and remembered for your office's "
                                        "next file."))
        return redirect("intake:detail", pk=pk)
    return render(request, "intake/mapping.html", {
        "submission": submission, "form": form, "header_row": column_map.get("header_row"),
        "rows": form.column_rows(_samples(submission, column_map),
                                 ColumnMap.from_json(column_map).describe())})


def _samples(submission: Submission, column_map: dict) -> dict[int, list[str]]:
    """Three values under each header, read from the stored file once per page (only as far
    down as needed); none when the file cannot be read again."""
    try:
        with submission.file.open("rb") as stream:
            return pipeline.sample_values(stream, submission.filename,
                                          ColumnMap.from_json(column_map))
    except (readers.FileRefused, OSError, ValueError):
        return {}


def _act(request: HttpRequest, pk: int, action) -> HttpResponse:
    """Run a workflow step; a refused step (wrong status, no right) is said, not a crash."""
    submission = selectors.submission_for(request.user, pk)
    try:
        action(submission)
    except PermissionDenied as refused:
        messages.error(request, str(refused) or _("You may not do this."))
    return redirect("intake:detail", pk=pk)


@login_required
@require_POST
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    def decide(submission):
        services.submission_decide(submission=submission, actor=request.user,
                                   decisions=parse_decisions(request.POST))
        messages.success(request, _("Your choices are saved."))
    return _act(request, pk, decide)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    def step(submission):
        services.submission_submit(submission=submission, actor=request.user)
        messages.success(request, _("Submitted: the national focal point will review it."))
    return _act(request, pk, step)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    def step(submission):
        chosen = parse_decisions(request.POST)
        if chosen:
            services.submission_decide(submission=submission, actor=request.user,
                                       decisions=chosen)
        services.submission_accept(submission=submission, actor=request.user)
        messages.success(request, _("Accepted: the rows are being written to the registry."))
    return _act(request, pk, step)


@login_required
@require_POST
def return_(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        context = _context(request, submission)
        context["return_form"] = form
        return render(request, "intake/detail.html", context, status=400)

    def step(found):
        services.submission_return(submission=found, actor=request.user,
                                   comment=form.cleaned_data["comment"])
        messages.success(request, _("Returned to the office with your comment."))
    return _act(request, pk, step)


@login_required
@require_GET
def error_report(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for(request.user, pk)
    content = report.build_error_report(submission)
    from etalase.privacy.services import record_export

    record_export(request.user, "submission_error_report", rows=submission.rows.count(),
                  obj=submission)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="{report.report_filename(submission)}"')
    return response


@login_required
@require_GET
def original_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file as the office sent it, always as a download (never rendered by the browser)."""
    submission = selectors.submission_for(request.user, pk)
    return FileResponse(submission.file.open("rb"), as_attachment=True,
                        filename=submission.filename,
                        content_type="application/octet-stream")
