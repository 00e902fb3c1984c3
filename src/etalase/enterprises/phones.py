"""Phone numbers to E.164 with the ``phonenumbers`` library (Google's libphonenumber data).

People write numbers the local way: "0812-3456-7890", "(082) 234 5678", "8123456789" without the
trunk 0, or "6281234567890" with the country calling code but no "+". The country of the
enterprise supplies the missing context; the result is always "+<country code><number>".
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers.phonenumberutil import ValidationResult

MAX_INPUT_LENGTH = 40  # far more than any written number; stops pasted paragraphs early
MAX_E164_DIGITS = 15  # ITU-T E.164
# Calling codes of BIMP-EAGA: a number from a neighbour typed without "+" is still recognised.
_NEIGHBOUR_CODES = ("62", "60", "63", "673")
_ALLOWED = re.compile(r"^[\d\s()+\-./\u2010-\u2015]+$")
# Types WhatsApp can reach. Some plans (e.g. Brunei's, the US's) cannot tell mobile from fixed
# by the number, so "fixed line or mobile" passes too.
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


def _error(message: str | Promise, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _invalid(region: str | None) -> ValidationError:
    example = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE) \
        if region else None
    if example is None:
        return _error(_("Enter a valid phone number in international format, for example "
                        "+62 812 3456 7890."), "invalid_phone")
    shown = phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL)
    return _error(_("Enter a valid phone number, for example %(example)s."), "invalid_phone",
                  example=shown)


def _parse(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException as exc:
        if exc.error_type == NumberParseException.TOO_LONG:
            raise _too_long() from None
        return None


def _too_long() -> ValidationError:
    return _error(_("This phone number has too many digits; an international number has at "
                    "most %(max)d."), "too_long", max=MAX_E164_DIGITS)


def _candidates(text: str, digits: str, region: str | None) -> list[phonenumbers.PhoneNumber]:
    """Readings of the input, most likely first."""
    if text.startswith("+") or digits.startswith("00"):
        # Explicit international form; "00" is the international prefix in all four countries.
        number = _parse("+" + digits[2:] if digits.startswith("00") else text, region)
        return [number] if number else []
    own = phonenumbers.country_code_for_region(region) if region else 0
    readings: list[phonenumbers.PhoneNumber] = []
    # Digits starting with the country's own calling code and no trunk "0" ("62812...") are
    # nearly always the international form without "+": local numbers are written with "0".
    if own and digits.startswith(str(own)):
        readings.append(_parse("+" + digits, None))
    readings.append(_parse(text, region))
    readings += [_parse("+" + digits, None) for code in _NEIGHBOUR_CODES
                 if code != str(own) and digits.startswith(code)]
    return [r for r in readings if r is not None]


def _longer_than_any(number: phonenumbers.PhoneNumber) -> bool:
    """More digits than any number of its country has (the library says only "invalid length"
    when a length between two possible ones is missing, e.g. Indonesian 13-digit numbers)."""
    region = phonenumbers.region_code_for_country_code(number.country_code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.general_desc is None:
        return False
    lengths = metadata.general_desc.possible_length or ()
    return bool(lengths) and len(str(number.national_number)) > max(lengths)


def normalize_phone(value: str, *, country: str, mobile_only: bool = False) -> str:
    """Return ``value`` as an E.164 string ("+6281234567890").

    ``country`` (ISO alpha-2) is the region for numbers written without a country code.
    ``mobile_only`` refuses numbers that cannot be mobile (for WhatsApp).
    Raises ValidationError with code ``invalid_phone``, ``too_long``, ``too_short`` or
    ``not_a_mobile``.
    """
    if not isinstance(value, str) or not value.strip():
        raise _error(_("Enter a phone number."), "invalid_phone")
    text = value.strip()
    region = (country or "").strip().upper()
    region_known = region in phonenumbers.SUPPORTED_REGIONS
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or digits.startswith("00")
    if len(text) > MAX_INPUT_LENGTH or len(digits.removeprefix("00")) > MAX_E164_DIGITS + 2:
        raise _too_long()
    if not _ALLOWED.match(text) or not digits or "+" in text[1:]:
        raise _error(_("A phone number contains only digits, spaces, brackets, dashes and a "
                       "leading +."), "invalid_phone")
    if not region_known and not international:
        raise _invalid(None)
    readings = _candidates(text, digits, region if region_known else None)
    for number in readings:
        if phonenumbers.is_valid_number(number):
            break
    else:
        # Say *why* the most likely reading fails where the library can tell.
        if readings:
            reason = phonenumbers.is_possible_number_with_reason(readings[0])
            if reason == ValidationResult.TOO_LONG or _longer_than_any(readings[0]):
                raise _error(_("This phone number has too many digits."), "too_long")
            if reason == ValidationResult.TOO_SHORT:
                raise _error(_("This phone number has too few digits."), "too_short")
        raise _invalid(region if region_known else None)
    if mobile_only and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise _error(_("This is not a mobile number; WhatsApp needs a mobile number."),
                     "not_a_mobile")
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    # The library's data admits a few national plans past E.164's 15 digits (German numbers
    # of 14 digits after "49"); such a number cannot be dialled from abroad as stored.
    if len(e164) - 1 > MAX_E164_DIGITS:
        raise _too_long()
    return e164
