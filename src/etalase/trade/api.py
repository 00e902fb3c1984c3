"""GET /api/v1/export-checklist?hs=…&origin=…&destination=… (same data as the page)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Status

from etalase.trade import selectors

router = Router(tags=["trade"])
LANGUAGES = ("en", "id", "ms", "fil")


@router.get("/export-checklist", response={200: dict, 422: dict}, auth=None,
            summary="Export checklist for an HS subheading, origin and destination")
def export_checklist(request: HttpRequest, hs: str = "", origin: str = "",
                     destination: str = "", value: str = "", lang: str = "en"):
    """Agreements, rules of origin, origin documents and issuing offices, import
    requirements and duty, each with its source; `gaps` lists what the data does not cover.
    Bad input answers 422 with `detail.field` and `detail.code`."""
    language = lang if lang in LANGUAGES else "en"
    with translation.override(language):
        try:
            query = selectors.parse({"hs": hs, "origin": origin, "destination": destination,
                                     "value": value})
        except selectors.ChecklistError as error:
            return Status(422, {"detail": error.as_dict()})
        return Status(200, selectors.export_checklist(query, language=language))
