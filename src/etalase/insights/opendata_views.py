"""The open data's machine-readable descriptions: the Data Package, the DCAT catalogue and
the intake template's Table Schema. Public, like the exports they describe."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from etalase.insights import dcat, opendata_schema
from etalase.intake import table_schema
from etalase.regions.models import Country


def _json(data: dict, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def open_data_package(request: HttpRequest) -> HttpResponse:
    homepage = request.build_absolute_uri(reverse("insights:open_data"))
    return _json(opendata_schema.datapackage(homepage))


def _url_for(request: HttpRequest):
    def url_for(name: str) -> str:
        if name == "page":
            path = reverse("insights:open_data")
        elif name == "catalog":
            path = reverse("insights:open_data_catalog")
        elif name == "datapackage":
            path = reverse("insights:open_data_package")
        else:
            dataset, fmt = name.rsplit(".", 1)
            path = reverse("insights:open_data_export", args=[dataset, fmt])
        return request.build_absolute_uri(path)

    return url_for


@require_GET
def open_data_catalog(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    """The DCAT-AP catalogue: /catalog answers in the format the Accept header prefers
    (RDF/XML when it names none of ours); /catalog.jsonld, .rdf and .ttl in that format."""
    chosen = fmt or dcat.negotiate(request.headers.get("Accept", ""))
    body = dcat.serialise(dcat.catalogue(_url_for(request)), chosen)
    media = dcat.FORMATS[chosen][1]
    response = HttpResponse(body, content_type=f"{media}; charset=utf-8")
    if fmt is None:
        response["Vary"] = "Accept"
    return response


@require_GET
def intake_table_schema(request: HttpRequest, country: str) -> HttpResponse:
    """The intake template's Table Schema for the country, in the template's language
    (?lang=, else the reader's, as the template download chooses it)."""
    found = get_object_or_404(Country, code=country, is_bimp_eaga=True)
    language = request.GET.get("lang") or get_language()
    return _json(table_schema.table_schema(found, language),
                 table_schema.filename(found, language))
