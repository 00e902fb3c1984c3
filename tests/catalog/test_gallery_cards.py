"""The gallery's cards read straight from the tables equal the cards built from models."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from etalase.catalog import presenters
from etalase.catalog.models import Product, ProductImage, ProductTranslation
from tests.catalog.test_gallery_support import site_urls  # noqa: F401
from tests.factories import make_enterprise, make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_urls")]


def _products() -> list[Product]:
    verified = make_enterprise("PH-14", trade_name="Kakaw Co-op", slug="",
                               verified_at=timezone.now())
    plain = make_enterprise("ID-SA", trade_name="")
    translated = make_product(verified, name="Butil ng kakaw", language="fil",
                              description="Tuyong butil ng kakaw " * 20, price_min=None,
                              price_max=Decimal("12.50"), unit="t")
    ProductTranslation.objects.create(product=translated, language_code="id",
                                      name="Biji kakao", description="")
    ProductTranslation.objects.create(product=translated, language_code="en",
                                      name="", description="Cocoa beans, dried")
    with_images = make_product(plain, name="Kopi <b>Toraja</b>", is_published=False)
    ProductImage.objects.create(product=with_images, image="products/b.webp", position=2,
                                width=640, height=480)
    ProductImage.objects.create(product=with_images, image="products/a.webp",
                                thumbnail="products/thumbs/a.webp", alt_text="Karung kopi",
                                position=1, width=320, height=240)
    only_image = make_product(plain, name="Rotan", price_min=None, price_max=None)
    ProductImage.objects.create(product=only_image, image="products/c.webp")
    return [translated, with_images, only_image]


@pytest.mark.parametrize("language", ["en", "id", "ms", "fil"])
def test_cards_from_ids_equal_cards_from_products(language):
    made = _products()
    ids = [p.pk for p in reversed(made)] + [987654]  # page order kept; unknown ids dropped
    loaded = Product.objects.select_related("enterprise__subdivision").prefetch_related(
        "translations", "images").in_bulk(ids)
    expected = presenters.product_cards([loaded[pk] for pk in ids if pk in loaded], language)
    assert presenters.cards_for_ids(ids, language) == expected
    assert presenters.cards_for_ids([], language) == []


@pytest.mark.parametrize("language", ["en", "id", "ms", "fil"])
@pytest.mark.parametrize("currency", ["IDR", "MYR", "PHP", "BND", "USD", "JPY", "XYZ", "", "1x"])
def test_prices_on_cards_are_written_as_formatting_writes_them(language, currency):
    from etalase.web import formatting

    amounts = [None, "", 0, 5, 12, 999, 1000, 45000, 1234567, 10**14, 10**16,
               Decimal("12.50"), Decimal("45000.00"), 45000.0, Decimal("-5"), "abc",
               Decimal("0.05"), Decimal("0.10"), Decimal("1234.56"), Decimal("99999.99"),
               12.3, Decimal("12.345"), Decimal("0.005"), Decimal("1E+3")]
    for low in amounts:
        for high in (None, 52000, Decimal("0.99")):
            assert presenters._money_range(low, high, currency, language) == \
                formatting.money_range(low, high, currency, language), (low, high)
    if currency in {"IDR", "MYR", "PHP", "USD"}:  # written without Babel for each amount
        assert presenters._shape(currency, language, False) is not None
    if currency in {"MYR", "PHP", "USD"}:
        assert presenters._shape(currency, language, True) is not None
