from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from etalase.web import selectors
from etalase.web.context_processors import GALLERY_FALLBACK, resolve


def province_link(code: str) -> str:
    """A province's own page when the regions app serves one, else the gallery filtered to it."""
    try:
        return reverse("regions:province", args=[code])
    except NoReverseMatch:
        gallery = resolve("catalog:gallery") or GALLERY_FALLBACK
        return f"{gallery}?{urlencode({'subdivision': code})}"


def home(request: HttpRequest) -> HttpResponse:
    context = selectors.home_figures()
    for group in context["province_groups"]:
        for province in group.provinces:
            province.link = province_link(province.code)
    context["roles"] = selectors.roles_of(request.user)
    return render(request, "web/home.html", context)
