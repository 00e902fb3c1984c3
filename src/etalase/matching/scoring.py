"""How well one supplier's product fits one sourcing request — pure and deterministic.

No database, no clock, no randomness: the caller passes plain values (`RequestProfile`,
`SupplierProduct`, today's date) and gets the same `Fit` every time. The same function
ranks suppliers for a buyer and requests for an MSME, so both directions agree.

Points (the weights below, documented here because buyers see their effect):

=====================================  ======  ==============================================
component                               points  rule
=====================================  ======  ==============================================
HS code: same 6-digit subheading            40  best over the request's codes
HS code: same heading (4 digits)            25  also: the request picked that heading
HS code: same chapter (2 digits)            10  also: the request picked that chapter
text and cross-language synonyms       0 – 25  share of the title's parts found in the
                                                product's name (full) or description (half)
required certifications                0 – 15  share of them held and valid today; an
                                                expired one counts nothing and says so
monthly capacity                       0 – 10  10 when it covers the monthly quantity;
                                                otherwise 5 × the share covered
region preference                       8 / 5  in a preferred province / country
verified by an office                       6
export experience                       5 / 2  exporting / export-ready
=====================================  ======  ==============================================

A product is *relevant* only with an HS or a text match; everything else orders relevant
products, it never makes an unrelated one appear. Ties are broken by the caller on ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from etalase.matching.reasons import Reason, reason

WEIGHTS: dict[str, int] = {
    "hs_exact": 40,
    "hs_heading": 25,
    "hs_chapter": 10,
    "text": 25,
    "certifications": 15,
    "capacity": 10,
    "region_subdivision": 8,
    "region_country": 5,
    "verified": 6,
    "exporting": 5,
    "export_ready": 2,
}
MAX_SCORE = (WEIGHTS["hs_exact"] + WEIGHTS["text"] + WEIGHTS["certifications"]
             + WEIGHTS["capacity"] + WEIGHTS["region_subdivision"] + WEIGHTS["verified"]
             + WEIGHTS["exporting"])
DESCRIPTION_CREDIT = 0.5  # a word found only in the description counts half

# Units that can be compared, as (dimension, factor to the dimension's base unit).
UNIT_BASE: dict[str, tuple[str, Decimal]] = {
    "kg": ("mass", Decimal(1)),
    "t": ("mass", Decimal(1000)),
    "l": ("volume", Decimal(1)),
    "pc": ("piece", Decimal(1)),
    "box": ("box", Decimal(1)),
    "pack": ("pack", Decimal(1)),
    "m": ("length", Decimal(1)),
    "m2": ("area", Decimal(1)),
}


# --- Inputs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CertHeld:
    kind: str
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def is_valid_on(self, day: dt.date) -> bool:
        # Same rule as enterprises.models.Certification.is_valid_on.
        if self.valid_from and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


@dataclass(frozen=True)
class TermPart:
    """One part of the request's title with its synonyms, as a small boolean tree:
    {"p": "biji kakao"} (a phrase), {"any": [...]}, {"all": [...]}."""

    text: str
    node: dict[str, Any]


@dataclass(frozen=True)
class RequestProfile:
    hs_codes: tuple[str, ...] = ()
    terms: tuple[TermPart, ...] = ()
    required_certifications: tuple[str, ...] = ()
    quantity_per_month: Decimal | None = None
    unit: str = "t"
    preferred_countries: frozenset[str] = frozenset()
    preferred_subdivisions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SupplierProduct:
    product_id: int
    enterprise_id: int
    hs_code: str
    name_text: str  # " token token … " of the names (all languages), see `padded`
    body_text: str  # the same for the descriptions
    monthly_capacity: Decimal | None = None
    unit: str = "kg"
    country: str = ""
    subdivision: str = ""
    subdivision_parent: str = ""
    verified: bool = False
    verified_office: str = ""
    export_status: str = "not_yet"
    export_markets: tuple[str, ...] = ()
    certifications: tuple[CertHeld, ...] = ()


# --- Output -----------------------------------------------------------------------------

@dataclass
class Fit:
    product_id: int
    enterprise_id: int
    score: int
    relevant: bool
    reasons: Sequence[Reason] = field(default_factory=list)
    capacity_base: Decimal | None = None  # monthly capacity in the request's unit
    hs_level: int = 0  # 6, 4, 2 or 0

    @property
    def summary(self) -> str:
        return "; ".join(r.text for r in self.reasons)


# --- Helpers ----------------------------------------------------------------------------


def padded(tokens: Iterable[str]) -> str:
    """Tokens as " a b c " so that a phrase test is one substring search."""
    return " " + " ".join(tokens) + " "


def node_matches(node: dict[str, Any], text: str) -> bool:
    if "p" in node:
        return f" {node['p']} " in text
    if "any" in node:
        return any(node_matches(child, text) for child in node["any"])
    if "all" in node:
        return all(node_matches(child, text) for child in node["all"])
    return False


def first_phrase(node: dict[str, Any], text: str) -> str | None:
    """The first phrase of `node` found in `text` (to say which synonym matched)."""
    if "p" in node:
        return node["p"] if f" {node['p']} " in text else None
    for child in node.get("any", ()) or node.get("all", ()):
        found = first_phrase(child, text)
        if found:
            return found
    return None


def convert(quantity: Decimal | None, unit: str, to_unit: str) -> Decimal | None:
    """`quantity` of `unit` in `to_unit`; None when unknown or not comparable (kg vs pieces)."""
    if quantity is None:
        return None
    a, b = UNIT_BASE.get(unit), UNIT_BASE.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return quantity * a[1] / b[1]


def number(value: Decimal) -> str:
    """25.000 -> "25", 2.50 -> "2.5", 12345 -> "12,345"."""
    value = Decimal(value).quantize(Decimal("0.01"))
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def dotted(code: str) -> str:
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


# --- The score ------------------------------------------------------------------------


def _hs(request: RequestProfile, code: str, explain: bool = True
        ) -> tuple[int, int, Reason | None]:
    # Reasons are made only when explaining: ranking makes hundreds of scores per request.
    best: tuple[int, int, Reason | None] = (0, 0, None)
    for wanted in request.hs_codes:
        if len(wanted) == 6 and wanted == code:
            points = WEIGHTS["hs_exact"]
            return 6, points, (reason("hs", "hs_exact", points, code=dotted(code))
                               if explain else None)
        if len(wanted) >= 4 and wanted[:4] == code[:4] and best[0] < 4:
            points = WEIGHTS["hs_heading"]
            key = "hs_in_heading" if len(wanted) == 4 else "hs_heading"
            best = (4, points, reason("hs", key, points, code=dotted(code), heading=code[:4])
                    if explain else None)
        elif wanted[:2] == code[:2] and best[0] < 2:
            points = WEIGHTS["hs_chapter"]
            best = (2, points, reason("hs", "hs_chapter", points, code=dotted(code),
                                      chapter=code[:2]) if explain else None)
    return best


def _text(request: RequestProfile, product: SupplierProduct, explain: bool
          ) -> tuple[int, Reason | None]:
    if not request.terms:
        return 0, None
    credit = 0.0
    found: list[str] = []
    for part in request.terms:
        if node_matches(part.node, product.name_text):
            credit += 1
            text = product.name_text
        elif node_matches(part.node, product.body_text):
            credit += DESCRIPTION_CREDIT
            text = product.body_text
        else:
            continue
        if explain:
            phrase = first_phrase(part.node, text)
            found.append(part.text if phrase in (None, part.text)
                         else f"{part.text} ≈ {phrase}")
    if not credit:
        return 0, None
    points = round(WEIGHTS["text"] * credit / len(request.terms))
    return points, reason("text", "text", points, words=", ".join(found)) if explain else None


def _certifications(request: RequestProfile, product: SupplierProduct, today: dt.date,
                    explain: bool) -> tuple[int, list[Reason]]:
    kinds = request.required_certifications
    if not kinds:
        return 0, []
    valid = [k for k in kinds if any(c.kind == k and c.is_valid_on(today)
                                     for c in product.certifications)]
    points = round(WEIGHTS["certifications"] * len(valid) / len(kinds))
    reasons: list[Reason] = []
    if not explain:
        return points, reasons
    for n, kind in enumerate(kinds):
        share = points if n == 0 else 0  # the points are shown once, on the first line
        label = kind.replace("_", " ")
        held = sorted((c for c in product.certifications if c.kind == kind),
                      key=lambda c: (c.valid_until or dt.date.max), reverse=True)
        good = next((c for c in held if c.is_valid_on(today)), None)
        if good is not None and good.valid_until:
            reasons.append(reason("certification", "cert_valid_to", share, kind=label,
                                  month=good.valid_until.strftime("%Y-%m")))
        elif good is not None:
            reasons.append(reason("certification", "cert_valid", share, kind=label))
        elif held and held[0].valid_until and held[0].valid_until < today:
            reasons.append(reason("certification", "cert_expired", share, False, kind=label,
                                  month=held[0].valid_until.strftime("%Y-%m")))
        elif held:
            reasons.append(reason("certification", "cert_not_yet", share, False, kind=label))
        else:
            reasons.append(reason("certification", "cert_missing", share, False, kind=label))
    return points, reasons


def _capacity(request: RequestProfile, product: SupplierProduct, explain: bool
              ) -> tuple[int, Reason | None, Decimal | None]:
    needed = request.quantity_per_month
    unit = request.unit
    capacity = convert(product.monthly_capacity, product.unit, unit)
    if not needed:
        return 0, None, capacity
    if product.monthly_capacity is None:
        return 0, reason("capacity", "capacity_unknown", 0, False) if explain else None, None
    if capacity is None:
        return 0, reason("capacity", "capacity_unit", 0, False, unit=product.unit,
                         wanted=unit) if explain else None, None
    if capacity >= needed:
        points = WEIGHTS["capacity"]
        if not explain:
            return points, None, capacity
        return points, reason("capacity", "capacity_ok", points, have=number(capacity),
                              unit=unit, need=number(needed)), capacity
    share = capacity / needed
    points = int(WEIGHTS["capacity"] * share / 2)
    if not explain:
        return points, None, capacity
    return points, reason("capacity", "capacity_short", points, False, have=number(capacity),
                          unit=unit, need=number(needed), share=int(share * 100)), capacity


def _region(request: RequestProfile, product: SupplierProduct, explain: bool = True
            ) -> tuple[int, Reason | None]:
    subs = request.preferred_subdivisions
    if product.subdivision in subs or (product.subdivision_parent and
                                       product.subdivision_parent in subs):
        points = WEIGHTS["region_subdivision"]
        return points, (reason("region", "region_subdivision", points,
                               code=product.subdivision) if explain else None)
    if not subs and not request.preferred_countries:
        return 0, None
    countries = request.preferred_countries | {code.split("-")[0] for code in subs}
    if product.country in countries:
        points = WEIGHTS["region_country"]
        return points, (reason("region", "region_country", points, code=product.country)
                        if explain else None)
    return 0, None


def _verified(product: SupplierProduct, explain: bool = True) -> tuple[int, Reason | None]:
    if not product.verified:
        return 0, None
    points = WEIGHTS["verified"]
    if not explain:
        return points, None
    if product.verified_office:
        return points, reason("verified", "verified_by", points, office=product.verified_office)
    return points, reason("verified", "verified_by", points, code=product.subdivision)


def _export(product: SupplierProduct, explain: bool = True) -> tuple[int, Reason | None]:
    if product.export_status == "exporting":
        points = WEIGHTS["exporting"]
        if not explain:
            return points, None
        markets = ", ".join(product.export_markets[:4])
        if markets:
            return points, reason("export", "exporting_to", points, markets=markets)
        return points, reason("export", "exporting", points)
    if product.export_status == "ready":
        points = WEIGHTS["export_ready"]
        return points, reason("export", "export_ready", points) if explain else None
    return 0, None


def score(request: RequestProfile, product: SupplierProduct, *, today: dt.date,
          explain: bool = True) -> Fit:
    """The fit of one product to one request, with the reasons a person reads (with
    `explain=False` the same score without them: ranking many, explaining the best)."""
    hs_level, hs_points, hs_reason = _hs(request, product.hs_code, explain)
    text_points, text_reason = _text(request, product, explain)
    cert_points, cert_reasons = _certifications(request, product, today, explain)
    cap_points, cap_reason, capacity = _capacity(request, product, explain)
    region_points, region_reason = _region(request, product, explain)
    verified_points, verified_reason = _verified(product, explain)
    export_points, export_reason = _export(product, explain)
    reasons = [r for r in (hs_reason, text_reason, *cert_reasons, cap_reason, region_reason,
                           verified_reason, export_reason) if r is not None] if explain else []
    total = (hs_points + text_points + cert_points + cap_points + region_points
             + verified_points + export_points)
    return Fit(product_id=product.product_id, enterprise_id=product.enterprise_id,
               score=total, relevant=bool(hs_points or text_points), reasons=reasons,
               capacity_base=capacity, hs_level=hs_level)


class ProductsScorer:
    """One MSME's products against many requests (its page of fitting requests): for each
    request, the best relevant product and its points — the same as `score` without reasons
    (and the same choice as `best_per_enterprise`: the higher score, then the lower id).

    Each part of the score reads one part of the request only — its HS codes, its words, its
    certifications, its quantity, its regions — and requests repeat those parts ("cocoa
    beans", halal, 20 t): so a part's points for every product are computed once per distinct
    value, and scoring thousands of requests is mostly looking them up."""

    def __init__(self, products: Iterable[SupplierProduct], *, today: dt.date) -> None:
        self.products = sorted(products, key=lambda p: p.product_id)
        self.today = today
        # What depends on the product alone.
        self._fixed = tuple(_verified(p, False)[0] + _export(p, False)[0]
                            for p in self.products)
        self._memo: dict[tuple[str, Any], tuple[int, ...]] = {}

    def _points(self, part: str, key: Any, points) -> tuple[int, ...]:
        found = self._memo.get((part, key))
        if found is None:
            found = self._memo[(part, key)] = tuple(points(p) for p in self.products)
        return found

    def best(self, request: RequestProfile, *, terms_key: str | None = None
             ) -> tuple[int, SupplierProduct] | None:
        """(score, product) of the best relevant product, or None. `terms_key` names the
        request's terms (their stored JSON text): requests with the same key share the text
        points; without it the text is scored afresh."""
        today = self.today
        hs = self._points("hs", request.hs_codes,
                          lambda p: _hs(request, p.hs_code, False)[1])
        if terms_key is None:
            text = tuple(_text(request, p, False)[0] for p in self.products)
        else:
            text = self._points("text", terms_key, lambda p: _text(request, p, False)[0])
        certs = self._points("certifications", request.required_certifications,
                             lambda p: _certifications(request, p, today, False)[0])
        capacity = self._points("capacity", (request.quantity_per_month, request.unit),
                                lambda p: _capacity(request, p, False)[0])
        region = self._points("region", (request.preferred_subdivisions,
                                         request.preferred_countries),
                              lambda p: _region(request, p, False)[0])
        best: tuple[int, int] | None = None
        for n, (h, t, c, q, r, f) in enumerate(zip(hs, text, certs, capacity, region,
                                                     self._fixed, strict=True)):
            if not (h or t):
                continue  # relevant only with an HS or a text match, as in `score`
            total = h + t + c + q + r + f
            if best is None or total > best[0]:  # products in id order: ties keep the lower
                best = (total, n)
        return None if best is None else (best[0], self.products[best[1]])


def best_per_enterprise(fits: Iterable[Fit]) -> list[Fit]:
    """Each enterprise once, with its best relevant product; ranked by score, then ids."""
    best: dict[int, Fit] = {}
    for fit in fits:
        if not fit.relevant:
            continue
        current = best.get(fit.enterprise_id)
        if current is None or (-fit.score, fit.product_id) < (-current.score,
                                                              current.product_id):
            best[fit.enterprise_id] = fit
    return sorted(best.values(), key=lambda f: (-f.score, f.enterprise_id))


class LaterReasons(Sequence):
    """The reasons of one ranked fit, made when first read (then kept).

    A ranking keeps every matching enterprise (60–100 for a common good), the buyer's page
    shows 50, and joint offers, pooling and an office's list read only the scores: making
    every fit's reasons up front was a tenth of a ranking."""

    __slots__ = ("_made", "_of")

    def __init__(self, request: RequestProfile, product: SupplierProduct, today: dt.date
                 ) -> None:
        self._of: tuple | None = (request, product, today)
        self._made: list[Reason] | None = None

    def _reasons(self) -> list[Reason]:
        if self._made is None:
            request, product, today = self._of
            self._made = list(score(request, product, today=today).reasons)
            self._of = None
        return self._made

    def __getitem__(self, index):
        return self._reasons()[index]

    def __len__(self) -> int:
        return len(self._reasons())

    def __iter__(self):
        return iter(self._reasons())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._reasons() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by content, like a list

    def __repr__(self) -> str:
        return repr(self._reasons())


def rank(request: RequestProfile, products: Sequence[SupplierProduct], *, today: dt.date
         ) -> list[Fit]:
    """`best_per_enterprise` of all products: every product is scored without reasons, and
    each enterprise's best is explained when its reasons are read (`LaterReasons`: the
    same `score`, so the same points and order)."""
    ranked = best_per_enterprise(score(request, p, today=today, explain=False)
                                 for p in products)
    by_id = {p.product_id: p for p in products}
    for fit in ranked:
        fit.reasons = LaterReasons(request, by_id[fit.product_id], today)
    return ranked


def apply_decisions(ranked: Sequence[Fit], *, excluded: set[int], pins: dict[int, int]
                    ) -> tuple[list[Fit], list[Fit]]:
    """The buyer's re-ranking: excluded enterprises leave the list, pinned ones take their
    place (1-based; two pins on one place keep the better score first); the rest keep their
    order around them. Returns (shown, excluded)."""
    kept = [f for f in ranked if f.enterprise_id not in excluded]
    gone = [f for f in ranked if f.enterprise_id in excluded]
    pinned = sorted((f for f in kept if f.enterprise_id in pins),
                    key=lambda f: (pins[f.enterprise_id], -f.score, f.enterprise_id))
    rest = [f for f in kept if f.enterprise_id not in pins]
    out: list[Fit] = []
    for fit in pinned:
        place = max(1, pins[fit.enterprise_id])
        while len(out) < place - 1 and rest:
            out.append(rest.pop(0))
        out.append(fit)
    out.extend(rest)
    return out, gone
