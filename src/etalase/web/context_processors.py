"""Site-wide template context: the site name and the main navigation.

The navigation is data: each entry names a URL and who it is for. An entry appears only
when its URL name resolves, so the menu grows by itself as apps add their pages (the
gallery, programmes, sourcing requests …) without anyone editing base.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from etalase.accounts import permissions

# Who sees an entry. Menus only hide links; every page still checks access itself
# through accounts.permissions.
EVERYONE = "everyone"
SIGNED_IN = "signed_in"
OFFICIALS = "officials"  # officers, focal points, the secretariat

GALLERY_FALLBACK = "/gallery/"


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    audience: str = EVERYONE


NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("web:home", _("Home")),
    NavEntry("catalog:gallery", _("Gallery")),
    NavEntry("learning:programmes", _("Programmes")),
    NavEntry("matching:requests", _("Sourcing requests"), SIGNED_IN),
    NavEntry("enterprises:manage", _("My enterprise"), SIGNED_IN),
    NavEntry("insights:dashboard", _("Reports"), OFFICIALS),
    NavEntry("intake:submissions", _("Submissions"), OFFICIALS),
    NavEntry("accounts:account", _("My account"), SIGNED_IN),
)


def resolve(url_name: str) -> str | None:
    """The path of a URL name, or None while no app has registered it."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _is_for(entry: NavEntry, user) -> bool:
    if entry.audience == EVERYONE:
        return True
    if not user.is_authenticated:
        return False
    if entry.audience == OFFICIALS:
        return permissions.scope_of(user).is_official
    return True


def nav_items(request: HttpRequest) -> list[dict]:
    user = getattr(request, "user", None)
    path = request.path
    items = []
    for entry in NAVIGATION:
        if user is None and entry.audience != EVERYONE:
            continue
        if user is not None and not _is_for(entry, user):
            continue
        url = resolve(entry.url_name)
        if url is None:
            continue
        # Home is current only on itself; a section is current on all of its pages.
        current = path == url if url == "/" else path.startswith(url)
        items.append({"name": entry.url_name, "label": entry.label, "url": url,
                      "current": current})
    return items


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.ETALASE["SITE_NAME"],
        "DEMO_MODE": settings.DEV,
        # A callable: templates call it only when they render the menu (not in fragments).
        "nav_items": partial(nav_items, request),
        # The home page's search box targets the gallery even before its URL is named.
        "gallery_url": resolve("catalog:gallery") or GALLERY_FALLBACK,
    }
