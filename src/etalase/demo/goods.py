"""The goods of the demo: the 34 lines of products-multilingual.csv with trade figures.

Names come from the CSV (through ``catalog.hs_loader``), never retyped here. What the CSV does
not say is added per good: the unit it is sold in, an indicative wholesale price in US dollars
per unit, typical minimum orders and monthly capacities, the sector, and which certifications
make sense for it. Figures are plausible orders of magnitude for demo data, not market prices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from etalase.catalog.hs_loader import NAME_COLUMNS, multilingual_goods

LANGS = ("en", "id", "ms", "fil")

# Indicative exchange rates for demo prices (units of currency per US dollar).
USD_RATE = {"IDR": 16_000, "MYR": 4.4, "PHP": 57, "BND": 1.33}

# Certifications by kind of good (CertificationKind values).
_RAW = ("halal", "organic", "sni", "gmp")
_PROCESSED = ("halal", "food_safety", "haccp", "gmp", "iso22000", "organic", "sni")
_SEAFOOD = ("halal", "haccp", "food_safety", "iso22000")
_CRAFT = ("fair_trade", "iso9001", "sni")
_NON_FOOD = ("iso9001", "sni")


@dataclass(frozen=True)
class Family:
    """A line of business; enterprises are named after it and make goods of it."""

    key: str
    maker: dict[str, str]  # who makes it, for cooperative names: "Growers", "Magsasaka"


FAMILIES: dict[str, Family] = {f.key: f for f in (
    Family("cocoa", {"en": "Cacao Growers", "fil": "Magsasaka"}),
    Family("coffee", {"en": "Coffee Farmers", "fil": "Magsasaka"}),
    Family("seaweed", {"en": "Seaweed Farmers", "fil": "Magsasaka"}),
    Family("coconut", {"en": "Coconut Farmers", "fil": "Magniniyog"}),
    Family("rattan", {"en": "Rattan Craftsmen", "fil": "Manlilikha"}),
    Family("weaving", {"en": "Weavers", "fil": "Manghahabi"}),
    Family("woodcraft", {"en": "Woodcarvers", "fil": "Manlililok"}),
    Family("batik", {"en": "Textile Artisans", "fil": "Manlilikha"}),
    Family("honey", {"en": "Beekeepers", "fil": "Mag-aalaga ng Pukyutan"}),
    Family("fish", {"en": "Fisherfolk", "fil": "Mangingisda"}),
    Family("birdnest", {"en": "Swiftlet Farmers", "fil": "Magsasaka"}),
    Family("spices", {"en": "Spice Growers", "fil": "Magsasaka"}),
    Family("fruit", {"en": "Fruit Growers", "fil": "Magsasaka"}),
)}


@dataclass(frozen=True)
class Good:
    code: str  # the 6-digit HS 2022 subheading products are filed under
    family: str
    kind: str  # raw / processed / seafood / craft / non_food: picks qualifiers and certificates
    unit: str  # catalog.models.Unit value
    usd: tuple[float, float]  # indicative price per unit
    min_order: tuple[float, float]
    capacity: tuple[float, float]  # per month
    word: dict[str, str]  # short word for enterprise names, per language
    csv_code: str = ""  # the CSV line, when it is not the product's code (batik: a heading)
    en_name: str = ""  # English product name when the CSV's is a description
    extra_certs: tuple[str, ...] = ()

    @property
    def certs(self) -> tuple[str, ...]:
        base = {"raw": _RAW, "processed": _PROCESSED, "seafood": _SEAFOOD,
                "craft": _CRAFT, "non_food": _NON_FOOD}[self.kind]
        return base + self.extra_certs

    @property
    def sector(self) -> str:
        return "agriculture" if self.kind in ("raw", "seafood") else "manufacturing"

    @property
    def chapter(self) -> str:
        return self.code[:2]


def _w(en: str, id_: str, ms: str, fil: str) -> dict[str, str]:
    return {"en": en, "id": id_, "ms": ms, "fil": fil}


_FAIR = ("fair_trade", "rainforest")

GOODS: tuple[Good, ...] = (
    Good("180100", "cocoa", "raw", "kg", (3, 8), (500, 5000), (2000, 60000),
         _w("Cacao", "Kakao", "Koko", "Kakaw"), extra_certs=_FAIR),
    Good("090111", "coffee", "raw", "kg", (4, 9), (100, 1000), (500, 20000),
         _w("Coffee", "Kopi", "Kopi", "Kape"), en_name="Green coffee beans", extra_certs=_FAIR),
    Good("090121", "coffee", "processed", "kg", (10, 30), (10, 100), (100, 3000),
         _w("Coffee", "Kopi", "Kopi", "Kape"), en_name="Roasted coffee", extra_certs=_FAIR),
    Good("121221", "seaweed", "raw", "kg", (0.8, 2.5), (1000, 20000), (5000, 200000),
         _w("Seaweed", "Rumput Laut", "Rumpai Laut", "Guso")),
    Good("120300", "coconut", "raw", "t", (600, 1100), (5, 25), (20, 500),
         _w("Copra", "Kopra", "Kopra", "Kopras")),
    Good("151311", "coconut", "processed", "t", (1000, 1600), (10, 20), (20, 800),
         _w("Coconut", "Kelapa", "Kelapa", "Niyog"), en_name="Crude coconut oil"),
    Good("080111", "coconut", "processed", "kg", (2, 3.5), (500, 10000), (2000, 100000),
         _w("Coconut", "Kelapa", "Kelapa", "Niyog")),
    Good("080112", "coconut", "raw", "pc", (0.2, 0.5), (1000, 10000), (10000, 300000),
         _w("Coconut", "Kelapa", "Kelapa", "Niyog"), en_name="Husked coconuts"),
    Good("530500", "coconut", "non_food", "kg", (0.3, 0.6), (1000, 20000), (5000, 100000),
         _w("Coir", "Sabut", "Sabut", "Bunot"), en_name="Coconut coir fibre"),
    Good("440220", "coconut", "non_food", "t", (400, 700), (10, 26), (20, 300),
         _w("Charcoal", "Arang", "Arang", "Uling")),
    Good("140120", "rattan", "raw", "kg", (0.8, 2.5), (500, 5000), (2000, 50000),
         _w("Rattan", "Rotan", "Rotan", "Yantok"), en_name="Raw rattan"),
    Good("940383", "rattan", "craft", "pc", (40, 600), (5, 50), (20, 1000),
         _w("Rattan", "Rotan", "Rotan", "Yantok")),
    Good("460212", "rattan", "craft", "pc", (3, 40), (50, 500), (200, 10000),
         _w("Rattan", "Rotan", "Rotan", "Yantok"), en_name="Rattan baskets"),
    Good("460129", "weaving", "craft", "pc", (3, 30), (20, 300), (100, 5000),
         _w("Handicraft", "Anyaman", "Anyaman", "Banig"), en_name="Woven pandan mats"),
    Good("442011", "woodcraft", "craft", "pc", (10, 300), (5, 50), (20, 1000),
         _w("Woodcraft", "Ukir", "Ukiran", "Ukit"), en_name="Tropical wood carvings"),
    # The CSV gives the heading 5208; products need a subheading: printed plain weave > 100 g/m2.
    Good("520852", "batik", "craft", "m", (4, 25), (50, 500), (200, 5000),
         _w("Batik", "Batik", "Batik", "Batik"), csv_code="5208", en_name="Batik cloth"),
    Good("040900", "honey", "processed", "kg", (6, 20), (20, 500), (100, 5000),
         _w("Honey", "Madu", "Madu", "Pulot")),
    Good("030559", "fish", "seafood", "kg", (3, 12), (50, 1000), (500, 20000),
         _w("Seafood", "Hasil Laut", "Hasil Laut", "Isda"), en_name="Dried salted fish"),
    Good("030554", "fish", "seafood", "kg", (5, 15), (50, 1000), (500, 20000),
         _w("Seafood", "Ikan Teri", "Ikan Bilis", "Dilis")),
    Good("030819", "fish", "seafood", "kg", (30, 200), (5, 100), (20, 1000),
         _w("Sea Cucumber", "Teripang", "Gamat", "Balatan")),
    Good("030617", "fish", "seafood", "kg", (6, 15), (500, 5000), (2000, 50000),
         _w("Prawn", "Udang", "Udang", "Hipon"), en_name="Frozen prawns"),
    Good("041090", "birdnest", "processed", "kg", (800, 2500), (0.5, 5), (2, 100),
         _w("Bird's Nest", "Walet", "Sarang Burung", "Balinsasayaw")),
    Good("090811", "spices", "raw", "kg", (6, 15), (100, 2000), (500, 20000),
         _w("Nutmeg", "Pala", "Pala", "Nuwes")),
    Good("090710", "spices", "raw", "kg", (7, 15), (100, 2000), (500, 20000),
         _w("Clove", "Cengkih", "Cengkih", "Klabo")),
    Good("090411", "spices", "raw", "kg", (4, 8), (100, 3000), (1000, 30000),
         _w("Pepper", "Lada", "Lada", "Paminta"), en_name="Black pepper"),
    Good("090619", "spices", "raw", "kg", (2, 6), (100, 3000), (500, 20000),
         _w("Spice", "Rempah", "Rempah", "Kanela"), en_name="Cassia cinnamon sticks"),
    Good("091011", "spices", "raw", "kg", (0.8, 2.5), (500, 10000), (2000, 100000),
         _w("Ginger", "Jahe", "Halia", "Luya")),
    Good("091030", "spices", "raw", "kg", (0.8, 2), (500, 10000), (2000, 100000),
         _w("Turmeric", "Kunyit", "Kunyit", "Luyang Dilaw")),
    Good("090510", "spices", "raw", "kg", (80, 300), (1, 20), (10, 500),
         _w("Vanilla", "Vanili", "Vanila", "Banilya")),
    Good("170290", "coconut", "processed", "kg", (2, 5), (100, 2000), (500, 30000),
         _w("Coconut Sugar", "Gula Aren", "Gula Melaka", "Asukal ng Niyog"),
         en_name="Coconut sugar"),
    Good("080131", "fruit", "raw", "kg", (1, 2), (1000, 20000), (5000, 100000),
         _w("Cashew", "Mete", "Gajus", "Kasoy"), en_name="Cashew nuts in shell"),
    Good("080450", "fruit", "processed", "kg", (6, 14), (50, 1000), (200, 20000),
         _w("Mango", "Mangga", "Mangga", "Mangga"), en_name="Dried mangoes"),
    Good("080390", "fruit", "raw", "kg", (0.3, 0.8), (1000, 20000), (5000, 200000),
         _w("Banana", "Pisang", "Pisang", "Saging"), en_name="Bananas"),
    Good("080430", "fruit", "raw", "kg", (0.3, 0.8), (1000, 20000), (5000, 200000),
         _w("Pineapple", "Nanas", "Nanas", "Pinya"), en_name="Pineapples"),
)
GOODS_BY_CODE = {g.code: g for g in GOODS}

# Qualifiers added to product names, per kind of good: one tuple per qualifier (en, id, ms, fil).
QUALIFIERS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "raw": (("grade A", "grade A", "gred A", "grade A"),
            ("export quality", "kualitas ekspor", "kualiti eksport", "pang-export"),
            ("premium", "premium", "premium", "premium"),
            ("sun-dried", "jemur matahari", "kering matahari", "pinatuyo sa araw"),
            ("organic", "organik", "organik", "organiko"),
            ("fresh harvest", "panen baru", "tuaian baru", "bagong ani")),
    "processed": (("premium", "premium", "premium", "premium"),
                  ("1 kg pack", "kemasan 1 kg", "pek 1 kg", "1 kg na pakete"),
                  ("home-made", "buatan rumahan", "buatan sendiri", "gawang-bahay"),
                  ("export quality", "kualitas ekspor", "kualiti eksport", "pang-export"),
                  ("no preservatives", "tanpa pengawet", "tanpa pengawet", "walang preserbatibo")),
    "seafood": (("grade A", "grade A", "gred A", "grade A"),
                ("export quality", "kualitas ekspor", "kualiti eksport", "pang-export"),
                ("wild-caught", "tangkapan alam", "tangkapan liar", "huling-dagat"),
                ("low salt", "rendah garam", "kurang garam", "kaunting asin")),
    "craft": (("handmade", "buatan tangan", "buatan tangan", "gawang-kamay"),
              ("natural colour", "warna alami", "warna asli", "natural na kulay"),
              ("custom design", "desain khusus", "reka bentuk khas", "sariling disenyo"),
              ("traditional motif", "motif tradisional", "motif tradisional",
               "tradisyonal na disenyo")),
    "non_food": (("export grade", "kualitas ekspor", "gred eksport", "pang-export"),
                 ("premium", "premium", "premium", "premium")),
}

UNIT_WORDS: dict[str, dict[str, str]] = {
    "kg": _w("kg", "kg", "kg", "kg"),
    "t": _w("tonnes", "ton", "tan", "tonelada"),
    "pc": _w("pieces", "buah", "unit", "piraso"),
    "m": _w("metres", "meter", "meter", "metro"),
    "l": _w("litres", "liter", "liter", "litro"),
}

_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@lru_cache(maxsize=1)
def good_names() -> dict[str, dict[str, tuple[str, ...]]]:
    """Product code -> language -> the CSV's names (alternatives split on " / ")."""
    rows = {row["hs_code"].strip(): row for row in multilingual_goods()}
    names: dict[str, dict[str, tuple[str, ...]]] = {}
    for good in GOODS:
        row = rows[good.csv_code or good.code]
        per_language: dict[str, tuple[str, ...]] = {}
        for column, language in NAME_COLUMNS.items():
            if language == "en":
                # The CSV's English column describes the line ("Cocoa beans (raw or roasted)").
                text = good.en_name or _PARENTHESES.sub("", row[column]).strip()
                per_language[language] = (text,)
            else:
                alternatives = [a.strip() for a in row[column].split(" / ") if a.strip()]
                per_language[language] = tuple(alternatives)
        names[good.code] = per_language
    return names


def price_in(usd: float, currency: str) -> Decimal:
    """A demo price: converted and rounded the way traders quote it."""
    amount = usd * USD_RATE[currency]
    if currency == "IDR":
        step = 500 if amount < 100_000 else 5_000
        return Decimal(max(step, round(amount / step) * step))
    return Decimal(str(round(max(amount, 0.05), 2)))
