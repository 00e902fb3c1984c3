"""A form sent twice is one record: the device key (client_id) per user, on the real views."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from etalase.catalog.models import Product
from etalase.offline.models import AcceptedSubmission
from tests.factories import make_enterprise, owner_of

pytestmark = pytest.mark.django_db

PRODUCT = {
    "name": "Kopi arabika Toraja",
    "description": "Biji kopi hijau, proses basah.",
    "language": "id",
    "hs_code": "0901.11",
    "unit": "kg",
    "price_min": "90000",
    "price_max": "120000",
    "currency": "",
    "name_en": "Toraja arabica green coffee",
    "name_ms": "Kopi arabika hijau Toraja",
    "name_fil": "Hilaw na kape arabika ng Toraja",
}


@pytest.fixture
def owned(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    enterprise = make_enterprise("ID-SA", legal_name="CV Kopi Toraja")
    owner = owner_of(enterprise)
    client.force_login(owner)
    return enterprise, owner


def _create_url(enterprise) -> str:
    return reverse("enterprises:product_create", args=[enterprise.pk])


def test_the_form_carries_a_fresh_key_and_the_page_works_without_script(client, owned):
    enterprise, owner = owned
    first = client.get(_create_url(enterprise)).content.decode()
    second = client.get(_create_url(enterprise)).content.decode()
    key = first.split('name="client_id" value="')[1].split('"')[0]
    assert uuid.UUID(key) and key not in second  # one key per rendered form
    assert 'data-outbox' in first and f'name="outbox_user" value="{owner.pk}"' in first


def test_the_same_form_posted_twice_is_one_product(client, owned):
    enterprise, owner = owned
    key = str(uuid.uuid4())
    first = client.post(_create_url(enterprise), {**PRODUCT, "client_id": key})
    again = client.post(_create_url(enterprise), {**PRODUCT, "client_id": key})
    products = Product.objects.filter(enterprise=enterprise)
    assert products.count() == 1
    product = products.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == reverse("enterprises:product_edit",
                                                              args=[product.pk])
    accepted = AcceptedSubmission.objects.get(user=owner)
    assert (str(accepted.client_id), accepted.object_id) == (key, product.pk)
    # Another key is another product (two forms filled with the same values).
    client.post(_create_url(enterprise), {**PRODUCT, "client_id": str(uuid.uuid4())})
    assert products.count() == 2


def test_an_invalid_form_keeps_no_key_and_its_key_for_the_corrected_one(client, owned):
    enterprise, _owner = owned
    key = str(uuid.uuid4())
    bad = client.post(_create_url(enterprise),
                      {**PRODUCT, "price_min": "9", "price_max": "1", "client_id": key})
    assert bad.status_code == 200 and f'value="{key}"' in bad.content.decode()
    assert not AcceptedSubmission.objects.exists()
    assert client.post(_create_url(enterprise), {**PRODUCT, "client_id": key}).status_code == 302
    assert Product.objects.filter(enterprise=enterprise).count() == 1


@pytest.mark.parametrize("garbage", ["not-a-uuid", "<script>alert(1)</script>", "x" * 10_000,
                                     "' OR 1=1 --"])
def test_a_garbage_key_is_refused_with_a_message_and_nothing_written(client, owned, garbage):
    enterprise, _owner = owned
    response = client.post(_create_url(enterprise), {**PRODUCT, "client_id": garbage})
    page = response.content.decode()
    assert response.status_code == 200
    assert "sending key is damaged" in page and "<script>alert(1)" not in page
    assert not Product.objects.filter(enterprise=enterprise).exists()


def test_another_users_key_neither_reaches_nor_blocks_their_record(client, owned):
    enterprise, _owner = owned
    key = str(uuid.uuid4())
    client.post(_create_url(enterprise), {**PRODUCT, "client_id": key})
    theirs = Product.objects.get(enterprise=enterprise)
    other_enterprise = make_enterprise("ID-SA", legal_name="UD Kakao Minahasa")
    client.force_login(owner_of(other_enterprise))
    response = client.post(_create_url(other_enterprise),
                           {**PRODUCT, "name": "Kakao fermentasi", "client_id": key})
    mine = Product.objects.get(enterprise=other_enterprise)
    assert response["Location"] == reverse("enterprises:product_edit", args=[mine.pk])
    assert mine.pk != theirs.pk and AcceptedSubmission.objects.count() == 2
    # The forged key does not open the other owner's enterprise either.
    assert client.post(_create_url(enterprise), {**PRODUCT, "client_id": key}).status_code == 404


def test_a_key_reused_for_another_form_is_refused(client, owned):
    enterprise, _owner = owned
    key = str(uuid.uuid4())
    client.post(_create_url(enterprise), {**PRODUCT, "client_id": key})
    product = Product.objects.get(enterprise=enterprise)
    response = client.post(reverse("enterprises:product_edit", args=[product.pk]),
                           {**PRODUCT, "name": "Kopi robusta", "client_id": key})
    assert response.status_code == 200 and "already used for another form" in \
        response.content.decode()
    product.refresh_from_db()
    assert product.name == "Kopi arabika Toraja"


def test_a_post_without_key_still_works(client, owned):
    enterprise, _owner = owned
    assert client.post(_create_url(enterprise), PRODUCT).status_code == 302
    assert client.post(_create_url(enterprise), PRODUCT).status_code == 302
    assert Product.objects.filter(enterprise=enterprise).count() == 2
    assert not AcceptedSubmission.objects.exists()
