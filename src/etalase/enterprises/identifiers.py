"""Business registration identifiers of Indonesia, Malaysia, the Philippines and Brunei.

python-stdnum checks the formats it knows (Indonesian NPWP and NIK, Malaysian NRIC); the others
follow ``/work/shared/reference/registration-ids.json``. Where a format is unverified there, the
check is deliberately tolerant (free text within limits) so a real number is never refused.

Personal identity numbers (Indonesian NIK, Malaysian NRIC) are refused with their own message:
the design never stores identity-card numbers, and people do type them into this field.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum.id import nik, npwp
from stdnum.my import nric

MAX_LENGTH = 40  # Enterprise.registration_id

# Separators people type or paste between groups of digits, including Unicode dashes.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]")
_SSM = re.compile(r"^(19|20)\d{2}0[1-6]\d{6}$", re.ASCII)
# SSM prints the new number with the old one beside it: "201901000005 (1312525-A)".
_SSM_SIDE_BY_SIDE = re.compile(
    r"^(?P<new>[\d\s-]{12,16})\s*\((?P<old>[^()]{1,20})\)$", re.ASCII)
_ALNUM = re.compile(r"^[A-Z0-9]+$")
_DIGITS = re.compile(r"^[0-9]+$")
_HAS_DIGIT = re.compile(r"[0-9]")
# TIN: 9 digits, then a branch code of 3 digits (5 on newer BIR forms), which may be left out.
_PH_TIN = re.compile(r"^\d{9}(\d{3}|\d{5})?$", re.ASCII)
_BN_ROC = re.compile(r"^(RC|RFC|P)(\d{6,10})$", re.ASCII)


class NormalizedId(NamedTuple):
    scheme: str  # short name of the identifier kind, fits Enterprise.registration_scheme
    compact: str  # what to store and compare: no separators, upper case
    display: str  # how the issuer prints it


def _error(message: str | Promise, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def personal_id_error(kind: str) -> ValidationError:
    if kind == "NIK":
        message = _("This looks like a personal identity number (NIK); enter the business's NIB "
                    "instead. Identity card numbers are not stored.")
    else:
        message = _("This looks like a personal identity card number (MyKad NRIC); enter the "
                    "business's SSM registration number instead. Identity card numbers are not "
                    "stored.")
    return _error(message, "personal_id")


def _precheck(value: str) -> str:
    if not isinstance(value, str):
        raise _error(_("Enter the registration number as text."), "invalid")
    # Printable ASCII (nearly every number typed) is already in NFKC and holds no control
    # character: only the other texts need the per-character look below.
    plain = value.isascii() and value.isprintable()
    # Full-width digits and letters (from East Asian keyboards) become ASCII; digits of other
    # scripts stay and are refused by the ASCII patterns below.
    text = value.strip() if plain else unicodedata.normalize("NFKC", value).strip()
    if not text:
        raise _error(_("Enter the business's registration number."), "required")
    # Control and format characters (tabs, zero-width spaces, direction marks) come from
    # copy-paste and would make two equal numbers compare different.
    if not plain and any(unicodedata.category(ch).startswith("C") for ch in text):
        raise _error(_("The registration number contains invisible or control characters; "
                       "type it again."), "invalid_characters")
    if len(text) > MAX_LENGTH:
        raise _error(_("A registration number has at most %(max)d characters (this one has "
                       "%(length)d)."), "too_long", max=MAX_LENGTH, length=len(text))
    if not (text.isalnum() or any(ch.isalnum() for ch in text)):
        raise _error(_("A registration number has letters or digits."), "invalid")
    return text


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def validate_registration_id(country: str, value: str) -> NormalizedId:
    """Check ``value`` as a business registration identifier of ``country`` (ISO alpha-2).

    Returns the normalised identifier; raises ValidationError with a specific message and code.
    Countries without a known format accept free text of at most 40 characters.
    """
    text = _precheck(value)
    validator = _VALIDATORS.get((country or "").strip().upper(), _other)
    return validator(text)


def _indonesia(text: str) -> NormalizedId:
    number = _compact(text)
    if not _DIGITS.match(number):
        raise _error(_("An Indonesian NIB has 13 digits only; remove the letters and other "
                       "signs."), "invalid_nib")
    if len(number) == 13:
        # NIB: no published checksum (the OSS calls it a random number), so length is all.
        return NormalizedId("NIB", number, number)
    if len(number) == 16 and not number.startswith("0"):
        # A business's 16-digit NPWP is "0" + its old 15 digits; any other 16-digit NPWP is the
        # owner's NIK, which must not be stored.
        if nik.is_valid(number):
            raise personal_id_error("NIK")
        raise _error(_("This is not a valid NPWP: a business's 16-digit NPWP starts with 0. "
                       "Enter the 13-digit NIB if you have one."), "invalid_npwp")
    if len(number) in (15, 16):
        if not npwp.is_valid(number):
            raise _error(_("This NPWP's check digit does not match; check the number."),
                         "invalid_npwp")
        # Store the current 16-digit form (PMK 112/2022) so the old and new spellings of one
        # number cannot be registered twice.
        full = number if len(number) == 16 else "0" + number
        return NormalizedId("NPWP", full, full)
    raise _error(_("Enter the 13-digit NIB (or the business's 15- or 16-digit NPWP); this "
                   "number has %(length)d digits."), "invalid_length", length=len(number))


def _malaysia(text: str) -> NormalizedId:
    side_by_side = _SSM_SIDE_BY_SIDE.match(text)
    if side_by_side:
        new = _malaysia_ssm(_compact(side_by_side["new"]))
        old = side_by_side["old"].strip().upper()
        return NormalizedId(new.scheme, new.compact, f"{new.compact} ({old})")
    number = _compact(text)
    if _DIGITS.match(number):
        return _malaysia_ssm(number)
    # Numbers from before October 2019: companies "1312525-A", businesses and LLPs in their
    # own alphanumeric styles. Formats are not documented, so accept them as free text.
    if _ALNUM.match(number) and len(number) <= 20 and _HAS_DIGIT.search(number):
        return NormalizedId("SSM-legacy", number, " ".join(text.upper().split()))
    raise _error(_("Enter the 12-digit SSM registration number (for example 201901000005) or "
                   "an old registration number such as 1312525-A."), "invalid_ssm")


def _malaysia_ssm(number: str) -> NormalizedId:
    if len(number) != 12:
        raise _error(_("An SSM registration number has 12 digits (for example 201901000005); "
                       "this one has %(length)d."), "invalid_length", length=len(number))
    if _SSM.match(number):
        year = int(number[:4])
        if year > timezone.localdate().year:
            raise _error(_("This SSM number starts with the year %(year)d, which has not come "
                           "yet; check the first four digits."), "future_year", year=year)
        return NormalizedId("SSM", number, number)
    # NRIC has 12 digits too; the SSM pattern (year 19xx/20xx, entity type 01-06) tells most
    # apart. One that fails SSM but is a well-formed NRIC is almost surely the owner's card.
    if nric.is_valid(number):
        raise personal_id_error("NRIC")
    raise _error(_("This is not an SSM registration number: it starts with the year of "
                   "registration, then the entity type 01 to 06, then 6 digits."), "invalid_ssm")


def _philippines(text: str) -> NormalizedId:
    number = _compact(text)
    if _PH_TIN.match(number):
        # TIN: the 9th digit is a check digit but its algorithm is not published; no checksum.
        groups = [number[:3], number[3:6], number[6:9]] + ([number[9:]] if number[9:] else [])
        return NormalizedId("TIN", number, "-".join(groups))
    if not _ALNUM.match(number):
        raise _error(_("A Philippine registration number has letters and digits only."),
                     "invalid_characters")
    if len(number) > 20:
        raise _error(_("A Philippine SEC, DTI or CDA registration number has at most 20 letters "
                       "and digits (this one has %(length)d)."), "too_long", length=len(number))
    if not _HAS_DIGIT.search(number):
        raise _error(_("A registration number contains digits; this looks like a name."),
                     "invalid_registration")
    # SEC, DTI and CDA formats vary by era and are not documented: free text within limits.
    return NormalizedId("SEC/DTI/CDA", number, number)


def _brunei(text: str) -> NormalizedId:
    number = _compact(text).replace("/", "")
    match = _BN_ROC.match(number)
    if not match:
        raise _error(_("A Brunei registration number is RC, RFC or P followed by 6 to 10 digits, "
                       "for example RC20001234."), "invalid_rocbn")
    return NormalizedId("ROCBN", number, number)


def _other(text: str) -> NormalizedId:
    # No known format: keep the text as given, but compare without separators and case.
    return NormalizedId("other", _compact(text), " ".join(text.split()))


_VALIDATORS = {"ID": _indonesia, "MY": _malaysia, "PH": _philippines, "BN": _brunei}
