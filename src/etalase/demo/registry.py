"""Demo enterprises, their certifications and translated descriptions, as plain rows.

Everything is drawn from one ``random.Random`` in a fixed order, so a seed gives the same rows
on every run; dates are offsets from ``today``. ``builder`` writes the rows.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from bisect import bisect
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import Any

from etalase.demo import figures
from etalase.demo.goods import FAMILIES, GOODS, Good, good_names
from etalase.demo.names import (
    BARANGAYS,
    EN_MY_BN_PATTERNS,
    ENTERPRISE_TEXTS,
    FLOURISHES,
    NAME_PATTERNS,
    NATIONAL_OFFICES,
    OFFICE_TEMPLATES,
    PEOPLE,
    REGION_WORDS,
    SPECIALTIES,
    STREETS,
    TOWNS,
)
from etalase.demo.products import ProductMaker
from etalase.demo.users import DemoAccounts
from etalase.enterprises.validators import ID_CAPITAL_RULE_YEAR, size_of
from etalase.regions.areas import AreaResolver, stored_area_code
from etalase.regions.models import Subdivision

COUNTRY_SHARES = {"ID": 50, "PH": 25, "MY": 17, "BN": 8}
# Relative weight of an area within its country (default 1): the bigger economies.
AREA_WEIGHTS = {"ID-SN": 3, "ID-SA": 1.5, "ID-KB": 1.5, "ID-KI": 1.5, "ID-KS": 1.5,
                "MY-12": 3, "MY-13": 3, "MY-15": 0.4, "BN-BM": 3, "BN-TE": 0.4,
                "PH-DAS": 3, "PH-MSR": 2, "PH-ZAS": 2, "PH-SCO": 2, "PH-PLW": 2}
# The first enterprises go where the demo accounts work (owner@ owns the first of ID-SA).
FIRST_AREAS = ("ID-SA", "ID-KI", "MY-12", "PH-DAS", "BN-BM")
LANGUAGE_SHARES = {"ID": (("id", 95), ("en", 5)), "MY": (("ms", 60), ("en", 40)),
                   "BN": (("ms", 50), ("en", 50)), "PH": (("en", 75), ("fil", 25))}
SIZE_SHARES = (("micro", 62), ("small", 27), ("medium", 9), ("large", 2))
EXPORTING_SHARE = {"micro": 0.1, "small": 0.3, "medium": 0.5, "large": 0.7}
CONSENT_SHARES = (("self", 45), ("online", 25), ("paper", 25), ("pending", 5))
FAMILY_WEIGHTS = {"cocoa": 3, "coffee": 3, "seaweed": 3, "coconut": 4, "rattan": 2,
                  "weaving": 2, "woodcraft": 1.5, "batik": 1, "honey": 2, "fish": 4,
                  "birdnest": 1, "spices": 4, "fruit": 3}
SPECIALTY_BOOST = 5
SOURCE = "seed_demo"
Row = dict[str, Any]
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LEGAL_FORM = re.compile(r"^(UD|CV|PT|KUB) | (Sdn\. Bhd\.|Enterprises?|Corporation|Inc\.)$")


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    country: str
    currency: str
    parent: str


def focus_areas() -> list[Area]:
    """Focus areas enterprises are placed in: the smallest ones (a Philippine region that is a
    focus area holds focus provinces; enterprises go to the provinces)."""
    subdivisions = list(Subdivision.objects.focus_areas().select_related("country")
                        .order_by("code"))
    parents = {s.parent_id for s in subdivisions if s.parent_id}
    return [Area(s.code, s.name, s.country_id, s.country.currency, s.parent_id or "")
            for s in subdivisions if s.code not in parents and s.country_id in COUNTRY_SHARES]


class _Draw:
    """Weighted choices with precomputed cumulative weights (rng.choices recomputes them)."""

    def __init__(self, rng: random.Random, items: list, weights: list[float]) -> None:
        self.rng, self.items = rng, items
        self.cum = list(accumulate(weights))

    def __call__(self):
        return self.items[bisect(self.cum, self.rng.random() * self.cum[-1])]


class DemoBuilder:
    """Draws enterprises one by one (as row dicts with their ids) and their products."""

    def __init__(self, *, seed: int, today: dt.date, accounts: DemoAccounts,
                 used_ids: dict[str, set[str]]) -> None:
        self.rng = rng = random.Random(seed)
        self.today = today
        self.accounts = accounts
        self.used_ids = used_ids
        self.areas = focus_areas()
        if not self.areas:
            raise ValueError("No BIMP-EAGA focus areas in the database; run migrate first.")
        self.names = good_names()
        self.products = ProductMaker(rng, self.names)
        per_country: dict[str, list[Area]] = {}
        for area in self.areas:
            per_country.setdefault(area.country, []).append(area)
        weights = []
        for area in self.areas:
            total = sum(AREA_WEIGHTS.get(a.code, 1) for a in per_country[area.country])
            weights.append(COUNTRY_SHARES[area.country] * AREA_WEIGHTS.get(area.code, 1) / total)
        self.draw_area = _Draw(rng, self.areas, weights)
        self.by_code = {a.code: a for a in self.areas}
        self.sizes: dict[tuple, tuple[str, str]] = {}
        family_size = {f: sum(g.family == f for g in GOODS) for f in FAMILIES}
        self.draw_good = {}
        for area in self.areas:
            boosted = SPECIALTIES.get(area.code, ())
            self.draw_good[area.code] = _Draw(rng, list(GOODS), [
                FAMILY_WEIGHTS[g.family] / family_size[g.family]
                * (SPECIALTY_BOOST if g.family in boosted else 1) for g in GOODS])
        self.draw_language = {c: _Draw(rng, *_unzip(s)) for c, s in
                              LANGUAGE_SHARES.items()}
        self.draw_size = _Draw(rng, *_unzip(SIZE_SHARES))
        self.draw_consent = _Draw(rng, *_unzip(CONSENT_SHARES))
        self.resolvers: dict[str, AreaResolver] = {}
        self.town_areas: dict[tuple[str, str], str | None] = {}

    # --- one enterprise ------------------------------------------------------------------
    def _goods(self, area: Area) -> list[Good]:
        rng = self.rng
        main = self.draw_good[area.code]()
        goods = [main]
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            if rng.random() < 0.6:
                extra = rng.choice([g for g in GOODS if g.family == main.family])
            else:
                extra = self.draw_good[area.code]()
            if extra not in goods:
                goods.append(extra)
        return goods

    def _place(self, area: Area) -> str:
        words = (REGION_WORDS.get(area.code) or REGION_WORDS.get(area.parent)
                 or REGION_WORDS.get(area.country, ()))
        if words and self.rng.random() < 0.4:
            return self.rng.choice(words)
        return self.rng.choice(TOWNS.get(area.code, (area.name,)))

    def _area_code(self, area: Area, town: str) -> str | None:
        """The second-level area the town is (Manado: Kota Manado), when it is one of the
        province's; else the province's only area (a Brunei district, Labuan); else None."""
        key = (area.code, town)
        if key not in self.town_areas:
            resolver = self.resolvers.get(area.country)
            if resolver is None:
                resolver = self.resolvers[area.country] = AreaResolver(area.country)
            code = stored_area_code(resolver, town, area.code)
            if code is None:
                own = [r.code for r in resolver.refs.values() if r.subdivision_id == area.code]
                code = own[0] if len(own) == 1 else None
            self.town_areas[key] = code
        return self.town_areas[key]

    def _name(self, area: Area, language: str, main: Good) -> tuple[str, str]:
        rng = self.rng
        if area.country == "ID":
            language = "id"  # an Indonesian business is named in Indonesian (UD, CV, PT …)
        if language == "en" and area.country in ("MY", "BN"):
            patterns = EN_MY_BN_PATTERNS
        else:
            patterns = NAME_PATTERNS[language]
        pattern, kind = rng.choice(patterns)
        name = pattern.format(good=main.word[language], flourish=rng.choice(FLOURISHES[language]),
                              place=self._place(area),
                              maker=FAMILIES[main.family].maker.get(language, ""))
        return name, kind

    def _address(self, country: str, town: str) -> str:
        rng = self.rng
        street = rng.choice(STREETS[country])
        number = rng.randint(1, 250)
        if country == "ID":
            return f"{street} No. {number}, {town}"
        if country == "MY":
            return f"No. {number}, {street}, {town}"
        if country == "PH":
            return f"{number} {street}, Brgy. {rng.choice(BARANGAYS)}, {town}"
        return f"No. {number}, {street}, {town}"

    def _size(self, country: str, year: int, turnover: Decimal, assets: Decimal, employees: int,
              sector: str, target: str) -> tuple[str, str]:
        """(size class, basis) by the country's rule. Every figure was drawn inside the band of
        ``target``, so the result depends only on the key below: classified once per key (the
        tests check every enterprise against ``size_of``)."""
        key = (country, sector, target, year >= ID_CAPITAL_RULE_YEAR)
        found = self.sizes.get(key)
        if found is None:
            result = size_of(country=country, year_established=year, annual_turnover=turnover,
                             assets=assets, employees=employees, sector_kind=sector,
                             today=self.today)
            found = self.sizes[key] = (result.size_class or "", str(result.basis)[:200])
        return found

    def _person(self, country: str) -> str:
        given, family = self.rng.choice(PEOPLE[country])
        return f"{self.rng.choice(given)} {self.rng.choice(family)}"

    def _moment(self, days_back: tuple[int, int]) -> dt.datetime:
        day = self.today - dt.timedelta(days=self.rng.randint(*days_back))
        # Office hours in the region (UTC+7 to UTC+9), written in UTC: 00:00-08:59.
        return dt.datetime.combine(day, dt.time(self.rng.randint(0, 8), self.rng.randint(0, 59)),
                                   tzinfo=dt.UTC)

    def enterprise(self, index: int) -> tuple[Row, list[Good], str]:
        rng, today = self.rng, self.today
        forced = FIRST_AREAS[index] if index < len(FIRST_AREAS) else None
        area = self.by_code.get(forced) if forced else None
        area = area or self.draw_area()
        country = area.country
        language = self.draw_language[country]()
        goods = self._goods(area)
        main = goods[0]
        legal_name, kind = self._name(area, language, main)
        trade_name = _LEGAL_FORM.sub("", legal_name) if rng.random() < 0.4 else ""
        trade_name = "" if trade_name == legal_name else trade_name
        year = max(1975, today.year - 1 - int(rng.expovariate(1 / 12)))
        target = self.draw_size()
        sector = "services" if "Trading" in legal_name else main.sector
        employees, turnover, assets = figures.size_figures(
            rng, country=country, sector=sector, target=target, today=today)
        size = self._size(country, year, turnover, assets, employees, sector, target)
        registration_id, scheme = figures.registration_id(
            rng, country=country, kind=kind, year=year,
            used=self.used_ids.setdefault(country, set()))
        town = rng.choice(TOWNS.get(area.code, (area.name,)))
        roll = rng.random()
        if roll < EXPORTING_SHARE[target]:
            export_status, markets = "exporting", figures.markets(rng, country)
        elif roll < EXPORTING_SHARE[target] + 0.25:
            export_status, markets = "ready", []
        else:
            export_status, markets = "not_yet", []
        phone = figures.mobile(rng, country)
        whatsapp_roll = rng.random()
        whatsapp = (phone if whatsapp_roll < 0.6 else
                    figures.mobile(rng, country) if whatsapp_roll < 0.8 else "")
        slug = _NOT_SLUG.sub("-", (trade_name or legal_name).lower()).strip("-")[:80]
        domain = slug.replace("-", "")[:40] or "usaha"
        email = f"{rng.choice(('info', 'sales', 'order', 'hello'))}@{domain}.example" \
            if rng.random() < 0.85 else ""
        website = f"https://{slug[:60].strip('-')}.example" if rng.random() < 0.25 else ""
        verified_at = verified_by = None
        office = ""
        if index == 0 or rng.random() < 0.6:
            verified_at = self._moment((1, 720))
            verified_by = self.accounts.officers.get(area.code)
            if verified_by is None and rng.random() < 0.3:
                verified_by = self.accounts.focal_points.get(country)
                office = NATIONAL_OFFICES[country]
            else:
                office = OFFICE_TEMPLATES[country].format(name=area.name)
        consent = "self" if index == 0 else self.draw_consent()
        consent_at = None
        if consent != "pending":
            consent_at = max(today - dt.timedelta(days=rng.randint(1, 900)),
                             dt.date(year, 1, 1))
        enterprise = dict(
            legal_name=legal_name, trade_name=trade_name, slug=slug,
            registration_id=registration_id, registration_scheme=scheme,
            country_id=country, subdivision_id=area.code, regency=town,
            area_id=self._area_code(area, town),
            address=self._address(country, town), year_established=year,
            employees=employees, annual_turnover=turnover, assets=assets,
            currency=area.currency, sector_kind=sector, size_class=size[0],
            size_basis=size[1], export_status=export_status,
            export_markets=markets,
            contact_person=self._person(country),
            phone=phone, whatsapp=whatsapp, email=email, website=website,
            description=self.enterprise_text(language, legal_name, town, area, goods, year),
            language=language, verified_at=verified_at,
            verified_by_id=verified_by.pk if verified_by else None,
            verified_by_office=office, source=SOURCE, consent=consent, consent_at=consent_at,
            is_published=index == 0 or rng.random() < 0.97,
        )
        return enterprise, goods, town

    def enterprise_text(self, language: str, name: str, town: str, area: Area,
                        goods: list[Good], year: int) -> str:
        listed = ", ".join(dict.fromkeys(self.names[g.code][language][0].lower()
                                         for g in goods[:3]))
        return self.rng.choice(ENTERPRISE_TEXTS[language]).format(
            name=name, town=town, province=area.name, goods=listed, year=year)

    def certifications(self, enterprise: Row, goods: list[Good]) -> list[Row]:
        rng, country = self.rng, enterprise["country_id"]
        kinds = list(dict.fromkeys(k for g in goods for k in g.certs))
        halal_share = 0.2 if country == "PH" else 0.55
        chosen = [k for k in kinds if rng.random() < (halal_share if k == "halal" else 0.12)]
        result = []
        for kind in chosen[:3]:
            valid_from = self.today - dt.timedelta(days=rng.randint(30, 1650))
            years = 4 if kind == "halal" else 3
            # Some certificates carry no end date (a registration rather than an audit).
            valid_until = (None if rng.random() < 0.08
                           else valid_from + dt.timedelta(days=365 * years))
            number, issuer = figures.certificate(rng, country=country, kind=kind,
                                                 year=valid_from.year)
            result.append(dict(enterprise_id=enterprise["id"], kind=kind, number=number,
                               issuer=issuer, valid_from=valid_from, valid_until=valid_until))
        return result

    def translation(self, enterprise: Row, town: str, goods: list[Good]) -> Row | None:
        if self.rng.random() >= 0.3:
            return None
        own = enterprise["language"]
        other = "en" if own != "en" else {"ID": "id", "PH": "fil"}.get(
            enterprise["country_id"], "ms")
        area = self.by_code[enterprise["subdivision_id"]]
        text = self.enterprise_text(other, enterprise["legal_name"], town, area, goods,
                                    enterprise["year_established"])
        return dict(enterprise_id=enterprise["id"], language_code=other, description=text)

    def product_counts(self, enterprises: list[Row], total: int) -> list[int]:
        """At least one product each while there are enough; bigger enterprises get more."""
        rng, n = self.rng, len(enterprises)
        counts = [0] * n
        if not n:
            return counts
        if total < n:
            for i in rng.sample(range(n), total):
                counts[i] = 1
            return counts
        counts = [1] * n
        weight = {"micro": 1, "small": 2, "medium": 3, "large": 4}
        cum = list(accumulate(weight.get(e["size_class"], 1) for e in enterprises))
        for i in rng.choices(range(n), cum_weights=cum, k=total - n):
            counts[i] += 1
        return counts


def _unzip(pairs: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    """(("a", 1), ("b", 2)) -> (["a", "b"], [1, 2]), the arguments of ``_Draw``."""
    return [p[0] for p in pairs], [p[1] for p in pairs]
