"""Accuracy of HS suggestion on a labelled set of names (`name,lang,code` CSV rows).

Shared by `bench/hs_suggest.py` and the test that holds the accuracy thresholds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from etalase.catalog import glossary
from etalase.catalog.hs_suggest import SuggestError, suggest
from etalase.catalog.search.text import tokenize


@dataclass(frozen=True)
class Named:
    name: str
    language: str
    code: str


@dataclass
class Result:
    total: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[tuple[Named, list[str]]] = field(default_factory=list)

    @property
    def top1_share(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_share(self) -> float:
        return self.top3 / self.total if self.total else 0.0


def load(path: Path) -> list[Named]:
    with path.open(encoding="utf-8") as fh:
        return [Named(r["name"], r["lang"], r["code"]) for r in csv.DictReader(fh)]


def glossary_overlap(names: list[Named]) -> list[str]:
    """Names of the set that are a glossary term word for word (which the set must not hold:
    it measures names the glossary was not written from)."""
    terms = {tuple(tokenize(term)) for entry in glossary.entries()
             for _lang, term in entry.all_terms()}
    return [n.name for n in names if tuple(tokenize(n.name)) in terms]


def evaluate(names: list[Named]) -> Result:
    result = Result()
    for named in names:
        try:
            codes = [s.code for s in suggest(named.name, named.language)]
        except SuggestError:
            codes = []
        result.total += 1
        result.top1 += codes[:1] == [named.code]
        result.top3 += named.code in codes[:3]
        if codes[:1] != [named.code]:
            result.misses.append((named, codes[:3]))
    return result
