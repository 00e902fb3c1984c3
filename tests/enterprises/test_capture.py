"""The officer's capture form: an enterprise met in the field, registered once."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from etalase.enterprises.models import Enterprise
from tests.factories import buyer, make_enterprise, officer_of, owner_of

pytestmark = pytest.mark.django_db

URL = "/manage/enterprises/new/"
FIELD_VISIT = {
    "legal_name": "UD Pala Sangihe",
    "trade_name": "Pala Sangihe",
    "registration_id": "9120000004001",
    "country": "ID",
    "subdivision": "ID-SA",
    "address": "Jl. Raya Tahuna 12",
    "employees": "6",
    "annual_turnover": "350000000",
    "currency": "IDR",
    "sector_kind": "manufacturing",
    "export_status": "not_yet",
    "phone": "0812-3456-7890",
    "language": "id",
    "description": "Pala dan fuli kering dari Sangihe.",
    "consent": "pending",
}


@pytest.fixture
def officer(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = officer_of("ID-SA")
    client.force_login(user)
    return user


def test_the_url_and_the_officers_form(client, officer):
    assert reverse("enterprises:enterprise_capture") == URL
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200 and "data-outbox" in page
    provinces = list(response.context["form"].fields["subdivision"].queryset
                     .values_list("code", flat=True))
    assert provinces == ["ID-SA"]
    assert response.context["form"].initial == {"country": "ID", "subdivision": "ID-SA"}
    assert reverse("enterprises:enterprise_capture") in client.get(
        reverse("enterprises:manage")).content.decode()


def test_a_capture_sent_twice_is_one_enterprise(client, officer):
    data = {**FIELD_VISIT, "client_id": str(uuid.uuid4())}
    first = client.post(URL, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    again = client.post(URL, data)
    enterprise = Enterprise.objects.get(legal_name="UD Pala Sangihe")
    assert first["Location"] == again["Location"] == reverse("enterprises:profile_edit",
                                                              args=[enterprise.pk])
    assert enterprise.phone == "+6281234567890"
    assert enterprise.history.get().history_user == officer


def test_another_province_is_refused_with_a_message(client, officer):
    response = client.post(URL, {**FIELD_VISIT, "subdivision": "ID-PA",
                                 "client_id": str(uuid.uuid4())})
    assert response.status_code == 200
    assert response.context["form"].errors["subdivision"]
    assert not Enterprise.objects.filter(legal_name="UD Pala Sangihe").exists()


@pytest.mark.parametrize("name", ["", "x" * 10_000, "<script>alert(1)</script>"])
def test_hostile_names(client, officer, name):
    response = client.post(URL, {**FIELD_VISIT, "legal_name": name,
                                 "client_id": str(uuid.uuid4())})
    assert response.status_code in (200, 302)
    assert "<script>alert(1)</script>" not in response.content.decode()
    if response.status_code == 200:
        assert response.context["form"].errors["legal_name"]


@pytest.mark.parametrize("who", ["owner", "buyer", "anonymous"])
def test_no_one_but_an_office_reaches_it(client, settings, who):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if who == "owner":
        client.force_login(owner_of(make_enterprise("ID-SA")))
    elif who == "buyer":
        client.force_login(buyer())
    response = client.post(URL, {**FIELD_VISIT, "client_id": str(uuid.uuid4())})
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert not Enterprise.objects.filter(legal_name="UD Pala Sangihe").exists()
