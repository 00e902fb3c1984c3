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
