"""URLconf of bench/gallery.py: the site's routes plus a bare view (the cost of any request)."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from etalase.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-bare/", bare), *site_urlpatterns]
try:
    reverse("catalog:gallery", urlconf="etalase.urls")
except NoReverseMatch:  # the gallery is not wired into the root URLconf yet
    urlpatterns.append(path("", include("etalase.catalog.site_urls")))
