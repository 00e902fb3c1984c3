"""Pictures in Chromium at phone width (issue 18): an owner's photo loads on the storefront,
a product without one shows its chapter's drawing, both from this site."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from etalase.catalog import images, links
from tests.catalog.test_gallery_support import site_urls  # noqa: F401
from tests.factories import make_enterprise, make_product, owner_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("site_urls")]

LOADED = "img => img.complete && img.naturalWidth > 0"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (160, 40, 40)).save(out, format="JPEG")
    return out.getvalue()


def test_the_storefront_shows_the_uploaded_photo_and_a_chapter_drawing(page, live_site,
                                                                        settings):
    settings.DEBUG = False
    enterprise = make_enterprise("ID-NT", legal_name="CV Tenun Ikat Sumba")
    cloth = make_product(enterprise, name="Kain tenun ikat Sumba", hs_code_id="520812")
    make_product(enterprise, name="Kopi arabika Flores", hs_code_id="090111")
    images.image_add(actor=owner_of(enterprise), product=cloth, alt_text="Kain tenun ikat",
                     upload=SimpleUploadedFile("kain.jpg", _jpeg(), content_type="image/jpeg"))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(links.storefront_url(enterprise))
    photo = page.get_by_role("img", name="Kain tenun ikat")
    photo.scroll_into_view_if_needed()
    page.wait_for_function(f"() => [...document.querySelectorAll('.pcard img')].every({LOADED})")
    assert photo.evaluate("img => img.naturalWidth") > 0
    assert "/media/products/" in photo.evaluate("img => img.currentSrc")
    drawing = page.locator("img.noimg")
    assert drawing.count() == 1
    assert drawing.evaluate("img => img.currentSrc").endswith("/catalog/chapters/spices.svg")
    assert drawing.evaluate("img => img.naturalWidth") > 0
    site = urlsplit(live_site).netloc
    assert all(urlsplit(url).netloc == site for url in requests if url.startswith("http"))
