"""Owners' self-service: profile, products, translations, photos, publish/hide — and scope."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from etalase.catalog import links, search
from etalase.catalog.models import Product, ProductImage
from etalase.enterprises.models import Enterprise
from tests.catalog.test_gallery_support import fast_passwords, find, ids, site_urls  # noqa: F401
from tests.factories import buyer, make_enterprise, make_product, make_user, officer_of, owner_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_urls", "fast_passwords")]

PRODUCT = {
    "name": "Kopi arabika Toraja",
    "description": "Biji kopi hijau, proses basah.",
    "language": "id",
    "hs_code": "0901.11",
    "unit": "kg",
    "min_order": "100",
    "monthly_capacity": "2000",
    "price_min": "90000",
    "price_max": "120000",
    "currency": "",
    "is_published": "on",
    "name_en": "Toraja arabica green coffee",
    "description_en": "Washed process.",
    "name_fil": "Hilaw na kape arabika",
}


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (90, 60, 30)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def owned(client):
    enterprise = make_enterprise("ID-SA", legal_name="CV Kopi Toraja")
    owner = owner_of(enterprise)
    client.force_login(owner)
    return enterprise, owner


def test_owner_adds_a_product_with_translations_and_a_photo_and_finds_it(client, owned):
    enterprise, owner = owned
    response = client.post(reverse("enterprises:product_create", args=[enterprise.pk]), PRODUCT)
    assert response.status_code == 302, response.content.decode()[:2000]
    product = Product.objects.get(enterprise=enterprise)
    assert response["Location"] == reverse("enterprises:product_edit", args=[product.pk])
    assert product.hs_code_id == "090111" and product.currency == "IDR"
    assert {t.language_code: t.name for t in product.translations.all()} == {
        "en": "Toraja arabica green coffee", "fil": "Hilaw na kape arabika"}
    upload = SimpleUploadedFile("kopi.jpg", _jpeg(), content_type="image/jpeg")
    response = client.post(reverse("enterprises:image_upload", args=[product.pk]),
                           {"image": upload, "alt_text": "Green coffee beans"})
    assert response.status_code == 302
    assert ProductImage.objects.get(product=product).image.name.endswith(".webp")
    # In the gallery at once, by its name in a language it was not written in.
    assert ids(find("arabica green coffee")) == [product.pk]
    html = client.get(reverse("catalog:gallery"), {"q": "kape arabika"}).content.decode()
    assert links.product_url(product) in html and ".webp" in html
    assert product.history.filter(history_user=owner).exists()


def test_invalid_product_input_gets_specific_messages_and_writes_nothing(client, owned):
    enterprise, _owner = owned
    bad = {**PRODUCT, "name": "x" * 500, "hs_code": "1801", "price_min": "9", "price_max": "1",
           "name_ms": "y" * 300}
    response = client.post(reverse("enterprises:product_create", args=[enterprise.pk]), bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "6-digit HS subheading" in html
    assert "errorlist" in html
    assert not Product.objects.filter(enterprise=enterprise).exists()


def test_a_translation_description_without_a_name_is_refused(client, owned):
    enterprise, _owner = owned
    data = {**PRODUCT, "description_ms": "Kopi hijau."}
    response = client.post(reverse("enterprises:product_create", args=[enterprise.pk]), data)
    assert response.status_code == 200
    assert "Give the name in this language too." in response.content.decode()
    assert not Product.objects.filter(enterprise=enterprise).exists()


def test_owner_edits_a_product_and_the_index_follows(client, owned):
    enterprise, _owner = owned
    product = make_product(enterprise, name="Kopi lama", hs_code_id="090111")
    data = {**PRODUCT, "name": "Kopi robusta Enrekang"}
    response = client.post(reverse("enterprises:product_edit", args=[product.pk]), data)
    assert response.status_code == 302
    assert ids(find("robusta enrekang")) == [product.pk]
    assert ids(find("lama")) == []


def test_owner_hides_and_publishes_a_product(client, owned):
    enterprise, _owner = owned
    product = make_product(enterprise, name="Kopi luwak")
    url = reverse("enterprises:product_publish", args=[product.pk])
    assert client.post(url, {"published": "0"}).status_code == 302
    assert ids(find("luwak")) == []
    assert client.get(links.product_url(product)).status_code == 200  # the owner still sees it
    client.post(url, {"published": "1", "next": "https://evil.example/"})
    assert ids(find("luwak")) == [product.pk]
    product.refresh_from_db()
    assert product.is_published
    reasons = list(product.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["published", "withdrawn"]


def test_publish_redirect_never_leaves_the_site(client, owned):
    enterprise, _owner = owned
    product = make_product(enterprise)
    response = client.post(reverse("enterprises:product_publish", args=[product.pk]),
                           {"published": "0", "next": "https://evil.example/"})
    assert response["Location"] == reverse("enterprises:manage")


def test_owner_edits_the_profile_but_not_the_identity(client, owned):
    enterprise, owner = owned
    make_product(enterprise, name="Kopi Toraja")
    url = reverse("enterprises:profile_edit", args=[enterprise.pk])
    form = client.get(url).content.decode()
    assert 'name="trade_name"' in form and 'name="registration_id"' not in form
    data = {
        "legal_name": enterprise.legal_name, "trade_name": "Toraja Highland Coffee",
        "currency": "IDR", "sector_kind": "manufacturing", "export_status": "ready",
        "language": "id", "description": "Kopi dari dataran tinggi.", "is_published": "on",
        "employees": "8", "annual_turnover": "500000000",
        "registration_id": "0000000000000", "subdivision": "ID-KI",  # not owner fields: ignored
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    enterprise.refresh_from_db()
    assert enterprise.trade_name == "Toraja Highland Coffee"
    assert enterprise.subdivision_id == "ID-SA"
    assert enterprise.registration_id != "0000000000000"
    assert len(ids(find("highland"))) == 1  # the enterprise's new name is searchable
    assert enterprise.history.first().history_user == owner


def test_a_hostile_logo_is_refused(client, owned):
    enterprise, _owner = owned
    url = reverse("enterprises:profile_edit", args=[enterprise.pk])
    svg = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(url, {"legal_name": enterprise.legal_name, "currency": "IDR",
                                 "sector_kind": "manufacturing", "export_status": "not_yet",
                                 "language": "id", "logo": svg})
    assert response.status_code == 200
    assert "JPEG, PNG or WebP" in response.content.decode()
    enterprise.refresh_from_db()
    assert not enterprise.logo


def test_a_hostile_photo_is_refused_with_a_message(client, owned):
    enterprise, _owner = owned
    product = make_product(enterprise)
    script = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho pwned", content_type="image/jpeg")
    response = client.post(reverse("enterprises:image_upload", args=[product.pk]),
                           {"image": script}, follow=True)
    assert "JPEG, PNG or WebP" in response.content.decode()
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize("who", ["other_owner", "buyer", "officer_elsewhere", "no_role"])
def test_no_one_else_reaches_the_owners_pages(client, who):
    enterprise = make_enterprise("ID-SA")
    product = make_product(enterprise)
    image = ProductImage.objects.create(product=product, image="x.webp")
    user = {"other_owner": lambda: owner_of(make_enterprise("ID-SA")), "buyer": buyer,
            "officer_elsewhere": lambda: officer_of("ID-KI"), "no_role": make_user}[who]()
    client.force_login(user)
    for url in (reverse("enterprises:profile_edit", args=[enterprise.pk]),
                reverse("enterprises:product_create", args=[enterprise.pk]),
                reverse("enterprises:product_edit", args=[product.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, PRODUCT).status_code == 404, url
    assert client.post(reverse("enterprises:product_publish", args=[product.pk]),
                       {"published": "0"}).status_code == 404
    assert client.post(reverse("enterprises:image_delete", args=[image.pk])).status_code == 404
    product.refresh_from_db()
    assert product.is_published and ProductImage.objects.filter(pk=image.pk).exists()
    assert not Product.objects.exclude(pk=product.pk).exists()


def test_the_provincial_officer_may_act_for_an_enterprise_of_the_area(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(officer_of("ID-SA"))
    assert client.get(reverse("enterprises:profile_edit", args=[enterprise.pk])).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client):
    enterprise = make_enterprise("ID-SA")
    response = client.get(reverse("enterprises:profile_edit", args=[enterprise.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(reverse("enterprises:manage")).status_code == 302


def test_manage_page_lists_the_owners_products_escaped(client, owned):
    enterprise, _owner = owned
    make_product(enterprise, name="<script>alert(1)</script> Kopi")
    make_product(make_enterprise("ID-SA"), name="Kopi tetangga")
    html = client.get(reverse("enterprises:manage")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kopi" in html
    assert "Kopi tetangga" not in html
    assert Enterprise.objects.count() == 2


def test_search_module_is_the_one_the_pages_use():
    assert callable(search.search_products)
