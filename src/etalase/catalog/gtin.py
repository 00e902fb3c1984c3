"""GS1 Global Trade Item Numbers (the number under a barcode), checked with python-stdnum.

GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14 share one check-digit rule (GS1 General
Specifications, section 7.9); `stdnum.ean` implements it. Stored compact (digits only), as
written on the pack, without padding to 14 digits: schema.org's `gtin` accepts each length.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import ean
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

GTIN_LENGTHS = (8, 12, 13, 14)


def normalise_gtin(value: str | None) -> str:
    """The GTIN as digits ("" for none given); ValidationError saying what is wrong."""
    text = ean.compact(value or "")
    if not text:
        return ""
    if not (text.isascii() and text.isdigit()):  # str.isdigit() also takes other scripts
        raise ValidationError(_("A GTIN has digits only (spaces and hyphens are ignored)."),
                              code="gtin_format")
    try:
        return ean.validate(text)
    except InvalidLength:
        raise ValidationError(
            _("A GTIN has 8, 12, 13 or 14 digits; this one has %(n)d."),
            code="gtin_length", params={"n": len(text)}) from None
    except InvalidChecksum:
        raise ValidationError(
            _("The last digit of this GTIN does not match the others (check digit): please "
              "copy it again from the barcode."), code="gtin_checksum") from None
    except InvalidComponent:  # pragma: no cover - stdnum raises it for no EAN today
        raise ValidationError(_("This is not a valid GTIN."), code="gtin_invalid") from None
    except InvalidFormat:  # last: stdnum's InvalidLength and InvalidComponent are kinds of it
        raise ValidationError(_("A GTIN has digits only (spaces and hyphens are ignored)."),
                              code="gtin_format") from None


def validate_gtin(value: str) -> None:
    """Model field validator: the stored value must be a valid GTIN (or empty)."""
    if value and normalise_gtin(value) != value:
        raise ValidationError(_("Store the GTIN as digits only."), code="gtin_format")
