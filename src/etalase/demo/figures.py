"""Figures of demo enterprises that must obey the country rules: sizes, identifiers, phones,
certificates. Every function draws from the ``random.Random`` it is given, so a seed fixes them.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from functools import lru_cache

from etalase.enterprises.size_classes import SIZE_ORDER, rule_for

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


def _band(ceilings: tuple[float, ...], target: str) -> tuple[float, float]:
    index = SIZE_ORDER.index(target)
    lo = ceilings[index - 1] if index else 0.0
    hi = ceilings[index] if index < 3 else ceilings[2] * 4
    return lo, hi


def _amount(rng: random.Random, ceilings: tuple[float, ...], target: str) -> Decimal:
    lo, hi = _band(ceilings, target)
    lo = lo or ceilings[0] / 30
    # 3% margins keep the rounded figure strictly inside the band whatever its inclusiveness.
    return _three_digits(_log_uniform(rng, lo * 1.03, hi * 0.97))


def _staff(rng: random.Random, ceilings: tuple[float, ...], target: str) -> int:
    lo, hi = _band(ceilings, target)
    first, last = int(lo) + 1, int(hi) - 1  # strictly inside: bounds may belong either way
    return min(last, int(_log_uniform(rng, first, last + 1)))


@lru_cache(maxsize=64)
def _ceilings(country: str, sector: str, today: dt.date) -> dict[str, tuple[float, ...]]:
    """Band ceilings (micro, small, medium) per criterion of the rule in force ``today``."""
    rule = rule_for(country, today)
    if rule is None:
        raise ValueError(f"No size rule for {country}")
    ceilings = {name: tuple(float(b.max) for b in scale.bands)
                for name, scale in rule.scales_for(sector).items()}
    ceilings.setdefault("employees", _STAFF_BANDS)
    return ceilings


def size_figures(rng: random.Random, *, country: str, sector: str, target: str,
                 today: dt.date) -> tuple[int, Decimal, Decimal]:
    """Employees, annual turnover and assets that every criterion of the country's rule puts
    in ``target`` (so any reading of the rule gives that class)."""
    ceilings = _ceilings(country, sector, today)
    employees = _staff(rng, ceilings["employees"], target)
    turnover = assets = None
    if "annual_sales" in ceilings:
        turnover = _amount(rng, ceilings["annual_sales"], target)
    asset_ceilings = ceilings.get("assets") or ceilings.get("capital")
    if asset_ceilings:
        assets = _amount(rng, asset_ceilings, target)
    if turnover is None:
        turnover = _three_digits(float(assets) * rng.uniform(0.6, 2.5))  # type: ignore[arg-type]
    if assets is None:
        assets = _three_digits(float(turnover) * rng.uniform(0.2, 0.8))
    return employees, turnover, assets


def registration_id(rng: random.Random, *, country: str, kind: str, year: int,
                    used: set[str]) -> tuple[str, str]:
    """A fresh (identifier, scheme) in the country's format, as ``identifiers`` stores it
    (compact form); not in ``used``. tests/test_seed_demo.py checks every one against
    ``validate_registration_id``: calling it here would double the cost of an enterprise."""
    while True:
        if country == "ID":
            number, scheme = str(rng.randrange(10**12, 10**13)), "NIB"  # 13 digits
        elif country == "MY":
            entity = "01" if kind == "company" else "03"  # local company / business
            number, scheme = f"{year}{entity}{rng.randrange(10**6):06d}", "SSM"
        elif country == "PH":
            scheme = "SEC/DTI/CDA"
            if kind == "company":
                number = f"CS{year}{rng.randrange(10**6):06d}"  # SEC
            elif kind == "cooperative":
                number = f"CDA9520{rng.randrange(10**8):08d}"
            else:
                number = str(rng.randrange(10**6, 10**7))  # DTI business name, 7 digits
        else:
            prefix = "RC" if kind == "company" else "P"  # company / business name
            number, scheme = f"{prefix}{rng.randrange(10**8):08d}", "ROCBN"
        if number not in used:
            used.add(number)
            return number, scheme


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
