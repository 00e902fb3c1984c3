"""What machines read of a product page and a storefront: schema.org JSON-LD, extracted from
the rendered HTML as a crawler extracts it."""

import json
import re
from decimal import Decimal

import pytest

from etalase.catalog import links, seo
from etalase.catalog.models import Unit
from etalase.catalog.units import REC20, unit_code
from tests.factories import make_enterprise, make_product

pytestmark = pytest.mark.django_db

_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_of(page: str) -> list[dict]:
    blocks = _SCRIPT.findall(page)
    assert blocks, "no JSON-LD on the page"
    return [json.loads(block) for block in blocks]  # fails on invalid JSON


def _product_ld(client, product) -> dict:
    page = client.get(links.product_url(product)).content.decode()
    return next(d for d in json_ld_of(page) if d.get("@type") == "Product")


def test_a_product_page_describes_the_product_its_gtin_and_its_offer_per_kilogram(client):
    product = make_product(make_enterprise("ID-SA"), gtin="8992761111113", unit="kg",
                           price_min=Decimal("45000"), price_max=Decimal("52000"),
                           min_order=Decimal("1000"))
    page = client.get(links.product_url(product)).content.decode()
    assert '<dd data-testid="gtin">8992761111113</dd>' in page  # people read it too
    data = _product_ld(client, product)
    assert data["@context"] == "https://schema.org"
    assert data["gtin"] == "8992761111113"
    assert data["manufacturer"]["@type"] == "Organization"
    assert "" not in data["manufacturer"]["address"].values()  # no empty locality
    offer = data["offers"]
    assert offer["@type"] == "AggregateOffer"
    assert (offer["priceCurrency"], offer["lowPrice"], offer["highPrice"]) == (
        "IDR", "45000.00", "52000.00")
    assert offer["priceSpecification"]["referenceQuantity"]["unitCode"] == "KGM"
    assert offer["eligibleQuantity"] == {"@type": "QuantitativeValue", "minValue": "1000.00",
                                         "unitCode": "KGM"}
    assert offer["seller"]["name"] == product.enterprise.display_name


def test_one_price_per_piece_is_an_offer_in_h87(client):
    product = make_product(make_enterprise("MY-12"), unit="pc", price_min=Decimal("12.50"),
                           price_max=Decimal("12.50"), currency="MYR", gtin="")
    data = _product_ld(client, product)
    assert "gtin" not in data
    offer = data["offers"]
    assert (offer["@type"], offer["price"], offer["priceCurrency"]) == ("Offer", "12.50", "MYR")
    assert offer["priceSpecification"]["referenceQuantity"]["unitCode"] == "H87"


def test_an_unpriced_product_has_no_offer_without_a_price(client):
    product = make_product(price_min=None, price_max=None)
    assert "offers" not in _product_ld(client, product)


def test_a_hostile_name_stays_inside_its_string(client):
    name = '</script><script>alert(1)</script> Kopi "Toraja"'
    product = make_product(name=name)
    page = client.get(links.product_url(product)).content.decode()
    assert "<script>alert(1)" not in page
    assert next(d for d in json_ld_of(page) if d["@type"] == "Product")["name"] == name


def test_a_storefront_is_an_organization_that_makes_offers(client):
    enterprise = make_enterprise("PH-00")
    make_product(enterprise, name="Dried mango", gtin="4800016644016", unit="box",
                 price_min=Decimal("350"), price_max=Decimal("350"), currency="PHP")
    make_product(enterprise, name="Coconut sugar", unit="t", price_min=None, price_max=None)
    page = client.get(links.storefront_url(enterprise)).content.decode()
    data = next(d for d in json_ld_of(page) if d["@type"] == "Organization")
    assert data["name"] == enterprise.display_name and data["address"]["addressCountry"] == "PH"
    offers = {o["itemOffered"]["name"]: o for o in data["makesOffer"]}
    mango = offers["Dried mango"]
    assert mango["itemOffered"]["gtin"] == "4800016644016"
    assert (mango["priceCurrency"], mango["price"]) == ("PHP", "350.00")
    assert mango["priceSpecification"]["referenceQuantity"]["unitCode"] == "XBX"
    assert "price" not in offers["Coconut sugar"]  # no price invented


def test_every_unit_has_a_rec20_code():
    assert set(REC20) == set(Unit.values)
    assert all(re.fullmatch(r"[A-Z0-9]{3}", code) for code in REC20.values())
    assert (unit_code("kg"), unit_code("t"), unit_code("l"), unit_code("pc")) == (
        "KGM", "TNE", "LTR", "H87")
    assert unit_code("bushel") is None and unit_code("") is None


def test_no_offer_without_a_currency():
    assert seo.offer(price_min=Decimal(1), price_max=None, currency="", unit="kg") is None
