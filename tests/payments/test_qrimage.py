"""Rendering payment QRs with segno and decoding uploaded pictures of them with zbar."""

import io

import pytest
import segno
from PIL import Image, ImageDraw, ImageFilter

from etalase.payments import emv, qrimage
from etalase.payments.qrimage import QRImageError, decode_image, render_png, render_svg

from .test_emv import PAYLOADS, SPIN, rebuild, tlv


def _save(image: Image.Image, kind: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _code(data: bytes) -> str:
    with pytest.raises(QRImageError) as info:
        decode_image(data)
    assert str(info.value) == info.value.message and info.value.message
    return info.value.code


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendered_png_decodes_back_to_the_same_payload(payload):
    png = render_png(payload)
    assert png.startswith(b"\x89PNG")
    assert decode_image(png) == payload


def test_non_ascii_payload_survives_the_round_trip():
    # Tag 64 may carry local script; the QR must hold UTF-8 so the CRC still matches.
    payload = rebuild(SPIN, extra=[tlv("64", tlv("00", "TH") + tlv("01", "ร้านค้า สปิน"))])
    decoded = decode_image(render_png(payload))
    assert decoded == payload and emv.parse(decoded).valid


def test_svg_is_inline_ready():
    svg = render_svg(SPIN)
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert 'class="payment-qr"' in svg and "<path" in svg


def test_photo_like_jpeg_of_a_code_on_a_page_decodes():
    code = Image.open(io.BytesIO(render_png(SPIN, scale=6))).convert("RGB")
    page = Image.new("RGB", (code.width + 600, code.height + 400), (200, 190, 170))
    ImageDraw.Draw(page).text((20, 20), "Scan to pay / Imbas untuk bayar", fill=(20, 20, 20))
    page.paste(code.rotate(7, expand=True, fillcolor=(255, 255, 255)), (250, 150))
    photo = page.filter(ImageFilter.GaussianBlur(1))
    assert decode_image(_save(photo, "JPEG", quality=70)) == SPIN


def test_transparent_screenshot_decodes():
    # A dark-on-transparent export: without compositing on white it is black on black.
    matrix = Image.open(io.BytesIO(render_png(SPIN))).convert("L")
    rgba = Image.new("RGBA", matrix.size, (0, 0, 0, 0))
    rgba.putalpha(matrix.point(lambda value: 255 - value))
    assert decode_image(_save(rgba)) == SPIN


def test_tiny_icon_is_enlarged_before_decoding():
    assert decode_image(render_png(SPIN, scale=1, border=4)) == SPIN


def test_payment_code_is_chosen_among_several():
    url = Image.open(io.BytesIO(_segno_png("https://example.com"))).convert("L")
    pay = Image.open(io.BytesIO(render_png(SPIN))).convert("L")
    both = Image.new("L", (url.width + pay.width + 40, max(url.height, pay.height)), 255)
    both.paste(url, (0, 0))
    both.paste(pay, (url.width + 40, 0))
    assert decode_image(_save(both)) == SPIN


def test_broken_payment_code_is_returned_for_the_validator_to_explain():
    broken = SPIN[:-4] + "0000"
    assert decode_image(render_png(broken)) == broken
    assert [(p.tag, p.code) for p in emv.parse(broken).errors] == [("63", "crc_mismatch")]


def _segno_png(text: str) -> bytes:
    out = io.BytesIO()
    segno.make(text, micro=False).save(out, kind="png", scale=6)
    return out.getvalue()


def test_plain_picture_without_qr():
    picture = Image.new("RGB", (300, 200), (30, 120, 200))
    ImageDraw.Draw(picture).ellipse((50, 50, 150, 150), fill=(250, 200, 0))
    assert _code(_save(picture)) == "no_qr_found"


@pytest.mark.parametrize("text", ["https://example.com", "BEGIN:VCARD\nFN:Ana\nEND:VCARD",
                                  "0002"])
def test_qr_that_is_not_a_payment(text):
    assert _code(_segno_png(text)) == "not_a_payment_qr"


@pytest.mark.parametrize("data", [b"", b"<script>alert(1)</script>", b"%PDF-1.7\n" + b"0" * 500,
                                  render_png(SPIN)[:200]])
def test_bytes_that_are_not_a_picture(data):
    assert _code(data) == "not_an_image"


def test_non_bytes_are_refused():
    assert _code("not bytes") == "not_an_image"  # type: ignore[arg-type]


def test_decompression_bombs_are_refused(monkeypatch):
    # The pixel limit is Pillow's own; lower it so the test needs no giant image.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert _code(_save(Image.new("L", (100, 100), 255))) == "image_too_large"  # > 2x: error
    assert _code(_save(Image.new("L", (40, 40), 255))) == "image_too_large"  # > 1x: warning


def test_oversized_uploads_are_refused_before_opening():
    assert _code(b"\x89PNG" + b"\0" * qrimage.MAX_UPLOAD_BYTES) == "image_too_large"
