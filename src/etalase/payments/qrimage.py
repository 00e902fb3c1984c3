"""QR images of payment payloads: render with segno, decode uploads with zbar (pyzbar).

Decoding needs the system library libzbar0 (Debian), installed by the project's set-up.
"""

from __future__ import annotations

import io
import warnings

import segno
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from etalase.payments.emv import looks_like_emv

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a phone photo is a few MB; more is not a QR screenshot
_DECODE_SIDE = 2000  # zbar is fast on this size and a QR filling a photo stays readable


class QRImageError(ValueError):
    """An upload that yields no payment payload; `code` is stable, str() is the message."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


def _qr(payload: str) -> segno.QRCode:
    # EMV payloads are UTF-8; forcing it stops segno from choosing ISO 8859-1 for names
    # with accents, which wallets would then misread. Level M, as scheme guidelines use;
    # boost_error raises it for free when the symbol has room.
    return segno.make(payload, error="m", encoding="utf-8", micro=False, boost_error=True)


def render_svg(payload: str, *, scale: int = 4, border: int = 4) -> str:
    """An SVG document (no XML declaration, so it can be inlined in HTML)."""
    out = io.BytesIO()
    _qr(payload).save(out, kind="svg", scale=scale, border=border, xmldecl=False,
                      svgclass="payment-qr", lineclass=None, title=None)
    return out.getvalue().decode("utf-8")


def render_png(payload: str, *, scale: int = 8, border: int = 4) -> bytes:
    """A black-on-white PNG; the quiet zone (border 4 modules) is what scanners need."""
    out = io.BytesIO()
    _qr(payload).save(out, kind="png", scale=scale, border=border)
    return out.getvalue()


def _open(data: bytes) -> Image.Image:
    """Open and fully load an image, turning every way it can fail into a QRImageError."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise QRImageError("not_an_image", _("The upload is empty or not a file."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise QRImageError("image_too_large", _("The picture is too large (10 MB at most)."))
    try:
        with warnings.catch_warnings():
            # Image.MAX_IMAGE_PIXELS is kept; its warning (between 1x and 2x the limit) is
            # treated as the error it is for an upload.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise QRImageError("image_too_large", _("The picture has too many pixels.")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        # Pillow raises several types for truncated or corrupt files.
        raise QRImageError("not_an_image", _("The upload is not a picture we can read "
                                             "(use PNG, JPEG or WebP).")) from None
    return image


def _grey(image: Image.Image) -> Image.Image:
    """Grey-scale on white: transparent screenshots otherwise turn black on black."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGBA", rgba.size, "white")
        canvas.alpha_composite(rgba)
        image = canvas
    return image.convert("L")


def _candidates(image: Image.Image) -> list[Image.Image]:
    """The image as given, then resized: zbar misses codes in huge photos and in tiny icons."""
    sizes = [image]
    longest = max(image.size)
    if longest > _DECODE_SIDE:
        factor = _DECODE_SIDE / longest
        sizes.append(image.resize((max(1, int(image.width * factor)),
                                   max(1, int(image.height * factor)))))
    elif longest < 400:
        sizes.append(image.resize((image.width * 3, image.height * 3), Image.Resampling.NEAREST))
    return sizes


def decode_image(data: bytes) -> str:
    """The EMV payload in a photo or screenshot of a payment QR.

    Raises QRImageError with code not_an_image, image_too_large, no_qr_found or
    not_a_payment_qr. A broken EMV payload is returned as is, for the validator to explain.
    """
    # Imported here: pyzbar loads libzbar when imported, and the rest of this module (and of
    # the site) must keep working on a machine where it is missing.
    from pyzbar.pyzbar import ZBarSymbol
    from pyzbar.pyzbar import decode as zbar_decode

    image = _grey(_open(data))
    texts: list[str] = []
    for candidate in _candidates(image):
        found = zbar_decode(candidate, symbols=[ZBarSymbol.QRCODE])
        texts = [symbol.data.decode("utf-8", errors="replace") for symbol in found]
        if texts:
            break
    if not texts:
        raise QRImageError("no_qr_found", _("No QR code was found in the picture. Try a sharper, "
                                            "straight picture with the whole code in view."))
    for text in texts:
        if looks_like_emv(text):
            return text
    raise QRImageError("not_a_payment_qr", _("The QR code in the picture is not a payment QR "
                                             "(QRIS, DuitNow, QR Ph or another EMVCo code)."))
