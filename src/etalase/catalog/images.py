"""Product photos and logos: check, re-encode, thumbnail — never store what was uploaded.

An upload is accepted only when
  * it is at most `IMAGE_UPLOAD_MAX_BYTES` (settings) long,
  * its first bytes are those of a JPEG, PNG or WebP file (an SVG, HTML or a script
    named .jpg is refused before Pillow sees it),
  * Pillow, restricted to those three formats and with `Image.MAX_IMAGE_PIXELS` kept
    (a decompression-bomb warning is an error here), can verify and decode it,
  * its dimensions are within `MAX_SIDE` and `MAX_PIXELS` (checked from the header,
    before the pixels are decoded).
It is then re-encoded to WebP (JPEG where Pillow lacks WebP): EXIF, GPS position,
comments and any trailing bytes are gone, the orientation is applied, the long side is
at most `STORED_SIDE`, and a `THUMB_SIDE` thumbnail is made.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError, features

from etalase.accounts import permissions

MAX_SIDE = 8000
MAX_PIXELS = 40_000_000
STORED_SIDE = 1600
THUMB_SIDE = 480
MAX_IMAGES_PER_PRODUCT = 8
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
_OUTPUT = ("WEBP", "webp", "image/webp") if features.check("webp") else ("JPEG", "jpg",
                                                                          "image/jpeg")


@dataclass
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    content_type: str


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _max_bytes() -> int:
    return int(getattr(settings, "IMAGE_UPLOAD_MAX_BYTES", 8 * 1024 * 1024))


def _read(upload) -> bytes:
    size = getattr(upload, "size", None)
    limit = _max_bytes()
    if size is not None and size > limit:
        raise ValidationError(_("The image is larger than %(mb)d MB."),
                              code="too_large", params={"mb": limit // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("The image is larger than %(mb)d MB."),
                              code="too_large", params={"mb": limit // (1024 * 1024)})
    return data


def _encode(image: Image.Image, side: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    fmt = _OUTPUT[0]
    if fmt == "JPEG" and copy.mode != "RGB":
        copy = copy.convert("RGB")
    # No exif/icc/comment arguments: the new file carries pixels only.
    if fmt == "WEBP":
        copy.save(out, format=fmt, quality=82, method=4)
    else:
        copy.save(out, format=fmt, quality=85, optimize=True, progressive=True)
    return out.getvalue(), copy.width, copy.height


def process_upload(upload) -> ProcessedImage:
    """Check an uploaded file and return its re-encoded image and thumbnail."""
    data = _read(upload)
    if _sniff(data[:16]) is None:
        raise ValidationError(
            _("Upload a photo in JPEG, PNG or WebP format (this file is not one)."),
            code="not_image")
    with warnings.catch_warnings():
        # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; both refuse here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as probe:
                width, height = probe.size
                _check_dimensions(width, height)
                probe.verify()
            with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as opened:
                opened.load()
                image = ImageOps.exif_transpose(opened)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(_("The image has too many pixels."), code="bomb") from exc
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ValidationError(_("The file could not be read as an image."),
                                  code="broken") from exc
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
    main, stored_width, stored_height = _encode(image, STORED_SIDE)
    thumb, _w, _h = _encode(image, THUMB_SIDE)
    name = uuid.uuid4().hex
    return ProcessedImage(
        image=ContentFile(main, name=f"{name}.{_OUTPUT[1]}"),
        thumbnail=ContentFile(thumb, name=f"{name}-thumb.{_OUTPUT[1]}"),
        width=stored_width,
        height=stored_height,
        content_type=_OUTPUT[2],
    )


def _check_dimensions(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ValidationError(_("The image is empty."), code="broken")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ValidationError(
            _("The image is %(width)d × %(height)d pixels; at most %(side)d pixels a side and "
              "%(mp)d megapixels are accepted."),
            code="too_big", params={"width": width, "height": height, "side": MAX_SIDE,
                                    "mp": MAX_PIXELS // 1_000_000})


# --- Writes -----------------------------------------------------------------------------


@transaction.atomic
def image_add(*, actor, product, upload, alt_text: str = ""):
    """Attach a checked, re-encoded photo to a product; recorded in the product's history."""
    from etalase.catalog.models import Product, ProductImage

    if not permissions.can_change_product(actor, product):
        raise PermissionDenied(_("You may not change this product."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    count = ProductImage.objects.filter(product=product).count()
    if count >= MAX_IMAGES_PER_PRODUCT:
        raise ValidationError(_("A product can have at most %(n)d photos."), code="too_many",
                              params={"n": MAX_IMAGES_PER_PRODUCT})
    processed = process_upload(upload)
    image = ProductImage(product=product, alt_text=(alt_text or "").strip()[:200],
                         width=processed.width, height=processed.height, position=count)
    image.image.save(processed.image.name, processed.image, save=False)
    image.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    image.save()
    _touch(product, actor, "image added")
    return image


@transaction.atomic
def image_remove(*, actor, image) -> None:
    from etalase.catalog.models import Product

    product = image.product
    if not permissions.can_change_product(actor, product):
        raise PermissionDenied(_("You may not change this product."))
    files = [f for f in (image.image, image.thumbnail) if f]
    image.delete()
    _touch(Product.objects.get(pk=product.pk), actor, "image removed")
    names = [(f.storage, f.name) for f in files]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def _touch(product, actor, reason: str) -> None:
    product._history_user = actor
    product._change_reason = reason
    product.save(update_fields=["updated_at"])


def logo_file(upload) -> ContentFile:
    """A logo upload, checked and re-encoded like a photo (the thumbnail size is enough)."""
    processed = process_upload(upload)
    return ContentFile(processed.thumbnail.read(), name=f"{uuid.uuid4().hex}.{_OUTPUT[1]}")


# --- Reads: the sizes a page offers ----------------------------------------------------------

# A card is about half a phone's width and a third of a desktop's: the browser picks the
# 480-pixel thumbnail there and the stored photo on a large screen or a dense display.
CARD_SIZES = "(max-width: 40rem) 50vw, 20rem"


def thumbnail_width(width: int, height: int) -> int:
    """The width of the `THUMB_SIDE` thumbnail made from a photo of this size."""
    longest = max(width, height)
    if longest <= THUMB_SIDE:
        return width
    return max(1, round(width * THUMB_SIDE / longest))


def srcset(image_url: str, thumbnail_url: str, width: int, height: int) -> str:
    """The `srcset` of a photo's two stored variants ('' when there is only one)."""
    if not (image_url and thumbnail_url and width and height) or image_url == thumbnail_url:
        return ""
    small = thumbnail_width(width, height)
    if small >= width:
        return ""
    return f"{thumbnail_url} {small}w, {image_url} {width}w"
