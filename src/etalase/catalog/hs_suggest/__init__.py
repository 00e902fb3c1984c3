"""HS-code suggestion from a free product name in English, Indonesian, Malay or Filipino.

`suggest("kopi robusta biji mentah", language="id")` ranks HS 2022 subheadings by how well
the name's words meet the phrases of the index (`hs_suggest.index`): a phrase counts for a
code when most of its weight is present in the name; a code's score is the share of the
name's weight its phrases explain, times how completely its best phrase was found. Words are
matched exactly, by stem, by cross-language group, and last by spelling
(`rapidfuzz`, one slip in a word of five letters or more).

Everything is computed in process from files: no network, no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from etalase.catalog.hs_suggest.index import GLOSSARY, HS_TEXT, NOISE, SOURCE_FACTOR, get_index
from etalase.catalog.search.text import STOP_WORDS, tokenize

MAX_CHARS = 200
MAX_WORDS = 12
MAX_SUGGESTIONS = 5
# A phrase counts for its code when this share of its weight is in the name.
PHRASE_SHARE = {GLOSSARY: 0.5, "names": 0.5, HS_TEXT: 0.34}
MIN_SCORE = 0.12
FUZZY_WEIGHT = 0.85
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SuggestError(ValueError):
    """A name that cannot be looked up; `code` says why, the message says it to a person."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Suggestion:
    code: str
    label: str
    score: float
    matched: list[str]

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "label": self.label, "score": self.score,
                "matched": self.matched}


def clean(text: str | None) -> str:
    """The name as it will be looked up, or a SuggestError saying what is wrong with it."""
    text = (text or "").strip()
    if not text:
        raise SuggestError("empty", _("Type the name of a product."))
    if len(text) > MAX_CHARS:
        raise SuggestError(
            "too_long",
            _("A product name has at most %(max)d characters; this one has %(count)d.")
            % {"max": MAX_CHARS, "count": len(text)},
        )
    if "<" in text or ">" in text or _CONTROL.search(text):
        raise SuggestError("markup", _("A product name cannot contain < or > or control "
                                       "characters."))
    if not any(ch.isalpha() for ch in text):
        raise SuggestError("no_words", _("Type the product's name in words."))
    return text


@dataclass
class _Word:
    text: str
    keys: frozenset[str]
    weight: float
    known: bool


# "tanpa gula", "walang asukal", "without sugar": the next word is what the product lacks;
# "sugar free", "bebas gluten": likewise.
NEGATE_NEXT = frozenset(("tanpa", "without", "walang", "no", "non", "bukan", "hindi", "bebas",
                         "bukannya", "wala"))
NEGATE_PREVIOUS = frozenset(("free",))


def _query_words(text: str) -> list[_Word]:
    idx = get_index()
    words: list[_Word] = []
    tokens = tokenize(text)[:MAX_WORDS]
    for i, token in enumerate(tokens):
        if token in NEGATE_PREVIOUS and words and i > 0 and words[-1].text == tokens[i - 1]:
            words.pop()
        if i > 0 and tokens[i - 1] in NEGATE_NEXT:
            continue
        if token in STOP_WORDS or token in NOISE or any(c.isdigit() for c in token):
            continue
        if token in NEGATE_NEXT or token in NEGATE_PREVIOUS:
            continue
        keys = idx.keys(token[:40])
        if not any(k in idx.postings for k in keys):
            keys = _fallback(token[:40]) or keys
        weight = idx.weight(keys)
        known = weight is not None
        words.append(_Word(token, keys, weight if known else idx.unknown_weight, known))
    return words


def _fallback(token: str) -> frozenset[str] | None:
    """Keys of a word the index does not hold: a Filipino linker dropped (kapeng -> kape),
    else the closest spelling among trade words, then among HS texts."""
    idx = get_index()
    if token.endswith("ng") and len(token) > 4 and token[-3] in "aeiou":
        keys = idx.keys(token[:-2])
        if any(k in idx.postings for k in keys):
            return keys
    if len(token) < 4:
        return None
    cutoff = 80 if len(token) >= 5 else 85
    for tier in ("trade", "hs"):
        found = process.extractOne(token, idx.vocabulary[tier], scorer=fuzz.ratio,
                                   score_cutoff=cutoff)
        if found:
            return idx.keys(found[0]) | {"~fuzzy"}
    return None


def suggest(text: str | None, language: str | None = None,
            limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Up to `limit` subheadings for a product name, best first; SuggestError when the name
    is unusable (empty, too long, markup) or nothing in it is known."""
    text = clean(text)
    words = _query_words(text)
    if not words:
        raise SuggestError("no_words", _("Type the product's name in words, not only "
                                         "quantities or grades."))
    idx = get_index()
    total = sum(w.weight for w in words)
    candidates: set[int] = set()
    for word in words:
        for key in word.keys:
            candidates.update(idx.postings.get(key, ()))

    # Per code: how well each word of the name is explained (the share of the best phrase
    # holding it), and the best phrase's completeness.
    explained: dict[str, dict[int, float]] = {}
    best: dict[str, float] = {}
    for pid in candidates:
        phrase = idx.phrases[pid]
        got = 0.0
        hit_words: set[int] = set()
        head_found = False
        for position, (keys, weight) in enumerate(zip(phrase.keys, phrase.weights,
                                                      strict=True)):
            hits = [i for i, w in enumerate(words) if keys & w.keys]
            if hits:
                got += weight
                hit_words.update(hits)
                head_found |= position == phrase.head
        share = got / phrase.total if phrase.total else 0.0
        if share < 1.0 and phrase.source != HS_TEXT and phrase.head >= 0 and not head_found:
            continue  # "white" alone does not make "white rice" (HS texts are too long for it)
        # An HS text is long: it also counts when it holds most of the name.
        if share < PHRASE_SHARE[phrase.source] and not (
            phrase.source == HS_TEXT and share >= 0.2 and got >= 0.5 * total
        ):
            continue
        quality = SOURCE_FACTOR[phrase.source] * (share if phrase.source != HS_TEXT
                                                  else share ** 0.5)
        if phrase.head < 0:
            quality *= 0.5  # a state alone ("tuyo", "dried") hardly names a product
        per_word = explained.setdefault(phrase.code, {})
        for i in hit_words:
            per_word[i] = max(per_word.get(i, 0.0), quality)
        if quality > best.get(phrase.code, 0.0):
            best[phrase.code] = quality

    ranked = []
    for code, per_word in explained.items():
        cover = sum(words[i].weight * q * (FUZZY_WEIGHT if "~fuzzy" in words[i].keys else 1.0)
                    for i, q in per_word.items()) / total
        hit_words = set(per_word)
        score = cover * (0.75 + 0.25 * best[code])
        if score >= MIN_SCORE:
            ranked.append((score, best[code], code, hit_words))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
    if not ranked:
        raise SuggestError(
            "no_match",
            _("No HS subheading matches “%(name)s”. Try the product's everyday name, "
              "e.g. “dried anchovies” or “kopi bubuk”.") % {"name": text[:60]},
        )
    return [
        Suggestion(code=code, label=label(code, language), score=round(score, 3),
                   matched=[words[i].text for i in sorted(hit_words)])
        for score, _quality, code, hit_words in ranked[:limit]
    ]


def label(code: str, language: str | None) -> str:
    """The subheading's name in `language` where one is known, else English, else HS text."""
    idx = get_index()
    names = idx.labels.get(code, {})
    base = (language or "en").split("-")[0]
    return names.get(base) or names.get("en") or idx.descriptions.get(code, code)


def as_json(suggestions: list[Suggestion]) -> dict[str, list[dict[str, object]]]:
    return {"suggestions": [s.as_dict() for s in suggestions]}
