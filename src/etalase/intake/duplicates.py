"""Probable duplicates among a file's rows and against the registry, for the officer to judge.

An exact identity (the same registration number, or the same fingerprint: name, place and
phone) is the same enterprise and needs nobody's word. What is only alike — `CV Maju Jaya`
and `Maju Jaya Abadi` in one regency, a typo, a word more — is shown beside the row; the
officer confirms "same enterprise" or "different", and nothing is merged without it.

Names are compared with rapidfuzz's token-sort ratio, only with names of the same place
(area, else province) that share one of their rarer words (see MAX_COMPARISONS): a word
index keeps a 20,000-row file from comparing every name with every other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from etalase.enterprises.identity import name_words
from etalase.enterprises.models import Enterprise

# Token-sort ratio (0–100) from which two names of one place are shown as probably the
# same enterprise. "maju jaya" ~ "maju jaya abadi" scores 75 and is not shown; one typo
# in a two-word name ("maju jaya" ~ "maju jayaa") scores ~95.
THRESHOLD = 88
# Words too short to tell names apart are not indexed (they still count in the ratio).
MIN_WORD = 3
MAX_MATCHES = 3
# Names compared per row at most. Candidates come from the row's rarest words first; a word
# that many names of the place share ("usaha", "toko", "jaya") adds its names only while the
# total stays under this, so a file of similar names stays linear (each row costs a few
# lookups) instead of comparing every name with every other.
MAX_COMPARISONS = 48


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str  # the normalised name
    name: str  # as written
    ref: int  # an enterprise id or a file row number


class _Index:
    def __init__(self) -> None:
        self.by_word: dict[tuple[str, str], list[_Entry]] = defaultdict(list)

    def add(self, place: str, words: tuple[str, ...], entry: _Entry) -> None:
        for word in set(words):
            if len(word) >= MIN_WORD:
                self.by_word[place, word].append(entry)

    def alike(self, place: str, words: tuple[str, ...], key: str) -> list[tuple[_Entry, float]]:
        seen: dict[int, _Entry] = {}
        postings = sorted(
            (self.by_word.get((place, word), ()) for word in set(words) if len(word) >= MIN_WORD),
            key=len,
        )
        for entries in postings:
            if len(seen) + len(entries) > MAX_COMPARISONS:
                break
            for entry in entries:
                seen.setdefault(entry.ref, entry)
        scored = [
            (entry, score)
            for entry in seen.values()
            if (score := fuzz.token_sort_ratio(key, entry.key)) >= THRESHOLD
        ]
        scored.sort(key=lambda pair: -pair[1])
        return scored[:MAX_MATCHES]


class DuplicateFinder:
    """Per file: the registry of the office's area is read once, when first needed."""

    def __init__(self, *, country: str, subdivisions: list[str] | None) -> None:
        self.country = country
        self.subdivisions = subdivisions  # None: the whole country (a secretariat import)
        self.file = _Index()
        self._registry: _Index | None = None

    def _registry_index(self) -> _Index:
        if self._registry is None:
            index = _Index()
            records = Enterprise.objects.filter(country_id=self.country)
            if self.subdivisions is not None:
                records = records.filter(subdivision_id__in=self.subdivisions)
            for pk, name, area, subdivision in records.values_list(
                "id", "legal_name", "area_id", "subdivision_id"
            ).iterator(chunk_size=5000):
                words = name_words(name)
                index.add(area or subdivision, words, _Entry(" ".join(words), name, pk))
            self._registry = index
        return self._registry

    def in_file(self, *, row: int, name: str, place: str,
                words: tuple[str, ...] | None = None) -> list[dict]:
        """Earlier rows of the file alike this one (then this row joins the index)."""
        words = name_words(name) if words is None else words
        key = " ".join(words)
        found = [
            {"kind": "file", "row": entry.ref, "name": entry.name, "score": round(score)}
            for entry, score in self.file.alike(place, words, key)
        ]
        self.file.add(place, words, _Entry(key, name, row))
        return found

    def in_registry(self, *, name: str, place: str, exclude: int | None = None) -> list[dict]:
        words = name_words(name)
        key = " ".join(words)
        return [
            {"kind": "registry", "enterprise_id": entry.ref, "name": entry.name,
             "score": round(score)}
            for entry, score in self._registry_index().alike(place, words, key)
            if entry.ref != exclude
        ]
