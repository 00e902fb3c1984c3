"""Turning text into the tokens both full-text engines index.

The tokenizer mirrors SQLite's `unicode61 remove_diacritics 2` (and PostgreSQL's
`simple` configuration over `unaccent`): lower case, accents removed, split on
anything that is not a letter or a digit. Query words and synonym phrases go
through the same function so that they meet the index on equal terms.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 10
MAX_TOKEN_CHARS = 40

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Words that carry no meaning of their own in the four languages; dropped from a query
# unless they are part of a known phrase ("butil ng kakaw") or the only word left.
STOP_WORDS = frozenset((
    "a", "an", "and", "or", "of", "the", "for", "with", "in", "on", "to", "from", "by", "at",
    "dan", "atau", "yang", "untuk", "dengan", "di", "ke", "dari",
    "ng", "na", "sa", "mga", "ang",
))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokenize(text: str) -> list[str]:
    """Tokens of `text` as the index sees them (no limits applied)."""
    return _WORD.findall(fold(text))


def query_tokens(text: str) -> list[str]:
    """Tokens of a user's query, bounded so that a hostile query stays cheap."""
    tokens = tokenize((text or "")[:MAX_QUERY_CHARS])
    return [t[:MAX_TOKEN_CHARS] for t in tokens][:MAX_QUERY_TOKENS]


def within_one_edit(a: str, b: str) -> bool:
    """Optimal-string-alignment distance ≤ 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer than a: deleting one character of b must give a.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ALPHABET = _LETTERS + "0123456789"


def one_edit_variants(word: str) -> set[str]:
    """Every string one edit away from `word` over a–z, and digits when the word has one
    (≈ 52 × len candidates for a word of letters: each is looked up in the index, ~6 µs)."""
    alphabet = _LETTERS if word.isalpha() else _ALPHABET
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaces = {left + c + right[1:] for left, right in splits if right for c in alphabet}
    inserts = {left + c + right for left, right in splits for c in alphabet}
    return (deletes | swaps | replaces | inserts) - {word}
