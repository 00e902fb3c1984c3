"""The province page: a province's (or region's) enterprises and products, with figures."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from etalase.catalog import links, presenters, search, seo
from etalase.enterprises.models import Enterprise
from etalase.insights import areas
from etalase.insights.opendata import SUPPRESS_BELOW, withheld_if_small
from etalase.regions.models import Subdivision

ENTERPRISES_PER_PAGE = 30


@require_GET
@seo.language_from_query
def province(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():
        return redirect("regions:province", code=code.upper(), permanent=True)
    subdivision = (Subdivision.objects.select_related("country", "parent")
                   .filter(code=code[:10]).first())
    if subdivision is None:
        raise Http404
    language = translation.get_language() or "en"
    result = search.search_products(filters={"subdivision": subdivision.code}, sort="newest",
                                    per_page=12, language=language)
    children = list(subdivision.children.order_by("name"))
    # The province and the provinces inside it (a Philippine region) as a list of codes:
    # an index lookup, where `subdivision OR subdivision__parent` joined every enterprise
    # to its subdivision (~20 ms of a page at 20k enterprises).
    codes = [subdivision.code, *(child.code for child in children)]
    enterprises = Enterprise.objects.public().filter(subdivision_id__in=codes)
    # The page's figures and its areas' from one grouped statement.
    per_area = areas.public_enterprises_by_area(codes)
    figures = {key: sum(row[key] for row in per_area.values())
               for key in ("enterprises", "verified", "exporting")}
    listed = enterprises.only(
        "id", "slug", "legal_name", "trade_name", "regency", "verified_at", "area_id"
    ).order_by("legal_name", "id")
    paginator = Paginator(listed, ENTERPRISES_PER_PAGE)
    paginator.count = figures["enterprises"]  # counted above with the other figures
    page = paginator.get_page(request.GET.get("page"))
    facets = {name: values for name, values in result.facets.items()}
    figures["products"] = result.total
    name = subdivision.display_name
    # The areas' names once, for their list and the enterprises' (rather than a join).
    area_names = areas.area_names(codes)
    context = {
        "subdivision": subdivision,
        "name": name,
        "children": children,
        "figures": figures,
        "chapters": facets.get("hs_chapter", [])[:8],
        "sizes": facets.get("size_class", []),
        # Cards from three plain queries, as dicts (as the gallery builds them).
        "cards": [vars(card) for card in presenters.cards_for_ids(result.ids, language)],
        "page": page,
        # The place as the official area's name, else as the source wrote it.
        "enterprise_rows": [{"enterprise": e, "url": links.storefront_url(e),
                             "place": area_names.get(e.area_id) or e.regency}
                            for e in page.object_list],
        "gallery_query": f"?subdivision={subdivision.code}",
        "areas": _area_list(codes, per_area, area_names),
        "threshold": SUPPRESS_BELOW,
        "seo": seo.page_meta(
            request, request.path,
            title=_("%(province)s — MSME products") % {"province": name},
            description=_("Enterprises and products of %(province)s, %(country)s.")
            % {"province": name, "country": subdivision.country.display_name},
        ),
    }
    return render(request, "regions/province.html", context)


def _area_list(codes: list[str], per_area: dict, names: dict[str, str]) -> list[dict]:
    """The province's areas with their public enterprises and products, each linking to the
    gallery of that area. Counts below the open data's threshold are withheld (None) as they
    are there: the same figures must not be exact here and withheld in the download."""
    products = search.products_by_area(codes)
    gallery = reverse("catalog:gallery")
    listed = []
    for code, name in names.items():
        enterprises = per_area.get(code, {}).get("enterprises", 0)
        count = products.get(code, 0)
        if enterprises or count:
            listed.append({
                "code": code,
                "name": name,
                "enterprises": withheld_if_small(enterprises),
                "products": withheld_if_small(count),
                "order": (-count, -enterprises, name),
                "url": f"{gallery}?{urlencode({'area': code})}",
            })
    listed.sort(key=lambda row: row["order"])
    return listed
