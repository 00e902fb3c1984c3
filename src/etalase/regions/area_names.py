"""Resolve a locality as offices write it ("Kab. Minahasa", "MINAHASA UTARA", "Puerto Princesa
City", "Daerah Kota Kinabalu", "71.02") to a second-level area.

Pure: an ``AreaResolver`` works on plain rows (``AreaRow``), so a data migration can feed it
rows of its historical models; ``etalase.regions.areas.area_rows`` reads them for today's.

Matching, cheapest first, and only the first step that finds something counts:

1. exact: the area's code or official code (``71.02``, ``7102``, a PSGC code), or its whole
   name once case, accents and punctuation are folded (``kota makassar``);
2. variant: the name without its designation (``Kab.``, ``Kabupaten``, ``Kota``, ``City of``,
   ``… City``, ``Mun. of``, ``Daerah``, ``Jajahan`` …) and with official abbreviations written
   out (``Kep.`` = Kepulauan, ``Sto.`` = Santo …), an island regency without its
   ``Kepulauan`` (``Sangihe``), or written without spaces (``Kota Mobagu`` = Kotamobagu);
3. fuzzy: one typo (two in long names) in the name without its designation (rapidfuzz),
   only when nothing matched above.

A designation in the text prefers areas of that kind (``Kota Tangerang`` over Kabupaten
Tangerang); ``within`` (or a trailing ``, Palawan``) prefers areas of that subdivision, yet an
area found only elsewhere is still returned so that the caller can say where it lies. When
several areas remain (``Tangerang``: the regency and the city), none is chosen: the match
carries them as ``ambiguous``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# Longer text is no locality (a pasted paragraph, an attack): refused before any work.
MAX_TEXT = 200
# Fuzzy matching only for names of at least this many letters: "Bone" vs "Buno" is no typo.
MIN_FUZZY = 5
LONG_NAME = 12  # from here two typos are allowed


class AreaRow(NamedTuple):
    """An area as the resolver needs it (one row of one query)."""

    code: str
    name: str
    kind: str
    official_code: str
    subdivision_id: str
    subdivision_name: str
    subdivision_parent_id: str | None


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str
    kind: str
    subdivision_id: str
    subdivision_name: str


How = Literal["exact", "variant", "fuzzy"]


@dataclass(frozen=True)
class AreaMatch:
    """What a locality resolved to. ``area`` is None when several areas fit equally: they are
    in ``ambiguous`` (sorted by code) for the caller to name in its warning."""

    area: AreaRef | None
    how: How
    score: float
    ambiguous: tuple[AreaRef, ...] = ()

    def lies_within(self, subdivision: str, parent_of: dict[str, str | None]) -> bool:
        """True when the matched area is in `subdivision` or in a subdivision inside it."""
        code: str | None = self.area.subdivision_id if self.area else None
        while code:
            if code == subdivision:
                return True
            code = parent_of.get(code)
        return False


# --- Folding -------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’`ʼ]")
_NOT_WORD = re.compile(r"[\W_]+")
_CODE_JUNK = re.compile(r"[\s.\-]+")

# Official abbreviations inside names, written out on both sides (index and text).
_ABBREVIATIONS: dict[str, dict[str, str]] = {
    "ID": {"kep": "kepulauan"},
    "PH": {"sto": "santo", "sta": "santa", "gen": "general", "pres": "president",
           "sen": "senator", "dr": "doctor", "mt": "mount"},
}

# Designations before or after a name (folded words), with the kind they announce.
_PREFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "ID": (("kabupaten administrasi", "regency"), ("kab adm", "regency"),
           ("kabupaten", "regency"), ("kab", "regency"),
           ("kota administrasi", "city"), ("kota adm", "city"), ("kotamadya", "city"),
           ("kodya", "city"), ("kota", "city")),
    "PH": (("city of", "city"), ("lungsod ng", "city"), ("municipality of", "municipality"),
           ("mun of", "municipality"), ("bayan ng", "municipality"),
           ("province of", "province"), ("lalawigan ng", "province")),
    "MY": (("daerah", "district"), ("jajahan", "district"), ("district of", "district")),
    "BN": (("daerah", "district"), ("district of", "district")),
}
_SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "ID": (),
    "PH": (("city", "city"), ("municipality", "municipality"), ("mun", "municipality"),
           ("province", "province")),
    "MY": (("district", "district"),),
    "BN": (("district", "district"),),
}
# Sarawak's and Sabah's divisions (bahagian) hold several districts: naming one names no
# district, so such text resolves to nothing rather than to the district of the same name.
_NOT_AN_AREA: dict[str, tuple[str, ...]] = {
    "MY": ("bahagian", "residensi", "division", "residency"),
}
# Words before a province's name in a ", <province>" hint.
_PROVINCE_WORDS = ("provinsi", "prov", "province of", "province", "negeri", "state of")


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as single spaces: "Kab. Parañaque" -> "kab paranaque"."""
    text = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def expand(folded: str, country: str) -> str:
    table = _ABBREVIATIONS.get(country)
    if not table:
        return folded
    return " ".join(table.get(word, word) for word in folded.split())


def _strip_word(text: str, word: str, *, at_end: bool) -> str | None:
    if at_end:
        return text[: -len(word) - 1] if text.endswith(" " + word) else None
    return text[len(word) + 1:] if text.startswith(word + " ") else None


def split_designation(folded: str, country: str) -> tuple[str, str | None]:
    """("kab kep talaud", "ID") -> ("kepulauan talaud", "regency"): the name without its
    designation, abbreviations written out, and the kind the designation announced."""
    kind = None
    for word, announced in _PREFIXES.get(country, ()):
        rest = _strip_word(folded, word, at_end=False)
        if rest:
            folded, kind = rest, announced
            break
    for word, announced in _SUFFIXES.get(country, ()):
        rest = _strip_word(folded, word, at_end=True)
        if rest:
            folded, kind = rest, kind or announced
            break
    return expand(folded, country), kind


def names_no_area(folded: str, country: str) -> bool:
    words = _NOT_AN_AREA.get(country, ())
    return any(folded.startswith(w + " ") or folded.endswith(" " + w) for w in words)


def name_variants(name: str, country: str) -> tuple[str, str, set[str]]:
    """The folded name (abbreviations written out: "Sto. Tomas" is "santo tomas"), the name
    without its designation, and shorter names it is also known by. A short name ranks below
    every other area's own name: "Banggai" is Kabupaten Banggai, not Banggai Kepulauan."""
    full = expand(fold(name), country)
    core, _kind = split_designation(full, country)
    short = set()
    if country == "PH" and " city of " in f" {core} ":
        short.add(core.split("city of ", 1)[1])  # "Island Garden City of Samal": "samal"
    if country == "ID" and core.startswith("kepulauan "):
        short.add(core.removeprefix("kepulauan "))  # "Kepulauan Sangihe": "sangihe"
    if country == "ID" and core.endswith(" kepulauan"):
        short.add(core.removesuffix(" kepulauan"))  # "Tidore Kepulauan": "tidore"
    return full, core, short - {core}


def code_key(text: str, country: str) -> str | None:
    """Digits of an official code as written ("71.02", "7102", "ID-71.02", "PH 1731500000")."""
    key = _CODE_JUNK.sub("", text).upper().removeprefix(country)
    return key if key.isdigit() else None


def official_code_keys(official_code: str, country: str) -> set[str]:
    key = code_key(official_code, country)
    if not key:
        return set()
    # A spreadsheet takes a PSGC code for a number and drops its leading zero.
    return {key, key.lstrip("0")} if country == "PH" else {key}


# --- Resolving -----------------------------------------------------------------------------


class AreaResolver:
    """Areas of one country, indexed once; ``resolve`` is cached per distinct text.

    Build one per file (or per migration) and ask it for every row: lookups are dict hits,
    only a text that misses them all is compared with every name (rapidfuzz, ~1 ms)."""

    def __init__(self, country: str, rows: Iterable[AreaRow] | None = None) -> None:
        self.country = country = country.upper()
        if rows is None:
            from etalase.regions.areas import area_rows  # the database's areas (one query)

            rows = area_rows(country)
        self.refs: dict[str, AreaRef] = {}
        self.parent_of: dict[str, str | None] = {}
        self.by_code: dict[str, str] = {}
        self.by_official: dict[str, set[str]] = defaultdict(set)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_core: dict[str, set[str]] = defaultdict(set)
        self.by_compact: dict[str, set[str]] = defaultdict(set)
        self.by_short: dict[str, set[str]] = defaultdict(set)
        self.subdivisions: dict[str, str] = {}  # folded name -> code, for ", <province>"
        for row in rows:
            ref = AreaRef(row.code, row.name, row.kind, row.subdivision_id, row.subdivision_name)
            self.refs[row.code] = ref
            self.parent_of[row.subdivision_id] = row.subdivision_parent_id
            self.by_code[row.code.upper()] = row.code
            for key in official_code_keys(row.official_code, country):
                self.by_official[key].add(row.code)
            full, core, short = name_variants(row.name, country)
            self.by_name[full].add(row.code)
            self.by_core[core].add(row.code)
            self.by_compact[core.replace(" ", "")].add(row.code)
            for key in short:
                self.by_short[key].add(row.code)
            self.subdivisions.setdefault(fold(row.subdivision_name), row.subdivision_id)
            if row.kind == "province":
                self.subdivisions.setdefault(core, row.subdivision_id)
        self._fuzzy_keys = list(self.by_core.keys() | self.by_short.keys())
        self.resolve = lru_cache(maxsize=8192)(self._resolve)

    def _resolve(self, text: str, within: str | None = None) -> AreaMatch | None:
        """The area `text` names, preferring those in subdivision `within`; None if none."""
        if not text or len(text) > MAX_TEXT:
            return None
        text = text.strip()
        within = within.upper() if within else None
        if found := self.by_code.get(text.upper()):
            return self._choose({found}, "exact", 100.0, None, within)
        key = code_key(text, self.country)
        if key is not None:
            found_codes = self.by_official.get(key)
            return self._choose(found_codes, "exact", 100.0, None, within) if found_codes else None
        head, hint = self._province_hint(text)
        within = hint or within
        folded = expand(fold(head), self.country)
        if not folded or names_no_area(folded, self.country):
            return None
        core, kind = split_designation(folded, self.country)
        none: set[str] = set()
        tiers = (
            ("exact", self.by_name.get(folded, none)),
            ("variant", self.by_core.get(core, none)
             | self.by_compact.get(core.replace(" ", ""), none)
             | self.by_compact.get(folded.replace(" ", ""), none)),
            ("variant", self.by_short.get(core, none)),
        )
        if any(codes for _how, codes in tiers):
            return self._choose_tiered(tiers, kind, within)
        return self._fuzzy(core, kind, within)

    def _province_hint(self, text: str) -> tuple[str, str | None]:
        """"Roxas, Palawan" -> ("Roxas", "PH-PLW"); text without a known province as it is."""
        head, sep, tail = text.rpartition(",")
        if not sep or not head.strip():
            return text, None
        tail = fold(tail)
        for word in _PROVINCE_WORDS:
            tail = _strip_word(tail, word, at_end=False) or tail
        code = self.subdivisions.get(tail) or self.subdivisions.get(expand(tail, self.country))
        return (head, code) if code else (text, None)

    def _choose_tiered(self, tiers: tuple[tuple[How, set[str]], ...], kind: str | None,
                       within: str | None) -> AreaMatch | None:
        """Kind and place narrow all tiers together, then the best tier left wins: "Roxas" in
        Capiz is the City of Roxas (a variant) although three municipalities elsewhere are
        called exactly Roxas."""
        kept = self._narrow(set().union(*(codes for _how, codes in tiers)), kind, within)
        for how, codes in tiers:
            if codes & kept:
                return self._choose(codes & kept, how, 100.0, None, None)
        return None  # not reached: kept is never empty when a tier is not

    def _narrow(self, codes: set[str], kind: str | None, within: str | None) -> set[str]:
        if kind:
            codes = {c for c in codes if self.refs[c].kind == kind} or codes
        if within:
            codes = {c for c in codes if self._inside(c, within)} or codes
        return codes

    def _inside(self, code: str, within: str) -> bool:
        subdivision = self.refs[code].subdivision_id
        return subdivision == within or self.parent_of.get(subdivision) == within

    def _choose(self, codes: set[str] | None, how: How, score: float, kind: str | None,
                within: str | None) -> AreaMatch | None:
        if not codes:
            return None
        codes = self._narrow(codes, kind, within)
        if len(codes) == 1:
            return AreaMatch(self.refs[next(iter(codes))], how, score)
        return AreaMatch(None, how, score, tuple(self.refs[c] for c in sorted(codes)))

    def _fuzzy(self, core: str, kind: str | None, within: str | None) -> AreaMatch | None:
        if len(core) < MIN_FUZZY:
            return None
        edits = 2 if len(core) >= LONG_NAME else 1
        found = process.extract(core, self._fuzzy_keys, scorer=OSA.distance,
                                score_cutoff=edits, limit=None)
        if not found:
            return None
        fewest = min(distance for _key, distance, _i in found)
        keys = [key for key, distance, _i in found if distance == fewest]
        codes = set().union(*(self.by_core.get(k, set()) | self.by_short.get(k, set())
                              for k in keys))
        score = round(max(fuzz.ratio(core, k) for k in keys), 1)
        return self._choose(codes, "fuzzy", score, kind, within)


def stored_area_code(resolver: AreaResolver, text: str, subdivision: str) -> str | None:
    """The area of an enterprise's stored regency text, or None: only an unambiguous match
    that lies in the enterprise's own subdivision (or one inside it) is taken."""
    match = resolver.resolve(text, within=subdivision)
    if match is None or match.area is None:
        return None
    return match.area.code if match.lies_within(subdivision, resolver.parent_of) else None
