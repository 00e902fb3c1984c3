"""URLconf of bench/gallery.py: the gallery's pages, what base.html links to, a bare view.

Only these, rather than the whole site's URLconf, so that the benchmark measures the
gallery whatever state other apps are in.
"""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench-bare/", bare),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("etalase.accounts.urls")),
    # The product page shows the export checklist's price panel (trade:…).
    path("trade/", include("etalase.trade.urls")),
    path("", include("etalase.catalog.site_urls")),
    path("", include("etalase.web.urls")),
]
