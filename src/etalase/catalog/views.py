"""The public gallery: search page (GET form, htmx enhances it) and product page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from etalase.accounts import permissions
from etalase.catalog import links, money, presenters, search, seo
from etalase.catalog.models import Product
from etalase.web import formatting

PER_PAGE = 24
FACET_ORDER = ("country", "subdivision", "hs_chapter", "certification", "size_class",
               "export_status")


def _language() -> str:
    return translation.get_language() or "en"


def _gallery_query(request: HttpRequest) -> dict[str, str]:
    """The query string values the gallery understands (everything else is ignored)."""
    keep = {}
    for name in ("q", "sort", *search.FILTERS):
        value = request.GET.get(name, "").strip()
        if value:
            keep[name] = value[:200]
    return keep


def _link(base: dict[str, str], **changes: str | None) -> str:
    params = dict(base)
    params.pop("page", None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params) if params else "?"


def _facet_groups(result, base: dict[str, str]) -> list[dict]:
    titles = {
        "country": _("Country"),
        "subdivision": _("Province / state"),
        "hs_chapter": _("Product group (HS chapter)"),
        "certification": _("Certification"),
        "size_class": _("Size of enterprise"),
        "export_status": _("Export status"),
    }
    groups = []
    for name in FACET_ORDER:
        values = result.facets.get(name, [])
        if not values:
            continue
        groups.append({
            "name": name,
            "title": titles[name],
            "values": [
                # The count as text: the template's number localization costs ~10 µs a
                # value (get_format lookups) and writes plain digits all the same.
                {"label": v.label, "count": str(v.count), "selected": v.selected,
                 "url": _link(base, **{name: None if v.selected else v.value})}
                for v in values[:30]
            ],
        })
    return groups


@require_GET
@seo.language_from_query
@vary_on_headers("HX-Request")
def gallery(request: HttpRequest) -> HttpResponse:
    language = _language()
    base = _gallery_query(request)
    result = search.search_products(
        query=base.get("q", ""), filters=request.GET, sort=base.get("sort", "relevance"),
        page=request.GET.get("page", 1), per_page=PER_PAGE, language=language,
    )
    verified = result.facets.get("verified", [])
    context = {
        "result": result,
        "q": result.query,
        # The cards' fields as dicts: the template looks a name up as a key first, and on a
        # dataclass that lookup fails with an exception before getattr (~0.5 ms a page).
        "cards": [vars(card) for card in presenters.cards_for_ids(result.ids, language)],
        "facet_groups": _facet_groups(result, base),
        "verified_count": verified[0].count if verified else 0,
        "verified_selected": result.filters.verified,
        "verified_url": _link(base, verified=None if result.filters.verified else "1"),
        "sort_options": [("relevance", _("Best match")), ("newest", _("Newest")),
                         ("name", _("Name"))],
        "active_filters": [
            {"label": _filter_label(result, name, value), "url": _link(base, **{name: None})}
            for name, value in result.filters.as_dict().items()
        ],
        "clear_url": _link({"q": result.query} if result.query else {}),
        "previous_url": _link(base, page=str(result.page - 1)) if result.has_previous else "",
        "next_url": _link(base, page=str(result.page + 1)) if result.has_next else "",
        "popular": search.popular_goods(language, limit=8) if not result.query else [],
        "total_text": formatting.number(result.total, language),
        "seo": seo.page_meta(
            request, request.path,
            title=_("“%(q)s” — products of BIMP-EAGA MSMEs") % {"q": result.query}
            if result.query else _("Gallery of products of BIMP-EAGA MSMEs"),
            description=_("Search products of micro, small and medium enterprises of Brunei, "
                          "Indonesia, Malaysia and the Philippines in four languages."),
            keep={k: v for k, v in base.items() if k in {"q", "subdivision", "area", "country"}},
        ),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "catalog/_results.html", context)
    return render(request, "catalog/gallery.html", context)


def _filter_label(result, name: str, value: str) -> str:
    if name == "area":
        # Not a counted facet: the area is chosen on its province's page.
        from etalase.regions.models import Area

        found = Area.objects.filter(code=value).values_list("name", flat=True).first()
        return found or value
    for facet_value in result.facets.get(name, []):
        if facet_value.value == value:
            return facet_value.label
    return value


def _product_queryset():
    return Product.objects.select_related(
        "enterprise__country", "enterprise__subdivision", "enterprise__area",
        "hs_code__parent__parent",
    ).prefetch_related("translations", "images", "hs_code__translations", "certifications",
                       "enterprise__certifications")


@require_GET
@seo.language_from_query
def product_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    product = get_object_or_404(_product_queryset(), pk=pk)
    if not permissions.can_view_product(request.user, product):
        raise Http404
    canonical_path = links.product_url(product)
    if request.path != canonical_path:
        query = request.GET.urlencode()
        return redirect(canonical_path + (f"?{query}" if query else ""), permanent=True)
    language = _language()
    name, description = product.text_in(language)
    enterprise = product.enterprise
    images = list(product.images.all())
    certifications = list(product.certifications.all()) or [
        c for c in enterprise.certifications.all() if c.is_valid_on()
    ]
    usd = money.usd_range(product.price_min, product.price_max, product.currency)
    # An office's product may still lack its HS code (kept unpublished until one is chosen):
    # its owner and office still open its page.
    hs_name = search.goods_name(product.hs_code, language) if product.hs_code else ""
    price = formatting.money_range(product.price_min, product.price_max, product.currency,
                                   language)
    context = {
        "product": product,
        "name": name,
        "description": description,
        "enterprise": enterprise,
        "enterprise_url": links.storefront_url(enterprise),
        "province_url": links.province_url(enterprise.subdivision_id),
        "area_url": _link({}, area=enterprise.area_id) if enterprise.area_id else "",
        "images": images,
        "certifications": certifications,
        "hs_name": hs_name,
        "price": price,
        "price_usd": formatting.money_range(usd[0], usd[1], "USD", language) if usd else "",
        "rates_as_of": formatting.date_local(usd[2], language=language) if usd else "",
        "min_order": formatting.number(product.min_order, language),
        "capacity": formatting.number(product.monthly_capacity, language),
        "can_change": permissions.can_change_product(request.user, product),
        "is_public": product.is_published and enterprise.is_public,
        "seo": seo.page_meta(
            request, canonical_path, title=f"{name} — {enterprise.display_name}",
            description=description or hs_name,
            image=_image_url(images[0]) if images else "", og_type="product",
        ),
        "json_ld": seo.json_ld(seo.product_json_ld(
            request, product, name=name, description=description,
            image_urls=[_image_url(i) for i in images], hs_name=hs_name)),
    }
    return render(request, "catalog/product.html", context)


def _image_url(image) -> str:
    try:
        return image.image.url
    except ValueError:
        return ""
