"""Trade pieces other pages include: "Export this product to …", the price in the visitor's
currency with its chooser, and a matched supplier's origin document and duty situation."""

from __future__ import annotations

from django import template
from django.utils import translation

from etalase.trade import currency, selectors

register = template.Library()


def _language() -> str:
    return translation.get_language() or "en"


@register.inclusion_tag("trade/_export_form.html")
def export_form(product, selected: str = "") -> dict:
    """A GET form to the checklist for this product (no JavaScript needed)."""
    origin = getattr(getattr(product, "enterprise", None), "country_id", "") or ""
    language = _language()
    return {"hs": getattr(product, "hs_code_id", "") or "", "origin": origin,
            "selected": selected,
            "destinations": [(c, selectors.country_name(c, language))
                             for c in selectors.destinations() if c != origin]}


@register.inclusion_tag("trade/_price.html", takes_context=True)
def visitor_price(context, product) -> dict:
    request = context.get("request")
    chosen = currency.chosen(request) if request is not None else ""
    low = high = None
    if chosen and product.currency and chosen != product.currency.upper():
        low = currency.convert(product.price_min, product.currency, chosen)
        high = currency.convert(product.price_max, product.currency, chosen)
    language = _language()
    shown = low or high
    return {"request": request, "chosen": chosen, "choices": currency.supported(),
            "low": low.formatted(language) if low else "",
            "high": high.formatted(language) if high and high != low else "",
            "conversion": shown,
            "unconvertible": bool(chosen and product.currency and not shown
                                  and chosen != product.currency.upper()
                                  and (product.price_min or product.price_max))}


@register.inclusion_tag("trade/_match_trade.html")
def export_brief(product, enterprise, destination) -> dict:
    """For a buyer's request from another country: each supplier's origin document and duty."""
    destination_code = getattr(destination, "pk", destination) or ""
    found = selectors.brief(getattr(product, "hs_code_id", ""), enterprise.country_id,
                            destination_code, language=_language())
    return {"brief": found}
