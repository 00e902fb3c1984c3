"""The province page: a province's (or region's) enterprises and products, with figures."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from etalase.catalog import links, presenters, search, seo
from etalase.enterprises.models import Enterprise, ExportStatus
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
    enterprises = Enterprise.objects.public().filter(
        subdivision_id__in=[subdivision.code, *(child.code for child in children)]
    )
    figures = enterprises.aggregate(
        enterprises=Count("id"),
        verified=Count("id", filter=Q(verified_at__isnull=False)),
        exporting=Count("id", filter=Q(export_status=ExportStatus.EXPORTING)),
    )
    listed = enterprises.only(
        "id", "slug", "legal_name", "trade_name", "regency", "verified_at"
    ).order_by("legal_name", "id")
    paginator = Paginator(listed, ENTERPRISES_PER_PAGE)
    paginator.count = figures["enterprises"]  # counted above with the other figures
    page = paginator.get_page(request.GET.get("page"))
    facets = {name: values for name, values in result.facets.items()}
    figures["products"] = result.total
    name = subdivision.display_name
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
        "enterprise_rows": [{"enterprise": e, "url": links.storefront_url(e)}
                            for e in page.object_list],
        "gallery_query": f"?subdivision={subdivision.code}",
        "seo": seo.page_meta(
            request, request.path,
            title=_("%(province)s — MSME products") % {"province": name},
            description=_("Enterprises and products of %(province)s, %(country)s.")
            % {"province": name, "country": subdivision.country.display_name},
        ),
    }
    return render(request, "regions/province.html", context)
