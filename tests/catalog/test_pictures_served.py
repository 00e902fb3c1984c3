"""Uploaded photos are served by the application itself (issue 18): DEBUG off, as `make run`."""

from __future__ import annotations

import io
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from etalase.catalog import links
from etalase.catalog.models import ProductImage
from etalase.web.media import is_public_picture
from tests.factories import make_enterprise, make_product, owner_of

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x010E] = "Rumah Ibu Sari, Toraja"  # ImageDescription: a place the seller lives
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (140, 70, 30)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def uploaded(client, settings):
    settings.DEBUG = False
    enterprise = make_enterprise("ID-SA", legal_name="CV Tenun Toraja")
    product = make_product(enterprise)
    client.force_login(owner_of(enterprise))
    upload = SimpleUploadedFile("kain.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(reverse("enterprises:image_upload", args=[product.pk]),
                           {"image": upload, "alt_text": "Kain tenun ikat"})
    assert response.status_code == 302
    client.logout()
    return product, ProductImage.objects.get(product=product)


def test_an_uploaded_photo_is_served_without_debug(client, uploaded):
    _product, image = uploaded
    for field in (image.image, image.thumbnail):
        response = client.get(field.url)
        assert response.status_code == 200, field.url
        assert response["Content-Type"] == "image/webp"
        body = b"".join(response.streaming_content)
        with Image.open(io.BytesIO(body)) as served:
            assert served.format == "WEBP"
            assert not served.getexif()  # camera and GPS data are gone
        assert "public" in response["Cache-Control"]
        assert "sandbox" in response["Content-Security-Policy"]


def test_the_storefront_offers_both_sizes_of_the_photo(client, uploaded):
    product, image = uploaded
    html = client.get(links.storefront_url(product.enterprise)).content.decode()
    assert image.thumbnail.url in html
    assert f"{image.image.url} {image.width}w" in html  # srcset's large variant


def test_the_photo_is_fetched_through_a_real_server(live_server, uploaded):
    _product, image = uploaded
    url = live_server.url + image.thumbnail.url  # http://localhost:port/media/…
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310
        assert answer.status == 200
        assert answer.headers["Content-Type"] == "image/webp"
        assert Image.open(io.BytesIO(answer.read())).size[0] == 480


@pytest.mark.parametrize("path", [
    "submissions/2026/12/list.xlsx",        # an officer's spreadsheet: personal data
    "fieldcapture/2026/12/a.jpg",           # a field photo: behind its own permission
    "products/../submissions/x.xlsx",
    "products/%2e%2e/submissions/x.xlsx",
    "products/2026/12/page.html",
    "products/2026/12/x.svg",
    "/etc/passwd",
    "products//etc/passwd.png",
    "",
])
def test_only_public_pictures_are_served(client, settings, path):
    target = settings.MEDIA_ROOT / "submissions" / "x.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"PK secret")
    assert not is_public_picture(path)
    response = client.get("/media/" + path)
    assert response.status_code == 404
    assert b"secret" not in response.content


def test_a_missing_picture_is_a_404_and_a_post_is_refused(client):
    assert client.get("/media/products/2026/12/nothing.webp").status_code == 404
    assert client.post("/media/products/2026/12/nothing.webp").status_code == 405


def test_the_product_page_offers_both_sizes_and_a_drawing_without_photo(client, uploaded):
    product, image = uploaded
    html = client.get(links.product_url(product)).content.decode()
    assert f'srcset="{image.thumbnail.url} 480w, {image.image.url} {image.width}w"' in html
    bare = make_product(product.enterprise, name="Kopi arabika", hs_code_id="090111")
    html = client.get(links.product_url(bare)).content.decode()
    assert 'class="noimg noimg-large" src="/static/catalog/chapters/spices.svg"' in html
