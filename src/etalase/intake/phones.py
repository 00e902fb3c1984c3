"""Phone numbers of a whole file, checked as `enterprises.phones.normalize_phone` checks them,
at a fraction of its cost.

`phonenumbers.parse` costs ~70 µs a number, most of a row's checking. Offices write nearly
every number the local way, "0812-3456-7890": the trunk "0", then the national significant
number. For that shape, in a region whose national prefix is a plain "0", `parse` returns the
country's calling code and the digits after the "0" (nothing else in its algorithm applies:
no "+", no international prefix, no extension, no carrier code), so the number is built
directly. Its type (valid at all? a mobile?) is then read from the library's own metadata for
the region, by the library's own order of tests (`_number_type_helper`), with the patterns
compiled once: the library looks each pattern up again for every number, ~10 µs a number.
Anything else, and every number found invalid, goes through `normalize_phone`, so the result
and the error (code and message) are always its own.
tests/intake/test_phones.py holds the two to the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

from etalase.enterprises.phones import normalize_phone

# "0" then digits, groups split by one space, dash or dot: the local form offices type.
_LOCAL = re.compile(r"0[1-9][0-9]*(?:[ .\-][0-9]+)*")
_NOT_DIGIT = re.compile(r"[^0-9]")
MAX_LOCAL_DIGITS = 17  # phonenumbers' longest national number


# The order in which phonenumbers' `_number_type_helper` tests a number's descriptions: the
# first that matches decides, and none of these is a type WhatsApp can reach.
_SPECIAL_DESCS = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
    "voicemail",
)  # fmt: skip


@dataclass(frozen=True)
class _Desc:
    """PhoneNumberDescs as the library tests them: lengths first, then the whole pattern.

    Several descriptions tested one after the other for the same answer (the special types)
    become one pattern per number length: the alternatives of those that allow that length."""

    by_length: dict[int, re.Pattern]

    @classmethod
    def of(cls, *descs) -> _Desc | None:
        # A description without a pattern never matches (the library's answer too).
        descs = [d for d in descs if d is not None and d.national_number_pattern]
        if not descs:
            return None
        lengths = {n for d in descs for n in d.possible_length} | set(range(MAX_LOCAL_DIGITS + 1))
        by_length = {}
        for length in lengths:
            # No lengths given means any length (the general description decided it).
            alternatives = [d.national_number_pattern for d in descs
                            if not d.possible_length or length in d.possible_length]
            if alternatives:
                by_length[length] = re.compile("|".join(f"(?:{a})" for a in alternatives))
        return cls(by_length)

    def matches(self, national: str) -> bool:
        pattern = self.by_length.get(len(national))
        return pattern is not None and pattern.fullmatch(national) is not None


@dataclass(frozen=True)
class _Region:
    """What the fast way needs of a region whose numbers are written "0" + national number."""

    code: int
    general: _Desc | None
    special: _Desc | None
    fixed_line: _Desc | None
    mobile: _Desc | None
    same_mobile_and_fixed_line: bool

    def kind(self, national: str) -> str:
        """"mobile", "other" (valid, not reachable by WhatsApp) or "" (not valid)."""
        if self.general is None or not self.general.matches(national):
            return ""
        if self.special is not None and self.special.matches(national):
            return "other"
        if self.fixed_line is not None and self.fixed_line.matches(national):
            if self.same_mobile_and_fixed_line or (
                self.mobile is not None and self.mobile.matches(national)
            ):
                return "mobile"  # FIXED_LINE_OR_MOBILE
            return "other"
        if not self.same_mobile_and_fixed_line and self.mobile is not None \
                and self.mobile.matches(national):
            return "mobile"
        return ""


@lru_cache(maxsize=64)
def _trunk_zero_region(region: str) -> _Region | None:
    """The region's metadata when its numbers are written "0" + national number and its
    calling code is its alone (else the library must pick the region), else None."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if (
        metadata is None
        or metadata.national_prefix_for_parsing != "0"
        or metadata.national_prefix_transform_rule
        or COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code) != (region,)
    ):
        return None
    return _Region(
        code=metadata.country_code,
        general=_Desc.of(metadata.general_desc),
        special=_Desc.of(*(getattr(metadata, name) for name in _SPECIAL_DESCS)),
        fixed_line=_Desc.of(metadata.fixed_line),
        mobile=_Desc.of(metadata.mobile),
        same_mobile_and_fixed_line=bool(metadata.same_mobile_and_fixed_line_pattern),
    )


def _local(text: str, region: str, mobile_only: bool) -> str | None:
    """The E.164 form of a valid local-form number; None to let normalize_phone decide."""
    if len(text) > 40 or not _LOCAL.fullmatch(text):
        return None
    found = _trunk_zero_region(region)
    if found is None:
        return None
    national = _NOT_DIGIT.sub("", text)[1:]
    if len(national) > MAX_LOCAL_DIGITS:
        return None
    kind = found.kind(national)
    if not kind or (mobile_only and kind != "mobile"):
        return None
    # E.164: "+", the calling code, the national significant number (no leading zero here).
    return f"+{found.code}{national}"


def normalise(value: str, *, country: str, mobile_only: bool = False) -> str:
    """As `normalize_phone` (same result, same ValidationError), faster for the local form."""
    region = (country or "").strip().upper()
    if isinstance(value, str):
        found = _local(value.strip(), region, mobile_only)
        if found is not None:
            return found
    return normalize_phone(value, country=country, mobile_only=mobile_only)


class PhoneChecker:
    """`normalise` for one file: each distinct number is checked once (an office's own number
    or a cooperative's often stands for many rows), errors included."""

    def __init__(self, country: str, *, maxsize: int = 8192) -> None:
        self.country = country
        self._outcome = lru_cache(maxsize=maxsize)(self._check)

    def _check(self, value: str, mobile_only: bool) -> tuple[str | None, ValidationError | None]:
        try:
            return normalise(value, country=self.country, mobile_only=mobile_only), None
        except ValidationError as exc:
            return None, exc

    def __call__(self, value: str, *, mobile_only: bool = False) -> str:
        found, error = self._outcome(value, mobile_only)
        if error is not None:
            raise error.with_traceback(None)
        return found
