"""HS suggestion where a person types a product: the product form, the sourcing request,
the intake preview. Server-side first (a plain list that works without JavaScript); the
small script `catalog/hs_suggest.js` refreshes it as the name is typed."""

from __future__ import annotations

from typing import Any

from etalase.catalog.hs_suggest import SuggestError, suggest

WIDGET_SUGGESTIONS = 3


def suggestions_for(text: str | None, language: str | None,
                    limit: int = WIDGET_SUGGESTIONS) -> tuple[list[dict[str, Any]], str]:
    """(suggestions as template rows, message) for a name; no name -> nothing, no message."""
    if not (text or "").strip():
        return [], ""
    try:
        found = suggest(text, language, limit=limit)
    except SuggestError as exc:
        return [], exc.message
    return [{"code": s.code, "dotted": f"{s.code[:4]}.{s.code[4:]}", "label": s.label,
             "score": s.score, "matched": s.matched} for s in found], ""


def for_intake_row(product: dict | None, language: str | None) -> dict[str, Any] | None:
    """The best subheading for an imported product that came without an HS code: shown as
    "suggested" in the preview; it is not written until someone confirms it."""
    if not product or product.get("hs_code_id") or not product.get("name"):
        return None
    found, _message = suggestions_for(product["name"], language, limit=1)
    return found[0] if found else None
