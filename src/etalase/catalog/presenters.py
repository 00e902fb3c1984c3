"""What the pages show of a product or an enterprise, computed once in Python.

Templates only print these values (measured: filters like truncatechars cost ~0.8 ms on a
24-card page), and the same card serves the gallery, the storefront and the province page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from etalase.catalog import images as picture_sizes
from etalase.catalog import links
from etalase.catalog.illustrations import illustration_url
from etalase.web import formatting

DESCRIPTION_PREVIEW = 140


@dataclass
class ProductCard:
    id: int
    url: str
    name: str
    summary: str
    enterprise: str
    enterprise_url: str
    province: str
    price: str
    unit: str
    image_url: str
    image_alt: str
    image_width: int
    image_height: int
    verified: bool
    published: bool
    # The photo's two sizes for `srcset`, or the HS chapter's drawing when there is no photo.
    image_srcset: str = ""
    illustration: str = ""


def _preview(text: str, limit: int = DESCRIPTION_PREVIEW) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def first_image(product) -> tuple[str, str, int, int, str]:
    images = list(product.images.all())
    if not images:
        return "", "", 0, 0, ""
    image = images[0]
    field = image.thumbnail or image.image
    try:
        url = field.url
        large = image.image.url if image.image else ""
    except ValueError:
        return "", "", 0, 0, ""
    return (url, image.alt_text, image.width, image.height,
            picture_sizes.srcset(large, url, image.width, image.height))


def product_card(product, language: str, units: dict[str, str] | None = None) -> ProductCard:
    name, description = product.text_in(language)
    enterprise = product.enterprise
    url, alt, width, height, sizes = first_image(product)
    return ProductCard(
        id=product.pk,
        url=links.product_url(product),
        name=name,
        summary=_preview(description),
        enterprise=enterprise.display_name,
        enterprise_url=links.storefront_url(enterprise),
        province=enterprise.subdivision.display_name if enterprise.subdivision_id else "",
        price=formatting.money_range(product.price_min, product.price_max, product.currency,
                                     language),
        # get_unit_display() rebuilds the choices each call (~90 µs): labels come in once.
        unit=(units or _unit_labels()).get(product.unit, product.unit),
        image_url=url,
        image_alt=alt or name,
        image_width=width,
        image_height=height,
        verified=enterprise.verified_at is not None,
        published=product.is_published,
        image_srcset=sizes,
        illustration="" if url else illustration_url(product.hs_code_id),
    )


def _unit_labels() -> dict[str, str]:
    from etalase.catalog.models import Unit

    return {value: str(label) for value, label in Unit.choices}


def product_cards(products, language: str) -> list[ProductCard]:
    units = _unit_labels()
    return [product_card(p, language, units) for p in products]


# --- Cards straight from the tables (the gallery's page of search results) ------------------

# ruff: noqa: S608 - the SQL below is built from model table names; ids are parameters.


def cards_for_ids(ids: list[int], language: str) -> list[ProductCard]:
    """The cards of these products, in this order, read with three plain queries.

    The same cards as `product_cards`, without model instances: loading 24 products with
    their enterprise, province, translations and images through the ORM (select_related
    and prefetch_related) cost ~12 ms a page, these queries ~1 ms. Used for a page of
    search results, whose ids come from the index of public products.
    """
    if not ids:
        return []
    from django.db import connection

    from etalase.catalog.models import Product, ProductImage, ProductTranslation
    from etalase.catalog.translation import base_language
    from etalase.enterprises.models import Enterprise
    from etalase.regions.models import Subdivision
    from etalase.regions.names import subdivision_name

    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, p.name, p.description, p.language, p.unit, p.price_min, p.price_max,"
            " p.currency, p.is_published, e.id, e.legal_name, e.trade_name, e.slug,"
            " e.verified_at, e.subdivision_id, s.name, p.hs_code_id"
            f" FROM {Product._meta.db_table} p"
            f" JOIN {Enterprise._meta.db_table} e ON e.id = p.enterprise_id"
            f" LEFT JOIN {Subdivision._meta.db_table} s ON s.code = e.subdivision_id"
            f" WHERE p.id IN ({marks})", ids)
        rows = {row[0]: row for row in cursor.fetchall()}
        cursor.execute(
            "SELECT product_id, language_code, name, description"
            f" FROM {ProductTranslation._meta.db_table} WHERE product_id IN ({marks})"
            " ORDER BY id", ids)
        texts: dict[int, dict[str, tuple[str, str]]] = {}
        for product_id, code, name, description in cursor.fetchall():
            texts.setdefault(product_id, {}).setdefault(base_language(code), (name, description))
        cursor.execute(
            "SELECT product_id, image, thumbnail, alt_text, width, height"
            f" FROM {ProductImage._meta.db_table} WHERE product_id IN ({marks})"
            " ORDER BY position, id", ids)
        images: dict[int, tuple] = {}
        for product_id, *image in cursor.fetchall():
            images.setdefault(product_id, tuple(image))

    units = _unit_labels()
    wanted = base_language(language)
    product_url, storefront_url = links.product_urls(), links.storefront_urls()
    fields = (ProductImage._meta.get_field("image"), ProductImage._meta.get_field("thumbnail"))
    cards = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:
            continue
        (_, name, description, original, unit, low, high, currency, published, enterprise_id,
         legal_name, trade_name, slug, verified_at, subdivision, province, hs_code) = row
        if wanted != base_language(original) and wanted in texts.get(pk, {}):
            # As Product.text_in: the translation, each empty part from the original.
            translated_name, translated_description = texts[pk][wanted]
            name, description = translated_name or name, translated_description or description
        display_name = trade_name or legal_name
        url, alt, width, height, sizes = _image(images.get(pk), *fields)
        cards.append(ProductCard(
            id=pk,
            url=product_url(pk, row[1]),
            name=name,
            summary=_preview(description),
            enterprise=display_name,
            enterprise_url=storefront_url(enterprise_id, slug, display_name),
            province=subdivision_name(subdivision, province, language) if province else "",
            price=_money_range(low, high, currency, language),
            unit=units.get(unit, unit),
            image_url=url,
            image_alt=alt or name,
            image_width=width,
            image_height=height,
            verified=verified_at is not None,
            published=bool(published),
            image_srcset=sizes,
            illustration="" if url else illustration_url(hs_code),
        ))
    return cards


def _image(image: tuple | None, image_field, thumbnail_field) -> tuple[str, str, int, int, str]:
    """(url, alt, width, height, srcset) of a product's first image, as `first_image`."""
    if not image:
        return "", "", 0, 0, ""
    name, thumbnail, alt, width, height = image
    large = image_field.storage.url(name) if name else ""
    if thumbnail:
        small = thumbnail_field.storage.url(thumbnail)
        return small, alt, width, height, picture_sizes.srcset(large, small, width, height)
    if name:
        return large, alt, width, height, ""
    return "", "", 0, 0, ""


# --- Prices of a page of cards -------------------------------------------------------------

_WHOLE, _CENTS = 1234567, Decimal("1234567.89")


@lru_cache(maxsize=256)
def _shape(currency: str, language: str, cents: bool) -> tuple[str, str, str, str] | None:
    """(prefix, group separator, decimal separator, suffix) of amounts as `formatting.money`
    writes them ("Rp", ".", "", "" for whole rupiah in Indonesian), read from Babel once;
    None when its output is not that simple (then Babel formats each amount)."""
    sample = formatting.money(_CENTS if cents else _WHOLE, currency, language)
    start = sample.find("1")
    if start < 0 or len(sample) < start + 2:
        return None
    prefix, group = sample[:start], sample[start + 1]
    body = f"1{group}234{group}567"
    decimal = ""
    if cents:
        decimal = sample[start + len(body):start + len(body) + 1]
        body += f"{decimal}89"
    if group.isdigit() or decimal.isdigit() or not sample[start:].startswith(body):
        return None
    shape = (prefix, group, decimal, sample[start + len(body):])
    checks = ("0.05", "0.50", "12.34", "999.99", "1000.10") if cents else (0, 5, 999, 1000,
                                                                            10**12)
    for check in map(Decimal, checks):
        if _format(check, shape) != formatting.money(check, currency, language):
            return None
    return shape


def _format(amount: Decimal, shape: tuple[str, str, str, str]) -> str:
    prefix, group, decimal, suffix = shape
    whole, cents = divmod(amount, 1)
    text = prefix + f"{int(whole):,}".replace(",", group)
    if decimal:
        text += f"{decimal}{int(cents * 100):02d}"
    return text + suffix


def _money(amount, currency: str, language: str) -> str:
    """`formatting.money` (Babel: ~30 µs an amount, ~1.5 ms for a page of price ranges),
    with amounts in whole units or cents written from the shape Babel gives once for the
    currency and language."""
    number = formatting.to_decimal(amount)
    code = (currency or "").strip().upper()
    if number is not None and 0 <= number < 10**15 and len(code) == 3 and code.isalpha():
        whole = number == number.to_integral_value()
        if whole or (number * 100) == (number * 100).to_integral_value():
            shape = _shape(code, language, not whole)
            if shape is not None:
                return _format(number, shape)
    return formatting.money(amount, currency, language)


def _money_range(low, high, currency: str, language: str) -> str:
    """As `formatting.money_range`."""
    low_text, high_text = _money(low, currency, language), _money(high, currency, language)
    if low_text and high_text and low_text != high_text:
        return f"{low_text}–{high_text}"
    return low_text or high_text
