"""The field rules of an EMVCo merchant-presented QR payload: which tags must be there,
which values are allowed, and which departures real issuers make (warnings, not errors).

Split from emv.py (the TLV reader and the builders); data/deviations.json names the issuers'
codes behind each tolerated departure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pycountry
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from etalase.payments.emv import DataObject, _Report

MERCHANT_ACCOUNT_TAGS = frozenset(f"{i:02d}" for i in range(2, 52))
LENIENT_TAGS = frozenset(f"{i:02d}" for i in range(80, 100))  # template or raw (DuitNow's 82)
KNOWN_ROOT_TAGS = frozenset(
    ["00", "01", *MERCHANT_ACCOUNT_TAGS, *(f"{i:02d}" for i in range(52, 65)), *LENIENT_TAGS]
)
# Without these a wallet cannot pay. Tags 52, 59 and 60 are missing from real PromptPay and
# VietQR codes (the wallet shows the account holder instead), so only warnings; 01 is optional
# in EMVCo (absent means static); 63 has its own checks.
REQUIRED_TAGS = ("00", "53", "58")
# "01" is EMVCo's; "02" is DuitNow's own specification's. Anything else is no issuer's code.
FORMAT_INDICATORS = ("01", "02")
PLACEHOLDER_MCC = "0000"  # PayNow/SGQR write it for "no category"; ISO 18245 assigns none
# Maximum lengths that real codes exceed while wallets still pay them: warnings on read.
SOFT_LIMITS = {"59": 25, "60": 15, "61": 10, "64.00": 2, "64.01": 25, "64.02": 15}
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")  # digits, at most one "."
_BAD_CHAR = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # controls, lone surrogates
_NOT_MONEY = frozenset({"963", "999"})  # ISO 4217 XTS (testing) and XXX (no currency)


def check_leaves(rep: _Report, objects: list[DataObject]) -> None:
    """Character and length rules for every primitive value, root or nested."""
    for obj in objects:
        kids = obj.children
        leaves = [(obj.tag, obj.value)] if kids is None else [(f"{obj.tag}.{c.tag}", c.value)
                                                              for c in kids]
        for tag, value in leaves:
            if _BAD_CHAR.search(value):
                rep.error(tag, "invalid_character", _("Tag %(tag)s contains a control "
                                                      "character."), tag=tag)
            elif not value.isascii() and obj.tag != "64" and obj.tag not in LENIENT_TAGS:
                # EMVCo's common character set is ASCII; local script belongs in template 64.
                rep.warn(tag, "non_ascii", _("Tag %(tag)s should use plain ASCII; local script "
                                             "belongs in tag 64."), tag=tag)
            limit = SOFT_LIMITS.get(tag) or (
                25 if tag[:3] == "62." and "01" <= tag[3:] <= "08" else
                32 if tag[3:] == "00" and "26" <= tag[:2] <= "51" else None  # GUID
            )
            if limit is not None and len(value) > limit:
                rep.warn(tag, "bad_length", _("Tag %(tag)s is limited to %(limit)d characters, "
                                              "found %(n)d."), tag=tag, limit=limit, n=len(value))


def check_amount(rep: _Report, tag: str, value: str, limit: int = 13) -> bool:
    if len(value) <= limit and _AMOUNT.fullmatch(value):
        return True
    rep.error(tag, "bad_amount", _("Tag %(tag)s must be up to %(limit)d digits with at most one "
                                   "'.', found %(v)r."), tag=tag, limit=limit, v=value)
    return False


def check_tip(rep: _Report, first: dict[str, DataObject]) -> None:
    indicator = first["55"].value if "55" in first else None
    if indicator is not None and indicator not in ("01", "02", "03"):
        rep.error("55", "invalid_value", _("Tag 55 (tip indicator) must be 01, 02 or 03, found "
                                           "%(v)r."), v=indicator)
    # 02: fixed convenience fee in 56; 03: percentage fee in 57.
    for tag, needed, limit in (("56", "02", 13), ("57", "03", 5)):
        if indicator == needed and tag not in first:
            rep.error(tag, "missing_tag", _("Tag 55 is %(ind)s, so tag %(tag)s must be "
                                            "present."), ind=needed, tag=tag)
        elif tag in first and indicator != needed:
            rep.error(tag, "tip_mismatch", _("Tag %(tag)s is only allowed when tag 55 is "
                                             "%(ind)s."), tag=tag, ind=needed)
        elif tag in first:
            check_amount(rep, tag, first[tag].value, limit)


def check_fields(rep: _Report, objects: list[DataObject], first: dict[str, DataObject]) -> None:
    for tag in REQUIRED_TAGS:
        if tag not in first:
            rep.error(tag, "missing_tag", _("Mandatory tag %(tag)s is missing."), tag=tag)
    if "52" not in first:
        rep.warn("52", "missing_tag", _("Tag 52 (merchant category code) is missing."))
    if "59" not in first:
        rep.warn("59", "missing_tag", _("Tag 59 (merchant name) is missing, as in PromptPay "
                                        "and VietQR codes: wallets show the account holder's "
                                        "name instead."))
    if "60" not in first:
        rep.warn("60", "missing_tag", _("Tag 60 (merchant city) is missing, as in PromptPay "
                                        "and VietQR codes."))
    if not MERCHANT_ACCOUNT_TAGS & first.keys():
        rep.error(None, "missing_merchant_account", _("At least one merchant account (tags 02 "
                                                      "to 51) is required."))
    if "00" in first and objects[0].tag != "00":
        rep.warn("00", "tag_order", _("Tag 00 (payload format indicator) must come first."))
    for obj in objects:
        if obj.tag not in KNOWN_ROOT_TAGS:
            rep.warn(obj.tag, "unknown_tag", _("Tag %(tag)s is reserved."), tag=obj.tag)
        elif "26" <= obj.tag <= "51" and obj.children is not None and not obj.child("00"):
            rep.warn(obj.tag, "missing_guid", _("Merchant account %(tag)s has no globally "
                                                "unique identifier (sub-tag 00)."), tag=obj.tag)
    if (pfi := first.get("00")) and pfi.value not in FORMAT_INDICATORS:
        rep.error("00", "invalid_format_indicator", _("Tag 00 (payload format indicator) must "
                                                      "be 01, found %(v)r."), v=pfi.value)
    elif pfi and pfi.value != "01":
        rep.warn("00", "unexpected_format_indicator", _("Tag 00 (payload format indicator) "
                                                        "should be 01, found %(v)r."), v=pfi.value)
    if (poi := first.get("01")) and poi.value not in ("11", "12"):
        rep.error("01", "invalid_value", _("Tag 01 (point of initiation) must be 11 (static) or "
                                           "12 (dynamic), found %(v)r."), v=poi.value)
    if (mcc := first.get("52")) and not (len(mcc.value) == 4 and mcc.value.isascii()
                                         and mcc.value.isdecimal()):
        rep.warn("52", "bad_mcc", _("Tag 52 (merchant category code) should be 4 digits, found "
                                    "%(v)r."), v=mcc.value)
    elif mcc and mcc.value == PLACEHOLDER_MCC:
        rep.warn("52", "placeholder_mcc", _("Tag 52 (merchant category code) is 0000, a "
                                            "placeholder that names no category."))
    if (cur := first.get("53")) and not is_currency(cur.value):
        rep.error("53", "invalid_currency", _("Tag 53 must be an ISO 4217 numeric currency code "
                                              "(e.g. 360), found %(v)r."), v=cur.value)
    amount = first.get("54")
    if amount and check_amount(rep, "54", amount.value) and not amount.value.strip("0."):
        rep.warn("54", "zero_amount", _("Tag 54 (amount) is zero."))
    check_tip(rep, first)
    if (country := first.get("58")) and not is_country(country.value):
        rep.error("58", "invalid_country", _("Tag 58 must be an ISO 3166-1 alpha-2 country code "
                                             "(e.g. ID), found %(v)r."), v=country.value)
    if (alt := first.get("64")) and alt.children is not None:
        for sub in ("00", "01"):  # language and name are mandatory in the template
            if alt.child(sub) is None:
                rep.warn(f"64.{sub}", "missing_tag", _("Tag 64 (alternate language) needs "
                                                       "sub-tag %(sub)s."), sub=sub)


def is_currency(value: str) -> bool:
    if not (len(value) == 3 and value.isascii() and value.isdecimal()) or value in _NOT_MONEY:
        return False
    return pycountry.currencies.get(numeric=value) is not None


def is_country(value: str) -> bool:
    # pycountry's lookup ignores case; the payload must be upper case.
    if not (len(value) == 2 and value.isascii() and value.isupper()):
        return False
    return pycountry.countries.get(alpha_2=value) is not None
