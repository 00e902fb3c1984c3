"""The versioned trade tables (data/*.json): loaded once, checked, and read by selectors.

Each file names its table, a version and the date it was compiled; every entry carries a
`source` ({"ref": <key of sources.json>, "article": ...}). Loading refuses a table with an
entry that has no source, so that nothing unsourced can reach a checklist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TABLES = ("sources", "agreements", "offices", "rules", "requirements", "tariffs")


class TableError(ValueError):
    """A trade table is malformed or an entry lacks its source."""


@dataclass(frozen=True)
class Source:
    document: str
    publisher: str
    year: int
    url: str
    article: str

    def as_dict(self) -> dict:
        return {"document": self.document, "publisher": self.publisher, "year": self.year,
                "url": self.url, "article": self.article}


def _read(name: str) -> dict:
    data = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    if data.get("table") != name or not data.get("version") or not data.get("compiled"):
        raise TableError(f"{name}.json must name its table, version and compiled date")
    return data


@cache
def load() -> dict[str, dict]:
    tables = {name: _read(name) for name in TABLES}
    sources = tables["sources"]["sources"]
    for key, source in sources.items():
        if not source.get("document") or not source.get("year"):
            raise TableError(f"source {key} needs a document and a year")
    for name in TABLES[1:]:
        for entry in _entries(tables[name]):
            _check_source(name, entry, sources)
    return tables


def _entries(table: dict):
    """Every sourced entry of a table, nested ones too (documents of an agreement...)."""
    for key in ("agreements", "offices", "psr", "requirements", "tariffs", "finders"):
        for entry in table.get(key, []):
            yield entry
            yield from entry.get("documents", [])
    yield from table.get("terms", {}).values()


def _check_source(table: str, entry: dict, sources: dict) -> None:
    source = entry.get("source") or entry.get("parties_source")
    if not source or source.get("ref") not in sources or not source.get("article"):
        raise TableError(f"{table}: an entry has no source: {json.dumps(entry)[:120]}")
    for key in ("wholly_obtained", "general_rule_source", "psr_annex", "rvc_formula"):
        extra = entry.get(key)
        if extra and extra.get("ref") not in sources:
            raise TableError(f"{table}: {key} points to an unknown source {extra.get('ref')}")


def source(ref: dict | None) -> Source | None:
    if not ref:
        return None
    found = load()["sources"]["sources"][ref["ref"]]
    return Source(found["document"], found.get("publisher", ""), found["year"],
                  found.get("url", ""), ref.get("article", ""))


def versions() -> dict[str, dict[str, str]]:
    """Version and compile date of each table (shown on every checklist)."""
    return {name: {"version": table["version"], "compiled": table["compiled"]}
            for name, table in load().items()}


def asean() -> list[str]:
    return list(load()["agreements"]["asean"])


def expand(countries: list[str]) -> set[str]:
    """Party lists may say '@asean' for the ten ASEAN Member States."""
    found: set[str] = set()
    for code in countries:
        found.update(asean() if code == "@asean" else [code])
    return found


def hs_match(prefixes: list[str] | str, hs: str) -> int:
    """Length of the longest prefix that matches the subheading (0: none; '*' counts as 1)."""
    best = 0
    for prefix in [prefixes] if isinstance(prefixes, str) else prefixes:
        if prefix == "*":
            best = max(best, 1)
        elif hs.startswith(prefix):
            best = max(best, len(prefix) + 1)
    return best
