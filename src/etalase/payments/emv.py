"""EMVCo merchant-presented QR (MPM) payloads: parse, validate, build.

A pure library (no models, no network). Facts come from shared/reference/emv-qr.md.

"Tolerant on read, strict on write": real codes from licensed providers sometimes break the
EMVCo text, and wallets still pay them. Seen in issuers' published codes (data/deviations.json
names the source of each): DuitNow's payload format indicator "02"; Thai PromptPay and
Vietnamese VietQR (NAPAS) codes without merchant name, city and category code (tags 59, 60,
52); PayNow/SGQR's placeholder category code "0000"; 26-character names; 3-digit category
codes. Reading reports such deviations as *warnings*; only what makes a code unpayable or
untrustworthy (broken structure, bad CRC, a format indicator no issuer uses, unknown currency
or country, a bad amount) is an *error*. Building refuses both. The field rules are in
emv_rules.py; this module reads the TLV structure, checks the CRC and builds payloads.
"""

from __future__ import annotations

import binascii
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from etalase.payments import emv_rules as rules
from etalase.payments.emv_rules import LENIENT_TAGS

MAX_PAYLOAD_LENGTH = 512  # EMVCo MPM: a payload shall not exceed 512 characters
TEMPLATE_TAGS = frozenset([*(f"{i:02d}" for i in range(26, 52)), "62", "64"])
NAMED_FIELDS = {  # ParseResult attribute -> root tag
    "payload_format_indicator": "00", "point_of_initiation": "01", "mcc": "52", "currency": "53",
    "amount": "54", "country_code": "58", "merchant_name": "59", "merchant_city": "60",
    "postal_code": "61",
}
_TWO_DIGITS = re.compile(r"[0-9]{2}")  # not \d, which also matches non-ASCII digits


@dataclass(frozen=True)
class Problem:
    """A finding: the tag it concerns ("62.05" for a sub-tag, None for the whole payload), a
    stable machine code, and a translated message saying what was expected."""

    tag: str | None
    code: str
    message: str

    def as_dict(self) -> dict[str, str | None]:
        return {"tag": self.tag, "code": self.code, "message": self.message}


class EMVError(ValueError):
    """Raised by the builders (and by parse() for non-text input), carrying the problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        detail = "; ".join(f"[{p.tag or '-'}] {p.code}: {p.message}" for p in self.problems)
        super().__init__(detail or "invalid EMV payload")


class DataObject(NamedTuple):
    """A data object. `children` is a tuple for a parsed template, None for a primitive (or a
    tag 80-99 whose value is not a template)."""

    tag: str
    value: str
    children: tuple[DataObject, ...] | None = None

    def child(self, tag: str) -> DataObject | None:
        return next((c for c in self.children or () if c.tag == tag), None)

    def content(self) -> str:
        """The value as it will be encoded: a template's children win over its stored text."""
        return self.value if self.children is None else "".join(c.encode() for c in self.children)

    def encode(self) -> str:
        value = self.content()
        return f"{self.tag}{len(value):02d}{value}"


@dataclass
class ParseResult:
    payload: str
    valid: bool = False
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    scheme: str | None = None
    payload_format_indicator: str | None = None
    point_of_initiation: str | None = None
    merchant_account_guids: list[str] = field(default_factory=list)
    mcc: str | None = None
    currency: str | None = None
    amount: str | None = None
    country_code: str | None = None
    merchant_name: str | None = None
    merchant_city: str | None = None
    postal_code: str | None = None
    crc: str | None = None
    objects: list[DataObject] = field(default_factory=list)  # the full tree, in payload order

    def get(self, tag: str) -> DataObject | None:
        """The first root data object with this tag."""
        return next((o for o in self.objects if o.tag == tag), None)

    def as_dict(self, *, full: bool = False) -> dict[str, Any]:
        """The body of POST /api/v1/payments/qr/validate; `full` adds the remaining fields."""
        keys = ["valid", "scheme", "merchant_name", "merchant_city", "country_code", "currency",
                "amount", "point_of_initiation"]
        if full:
            keys += ["payload_format_indicator", "mcc", "postal_code", "crc"]
        data: dict[str, Any] = {key: getattr(self, key) for key in keys}
        data["errors"] = [p.as_dict() for p in self.errors]
        data["warnings"] = [p.as_dict() for p in self.warnings]
        if full:
            data["merchant_account_guids"] = list(self.merchant_account_guids)
            data["objects"] = [_object_dict(o) for o in self.objects]
        return data


def _object_dict(obj: DataObject) -> dict[str, Any]:
    children = None if obj.children is None else [_object_dict(c) for c in obj.children]
    return {"tag": obj.tag, "value": obj.value, "children": children}


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE of the UTF-8 bytes, as 4 upper-case hex digits."""
    # surrogatepass: a lone surrogate must give *a* CRC (and an error elsewhere), not a crash.
    return f"{binascii.crc_hqx(data.encode('utf-8', 'surrogatepass'), 0xFFFF):04X}"


@lru_cache(maxsize=1)
def _guid_schemes() -> dict[str, str]:
    # The table grows as schemes are added, so it is data: data/schemes.json.
    raw = json.loads((Path(__file__).parent / "data" / "schemes.json").read_text("utf-8"))
    return {g.casefold(): s["name"] for s in raw["schemes"] for g in s["guids"]}


def identify_scheme(guids: Iterable[str]) -> str | None:
    """The scheme named by the first known GUID (issuer GUIDs such as COM.GO-JEK.WWW name none)."""
    table = _guid_schemes()
    return next((table[g.casefold()] for g in guids if g.casefold() in table), None)


class _Report:
    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    # Messages are translated at the call site (where makemessages finds them), formatted here.
    def error(self, tag: str | None, code: str, message: str, /, **params: object) -> None:
        self.errors.append(Problem(tag, code, message % params if params else message))

    def warn(self, tag: str | None, code: str, message: str, /, **params: object) -> None:
        self.warnings.append(Problem(tag, code, message % params if params else message))


def _split(text: str, parent: str | None) -> tuple[list[tuple[DataObject, int]], Problem | None]:
    """Split TLV text into (object, offset) pairs. Stops at the first structural problem:
    after a bad header there is no telling where the next object starts."""
    items: list[tuple[DataObject, int]] = []
    pos = 0
    while pos < len(text):
        tag, length = text[pos : pos + 2], text[pos + 2 : pos + 4]
        path = f"{parent}.{tag}" if parent else tag
        rep = _Report()
        if len(text) - pos < 4:
            rep.error(parent, "truncated", _("Expected a tag and a length at position %(pos)d, "
                                             "but the data ends."), pos=pos)
        elif not _TWO_DIGITS.fullmatch(tag):
            rep.error(parent, "bad_tag", _("Expected a two-digit tag at position %(pos)d, "
                                           "found %(found)r."), pos=pos, found=tag)
        elif not _TWO_DIGITS.fullmatch(length):
            rep.error(path, "non_numeric_length", _("Expected a two-digit length after tag "
                                                    "%(tag)s, found %(found)r."),
                      tag=path, found=length)
        elif length == "00":
            rep.error(path, "bad_length", _("Tag %(tag)s has length 00; lengths run from 01 "
                                            "to 99."), tag=path)
        elif pos + 4 + int(length) > len(text):
            rep.error(path, "truncated", _("Tag %(tag)s declares %(size)d characters but only "
                                           "%(left)d remain."),
                      tag=path, size=int(length), left=len(text) - pos - 4)
        if rep.errors:
            return items, rep.errors[0]
        items.append((DataObject(tag, text[pos + 4 : pos + 4 + int(length)]), pos))
        pos += 4 + int(length)
    return items, None


def _expand(obj: DataObject, rep: _Report) -> DataObject:
    """Parse a template's value into children."""
    if obj.tag not in TEMPLATE_TAGS and obj.tag not in LENIENT_TAGS:
        return obj
    items, problem = _split(obj.value, obj.tag)
    if problem is not None:
        if obj.tag in TEMPLATE_TAGS:  # 80-99 may legitimately hold a raw value
            rep.error(obj.tag, "bad_template", _("Tag %(tag)s must hold nested data objects: "
                                                 "%(detail)s"), tag=obj.tag, detail=problem.message)
        return obj
    tags = [c.tag for c, _pos in items]
    for tag in sorted({t for t in tags if tags.count(t) > 1}):
        rep.warn(f"{obj.tag}.{tag}", "duplicate_tag", _("Sub-tag %(tag)s appears more than "
                                                        "once."), tag=tag)
    return obj._replace(children=tuple(c for c, _pos in items))


def _check_crc(payload: str, items: list[tuple[DataObject, int]], rep: _Report) -> str | None:
    obj, pos = next(((o, pos) for o, pos in items if o.tag == "63"), (None, 0))
    if obj is None:
        rep.error("63", "missing_crc", _("Tag 63 (CRC) is missing; it must be the last tag."))
        return None
    if pos + 4 + len(obj.value) != len(payload):
        rep.error("63", "crc_not_last", _("Tag 63 (CRC) must be the last data object."))
    if len(obj.value) != 4:
        rep.error("63", "bad_length", _("Tag 63 must be 4 characters long, found %(n)d."),
                  n=len(obj.value))
    expected = crc16(payload[: pos + 4])
    if obj.value != expected:  # case-sensitive: EMVCo writes upper-case hex
        rep.error("63", "crc_mismatch", _("CRC mismatch: expected %(expected)s, found "
                                          "%(found)s."), expected=expected, found=obj.value)
    return obj.value


def parse(payload: str) -> ParseResult:
    """Parse and validate a payload. Never raises for text; every problem is in the result."""
    if not isinstance(payload, str):
        raise EMVError([Problem(None, "not_text", _("The payload must be text."))])
    result, rep = ParseResult(payload=payload), _Report()
    if not payload:
        rep.error(None, "empty", _("The payload is empty."))
    elif len(payload) > MAX_PAYLOAD_LENGTH:
        rep.warn(None, "payload_too_long", _("A payload should not exceed %(limit)d characters, "
                                             "found %(n)d."),
                 limit=MAX_PAYLOAD_LENGTH, n=len(payload))
    items, problem = _split(payload, None)
    if problem is not None:
        rep.errors.append(problem)
    objects = [_expand(o, rep) for o, _pos in items]
    first: dict[str, DataObject] = {}
    for obj in objects:
        if obj.tag in first:
            rep.error(obj.tag, "duplicate_tag", _("Tag %(tag)s appears more than once."),
                      tag=obj.tag)
        first.setdefault(obj.tag, obj)
    # A structure broken before the CRC makes "missing tag" findings noise: report the cause.
    if payload and (problem is None or "63" in first):
        result.crc = _check_crc(payload, items, rep)
        rules.check_fields(rep, objects, first)
    rules.check_leaves(rep, objects)

    guids = [g.value for o in objects if "26" <= o.tag <= "51" and (g := o.child("00"))]
    extra = first["62"].child("00") if "62" in first else None  # QR Ph puts a GUID in 62
    result.scheme = identify_scheme([*guids, *([extra.value] if extra else [])])
    result.merchant_account_guids = guids
    for name, tag in NAMED_FIELDS.items():
        setattr(result, name, first[tag].value if tag in first else None)
    result.objects, result.errors, result.warnings = objects, rep.errors, rep.warnings
    result.valid = not rep.errors
    return result


def looks_like_emv(text: str) -> bool:
    """Whether text is meant as an EMVCo payload at all (it opens with tag 00), even a broken
    one: tells a payment QR from a URL or a vCard."""
    objects = parse(text).objects if isinstance(text, str) else []
    return bool(objects) and objects[0].tag == "00"


def _coerce(item: Any, where: str | None = None) -> DataObject:
    """Accept a DataObject or a (tag, value[, children]) pair; a value may itself be a mapping
    or a list of pairs (a template)."""
    if isinstance(item, DataObject):
        return item
    if isinstance(item, tuple | list) and len(item) in (2, 3):
        tag, value, *rest = item
        kids = rest[0] if rest else None
        if isinstance(value, Mapping | list | tuple) and kids is None:
            value, kids = "", _from_mapping(value) if isinstance(value, Mapping) else value
        children = None if kids is None else tuple(_coerce(k, str(tag)) for k in kids)
        if isinstance(tag, str) and _TWO_DIGITS.fullmatch(tag) and isinstance(value, str):
            return DataObject(tag, value, children)
    raise EMVError([Problem(where, "bad_input", _("Expected a (tag, value) pair with a two-digit "
                                                  "tag and a text value, got %(v)r.")
                            % {"v": item})])


def _from_mapping(fields: Mapping[Any, Any]) -> list[tuple[Any, Any]]:
    # Named fields map to their tags; output is in tag order, so 00 comes first.
    pairs = [(NAMED_FIELDS.get(k, k), v) for k, v in fields.items() if v is not None]
    return sorted(pairs, key=lambda pair: str(pair[0]))


def _encode(obj: DataObject) -> str:
    # A 2-digit length cannot express 0 or 100+: refuse rather than emit garbage.
    for part in (*(obj.children or ()), obj):
        if not 1 <= (size := len(part.content())) <= 99:
            raise EMVError([Problem(part.tag, "bad_length", _("Tag %(tag)s must hold 1 to 99 "
                                                              "characters, got %(n)d.")
                                    % {"tag": part.tag, "n": size})])
    return obj.encode()


def build(source: Any, *, strict: bool = True) -> str:
    """Encode data objects with a fresh CRC. `source` is a ParseResult, an iterable of
    DataObject / (tag, value[, children]) items, or a mapping of tags or NAMED_FIELDS names to
    values (a mapping value is a template). Raises EMVError on errors and, when `strict`, on
    warnings too: what we write must conform even where we tolerate others' codes."""
    if isinstance(source, ParseResult):
        objects = list(source.objects)
    else:
        items = _from_mapping(source) if isinstance(source, Mapping) else list(source)
        objects = [_coerce(item) for item in items]
    body = "".join(_encode(o) for o in objects if o.tag != "63") + "6304"
    payload = body + crc16(body)
    result = parse(payload)
    if problems := result.errors + (result.warnings if strict else []):
        raise EMVError(problems)
    return payload


def format_amount(amount: Decimal | str | int) -> str:
    """A positive amount with at most 2 decimals, as tag 54 wants it: "39000.00"."""
    bad = EMVError([Problem("54", "bad_amount", _("The amount must be a positive number of at "
                                                  "most 13 characters with at most 2 decimals."))])
    if isinstance(amount, bool) or not isinstance(amount, Decimal | str | int):
        raise bad
    try:
        value = Decimal(amount.strip() if isinstance(amount, str) else amount)
        ok = value.is_finite() and value > 0 and value == value.quantize(Decimal("0.01"))
    except InvalidOperation:  # not a number, or too large to quantize
        raise bad from None
    if not ok or len(text := f"{value:.2f}") > 13:
        raise bad
    return text


def build_dynamic(payload: str, amount: Decimal | str | int) -> str:
    """A dynamic code for a quote from a merchant's code: tag 01 = 12, tag 54 = amount, new CRC.
    The merchant's own tolerated quirks (e.g. DuitNow's "02") are kept, since its provider
    issued them, but the result may not add a problem the source did not have."""
    source = parse(payload)
    if source.errors:
        raise EMVError(source.errors)
    text = format_amount(amount)
    objects = [o for o in source.objects if o.tag not in ("01", "54", "63")]
    at = next((i + 1 for i, o in enumerate(objects) if o.tag == "00"), 0)
    objects.insert(at, DataObject("01", "12"))
    at = next((i for i, o in enumerate(objects) if o.tag > "54"), len(objects))
    objects.insert(at, DataObject("54", text))
    out = build(objects, strict=False)
    known = {(p.tag, p.code) for p in source.warnings}
    if added := [p for p in parse(out).warnings if (p.tag, p.code) not in known]:
        raise EMVError(added)
    return out
