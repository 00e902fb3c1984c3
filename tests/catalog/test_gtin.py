"""GTINs as owners type them: checked with python-stdnum, stored as digits, in the API."""

import pytest
from django.core.exceptions import ValidationError

from etalase.catalog.gtin import normalise_gtin
from etalase.enterprises.forms import ProductForm
from tests.factories import make_enterprise, make_product

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "stored"), [
    ("978-0-471-11709-4", "9780471117094"),  # EAN-13 as printed, hyphens dropped
    ("8992761111113", "8992761111113"),
    ("73513537", "73513537"),  # GTIN-8
    ("036000291452", "036000291452"),  # UPC-A (GTIN-12)
    ("98412345678908", "98412345678908"),  # GTIN-14
    (" 4800016 644016 ", "4800016644016"),
    ("", ""),
])
def test_valid_gtins_are_kept_as_digits(typed, stored):
    assert normalise_gtin(typed) == stored


@pytest.mark.parametrize(("typed", "code"), [
    ("9780471117095", "gtin_checksum"),
    ("12345", "gtin_length"),
    ("1" * 10_000, "gtin_length"),
    ("kode batang", "gtin_format"),
    ("<script>alert(1)</script>", "gtin_format"),
    ("٨٩٩٢٧٦١١١١١١٣", "gtin_format"),  # Arabic-Indic digits are not barcode digits
])
def test_invalid_gtins_are_refused_with_a_specific_reason(typed, code):
    with pytest.raises(ValidationError) as info:
        normalise_gtin(typed)
    assert info.value.code == code


def _form_data(**extra):
    return {"name": "Kopi Toraja", "description": "", "language": "id", "hs_code": "090121",
            "unit": "kg", "is_published": "on", **extra}


def test_the_owners_product_form_stores_the_gtin_it_checked():
    form = ProductForm(data=_form_data(gtin="899-2761-11111-3"), enterprise=make_enterprise())
    assert form.is_valid(), form.errors
    assert form.save().gtin == "8992761111113"


def test_the_owners_product_form_says_why_a_gtin_is_wrong():
    form = ProductForm(data=_form_data(gtin="8992761111114"), enterprise=make_enterprise())
    assert not form.is_valid()
    assert form.errors.as_data()["gtin"][0].code == "gtin_checksum"


def test_the_api_gives_the_gtin_and_the_unit_code(client):
    product = make_product(gtin="8992761111113", unit="l")
    body = client.get(f"/api/v1/products/{product.pk}").json()
    assert (body["gtin"], body["unit"], body["unit_code"]) == ("8992761111113", "l", "LTR")
