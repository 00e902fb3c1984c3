"""Figures of demo enterprises that must obey the country rules: sizes, identifiers, phones,
certificates. Every function draws from the ``random.Random`` it is given, so a seed fixes them.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from etalase.enterprises.identifiers import validate_registration_id
from etalase.enterprises.size_classes import SIZE_ORDER, Scale, rule_for

# Employee bands where the country's rule does not count staff (Indonesia: BPS bands).
_STAFF_BANDS = (4, 19, 99)
# Mobile prefixes after the country calling code, and how many digits follow them.
_MOBILE = {
    "ID": ("+62", ("811", "812", "813", "821", "822", "852", "853", "857", "858", "877", "878",
                   "895", "896"), 8),
    "MY": ("+60", ("12", "13", "16", "17", "19"), 7),
    "PH": ("+63", ("905", "915", "916", "917", "918", "927", "935", "955", "956", "975", "977",
                   "995", "998", "999"), 7),
    "BN": ("+673", ("71", "72", "81", "82", "83", "87", "88", "89"), 5),
}
MARKETS = ("SG", "CN", "JP", "US", "NL", "DE", "KR", "AU", "TW", "HK", "AE", "SA", "MY", "ID",
           "PH", "BN", "TH", "VN", "GB", "FR")
_MARKET_WEIGHTS = (9, 8, 7, 6, 4, 3, 4, 4, 3, 4, 3, 2, 6, 6, 4, 2, 3, 3, 2, 2)

ISSUERS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ID", "halal"): ("BPJPH",), ("MY", "halal"): ("JAKIM", "JAIS Sarawak"),
    ("BN", "halal"): ("MUIB (Majlis Ugama Islam Brunei)",),
    ("PH", "halal"): ("Halal Development Institute of the Philippines",),
    ("ID", "food_safety"): ("BPOM", "Dinas Kesehatan (P-IRT)"),
    ("MY", "food_safety"): ("KKM (MeSTI)",), ("PH", "food_safety"): ("FDA Philippines",),
    ("BN", "food_safety"): ("BDFSA",),
    ("ID", "sni"): ("LSPro BSN",), ("MY", "sni"): ("SIRIM QAS",), ("PH", "sni"): ("DTI-BPS",),
    ("BN", "sni"): ("ABCi",),
    ("ID", "organic"): ("LeSOS", "Sucofindo"), ("MY", "organic"): ("myOrganic (DOA)",),
    ("PH", "organic"): ("OCCP",), ("BN", "organic"): ("Control Union",),
    ("ID", "gmp"): ("BPOM",), ("MY", "gmp"): ("KKM",), ("PH", "gmp"): ("FDA Philippines",),
    ("BN", "gmp"): ("BDFSA",),
}
_THIRD_PARTY = ("SGS", "Bureau Veritas", "TÜV SÜD", "Intertek", "Control Union")
_SCHEME_ISSUERS = {"fair_trade": ("Fairtrade International (FLOCERT)", "WFTO"),
                   "rainforest": ("Rainforest Alliance",)}


def _log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def _three_digits(value: float) -> Decimal:
    """Round to three significant digits, as people state turnover."""
    exponent = max(math.floor(math.log10(value)) - 2, 0)
    return Decimal(round(value / 10**exponent) * 10**exponent)


def _band(scale_max: tuple[float, float, float], target: str) -> tuple[float, float]:
    index = SIZE_ORDER.index(target)
    lo = scale_max[index - 1] if index else 0.0
    hi = scale_max[index] if index < 3 else scale_max[2] * 4
    return lo, hi


def _amount(rng: random.Random, scale: Scale, target: str) -> Decimal:
    maxima = tuple(float(b.max) for b in scale.bands)
    lo, hi = _band(maxima, target)  # type: ignore[arg-type]
    lo = lo or maxima[0] / 30
    # 3% margins keep the rounded figure strictly inside the band whatever its inclusiveness.
    return _three_digits(_log_uniform(rng, lo * 1.03, hi * 0.97))


def _staff(rng: random.Random, maxima: tuple[float, float, float], target: str) -> int:
    lo, hi = _band(maxima, target)
    first, last = int(lo) + 1, int(hi) - 1  # strictly inside: bounds may belong either way
    return min(last, int(_log_uniform(rng, first, last + 1)))


def size_figures(rng: random.Random, *, country: str, sector: str, target: str,
                 today: dt.date) -> tuple[int, Decimal, Decimal]:
    """Employees, annual turnover and assets that every criterion of the country's rule puts
    in ``target`` (so any reading of the rule gives that class)."""
    rule = rule_for(country, today)
    if rule is None:
        raise ValueError(f"No size rule for {country}")
    scales = rule.scales_for(sector)
    staff_scale = scales.get("employees")
    maxima = (tuple(float(b.max) for b in staff_scale.bands) if staff_scale  # type: ignore
              else _STAFF_BANDS)
    employees = _staff(rng, maxima, target)  # type: ignore[arg-type]
    turnover = _amount(rng, scales["annual_sales"], target) if "annual_sales" in scales else None
    asset_scale = scales.get("assets") or scales.get("capital")
    assets = _amount(rng, asset_scale, target) if asset_scale else None
    if turnover is None:
        turnover = _three_digits(float(assets) * rng.uniform(0.6, 2.5))  # type: ignore[arg-type]
    if assets is None:
        assets = _three_digits(float(turnover) * rng.uniform(0.2, 0.8))
    return employees, turnover, assets


def registration_id(rng: random.Random, *, country: str, kind: str, year: int,
                    used: set[str]) -> tuple[str, str]:
    """A fresh (compact identifier, scheme) in the country's format, not in ``used``."""
    while True:
        if country == "ID":
            raw = str(rng.randrange(10**12, 10**13))  # NIB: 13 digits
        elif country == "MY":
            entity = "01" if kind == "company" else "03"  # local company / business
            raw = f"{year}{entity}{rng.randrange(10**6):06d}"
        elif country == "PH":
            if kind == "company":
                raw = f"CS{year}{rng.randrange(10**6):06d}"  # SEC
            elif kind == "cooperative":
                raw = f"CDA9520{rng.randrange(10**8):08d}"
            else:
                raw = str(rng.randrange(10**6, 10**7))  # DTI business name
        else:
            prefix = "RC" if kind == "company" else "P"
            raw = f"{prefix}{rng.randrange(10**8):08d}"
        normalized = validate_registration_id(country, raw)
        if normalized.compact not in used:
            used.add(normalized.compact)
            return normalized.compact, normalized.scheme


def mobile(rng: random.Random, country: str) -> str:
    """A mobile number in E.164 from a prefix the country's operators use."""
    code, prefixes, digits = _MOBILE[country]
    return f"{code}{rng.choice(prefixes)}{rng.randrange(10**digits):0{digits}d}"


def markets(rng: random.Random, own_country: str) -> list[str]:
    chosen: list[str] = []
    for _ in range(rng.randint(1, 4)):
        market = rng.choices(MARKETS, weights=_MARKET_WEIGHTS)[0]
        if market != own_country and market not in chosen:
            chosen.append(market)
    return chosen or ["SG"]


def certificate(rng: random.Random, *, country: str, kind: str, year: int) -> tuple[str, str]:
    """(number, issuer) of a certificate of ``kind`` issued in ``year``."""
    issuers = (ISSUERS.get((country, kind)) or _SCHEME_ISSUERS.get(kind)
               or (("Sucofindo", *_THIRD_PARTY) if country == "ID" else _THIRD_PARTY))
    issuer = rng.choice(issuers)
    if kind == "halal" and country == "ID":
        number = f"ID{rng.randrange(10**16, 10**17)}"
    elif kind == "food_safety" and country == "ID":
        number = (f"P-IRT {rng.randrange(10**14, 10**15)}" if "IRT" in issuer
                  else f"MD {rng.randrange(10**11, 10**12)}")
    else:
        number = f"{kind.upper().replace('_', '')}-{country}-{year}-{rng.randrange(10**5):05d}"
    return number, issuer
