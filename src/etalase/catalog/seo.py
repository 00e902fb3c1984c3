"""Made to be found: canonical URLs, hreflang alternates, OpenGraph, JSON-LD, robots, sitemap.

Every public page exists once per language at the same path: `?hl=id` selects the
language for that request (so each language version has its own shareable URL for
`hreflang`), otherwise the visitor's cookie / Accept-Language decides as usual.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps.views import index as sitemap_index_view
from django.contrib.sitemaps.views import sitemap as sitemap_section_view
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

LANGUAGE_PARAM = "hl"
LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]


def language_from_query(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the page in `?hl=<code>` when given (an explicit, shareable language choice)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wanted = request.GET.get(LANGUAGE_PARAM, "")
        if wanted in LANGUAGE_CODES:
            with translation.override(wanted):
                request.LANGUAGE_CODE = wanted
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            response.headers.setdefault("Content-Language", wanted)
            return response
        response = view(request, *args, **kwargs)
        response.headers.setdefault("Content-Language", translation.get_language() or "en")
        return response

    return wrapper


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def page_meta(request: HttpRequest, path: str, *, title: str, description: str = "",
              image: str = "", og_type: str = "website", keep: dict[str, str] | None = None
              ) -> dict[str, Any]:
    """What `catalog/_seo_head.html` renders: canonical, alternates, OpenGraph."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    keep = {k: v for k, v in (keep or {}).items() if v}
    explicit = request.GET.get(LANGUAGE_PARAM) in LANGUAGE_CODES

    def url(code: str | None) -> str:
        params = dict(keep)
        if code:
            params[LANGUAGE_PARAM] = code
        query = urlencode(params)
        return absolute(request, path + (f"?{query}" if query else ""))

    return {
        "canonical": url(language if explicit else None),
        "alternates": [{"code": code, "url": url(code)} for code in LANGUAGE_CODES],
        "x_default": url(None),
        "title": title,
        "description": (description or "")[:300],
        "image": absolute(request, image) if image else "",
        "og_type": og_type,
        "og_locale": {"en": "en_US", "id": "id_ID", "ms": "ms_MY", "fil": "fil_PH"}.get(
            language, language),
        "site_name": settings.ETALASE["SITE_NAME"],
    }


_JSON_SCRIPT_ESCAPES = {
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_ld(data: dict[str, Any]) -> SafeString:
    """A `<script type="application/ld+json">` whose content cannot close the tag.

    "</script>" or "<!--" in a product name become \\u003C… escapes: still the same
    string for a JSON parser, inert for the HTML parser.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return mark_safe(  # noqa: S308 - every <, > and & is escaped above
        '<script type="application/ld+json">' + text.translate(_JSON_SCRIPT_ESCAPES) + "</script>"
    )


# --- robots.txt and sitemap -----------------------------------------------------------


@require_GET
@cache_page(3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /manage/",
        "Disallow: /api/",
        # Facet combinations are endless; the sitemap lists every product and page instead.
        "Disallow: /gallery/?*page=",
        "Allow: /",
        f"Sitemap: {absolute(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_page(3600)
def sitemap_view(request: HttpRequest) -> HttpResponse:
    """The sitemap index: one entry per section and page of 10,000 URLs."""
    from etalase.catalog.sitemaps import SITEMAPS

    return sitemap_index_view(request, SITEMAPS, sitemap_url_name="sitemap_section")


@require_GET
@cache_page(3600)
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    from etalase.catalog.sitemaps import SITEMAPS

    return sitemap_section_view(request, SITEMAPS, section=section)


# --- schema.org JSON-LD: Product, Offer, Organization ---------------------------------------
# What search engines and buyers' systems read of a product page or a storefront. Units are
# UN/CEFACT Rec 20 codes (schema.org's `unitCode` asks for them), GTINs as the owner gave them
# (checked by catalog.gtin), prices as text (JSON numbers would lose "12.50"'s cents).

SCHEMA_ORG = "https://schema.org"
IN_STOCK = "https://schema.org/InStock"


def _address(enterprise: Any) -> dict[str, Any]:
    locality = enterprise.area.name if enterprise.area_id else enterprise.regency
    address = {"@type": "PostalAddress", "addressRegion": enterprise.subdivision.name,
               "addressCountry": enterprise.country_id}
    return {**address, "addressLocality": locality} if locality else address


def organization(request: HttpRequest, enterprise: Any) -> dict[str, Any]:
    """The enterprise as a schema.org Organization (seller, manufacturer, storefront)."""
    from etalase.catalog import links

    return {
        "@type": "Organization",
        "name": enterprise.display_name,
        "url": absolute(request, links.storefront_url(enterprise)),
        "address": _address(enterprise),
    }


def offer(*, price_min: Any, price_max: Any, currency: str, unit: str,
          min_order: Any = None, url: str = "", seller: dict[str, Any] | None = None
          ) -> dict[str, Any] | None:
    """An Offer (one price) or AggregateOffer (a range) per unit; None without a price."""
    from etalase.catalog.units import unit_code

    if (price_min is None and price_max is None) or not currency:
        return None
    low, high = price_min if price_min is not None else price_max, price_max or price_min
    code = unit_code(unit)
    data: dict[str, Any] = {"@type": "Offer" if low == high else "AggregateOffer",
                            "priceCurrency": currency, "availability": IN_STOCK}
    if low == high:
        data["price"] = str(low)
    else:
        data["lowPrice"], data["highPrice"] = str(low), str(high)
    if code:
        # The price is per one unit: say which, so "12.50" is per kilogram, not per tonne.
        spec: dict[str, Any] = {"@type": "UnitPriceSpecification", "priceCurrency": currency,
                                "referenceQuantity": {"@type": "QuantitativeValue", "value": 1,
                                                      "unitCode": code}}
        if low == high:
            spec["price"] = str(low)
        else:
            spec["minPrice"], spec["maxPrice"] = str(low), str(high)
        data["priceSpecification"] = spec
        if min_order:
            data["eligibleQuantity"] = {"@type": "QuantitativeValue", "minValue": str(min_order),
                                        "unitCode": code}
    if url:
        data["url"] = url
    if seller:
        data["seller"] = seller
    return data


def product_json_ld(request: HttpRequest, product: Any, *, name: str, description: str,
                    image_urls: list[str], hs_name: str) -> dict[str, Any]:
    """A product page's schema.org Product with its maker and, when priced, its Offer."""
    from etalase.catalog import links

    enterprise = product.enterprise
    maker = organization(request, enterprise)
    url = absolute(request, links.product_url(product))
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Product",
        "name": name,
        "description": description,
        "productID": f"etalase:{product.pk}",
        "sku": f"etalase:{product.pk}",
        "category": f"HS {product.hs_code.dotted} {hs_name}" if product.hs_code else "",
        "url": url,
        "image": [absolute(request, u) for u in image_urls if u],
        "brand": {"@type": "Brand", "name": enterprise.display_name},
        "manufacturer": maker,
    }
    if product.gtin:
        data["gtin"] = product.gtin
    found = offer(price_min=product.price_min, price_max=product.price_max,
                  currency=product.currency, unit=product.unit, min_order=product.min_order,
                  url=url, seller=maker)
    if found:
        data["offers"] = found
    return data


def storefront_json_ld(request: HttpRequest, enterprise: Any, *, description: str,
                       cards: list[dict[str, Any]]) -> dict[str, Any]:
    """A storefront's schema.org Organization, with the Offers of the products on the page
    (its cards: id, name in the page's language, url): one query for their prices."""
    from etalase.catalog.models import Product

    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        **organization(request, enterprise),
        "legalName": enterprise.legal_name,
        "description": description,
    }
    if enterprise.year_established:
        data["foundingDate"] = str(enterprise.year_established)
    if enterprise.website:
        data["sameAs"] = [enterprise.website]
    if enterprise.logo:
        data["logo"] = absolute(request, enterprise.logo.url)
    offers = []
    rows = Product.objects.filter(pk__in=[card["id"] for card in cards]).values(
        "id", "gtin", "unit", "price_min", "price_max", "currency", "min_order")
    by_id = {row["id"]: row for row in rows}
    for card in cards:
        row = by_id.get(card["id"])
        if row is None:
            continue
        url = absolute(request, card["url"])
        item: dict[str, Any] = {"@type": "Product", "name": card["name"], "url": url}
        if row["gtin"]:
            item["gtin"] = row["gtin"]
        priced = offer(price_min=row["price_min"], price_max=row["price_max"],
                       currency=row["currency"], unit=row["unit"], min_order=row["min_order"],
                       url=url) or {"@type": "Offer", "availability": IN_STOCK, "url": url}
        offers.append({**priced, "itemOffered": item})
    if offers:
        data["makesOffer"] = offers
    return data
