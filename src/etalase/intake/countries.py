"""Country names as offices write them, in Indonesian, Malay, Filipino and English.

The names come from maintained data, not from a list typed here:
- CLDR's localized territory names, through Babel (`Locale("id").territories` …);
- ISO 3166-1 through pycountry (iso-codes): each country's name, official name, common name
  and alpha-3 code, in English and in iso-codes' id, ms, fil and tl translations
  (`Hapon`, `Tsina`, `Republik Rakyat Tiongkok`);
- the few short forms both lack (`RRT`, `AS`, `UEA`, `Korsel`), in data/country_short_forms.csv
  with where each usage is attested.

A word resolves to one ISO alpha-2 code, or to nothing with the codes it may mean (`Korea` is
North or South: never guessed), or is known as a world region (`Eropa`, `Asia Tenggara`)
rather than a country. Lookups are memoised per distinct word.
"""

from __future__ import annotations

import csv
import gettext
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pycountry
from babel import Locale
from rapidfuzz import fuzz, process

from etalase.intake.limits import CACHE_SIZE

LANGUAGES = ("id", "ms", "fil", "en")
# iso-codes' Filipino is split between "fil" and the older "tl" catalogue (Hapon, Tsina).
_ISO_LANGUAGES = ("id", "ms", "fil", "tl")
# A word found inside the names of more countries than this is a common word ("Selatan",
# "Islands", "Republik"), not an ambiguous country name.
MAX_AMBIGUOUS = 4
SUGGEST_SCORE = 85
_NONWORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Resolution:
    code: str | None  # ISO 3166-1 alpha-2, or None
    ambiguous: tuple[str, ...] = ()  # the codes the word may mean, when more than one
    region: bool = False  # a world region or union (CLDR's 001–419, EU, UN …), not a country


def key(text: str) -> str:
    """A name compared without case, accents or punctuation: `Côte d'Ivoire` = `cote d ivoire`."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NONWORD.sub(" ", plain.casefold()).split())


@dataclass
class _Index:
    exact: dict[str, set[str]]  # key -> alpha-2 codes
    compact: dict[str, set[str]]  # the same without spaces: "hongkong" as "hong kong"
    short_names: list[tuple[str, str]]  # (" key ", alpha-2) of everyday names, for parts
    spelled: dict[str, str]  # key of an everyday name -> the name as written (for suggestions)
    regions: set[str]  # keys of world regions
    conjunctions: re.Pattern  # " dan ", " at ", " and ", " & " (CLDR list patterns)


def _short_forms() -> list[dict[str, str]]:
    path = resources.files("etalase.intake").joinpath("data/country_short_forms.csv")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@cache
def _index() -> _Index:
    codes = {c.alpha_2 for c in pycountry.countries}
    exact: dict[str, set[str]] = {}
    short_names: set[tuple[str, str]] = set()
    spelled: dict[str, str] = {}
    regions: set[str] = set()

    def add(name: str | None, code: str, *, everyday: bool) -> None:
        if not name:
            return
        # ISO's inverted names are also written the usual way round: "Korea, Republic of" is
        # "Republic of Korea" (also in iso-codes' translations: "Korea, Republika ng").
        first, comma, rest = name.partition(", ")
        for form in (name, f"{rest} {first}") if comma else (name,):
            if k := key(form):
                exact.setdefault(k, set()).add(code)
                if everyday:
                    short_names.add((f" {k} ", code))
                    spelled.setdefault(k, form)

    for language in LANGUAGES:
        locale = Locale.parse(language)
        for code, name in locale.territories.items():
            if code in codes:
                add(name, code, everyday=True)
            elif code.isdigit() or code in ("EU", "EZ", "UN", "QO"):
                regions.add(key(name))
    locales = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    translations = [gettext.NullTranslations()] + [
        gettext.translation("iso3166-1", locales, languages=[lang], fallback=True)
        for lang in _ISO_LANGUAGES
    ]
    for country in pycountry.countries:
        code = country.alpha_2
        exact.setdefault(key(country.alpha_3), set()).add(code)
        for translation in translations:
            for attribute in ("name", "common_name"):
                name = getattr(country, attribute, None)
                add(name and translation.gettext(name), code, everyday=True)
            official = getattr(country, "official_name", None)
            add(official and translation.gettext(official), code, everyday=False)
    for row in _short_forms():
        # A form of the data file stands for its country alone (AS is Amerika Serikat), or for
        # the countries it may mean ("CD|CG").
        exact[key(row["short_form"])] = set(row["alpha_2"].split("|"))
    compact: dict[str, set[str]] = {}
    for k, found in exact.items():
        compact.setdefault(k.replace(" ", ""), set()).update(found)
    # "{0} dan {1}", "{0} at {1}", "{0} and {1}", "{0} & {1}" (en's short list pattern).
    conjunctions = {
        Locale.parse(language).list_patterns[style]["2"].replace("{0}", "").replace("{1}", "")
        .strip()
        for language in LANGUAGES
        for style in ("standard", "standard-short")
        if style in Locale.parse(language).list_patterns
    }
    return _Index(
        exact=exact,
        compact=compact,
        short_names=sorted(short_names),
        spelled=spelled,
        regions=regions - set(exact),
        conjunctions=re.compile(
            r"\s+(?:" + "|".join(re.escape(c) for c in sorted(conjunctions)) + r")\s+",
            re.IGNORECASE,
        ),
    )


@lru_cache(maxsize=CACHE_SIZE)
def country_code(word: str) -> Resolution:
    """The country a name, short form or ISO code stands for (see Resolution)."""
    k = key(word)
    if not k:
        return Resolution(None)
    index = _index()
    found = index.exact.get(k)
    if found is None and len(k) == 2 and pycountry.countries.get(alpha_2=k.upper()):
        found = {k.upper()}
    if found is None and k in index.regions:
        return Resolution(None, region=True)
    if found is None and len(k) >= 4:
        # "Hongkong" is "Hong Kong"; "Korea", part of the names of Korea Selatan and Korea
        # Utara, is ambiguous. A part of one country's names only ("Saudi", but also "Timur",
        # "Kota", "Kingdom") is not taken: it is offered as a suggestion.
        found = index.compact.get(k.replace(" ", ""))
        if not found and len(parts := _part_of_names(k, index) or ()) > 1:
            found = parts
    if not found:
        return Resolution(None)
    if len(found) == 1:
        return Resolution(next(iter(found)))
    return Resolution(None, ambiguous=tuple(sorted(found)))


def _part_of_names(k: str, index: _Index) -> set[str] | None:
    """The countries whose everyday names hold `k` as whole words: "Korea" is in Korea Selatan
    and Korea Utara, "Saudi" only in Arab Saudi; None for a word of many ("Selatan")."""
    needle = f" {k} "
    found = {code for name, code in index.short_names if needle in name}
    return found if 0 < len(found) <= MAX_AMBIGUOUS else None


@lru_cache(maxsize=CACHE_SIZE)
def suggestion(word: str) -> str | None:
    """The country name a word may stand for, to be offered in the warning, never taken: the
    name it is part of (`Saudi` -> Arab Saudi) or the one a misspelling is closest to
    (`Singapur` -> Singapura). None below a close likeness (rapidfuzz ratio 85) or for words
    of fewer than five letters (too many names are that close to them)."""
    k = key(word)
    if len(k) < 5:
        return None
    index = _index()
    parts = _part_of_names(k, index)
    if parts and len(parts) == 1:  # "Saudi": the shortest name that holds it, Arab Saudi
        needle = f" {k} "
        return index.spelled[min((n for n, _c in index.short_names if needle in n), key=len)[1:-1]]
    spelled = index.spelled
    found = process.extractOne(k, spelled.keys(), scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE)
    return spelled[found[0]] if found else None


_HARD = re.compile(r"[;\n\r|]+")
_SOFT = re.compile(r"\s*[,/]\s*")


@lru_cache(maxsize=CACHE_SIZE)
def split_names(text: str) -> tuple[str, ...]:
    """The names in a cell: `Jepang; Korea Selatan`, `Malaysia, Singapura dan Brunei`.

    `;`, `|` and line breaks always separate. `,` and `/` separate unless the pieces together
    are one name (`Korea, Republic of`); `dan`, `and`, `at`, `&` separate unless the whole is
    a name (`Trinidad dan Tobago`, `Bosnia and Herzegovina`)."""
    names: list[str] = []
    for part in _HARD.split(text):
        pieces = [p.strip() for p in _SOFT.split(part) if p.strip()]
        start = 0
        while start < len(pieces):
            # The longest run of pieces (at most three) that is one name, else one piece.
            end = next(
                (
                    stop
                    for stop in range(min(len(pieces), start + 3), start + 1, -1)
                    if key(", ".join(pieces[start:stop])) in _index().exact
                ),
                start + 1,
            )
            names.extend(_split_conjunctions(", ".join(pieces[start:end])))
            start = end
    return tuple(names)


def _split_conjunctions(name: str) -> list[str]:
    if country_code(name).code is not None:
        return [name]
    return [p.strip() for p in _index().conjunctions.split(name) if p.strip()]
