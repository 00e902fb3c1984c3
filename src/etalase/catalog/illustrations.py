"""A light drawing of a product's HS chapter, shown on cards that have no photo (issue 18).

The drawings are small hand-written SVG files of this project (static/catalog/chapters/,
a few shapes each, no third-party source); the demo seed composes the same shapes into
pictures (etalase.demo.pictures). Chapters the region trades most have their own drawing,
every other chapter the generic parcel.
"""

from __future__ import annotations

from django.templatetags.static import static

# HS chapter (two digits) → drawing. Textiles are chapters 50–63 of the HS nomenclature.
_DRAWINGS: dict[str, str] = {
    "03": "fish",
    "08": "fruit",
    "09": "spices",
    "12": "seaweed",
    "14": "rattan",
    "46": "rattan",
    "15": "oil",
    "16": "tin",
    "18": "cocoa",
    "20": "jar",
    "21": "sauce",
    "33": "essential-oil",
    "44": "wood",
    "71": "jewellery",
    "94": "furniture",
    "97": "art",
    **{f"{chapter:02d}": "textile" for chapter in range(50, 64)},
}
GENERIC = "generic"
DRAWINGS = (*sorted(set(_DRAWINGS.values())), GENERIC)


def drawing_of(hs_code: str | None) -> str:
    """The drawing's name for an HS code of any length (None or '' → the generic one)."""
    return _DRAWINGS.get((hs_code or "")[:2], GENERIC)


_URLS: dict[str, str] = {}


def illustration_url(hs_code: str | None) -> str:
    """The static URL of the chapter's drawing (hashed name in production), computed once."""
    name = drawing_of(hs_code)
    if name not in _URLS:
        _URLS[name] = static(f"catalog/chapters/{name}.svg")
    return _URLS[name]
