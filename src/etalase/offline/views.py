"""The small offline web app: service worker, web manifest and the offline page (issue 15).

`/sw.js` is served by Django at the root, so that its scope covers the owners' and
officers' forms (`/manage/…`); it is rendered with the static files' real (hashed) URLs and
a version made of the shell's contents, so that a changed file installs a new worker.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Static files the pages need offline (precached on install). The offline shell counted
# in the size budget is the worker, OUTBOX_JS, the manifest, the offline page and ICONS;
# the stylesheets and htmx are the site's own, cached here too.
OUTBOX_JS = "pwa/outbox.js"
ICONS = ["pwa/icon.svg"]
SHELL_STATIC = ["etalase/site.css", "etalase/htmx.min.js", "catalog/gallery.css", OUTBOX_JS,
                *ICONS]
# The pages that keep working with no signal once visited: the owner's product forms,
# the officer's capture form and the enterprise profile, and the list they start from.
OFFLINE_PAGES = [("enterprises:manage", False), ("enterprises:product_create", True),
                 ("enterprises:product_edit", True), ("enterprises:profile_edit", True),
                 ("enterprises:enterprise_capture", False)]
_PK = 987654321


def offline_page_patterns() -> list[str]:
    """Regular expressions (for the worker) of the offline pages' paths."""
    patterns = []
    for name, has_pk in OFFLINE_PAGES:
        path = reverse(name, args=[_PK]) if has_pk else reverse(name)
        patterns.append("^" + re.escape(path).replace(str(_PK), r"\d+") + "$")
    return patterns


@cache
def shell_version() -> str:
    """A digest of the shell's files: a new one makes browsers install the new worker."""
    digest = hashlib.sha256()
    for name in SHELL_STATIC:
        found = finders.find(name)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    for template in ("offline/sw.js", "offline/offline.html", "offline/_outbox.html"):
        digest.update(get_template(template).template.source.encode())
    return digest.hexdigest()[:12]


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    config = {
        "version": shell_version(),
        "shell": [static(name) for name in SHELL_STATIC] + [reverse("web:offline"),
                                                             reverse("web:manifest")],
        "offline": reverse("web:offline"),
        "outbox": static(OUTBOX_JS),
        "login": resolve_url(settings.LOGIN_URL),
        "pages": offline_page_patterns(),
    }
    response = render(request, "offline/sw.js", {"config": json.dumps(config)},
                      content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> JsonResponse:
    name = settings.ETALASE["SITE_NAME"]
    data = {
        "name": name,
        "short_name": name,
        "description": _("List your products and capture enterprises, with or without signal."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("enterprises:manage"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5d57",
        "icons": [{"src": static(icon), "sizes": "any", "type": "image/svg+xml",
                   "purpose": "any maskable"} for icon in ICONS],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "offline/offline.html")
