"""An edit made from an older copy does not silently undo the office's changes."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from etalase.catalog import services as catalog_services
from etalase.catalog import texts
from etalase.enterprises import services as enterprise_services
from etalase.offline.conflicts import version_of
from tests.factories import make_enterprise, make_product, officer_of, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    enterprise = make_enterprise("ID-SA", legal_name="CV Kopi Toraja")
    product = make_product(enterprise, name="Kopi Toraja", description="Biji kopi hijau.")
    owner = owner_of(enterprise)
    client.force_login(owner)
    return enterprise, product, owner, officer_of("ID-SA")


def _form(client, url: str) -> dict[str, str]:
    """The values the page's form would post, as the browser would (first of each name)."""
    page = client.get(url)
    form = page.context["form"]
    data: dict = {}
    for field in form:
        if isinstance(field.value(), list):
            data[field.name] = [str(v) for v in field.value()]
            continue
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.name] = "on"
            continue
        data[field.name] = "" if value is None else str(value)
    data["base_version"] = str(page.context["version"])
    data["client_id"] = str(uuid.uuid4())
    return data


def test_both_changed_the_same_field_the_edit_is_held_and_shows_both(client, setting):
    _enterprise, product, _owner, officer = setting
    url = reverse("enterprises:product_edit", args=[product.pk])
    offline = _form(client, url)  # the owner's copy, taken before the office's change
    catalog_services.product_update(actor=officer, product=product,
                                    data={"name": "Kopi arabika Toraja (kelas 1)",
                                          "price_min": "47000"})
    offline.update(name="Kopi Toraja Sapan", description="Biji kopi hijau, proses basah.")
    response = client.post(url, offline)
    page = response.content.decode()
    assert response.status_code == 409
    product.refresh_from_db()
    assert product.name == "Kopi arabika Toraja (kelas 1)"  # nothing written
    assert product.description == "Biji kopi hijau."
    conflicts = response.context["conflicts"]
    assert [c.field for c in conflicts] == ["name"]
    assert (conflicts[0].office, conflicts[0].mine) == ("Kopi arabika Toraja (kelas 1)",
                                                        "Kopi Toraja Sapan")
    assert 'name="keep_name" value="office" checked' in page
    # The page shows the office's price (only the office changed it), and the next post
    # is based on the record now.
    assert response.context["form"]["price_min"].value() in ("47000", "47000.00")
    assert response.context["version"] == version_of(product)

    # The owner keeps their name; the office's price stays, the owner's description is written.
    again = {**offline, "base_version": str(response.context["version"]), "keep_name": "mine",
             "price_min": response.context["form"]["price_min"].value()}
    assert client.post(url, again).status_code == 302
    product.refresh_from_db()
    assert product.name == "Kopi Toraja Sapan"
    assert product.description == "Biji kopi hijau, proses basah."
    assert str(product.price_min) == "47000.00"


def test_choosing_the_office_value_keeps_it(client, setting):
    _enterprise, product, _owner, officer = setting
    url = reverse("enterprises:product_edit", args=[product.pk])
    offline = _form(client, url)
    catalog_services.product_update(actor=officer, product=product, data={"unit": "l"})
    response = client.post(url, {**offline, "unit": "pc"})
    assert response.status_code == 409
    again = {**offline, "unit": "pc", "keep_unit": "office",
             "base_version": str(response.context["version"])}
    assert client.post(url, again).status_code == 302
    product.refresh_from_db()
    assert product.unit == "l"


def test_office_changes_to_fields_the_owner_left_are_kept_without_asking(client, setting):
    _enterprise, product, _owner, officer = setting
    url = reverse("enterprises:product_edit", args=[product.pk])
    offline = _form(client, url)
    catalog_services.product_update(actor=officer, product=product, data={"price_max": "60000"})
    response = client.post(url, {**offline, "name": "Kopi Toraja Sapan"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name, str(product.price_max)) == ("Kopi Toraja Sapan", "60000.00")


@pytest.mark.parametrize("version", ["garbage", "-1", "9" * 40, "<b>1</b>", "another"])
def test_an_unknown_base_version_shows_every_changed_field(client, setting, version):
    enterprise, product, _owner, _officer = setting
    other = make_product(enterprise, name="Kakao")
    url = reverse("enterprises:product_edit", args=[product.pk])
    offline = _form(client, url)
    if version == "another":  # a version of another record
        version = str(version_of(other))
    response = client.post(url, {**offline, "base_version": version, "name": "Kopi Sapan"})
    assert response.status_code == 409
    assert [c.field for c in response.context["conflicts"]] == ["name"]
    product.refresh_from_db()
    assert product.name == "Kopi Toraja"


def test_a_resent_edit_that_the_server_already_took_is_not_a_conflict(client, setting):
    _enterprise, product, _owner, _officer = setting
    url = reverse("enterprises:product_edit", args=[product.pk])
    offline = {**_form(client, url), "name": "Kopi Toraja Sapan"}
    assert client.post(url, offline).status_code == 302
    assert client.post(url, offline).status_code == 302  # the same key: taken once
    assert client.post(url, {**offline, "client_id": str(uuid.uuid4())}).status_code == 302
    assert product.history.count() == 2  # created, then one change


def test_the_officer_profile_edit_is_held_on_an_office_change(client, setting):
    enterprise, _product, _owner, officer = setting
    client.force_login(officer)
    url = reverse("enterprises:profile_edit", args=[enterprise.pk])
    offline = _form(client, url)
    other_officer = officer_of("ID-SA")
    enterprise_services.enterprise_update(actor=other_officer, enterprise=enterprise,
                                          data={"employees": 12})
    response = client.post(url, {**offline, "employees": "15", "address": "Jl. Sam Ratulangi 5"})
    assert response.status_code == 409
    assert [(c.field, c.office, c.mine) for c in response.context["conflicts"]] == [
        ("employees", "12", "15")]
    enterprise.refresh_from_db()
    assert enterprise.employees == 12 and enterprise.address != "Jl. Sam Ratulangi 5"


def test_a_translation_the_office_changed_since_is_held_too(client, setting):
    _enterprise, product, _owner, officer = setting
    texts.product_texts_save(actor=officer, product=product,
                             texts={"en": {"name": "Toraja coffee", "description": ""}})
    url = reverse("enterprises:product_edit", args=[product.pk])
    offline = {**_form(client, url), "name_en": "Toraja coffee", "name_ms": "Kopi Toraja"}
    texts.product_texts_save(actor=officer, product=product, texts={
        "en": {"name": "Toraja arabica coffee", "description": "Washed."}})
    response = client.post(url, {**offline, "name_fil": "Kape ng Toraja"})
    assert response.status_code == 409
    assert [(c.field, c.office, c.mine) for c in response.context["conflicts"]] == [
        ("name_en", "Toraja arabica coffee — Washed.", "Toraja coffee")]
    assert not product.translations.filter(language_code="fil").exists()  # nothing written
    again = {**offline, "name_fil": "Kape ng Toraja", "keep_name_en": "office",
             "base_version": str(response.context["version"])}
    assert client.post(url, again).status_code == 302
    now = {t.language_code: t.name for t in product.translations.all()}
    assert now == {"en": "Toraja arabica coffee", "ms": "Kopi Toraja", "fil": "Kape ng Toraja"}
