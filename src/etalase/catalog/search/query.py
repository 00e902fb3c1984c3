"""From the words a person typed to a backend-neutral boolean plan.

    "kakoa fermentasi"  ->  (kakao | cocoa | koko | kakaw | cacao) & fermentasi

Steps: tokenize; correct words of 5+ letters that neither the index nor the synonym
list knows to their nearest known words (one edit); join known phrases greedily,
longest first; expand each phrase or word with its synonyms; AND the parts.
The backends render the plan in their own syntax (FTS5 MATCH, tsquery).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from etalase.catalog.search.synonyms import Phrase, SynonymIndex
from etalase.catalog.search.text import STOP_WORDS, one_edit_variants, query_tokens

TYPO_MIN_LENGTH = 5
MAX_CORRECTIONS_PER_WORD = 3
MAX_ALTERNATIVES = 24


@dataclass(frozen=True)
class AnyOf:
    options: tuple[Node, ...]


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Node, ...]


Node = Phrase | AnyOf | AllOf

# Looks words up in the index: word -> number of documents holding it (absent = unknown).
TermCounter = Callable[[Iterable[str]], dict[str, int]]


@dataclass
class QueryPlan:
    text: str
    tokens: list[str]
    node: Node | None
    corrections: dict[str, str] = field(default_factory=dict)
    parts: list[Node] = field(default_factory=list)  # the ANDed parts, for "fewer words" hints
    part_texts: list[str] = field(default_factory=list)  # the words each part came from

    @property
    def is_empty(self) -> bool:
        return self.node is None


def _correct(tokens: list[str], synonyms: SynonymIndex, count_terms: TermCounter
             ) -> tuple[list[list[str]], dict[str, str]]:
    """For each token, the words to search: itself, or its nearest known spellings."""
    long_tokens = {t for t in tokens if len(t) >= TYPO_MIN_LENGTH and not t.isdigit()}
    unknown = {t for t in long_tokens if t not in synonyms.vocabulary}
    if unknown:
        unknown -= set(count_terms(unknown))
    candidates: dict[str, set[str]] = {t: one_edit_variants(t) for t in unknown}
    counts: dict[str, int] = {}
    if candidates:
        counts = count_terms(set().union(*candidates.values()))
    corrections: dict[str, str] = {}
    slots: list[list[str]] = []
    for token in tokens:
        if token not in unknown:
            slots.append([token])
            continue
        known = [w for w in candidates[token] if w in counts or w in synonyms.vocabulary]
        if not known:
            slots.append([token])  # nothing close: leave it, the search will say "no results"
            continue
        known.sort(key=lambda w: (-counts.get(w, 0), w))
        slots.append(known[:MAX_CORRECTIONS_PER_WORD])
        corrections[token] = known[0]
    return slots, corrections


def _expand_word(words: list[str], synonyms: SynonymIndex) -> Node:
    alternatives: set[Phrase] = set()
    for word in words:
        alternatives |= synonyms.alternatives((word,))
    return _any(alternatives)


def _any(phrases: Iterable[Phrase | Node]) -> Node:
    unique = set(phrases)
    nested = sorted((n for n in unique if not isinstance(n, tuple)), key=_sort_key)
    options = sorted((n for n in unique if isinstance(n, tuple)), key=_sort_key)
    options = options[: MAX_ALTERNATIVES - len(nested)] + nested
    return options[0] if len(options) == 1 else AnyOf(tuple(options))


def _sort_key(node: Node) -> tuple:
    # Deterministic order (stable SQL text, comparable plans in tests); short phrases first.
    if isinstance(node, tuple):
        return (0, len(node), node)
    return (1, repr(node))


def build_plan(text: str, synonyms: SynonymIndex, count_terms: TermCounter) -> QueryPlan:
    tokens = query_tokens(text)
    if not tokens:
        return QueryPlan(text=text, tokens=[], node=None)
    slots, corrections = _correct(tokens, synonyms, count_terms)
    best = [slot[0] for slot in slots]
    parts: list[Node] = []
    texts: list[str] = []
    i = 0
    while i < len(best):
        length = synonyms.longest_match(best, i)
        if length > 1:
            phrase = tuple(best[i : i + length])
            word_parts = tuple(_expand_word(slots[j], synonyms) for j in range(i, i + length)
                               if best[j] not in STOP_WORDS)
            # Also the words apart, each with its own synonyms ("kakao biji" for "biji kakao").
            extra: list[Node] = []
            if word_parts:
                extra = [word_parts[0] if len(word_parts) == 1 else AllOf(word_parts)]
            parts.append(_any([*synonyms.alternatives(phrase), *extra]))
            texts.append(" ".join(phrase))
            i += length
            continue
        if best[i] in STOP_WORDS and len(best) > 1:
            i += 1
            continue
        parts.append(_expand_word(slots[i], synonyms))
        texts.append(best[i])
        i += 1
    if not parts:
        return QueryPlan(text=text, tokens=tokens, node=None, corrections=corrections)
    node = parts[0] if len(parts) == 1 else AllOf(tuple(parts))
    return QueryPlan(text=text, tokens=tokens, node=node, corrections=corrections, parts=parts,
                     part_texts=texts)


def _implies(phrase: Phrase, node: Node) -> bool:
    """True when every text holding `phrase` also matches `node`."""
    if isinstance(node, tuple):
        n = len(node)
        return any(phrase[i : i + n] == node for i in range(len(phrase) - n + 1))
    if isinstance(node, AnyOf):
        return any(_implies(phrase, option) for option in node.options)
    return all(_implies(phrase, part) for part in node.parts)


def simplify(node: Node | None) -> Node | None:
    """The same set of matches with fewer phrases: an alternative that holds another one
    is dropped ("dried fish salted" beside "dried fish", "dried fish" beside
    dried AND fish). Each phrase costs the full-text engine a position check on every
    candidate row: a broad two-word query with its synonyms goes from ~12 to ~3.5 ms to
    count, and bm25 over its matches ~3× faster. The plan itself keeps every phrase
    (sourcing requests score on them); the backends are given this form.
    """
    if node is None or isinstance(node, tuple):
        return node
    if isinstance(node, AllOf):
        return AllOf(tuple(simplify(part) for part in node.parts))
    options = [simplify(option) for option in node.options]
    kept = [
        option for option in options
        if not (isinstance(option, tuple)
                and any(other != option and _implies(option, other) for other in options))
    ]
    return kept[0] if len(kept) == 1 else AnyOf(tuple(kept))


def corrected_text(plan: QueryPlan) -> str:
    """The query with its corrections applied ("Showing results for …")."""
    return " ".join(plan.corrections.get(t, t) for t in plan.tokens)
