"""Weight as a 3G user receives it (issue 18): compressed pages, htmx only where used,
Swagger UI from the site's own files, hashed static files cached for good."""

from __future__ import annotations

import gzip
import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseMiddleware

from etalase.catalog import links
from tests.factories import buyer, make_enterprise, make_product, make_user

pytestmark = pytest.mark.django_db
HTMX = "etalase/htmx.min.js"


def test_pages_are_sent_gzipped_to_a_client_that_accepts_it(client):
    response = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert "<html" in page and len(response.content) < len(page) / 3


def test_a_client_without_gzip_gets_the_plain_page(client):
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_htmx_only_on_the_pages_that_use_it(client):
    enterprise = make_enterprise("ID-SA", legal_name="CV Tenun Sengkang")
    product = make_product(enterprise)
    without = ["/", links.product_url(product), links.storefront_url(enterprise),
               reverse("accounts:login")]
    for url in without:
        page = client.get(url).content.decode()
        assert HTMX not in page, url
        assert "hx-get" not in page and "hx-post" not in page, url
    gallery = client.get(reverse("catalog:gallery")).content.decode()
    assert HTMX in gallery and "hx-get" in gallery


def test_the_sourcing_form_still_loads_htmx(client):
    client.force_login(buyer())
    response = client.get(reverse("matching:request_create"))
    assert response.status_code == 200
    assert HTMX in response.content.decode()


def test_api_docs_load_swagger_from_the_site_itself(client):
    client.force_login(make_user())
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "cdn" not in page.lower()
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css"):
        assert static(asset) in sources
        served = client.get(static(asset))
        assert served.status_code == 200, asset


def test_hashed_static_files_are_cached_as_immutable(settings, tmp_path):
    """The production storage (hashed names) behind WhiteNoise: a year and more, immutable;
    the unhashed name only a short while."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0,
                 ignore_patterns=["ninja", "admin", "*.map"])
    middleware = WhiteNoiseMiddleware(lambda request: None)
    hashed = static("etalase/site.css")
    assert re.search(r"site\.[0-9a-f]{12}\.css$", hashed), hashed
    response = middleware(RequestFactory().get(hashed))
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "immutable" in cache and "public" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 31_536_000
    plain = middleware(RequestFactory().get("/static/etalase/site.css"))
    assert "immutable" not in plain["Cache-Control"]
