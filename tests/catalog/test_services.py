"""Product services: validation messages, history, publication, permissions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from etalase.catalog.models import Product
from etalase.catalog.services import product_create, product_set_published, product_update
from etalase.enterprises.selectors import history_of
from tests.factories import (
    buyer,
    make_certification,
    make_enterprise,
    make_product,
    officer_of,
    owner_of,
)

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Biji kakao fermentasi",
    "language": "id",
    "hs_code": "1801.00",
    "unit": "kg",
    "monthly_capacity": "25000",
    "price_min": "45000",
    "price_max": "52000",
}


def errors_of(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return {field: " ".join(messages) for field, messages in exc.value.message_dict.items()}


def test_create_with_defaults_and_history():
    enterprise = make_enterprise("ID-SA")
    officer = officer_of("ID-SA")
    cert = make_certification(enterprise)
    product = product_create(actor=officer, enterprise=enterprise,
                             data={**VALID, "certifications": [cert.pk]})
    product.refresh_from_db()
    assert product.hs_code_id == "180100"
    assert product.currency == "IDR"  # the enterprise's, as prices were given without one
    assert list(product.certifications.all()) == [cert]
    assert product.is_published
    # The certifications are written after the row, so simple_history adds a second record.
    first = product.history.earliest()
    assert first.history_type == "+" and first.history_change_reason == "created"
    assert {r.history_user for r in product.history.all()} == {officer}


BAD_INPUT = [
    ("hs_code", "18", "6-digit HS subheading"),
    ("hs_code", "1801.99", "does not exist in HS 2022"),
    ("hs_code", "", "required"),
    ("price_min", "60000", "below the lowest price"),  # min above max: error on price_max
    ("price_min", "-1", "lowest price cannot be negative"),
    ("price_max", str(10**16), "not plausible"),
    ("currency", "RUPIAH", "not an ISO 4217 currency code"),
    ("monthly_capacity", "-10", "monthly capacity cannot be negative"),
    ("min_order", "-1", "minimum order cannot be negative"),
    ("monthly_capacity", str(10**12), "not plausible"),
    ("name", "n" * 201, "at most 200 characters"),
    ("unit", "barrel", "valid choice"),
    ("enterprise", 1, "cannot be changed here"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT,
                         ids=[f"{f}-{i}" for i, (f, _v, _m) in enumerate(BAD_INPUT)])
def test_create_refuses_bad_input(field, value, message):
    enterprise = make_enterprise("ID-SA")
    with pytest.raises(ValidationError) as exc:
        product_create(actor=officer_of("ID-SA"), enterprise=enterprise,
                       data={**VALID, field: value})
    errors = errors_of(exc)
    where = "price_max" if message == "below the lowest price" else field
    assert message in errors.get(where, ""), errors
    assert not Product.objects.exists()


def test_certification_of_another_enterprise_cannot_be_attached():
    enterprise = make_enterprise("ID-SA")
    foreign = make_certification(make_enterprise("ID-SA"))
    with pytest.raises(ValidationError) as exc:
        product_create(actor=officer_of("ID-SA"), enterprise=enterprise,
                       data={**VALID, "certifications": [foreign.pk]})
    assert "certifications" in errors_of(exc)
    assert not Product.objects.filter(enterprise=enterprise).exists()


def test_update_records_who_changed_what():
    product = make_product(make_enterprise("ID-SA"))
    officer = officer_of("ID-SA")
    product_update(actor=officer, product=product, data={"price_max": "60000",
                                                         "currency": "idr"})
    product.refresh_from_db()
    assert product.price_max == Decimal("60000")
    assert product.currency == "IDR"
    latest = history_of(product)[0]
    assert latest.who_id == officer.pk
    assert {c.field for c in latest.changes} == {"price_max"}


def test_update_with_the_same_values_writes_no_history():
    product = make_product(make_enterprise("ID-SA"))
    before = product.history.count()
    product_update(actor=officer_of("ID-SA"), product=product,
                   data={"hs_code": "180100", "price_min": "45000.00"})
    assert product.history.count() == before


def test_owner_publishes_and_withdraws():
    product = make_product(make_enterprise("ID-SA"))
    owner = owner_of(product.enterprise)
    product_set_published(actor=owner, product=product, published=False)
    product.refresh_from_db()
    assert not product.is_published
    assert product.history.latest().history_change_reason == "withdrawn"
    product_set_published(actor=owner, product=product, published=True)
    product.refresh_from_db()
    assert product.is_published


@pytest.mark.parametrize("make_actor", [lambda: officer_of("ID-KI"), buyer,
                                        lambda: owner_of(make_enterprise("ID-SA"))])
def test_outsiders_cannot_touch_products(make_actor):
    product = make_product(make_enterprise("ID-SA"))
    actor = make_actor()
    with pytest.raises(PermissionDenied):
        product_update(actor=actor, product=product, data={"name": "Stolen"})
    with pytest.raises(PermissionDenied):
        product_set_published(actor=actor, product=product, published=False)
    with pytest.raises(PermissionDenied):
        product_create(actor=actor, enterprise=product.enterprise, data=VALID)
    product.refresh_from_db()
    assert product.name != "Stolen" and product.is_published
    assert Product.objects.count() == 1
