from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from etalase.api import api
from etalase.web.media import media

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("etalase.accounts.urls")),
    path("pay/", include("etalase.payments.urls")),
    path("submissions/", include("etalase.intake.urls")),
    path("fieldcapture/", include("etalase.fieldcapture.urls")),
    path("programmes/", include("etalase.learning.urls")),
    path("sourcing/", include("etalase.matching.urls")),
    path("insights/", include("etalase.insights.urls")),
    path("trade/", include("etalase.trade.urls")),
    path("", include("etalase.privacy.urls")),
    path("", include("etalase.web.urls")),
    path("", include("etalase.catalog.site_urls")),
]

# JSON under /api/ (etalase.api.not_found), the site's page elsewhere.
handler404 = "etalase.api.not_found"

if settings.SERVE_MEDIA:
    # Public pictures only, whatever DEBUG says (static() is inert without DEBUG): web/media.py.
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media,
                               name="media"))
