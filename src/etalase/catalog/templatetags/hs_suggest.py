"""`{% hs_suggest_widget %}`: suggested HS codes beside a field where a product is typed."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from etalase.catalog.hs_suggest.widget import suggestions_for

register = template.Library()


@register.inclusion_tag("catalog/_hs_suggest.html")
def hs_suggest_widget(text: Any = "", target: str = "id_hs_code", source: str = "id_name",
                      mode: str = "fill", picked: Any = ()) -> dict[str, Any]:
    """`mode="fill"`: each suggestion offers to fill the `target` input (with JavaScript; the
    code is shown to type without). `mode="pick"`: checkboxes named `hs_pick`, as the
    sourcing request's HS search sends them."""
    language = get_language()
    found, message = suggestions_for(str(text or ""), language)
    picked_codes = {getattr(c, "code", c) for c in picked or ()}
    return {
        "suggestions": [s for s in found if s["code"] not in picked_codes],
        "message": message,
        "text": text,
        "target": target,
        "source": source,
        "mode": mode,
        "lang": language,
        "api_url": reverse("api:suggest_hs_codes"),
    }
