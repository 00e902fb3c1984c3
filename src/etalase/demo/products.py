"""Demo products of one enterprise: names from the multilingual goods list, figures per good."""

from __future__ import annotations

import math
import random
from decimal import Decimal
from typing import Any

from etalase.catalog.models import Product, ProductTranslation
from etalase.demo.goods import LANGS, QUALIFIERS, UNIT_WORDS, Good, price_in
from etalase.demo.names import PRODUCT_TEXTS, THOUSANDS
from etalase.demo.writer import TableWriter

Row = dict[str, Any]

LANGUAGE_INDEX = {"en": 0, "id": 1, "ms": 2, "fil": 3}
MAIN_GOOD_SHARE = 0.55
QUALIFIED_SHARE = 0.7
PRICED_SHARE = 0.9
PUBLISHED_SHARE = 0.95
TRANSLATED_SHARE = 0.45
CERTIFIED_SHARE = 0.8
CAPACITY_START = {"micro": 0.0, "small": 0.2, "medium": 0.4, "large": 0.5}
_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def _quantity(rng: random.Random, low: float, high: float, start: float = 0.0,
              span: float = 1.0) -> Decimal:
    """A quantity in [low, high] on a log scale, drawn from the part [start, start + span]."""
    share = start + rng.random() * span
    value = math.exp(math.log(low) + share * (math.log(high) - math.log(low)))
    if value >= 1000:
        return Decimal(round(value, -2))
    if value >= 100:
        return Decimal(round(value, -1))
    if value >= 10:
        return Decimal(round(value))
    return Decimal(str(max(round(value, 1), 0.1)))


def format_number(value: Decimal, language: str) -> str:
    text = f"{value:,.2f}".removesuffix(".00")
    return text.translate(_SWAP_SEPARATORS) if THOUSANDS[language] == "." else text


class ProductMaker:
    def __init__(self, rng: random.Random, names: dict[str, dict[str, tuple[str, ...]]]) -> None:
        self.rng = rng
        self.names = names

    def name(self, good: Good, language: str, qualifier: int | None, alternative: int) -> str:
        options = self.names[good.code][language]
        base = options[alternative % len(options)]
        base = base[:1].upper() + base[1:]
        if qualifier is None:
            return base
        word = QUALIFIERS[good.kind][qualifier][LANGUAGE_INDEX[language]]
        return f"{base} {word}" if language in ("id", "ms") else f"{base} ({word})"

    def text(self, language: str, *, name: str, enterprise: Row, town: str,
             province: str, unit: str, capacity: Decimal, min_order: Decimal) -> str:
        return self.rng.choice(PRODUCT_TEXTS[language]).format(
            name=name, town=town, province=province,
            enterprise=enterprise["trade_name"] or enterprise["legal_name"],
            unit=UNIT_WORDS[unit][language], capacity=format_number(capacity, language),
            min_order=format_number(min_order, language))

    def make(self, enterprise: Row, goods: list[Good], town: str, certifications: list[Row],
             count: int, *, province: str, tables: dict[type, TableWriter]) -> set[str]:
        """Queue ``count`` products of ``enterprise``; the HS chapters they fall in."""
        rng = self.rng
        chapters: set[str] = set()
        language, currency = enterprise["language"], enterprise["currency"]
        others = [code for code in LANGS if code != language]
        # Bigger enterprises make more: their capacities come from the top of the range.
        start = CAPACITY_START.get(enterprise["size_class"], 0.0)
        products = tables[Product]
        translations = tables[ProductTranslation]
        links = tables[Product.certifications.through]
        for _ in range(count):
            good = goods[0] if rng.random() < MAIN_GOOD_SHARE else rng.choice(goods)
            qualifier = (rng.randrange(len(QUALIFIERS[good.kind]))
                         if rng.random() < QUALIFIED_SHARE else None)
            name = self.name(good, language, qualifier, rng.randrange(3))
            min_order = _quantity(rng, *good.min_order)
            capacity = max(_quantity(rng, *good.capacity, start=start, span=0.5), min_order * 2)
            price_min = price_max = None
            if rng.random() < PRICED_SHARE:
                usd = rng.uniform(*good.usd)
                price_min = price_in(usd, currency)
                price_max = max(price_min, price_in(usd * rng.uniform(1.05, 1.4), currency))
            texts = {"enterprise": enterprise, "town": town, "province": province,
                     "unit": good.unit, "capacity": capacity, "min_order": min_order}
            product_id = products.add({
                "enterprise_id": enterprise["id"], "name": name, "language": language,
                "hs_code_id": good.code, "description": self.text(language, name=name, **texts),
                "unit": good.unit, "min_order": min_order, "monthly_capacity": capacity,
                "price_min": price_min, "price_max": price_max, "currency": currency,
                "is_published": rng.random() < PUBLISHED_SHARE,
            })
            chapters.add(good.chapter)
            if rng.random() < TRANSLATED_SHARE:
                # English first: it is the translation buyers from outside the region read.
                pool = (["en", *rng.sample([o for o in others if o != "en"], 2)]
                        if language != "en" else rng.sample(others, 3))
                for other in pool[:rng.choice((1, 1, 2, 3))]:
                    other_name = self.name(good, other, qualifier, 0)
                    translations.add({
                        "product_id": product_id, "language_code": other, "name": other_name,
                        "description": self.text(other, name=other_name, **texts)})
            for certification in certifications:
                if certification["kind"] in good.certs and rng.random() < CERTIFIED_SHARE:
                    links.add({"product_id": product_id,
                               "certification_id": certification["id"]})
        return chapters
