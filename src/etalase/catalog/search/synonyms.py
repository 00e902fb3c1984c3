"""Cross-language synonyms: the same goods named in English, Indonesian, Malay and Filipino.

Two layers, kept apart on purpose:

* **names of goods** — one group per HS code, from `catalog/data/products-multilingual.csv`
  and the `HSCodeTranslation` rows ("biji kakao" = "biji koko" = "butil ng kakaw" =
  "cocoa beans (raw or roasted)"). These are phrases: they expand only when the query
  contains the whole phrase.
* **words** — a short hand-made list of single words and fixed two-word terms that mean
  the same thing across the languages (cocoa = kakao = koko = kakaw = cacao). Words that
  are merely related (coffee and roasted coffee) are deliberately not merged, so that
  a precise query stays precise.

The index is built once per process from the database and the CSV (a few hundred
phrases) and refreshed every `TTL_SECONDS`, so a reloaded nomenclature is picked up
without a restart.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

from etalase.catalog.search.text import tokenize

Phrase = tuple[str, ...]

TTL_SECONDS = 600

# Fixed equivalents. Each line is one group; " | " separates its members.
WORD_GROUPS = """
cocoa | kakao | koko | kakaw | cacao
coffee | kopi | kape
seaweed | seaweeds | rumput laut | rumpai laut | damong dagat | agar agar
coconut | coconuts | kelapa | niyog | nyiur
copra | kopra
coconut oil | minyak kelapa | langis ng niyog
rattan | rotan | yantok | uway
honey | madu | pulot | pulot pukyutan
fish | ikan | isda
anchovy | anchovies | teri | bilis | dilis
sea cucumber | sea cucumbers | teripang | gamat | timun laut | balatan | trepang
bird s nest | birds nest | sarang burung walet | sarang burung walit | sarang walet | nido
nutmeg | pala | buah pala | nuwes moskada
clove | cloves | cengkih | cengkeh | klabo
pepper | lada | merica | paminta
cinnamon | kayu manis | kanela
ginger | jahe | halia | luya
turmeric | kunyit | luyang dilaw
vanilla | vanili | vanila | banilya
palm sugar | coconut sugar | gula kelapa | gula aren | gula melaka | asukal ng niyog
cashew | cashews | jambu mete | mete | gajus | kasoy
mango | mangoes | mangga
banana | bananas | pisang | saging
pineapple | pineapples | nanas | pinya
shrimp | shrimps | prawn | prawns | udang | hipon
furniture | mebel | perabot | muwebles
batik | kain batik | telang batik
wood carving | wood carvings | ukiran kayu | inukit na kahoy
mat | mats | tikar | banig
charcoal | arang | uling
coir | sabut kelapa | bunot
basket | baskets | basketwork | anyaman | bakul
chocolate | cokelat | coklat | tsokolate
tea | teh | tsaa
rice | beras | nasi | bigas
chili | chilli | cabai | cabe | cili | sili
""".strip()

_PAREN = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class SynonymIndex:
    groups: tuple[frozenset[Phrase], ...]
    by_phrase: dict[Phrase, tuple[int, ...]]
    max_len: int
    vocabulary: frozenset[str] = field(default_factory=frozenset)

    def alternatives(self, phrase: Phrase) -> frozenset[Phrase]:
        """The phrase itself and every phrase of the groups it belongs to."""
        found: set[Phrase] = {phrase}
        for gid in self.by_phrase.get(phrase, ()):
            found |= self.groups[gid]
        return frozenset(found)

    def longest_match(self, tokens: list[str], start: int) -> int:
        """Length of the longest known phrase starting at `start` (0 when none)."""
        for length in range(min(self.max_len, len(tokens) - start), 0, -1):
            if tuple(tokens[start : start + length]) in self.by_phrase:
                return length
        return 0


def _phrase(text: str) -> Phrase:
    return tuple(tokenize(text))


def name_variants(name: str, *, english: bool) -> set[Phrase]:
    """The ways people write one name of a good: whole, without its note, each '/' part."""
    variants = {_phrase(name)}
    bare = _PAREN.sub(" ", name)
    variants.add(_phrase(bare))
    if english:
        # "Coffee beans, not roasted (green coffee)" is also asked for as "coffee beans";
        # a lone first word ("Pepper (Piper), whole") is left to the word groups.
        head = _phrase(re.split(r"[,(]", name, maxsplit=1)[0])
        if len(head) >= 2:
            variants.add(head)
    else:
        for part in bare.split("/"):
            variants.add(_phrase(part))
        for note in _PAREN.findall(name):
            variants.add(_phrase(note))
    return {v for v in variants if v}


def build(goods_names: list[list[tuple[str, str]]]) -> SynonymIndex:
    """`goods_names`: for each good, its (language, name) pairs."""
    groups: list[frozenset[Phrase]] = []
    for line in WORD_GROUPS.splitlines():
        members = frozenset(p for p in (_phrase(m) for m in line.split("|")) if p)
        if len(members) > 1:
            groups.append(members)
    for names in goods_names:
        members: set[Phrase] = set()
        for language, name in names:
            members |= name_variants(name, english=language == "en")
        if len(members) > 1:
            groups.append(frozenset(members))
    by_phrase: dict[Phrase, list[int]] = {}
    for gid, members in enumerate(groups):
        for phrase in members:
            by_phrase.setdefault(phrase, []).append(gid)
    vocabulary = frozenset(word for members in groups for phrase in members for word in phrase)
    return SynonymIndex(
        groups=tuple(groups),
        by_phrase={k: tuple(v) for k, v in by_phrase.items()},
        max_len=max((len(p) for p in by_phrase), default=1),
        vocabulary=vocabulary,
    )


def _goods_from_sources() -> list[list[tuple[str, str]]]:
    from etalase.catalog.hs_loader import NAME_COLUMNS, multilingual_goods
    from etalase.catalog.models import HSCodeTranslation

    by_code: dict[str, set[tuple[str, str]]] = {}
    for row in multilingual_goods():
        for column, language in NAME_COLUMNS.items():
            if row.get(column, "").strip():
                by_code.setdefault(row["hs_code"].strip(), set()).add((language, row[column]))
    for code, language, name in HSCodeTranslation.objects.values_list(
        "hs_code_id", "language_code", "name"
    ):
        by_code.setdefault(code, set()).add((language.split("-")[0], name))
    return [sorted(names) for names in by_code.values()]


_lock = threading.Lock()
_cached: tuple[float, SynonymIndex] | None = None


def index() -> SynonymIndex:
    global _cached
    now = time.monotonic()
    cached = _cached
    if cached is not None and now - cached[0] < TTL_SECONDS:
        return cached[1]
    with _lock:
        built = build(_goods_from_sources())
        _cached = (now, built)
        return built


def reset() -> None:
    """Forget the cached index (after reloading HS names, and in tests)."""
    global _cached
    _cached = None
