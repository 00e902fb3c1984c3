"""Dashboards, reports and open data. Access: officials only, via insights.scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from etalase.insights import dashboard, opendata, report
from etalase.insights.scope import areas_for, resolve_area


def _area(request: HttpRequest):
    try:
        return resolve_area(request.user, request.GET.get("area"))
    except PermissionDenied:
        # Other scopes answer like missing pages: nobody learns what exists.
        raise Http404 from None


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    area = _area(request)
    context = dashboard.build(area)
    context["areas"] = areas_for(request.user)
    from etalase.insights.selectors import quality_offenders

    context["offenders"] = quality_offenders(area)
    return render(request, "insights/dashboard.html", context)


@login_required
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    area = _area(request)
    data = report.xlsx(dashboard.build(area), language=get_language())
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="etalase-{area.code}.xlsx"'
    return response


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    area = _area(request)
    data = report.pdf(dashboard.build(area), language=get_language())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="etalase-{area.code}.pdf"'
    return response


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    from etalase.intake.table_schema import command
    from etalase.intake.template import TEMPLATE_LANGUAGES
    from etalase.regions.models import Country

    release = opendata.release()
    return render(
        request,
        "insights/open_data.html",
        {
            "by_subdivision": release.by_subdivision,
            "by_sector": release.by_sector,
            "licence": opendata.LICENCE,
            "threshold": opendata.SUPPRESS_BELOW,
            "template_countries": Country.objects.filter(is_bimp_eaga=True).order_by("code"),
            "template_language": get_language()
            if get_language() in TEMPLATE_LANGUAGES else "en",
            "validate_command": command("etalase-template-….schema.json", ""),
        },
    )


@require_GET
def open_data_export(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    if dataset not in opendata.DATASETS:
        raise Http404
    if fmt == "json":
        response = HttpResponse(opendata.as_json(dataset), content_type="application/json")
    else:
        response = HttpResponse(opendata.as_csv(dataset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="etalase-{dataset}.{fmt}"'
    return response
