"""The words of a request, expanded the way the gallery's search expands a query.

Reuses `catalog.search`: its tokenizer, its synonym index (names of goods in four languages
and the word groups) and its query planner. The plan is stored on the request as plain JSON
(`match_terms`), so that scoring — thousands of requests against an MSME's products, or
thousands of products against a request — needs neither the index nor the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from etalase.catalog.search import synonyms
from etalase.catalog.search.query import AllOf, AnyOf, Node, build_plan
from etalase.catalog.search.text import tokenize
from etalase.matching.scoring import TermPart, padded


def _no_index(words: Iterable[str]) -> dict[str, int]:
    return {}


def _count_terms():
    """The full-text index's word counts (for typo correction), when the index exists."""
    try:
        from etalase.catalog import search

        counter = search.backend().count_terms
        counter(["kakao"])  # the index may be missing (a fresh database): fall back
        return counter
    except Exception:  # any failure only disables typo correction
        return _no_index


def to_json(node: Node) -> dict[str, Any]:
    if isinstance(node, tuple):
        return {"p": " ".join(node)}
    if isinstance(node, AnyOf):
        return {"any": [to_json(n) for n in node.options]}
    if isinstance(node, AllOf):
        return {"all": [to_json(n) for n in node.parts]}
    raise TypeError(node)


def from_json(data: dict[str, Any]) -> Node:
    """Back to the search module's plan nodes (to ask its full-text backend)."""
    if "p" in data:
        return tuple(str(data["p"]).split())
    if "any" in data:
        return AnyOf(tuple(from_json(n) for n in data["any"]))
    if "all" in data:
        return AllOf(tuple(from_json(n) for n in data["all"]))
    raise ValueError(data)


# Words of a request's title that name no goods ("cocoa beans, 20 t/month"): left out of
# the text score so that they do not dilute it. Quantities are scored apart.
FILLER = frozenset((
    "t", "mt", "kg", "ton", "tons", "tonne", "tonnes", "month", "monthly", "per", "pc", "pcs",
    "bulan", "buwan", "bulanan", "grade", "quality", "supply", "supplier", "suppliers",
    "need", "needed", "wanted", "buy", "buying", "sourcing", "required", "bulk",
))


def expand(text: str, *, count_terms=None) -> list[dict[str, Any]]:
    """`match_terms` for a title: [{"text": "cocoa beans", "node": {...}}, …]."""
    counter = count_terms or _count_terms()
    plan = build_plan(text or "", synonyms.index(), counter)
    parts = [{"text": part_text, "node": to_json(part)}
             for part, part_text in zip(plan.parts, plan.part_texts, strict=True)]
    # Only quantities and fillers ("20 t"): nothing names goods, nothing to match on.
    return [p for p in parts if not (p["text"].isdigit() or p["text"] in FILLER)]


def parts_of(match_terms: list[dict[str, Any]] | None) -> tuple[TermPart, ...]:
    out = []
    for item in match_terms or ():
        if isinstance(item, dict) and isinstance(item.get("node"), dict):
            out.append(TermPart(text=str(item.get("text", ""))[:100], node=item["node"]))
    return tuple(out)


def any_part_node(match_terms: list[dict[str, Any]] | None) -> Node | None:
    """A node matching products that contain ANY part of the title (candidate retrieval:
    a product with one of two words still deserves a score)."""
    nodes = [from_json(item["node"]) for item in match_terms or () if "node" in item]
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else AnyOf(tuple(nodes))


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _tokens(text: str) -> list[str]:
    # Plain ASCII needs no Unicode folding: the same tokens as search.text.tokenize, ~10×
    # faster (most product texts are ASCII; scoring reads hundreds per ranking).
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return tokenize(text)


def text_of(*texts: str) -> str:
    """Product text in the form `scoring` reads it."""
    tokens: list[str] = []
    for text in texts:  # a list, not a generator: hundreds of texts per ranking
        if text:
            tokens += _tokens(text)
    return padded(tokens)
