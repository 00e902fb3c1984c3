"""Pictures for part of the demo's products, drawn here (issue 18): no downloaded images.

Each picture is the product's HS-chapter drawing (catalog/static/catalog/chapters/*.svg, the
same file a card without a photo shows) redrawn with Pillow on a background in the
product's own colour (from its name), with the product's name written beneath, and stored
as an owner's photo is (WebP, a `THUMB_SIDE` thumbnail, no metadata) but encoded at
Pillow's fastest WebP setting: these pictures are drawn, not checked uploads.
Only simple SVG shapes are read (rect, circle, ellipse, polygon, polyline,
line), which is all the drawings use.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
from functools import lru_cache
from pathlib import Path

from defusedxml import ElementTree
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from etalase.catalog.illustrations import drawing_of
from etalase.catalog.images import THUMB_SIDE

CHAPTERS = Path(__file__).resolve().parent.parent / "catalog" / "static" / "catalog" / "chapters"
WIDTH, HEIGHT, SCALE = 640, 480, 4  # the drawings' 160 × 120 view box, four times
# One product in EVERY gets a picture, at most LIMIT in all: seeding 100,000 products stays
# fast (~20 ms a picture, ~2 s in all), and the gallery shows drawings for the others.
EVERY = 3
LIMIT = 100
_SVG = "{http://www.w3.org/2000/svg}"


@lru_cache(maxsize=32)
def shapes(drawing: str) -> list[tuple[str, dict[str, str]]]:
    root = ElementTree.parse(CHAPTERS / f"{drawing}.svg").getroot()
    return [(element.tag.removeprefix(_SVG), dict(element.attrib)) for element in root]


def _points(text: str) -> list[tuple[float, float]]:
    pairs = [p.split(",") for p in text.split()]
    return [(float(x) * SCALE, float(y) * SCALE) for x, y in pairs]


def _colour(name: str) -> tuple[int, int, int]:
    """A soft colour of the product's own, the same for the same name on every run."""
    hue = int(hashlib.sha256(name.encode()).hexdigest()[:4], 16) / 0xFFFF
    red, green, blue = colorsys.hls_to_rgb(hue, 0.88, 0.45)
    return round(red * 255), round(green * 255), round(blue * 255)


def draw(drawing: str, name: str) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), _colour(name))
    pen = ImageDraw.Draw(image)
    for index, (tag, a) in enumerate(shapes(drawing)):
        fill, stroke = a.get("fill"), a.get("stroke")
        fill = None if fill == "none" else fill
        width = round(float(a.get("stroke-width", "1")) * SCALE)
        if index == 0 and tag == "rect":
            continue  # the drawing's own pale background: the product's colour instead
        if tag == "rect":
            x, y = float(a.get("x", 0)) * SCALE, float(a.get("y", 0)) * SCALE
            box = (x, y, x + float(a["width"]) * SCALE, y + float(a["height"]) * SCALE)
            pen.rectangle(box, fill=fill)
        elif tag in ("circle", "ellipse"):
            cx, cy = float(a["cx"]) * SCALE, float(a["cy"]) * SCALE
            rx = float(a.get("r", a.get("rx", 0))) * SCALE
            ry = float(a.get("r", a.get("ry", 0))) * SCALE
            pen.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=fill)
        elif tag == "polygon":
            pen.polygon(_points(a["points"]), fill=fill)
        elif tag in ("polyline", "line"):
            points = (_points(a["points"]) if tag == "polyline" else
                      [(float(a["x1"]) * SCALE, float(a["y1"]) * SCALE),
                       (float(a["x2"]) * SCALE, float(a["y2"]) * SCALE)])
            pen.line(points, fill=stroke, width=width, joint="curve")
    _caption(pen, name)
    return image


@lru_cache(maxsize=1)
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=30)  # Pillow's own font: nothing from the system


def _caption(pen: ImageDraw.ImageDraw, name: str) -> None:
    font = _font()
    text = name if len(name) <= 34 else name[:33].rstrip() + "…"
    pen.rectangle((0, HEIGHT - 64, WIDTH, HEIGHT), fill=(255, 255, 255))
    pen.text((WIDTH / 2, HEIGHT - 32), text, fill=(30, 40, 40), font=font, anchor="mm")


def _webp(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=80, method=0)
    return out.getvalue()


def picture_files(pk: int, hs_code: str | None, name: str) -> tuple[ContentFile, ContentFile]:
    """The picture and its thumbnail, as WebP files named after the product."""
    image = draw(drawing_of(hs_code), name)
    thumbnail = image.copy()
    thumbnail.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BILINEAR)
    return (ContentFile(_webp(image), name=f"demo-{pk}.webp"),
            ContentFile(_webp(thumbnail), name=f"demo-{pk}-thumb.webp"))


def add_pictures(*, every: int = EVERY, limit: int = LIMIT) -> int:
    """Give one published demo product in `every` (at most `limit`) a drawn picture."""
    from etalase.catalog.models import Product, ProductImage

    chosen = (Product.objects.filter(is_published=True, images__isnull=True)
              .order_by("id").values_list("id", "hs_code_id", "name"))
    made = []
    for number, (pk, hs_code, name) in enumerate(chosen.iterator()):
        if len(made) >= limit:
            break
        if number % every:
            continue
        picture, thumbnail = picture_files(pk, hs_code, name)
        image = ProductImage(product_id=pk, alt_text=name[:200], width=WIDTH, height=HEIGHT,
                             position=0)
        image.image.save(picture.name, picture, save=False)
        image.thumbnail.save(thumbnail.name, thumbnail, save=False)
        made.append(image)
    ProductImage.objects.bulk_create(made)
    return len(made)
