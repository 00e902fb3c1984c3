"""Export checklist page and PDF, and the visitor's currency choice (thin views)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from etalase.trade import coverage, currency, pdf, rvc, selectors

LANGUAGES = ("en", "id", "ms", "fil")
COOKIE_AGE = 365 * 24 * 3600


def _language(request: HttpRequest) -> str:
    asked = request.GET.get("lang", "")[:5]
    return asked if asked in LANGUAGES else (translation.get_language() or "en")


def _rvc(request: HttpRequest) -> tuple[list, str]:
    figures = {field: request.GET.get(field, "")[:32] for field in rvc.FIELDS}
    if not any(figures.values()):
        return [], ""
    try:
        return rvc.calculate(figures), ""
    except rvc.RVCError as error:
        messages = {
            "required": _("Give the FOB price and either the value of non-originating "
                          "materials or the regional costs."),
            "zero": _("The FOB price must be more than zero."),
            "more_than_fob": _("Non-originating materials cannot be worth more than the FOB "
                               "price."),
        }
        return [], messages.get(error.code, _("Every figure must be a positive number."))


@require_http_methods(["GET", "HEAD"])
def checklist(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    context = {"destinations": [(c, selectors.country_name(c, language))
                                for c in selectors.destinations()],
               "origins": [(c, selectors.country_name(c, language)) for c in selectors.origins()],
               "params": {k: request.GET.get(k, "")[:64]
                          for k in ("hs", "origin", "destination", "value")},
               "rvc_fields": {f: request.GET.get(f, "")[:32] for f in rvc.FIELDS},
               "pdf_languages": LANGUAGES, "coverage": coverage.summary()}
    status = 200
    if any(context["params"].values()):
        try:
            query = selectors.parse(request.GET)
        except selectors.ChecklistError as error:
            context["error"] = error
            status = 400
        else:
            context["result"] = selectors.export_checklist(query, language=language)
            context["rvc_results"], context["rvc_error"] = _rvc(request)
            kept = request.GET.copy()
            kept.pop("lang", None)
            context["pdf_query"] = kept.urlencode()
    return render(request, "trade/checklist.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def checklist_pdf(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    try:
        query = selectors.parse(request.GET)
    except selectors.ChecklistError as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    with translation.override(language):
        result = selectors.export_checklist(query, language=language)
        body = pdf.render(result, language=language)
    response = HttpResponse(body, content_type="application/pdf")
    name = f"export-checklist-{query.hs}-{query.origin}-{query.destination}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def choose_currency(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("currency", "")[:3].upper()
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in currency.CHOICES:
        request.session[currency.COOKIE] = code
        response.set_cookie(currency.COOKIE, code, max_age=COOKIE_AGE, samesite="Lax",
                            secure=request.is_secure())
    elif code == "":
        request.session.pop(currency.COOKIE, None)
        response.delete_cookie(currency.COOKIE)
    else:
        return HttpResponse(_("Unknown currency."), status=400)
    return response
