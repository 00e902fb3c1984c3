"""OpenRosa endpoints (formList, form download, submission) and the officer's decisions.

The server address set in ODK Collect is the office's: https://<host>/fieldcapture/<office>/
(e.g. …/fieldcapture/ID-SA/); Collect asks `formList` and posts to `submission` under it.
Only these endpoints are CSRF-exempt: a phone has no session cookie, and each request
carries the officer's credentials itself.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from etalase.accounts import permissions
from etalase.catalog.images import _max_bytes as image_max_bytes
from etalase.fieldcapture import selectors, services, xlsform
from etalase.fieldcapture.auth import officer_of_request
from etalase.fieldcapture.openrosa import (
    MAX_INSTANCE_BYTES,
    OpenRosaError,
    error_response,
    form_list,
    message_response,
    with_headers,
)
from etalase.intake.template import COLUMNS
from etalase.regions.models import Subdivision

MAX_ATTACHMENTS = 5


def _office(request, office_code: str) -> tuple[object, Subdivision]:
    officer = officer_of_request(request)
    office = Subdivision.objects.select_related("country").filter(code=office_code.upper()).first()
    if office is None or not permissions.can_submit_for(officer, office.code):
        raise OpenRosaError(403, "not_your_office",
                            _("Your account does not send data for the office %(office)s.")
                            % {"office": office_code[:10]})
    return officer, office


def _openrosa(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OpenRosaError as error:
            return error_response(error)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return csrf_exempt(wrapped)


@_openrosa
@require_http_methods(["GET", "HEAD"])
def form_list_view(request, office_code: str) -> HttpResponse:
    _officer, office = _office(request, office_code)
    built = xlsform.build_cached(office)
    wanted = request.GET.get("formID")
    forms = [] if wanted and wanted != built.form_id else [{
        "formID": built.form_id,
        "name": built.title,
        "version": built.version,
        "hash": f"md5:{built.md5}",
        "downloadUrl": request.build_absolute_uri(
            reverse("fieldcapture:form", args=[office.code, built.form_id])),
    }]
    return form_list(forms)


@_openrosa
@require_http_methods(["GET", "HEAD"])
def form_view(request, office_code: str, form_id: str) -> HttpResponse:
    _officer, office = _office(request, office_code)
    if form_id != xlsform.form_id_for(office.code):
        raise OpenRosaError(404, "unknown_form",
                            _("No form with the id “%(id)s” is published here.")
                            % {"id": form_id[:60]})
    built = xlsform.build_cached(office)
    response = HttpResponse(built.xml.encode("utf-8"), content_type="text/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{built.form_id}.xml"'
    return with_headers(response)


@_openrosa
@require_http_methods(["GET", "HEAD", "POST"])
def submission_view(request, office_code: str) -> HttpResponse:
    """HEAD (answered as GET by the site's middleware): 204 and the size accepted.
    POST: the instance as `xml_submission_file`, attachments under their file names."""
    officer, office = _office(request, office_code)
    if request.method in ("GET", "HEAD"):  # HEAD reaches here as GET through the middleware
        response = with_headers(HttpResponse(status=204))
        response["X-OpenRosa-Accept-Content-Length"] = str(
            MAX_INSTANCE_BYTES + MAX_ATTACHMENTS * image_max_bytes())
        response["Location"] = request.build_absolute_uri()
        return response
    instance = request.FILES.get("xml_submission_file")
    if instance is None:
        raise OpenRosaError(400, "no_instance",
                            _("The submission has no xml_submission_file part."))
    attachments = {upload.name: upload for key, upload in request.FILES.items()
                   if key != "xml_submission_file"}
    if len(attachments) > MAX_ATTACHMENTS:
        raise OpenRosaError(413, "too_many_attachments",
                            _("At most %(n)d photos are accepted with one record.")
                            % {"n": MAX_ATTACHMENTS})
    if instance.size > MAX_INSTANCE_BYTES:
        raise OpenRosaError(413, "instance_too_large",
                            _("The form's XML is larger than a record of this form can be."))
    received = services.receive(office_code=office.code, officer=officer,
                                xml=instance.read(), attachments=attachments)
    response = message_response(received.status, received.message, nature="submit_success")
    response["Location"] = request.build_absolute_uri()
    return response


# --- the officer's pages: how to set up the phone, what arrived, what waits --------------


@login_required
def index(request) -> HttpResponse:
    """For each of the officer's offices: the server address for ODK Collect, the form, the
    open field-capture submission and the records waiting for a decision."""
    offices = [{
        "office": office,
        "server": request.build_absolute_uri(
            reverse("fieldcapture:form_list", args=[office.code]))[: -len("formList")],
        "form_id": xlsform.form_id_for(office.code),
        **selectors.office_summary(office),
    } for office in selectors.offices_for(request.user)]
    held = services.held_for(request.user).count()
    return render(request, "fieldcapture/index.html", {"offices": offices, "held": held})




@login_required
def held_list(request) -> HttpResponse:
    records = list(services.held_for(request.user).select_related("office"))
    language = get_language() or "en"
    labels = {c.field: c.headers.get(language) or c.headers["en"] for c in COLUMNS}
    for record in records:
        # The fields named as the template's headers in the officer's language.
        record.pairs = [(labels.get(name, name), name, pair)
                        for name, pair in record.hold_detail.items()]
    return render(request, "fieldcapture/held.html", {"records": records})


@login_required
@require_http_methods(["POST"])
def held_decide(request, pk: int) -> HttpResponse:
    record = get_object_or_404(services.held_for(request.user), pk=pk)
    fields = {name: request.POST.get(f"field-{name}", "online") for name in record.hold_detail}
    try:
        services.decide(record=record, actor=request.user, choice=request.POST.get("choice", ""),
                        fields=fields)
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect("fieldcapture:held")
