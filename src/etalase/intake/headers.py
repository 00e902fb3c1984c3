"""Reading one header as offices write it: its words, its unit, and the field it names.

`Omzet per Tahun (Rp juta)` is the words `omzet tahun` and the unit `Rp juta` (rupiah,
×1,000,000); `Tgl Berdiri` reads as `tanggal berdiri`, `No. Telp` as `no telepon`; the
questionnaire block prefix of `c106_nama_lengkap_usaha` is dropped. A header is then
recognised, in this order:

1. by a whole alias of data/column_aliases.json ("exact");
2. as an identity number when all the words of an identity alias (NIK, KTP, MyKad…) are
   among its words: such a column is never read, and a doubtful one is dropped, not read;
3. by the words of one alias, in any order, covering at least half of the header ("words");
4. by a close spelling: rapidfuzz's ratio ≥ FUZZY_THRESHOLD ("fuzzy", with the score).

Below the threshold, or when two fields come equally close, the column is not guessed: it
is offered to the officer on the mapping page. All of it runs once per distinct header
(lru_cache), never per cell. Currency symbols and names come from Babel (CLDR).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from babel.numbers import (
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
    list_currencies,
)
from rapidfuzz import fuzz, process

from etalase.intake.cells import text

FUZZY_THRESHOLD = 88.0  # rapidfuzz ratio (0-100); a typo in a 10-letter header scores ~95
FUZZY_MARGIN = 3.0  # another field as close as this to the best one: not guessed
FUZZY_MIN_LENGTH = 5  # shorter keys ("tel", "wa", "hp") are exact or nothing
FUZZY_MAX_LENGTH = 60
MAX_HEADER_CHARS = 200  # a longer cell is a note or a title, not a header
WORDS_COVERAGE = 0.5
IDENTITY = "nik"
ROW_NUMBER = "row_number"
# Whose currencies may be written in any case ("Php", "usd"); other ISO codes are read as a
# currency only in capitals ("(EUR)"), so that "(all)" or "(top)" stay words.
TERRITORIES = ("ID", "MY", "PH", "BN", "US")
SYMBOL_LOCALES = ("en", "en_US", "en_PH", "en_MY", "en_SG", "id", "ms", "ms_BN", "fil")
_BLOCK_PREFIX = re.compile(r"^[a-z]\d{3}[a-z]?[_. ]+")
_BLOCK_PREFIX_ANY_CASE = re.compile(_BLOCK_PREFIX.pattern, re.IGNORECASE)
_BRACKETED = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_RAW_TOKEN = re.compile(r"[^\s/,;:|()\[\]{}+=*_]+")
_THOUSANDS = re.compile(r"[x×]?1?(?:[.,]?000)+")
_ROW_NUMBER_MARKS = frozenset({"#", "№"})  # no words to match: "No", "Bil" are aliases


def normalise_header(value) -> str:
    """The key an office's remembered mapping (OfficeMapping.aliases) is stored under."""
    return re.sub(r"[^a-z0-9]+", " ", _fold(text(value))).strip()


@lru_cache(maxsize=1)
def alias_data() -> dict:
    path = resources.files("etalase.intake").joinpath("data/column_aliases.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _fold(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return _BLOCK_PREFIX.sub("", folded.strip())


@dataclass(frozen=True)
class Vocabulary:
    """The alias table, read once and indexed for the three ways of matching."""

    synonyms: dict[str, str]
    stop: frozenset[str]
    weak: frozenset[str]
    partial: frozenset[str]
    periods: dict[str, str]
    magnitudes: dict[str, int]
    measures: frozenset[str]
    exact: dict[str, str]  # canonical key -> field
    word_sets: tuple[tuple[frozenset[str], str], ...]
    by_token: dict[str, tuple[int, ...]]
    identity_sets: tuple[frozenset[str], ...]
    fuzzy_keys: tuple[str, ...]
    fuzzy_fields: tuple[str, ...]

    @property
    def identity_words(self) -> frozenset[str]:
        return frozenset().union(*self.identity_sets)

    def names_identity(self, words: set[str]) -> bool:
        """Whether all the words of an identity alias (NIK, No KTP, MyKad…) are among these."""
        return any(alias <= words for alias in self.identity_sets)

    def words(self, value: str) -> tuple[str, ...]:
        """Canonical words: folded, abbreviations read in full, small words left out."""
        found = []
        for token in re.split(r"[^a-z0-9]+", _fold(value)):
            token = self.synonyms.get(token, token)
            if token and token not in self.stop:
                found.append(token)
        return tuple(found)


@lru_cache(maxsize=8)
def vocabulary(country: str = "") -> Vocabulary:
    """The alias table for a country's files (a few words mean another level elsewhere)."""
    data = alias_data()
    synonyms = {
        variant: word for word, variants in data["token_synonyms"].items() for variant in variants
    }
    periods = {w: period for period, words in data["period_words"].items() for w in words}
    draft = Vocabulary(
        synonyms=synonyms,
        stop=frozenset(data["stop_words"]),
        weak=frozenset(data["weak_words"]),
        partial=frozenset(data["partial_words"]),
        periods=periods,
        magnitudes=dict(data["magnitudes"]),
        measures=frozenset(data["measure_words"]),
        exact={},
        word_sets=(),
        by_token={},
        identity_sets=(),
        fuzzy_keys=(),
        fuzzy_fields=(),
    )
    exact: dict[str, str] = {}
    sets: dict[frozenset[str], str] = {}
    identity: set[frozenset[str]] = set()
    local = data["country_fields"].get(country, {}) if country else {}
    for field_name, aliases in [*data["fields"].items(), *local.items()]:
        overrides = field_name in local and aliases is local[field_name]
        for alias in aliases if overrides else [field_name, *aliases]:
            words = draft.words(alias)
            if not words:
                continue
            if overrides:  # the country's own meaning of the word wins
                exact[" ".join(words)] = field_name
                sets[frozenset(words)] = field_name
                continue
            exact.setdefault(" ".join(words), field_name)
            if field_name == IDENTITY:
                identity.add(frozenset(words))
            elif field_name != ROW_NUMBER and not set(words) <= draft.weak:
                sets.setdefault(frozenset(words), field_name)
    word_sets = tuple(sets.items())
    by_token: dict[str, list[int]] = {}
    for number, (words, _field) in enumerate(word_sets):
        for word in words:
            by_token.setdefault(word, []).append(number)
    fuzzy = [(key, f) for key, f in exact.items() if f != ROW_NUMBER]
    return Vocabulary(
        **{
            **draft.__dict__,
            "exact": exact,
            "word_sets": word_sets,
            "by_token": {k: tuple(v) for k, v in by_token.items()},
            "identity_sets": tuple(identity),
            "fuzzy_keys": tuple(k for k, _f in fuzzy),
            "fuzzy_fields": tuple(f for _k, f in fuzzy),
        }
    )


# --- units ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    text: str  # as written: "Rp juta", "kg/bulan"
    currency: str = ""  # ISO 4217, when the unit names one currency
    exponent: int = 0  # the values are × 10**exponent ("juta": 6)
    period: str = ""  # year | month | week | day
    ambiguous_currency: bool = False  # "$", "dolar": more than one currency

    @property
    def scale(self) -> int:
        return 10**self.exponent


@lru_cache(maxsize=1)
def _currency_words() -> tuple[dict[str, frozenset[str]], frozenset[str], frozenset[str]]:
    """(symbol or name word -> ISO codes, the region's codes, every ISO code), from CLDR."""
    regional = frozenset(c for t in TERRITORIES for c in get_territory_currencies(t))
    everything = frozenset(list_currencies())
    found: dict[str, set[str]] = {}
    for code in everything:
        symbol = get_currency_symbol(code, "en")
        if symbol != code:
            found.setdefault(symbol.casefold(), set()).add(code)
    for code in regional:
        for locale in SYMBOL_LOCALES:
            found.setdefault(get_currency_symbol(code, locale).casefold(), set()).add(code)
        # The currency's own word, not its country's adjective: the last word of the English
        # name ("Indonesian Rupiah"), the first of a local one ("Dolar Brunei", "Piso ng …").
        english = get_currency_name(code, locale="en")
        names = {english.casefold().split()[-1]}
        for locale in ("id", "ms", "fil"):
            local = get_currency_name(code, locale=locale)
            if local != english:
                names.add(local.casefold().split()[0])
        for name in names:
            found.setdefault(name, set()).add(code)
    for short, code in alias_data()["currency_short_forms"].items():
        found.setdefault(short.casefold(), set()).add(code)
    return {k: frozenset(v) for k, v in found.items()}, regional, everything


def currencies_of(token: str) -> frozenset[str]:
    """The currencies a word of a header names ("Rp", "US$", "ringgit", "PHP"), if any."""
    words, regional, everything = _currency_words()
    folded = token.casefold()
    if folded in words:
        return words[folded]
    code = token.upper()
    if code in everything and (token.isupper() or code in regional):
        return frozenset({code})
    return frozenset()


def _unit(content: str, country: str) -> Unit | None:
    """A bracketed note read as a unit, or None when it says something else."""
    vocab = vocabulary()
    currencies: frozenset[str] = frozenset()
    exponent, period, measures, loose_m = 0, "", 0, False
    # "Rp.000" is a currency and a magnitude written together.
    for raw in _RAW_TOKEN.findall(re.sub(r"(?<=[^\W\d])\.(?=\d)", " ", content)):
        token = raw.strip(".'’")
        folded = token.casefold()
        if not token or folded in vocab.stop:
            continue
        if found := currencies_of(token):
            currencies = currencies or found
        elif folded in vocab.magnitudes:
            exponent = max(exponent, vocab.magnitudes[folded])
        elif _THOUSANDS.fullmatch(folded):
            exponent = max(exponent, 3 * re.sub(r"\D", "", folded).count("000"))
        elif folded in vocab.periods:
            period = period or vocab.periods[folded]
        elif folded == "m":
            loose_m = True  # miliar or million beside a currency, else metres
        elif folded in vocab.measures:
            measures += 1
        else:
            return None
    if loose_m and currencies:
        exponent = max(exponent, 9 if country == "ID" else 6)
    if not (currencies or exponent or period or measures or loose_m):
        return None
    chosen = ""
    if len(currencies) == 1:
        chosen = next(iter(currencies))
    elif currencies:
        local = get_territory_currencies(country) if country else []
        chosen = next((c for c in local if c in currencies), "")
    return Unit(
        text=" ".join(content.split()),
        currency=chosen,
        exponent=exponent,
        period=period,
        ambiguous_currency=bool(currencies) and not chosen,
    )


def _merge(units: list[Unit]) -> Unit | None:
    if not units:
        return None
    if len(units) == 1:
        return units[0]
    return Unit(
        text=" ".join(u.text for u in units),
        currency=next((u.currency for u in units if u.currency), ""),
        exponent=max(u.exponent for u in units),
        period=next((u.period for u in units if u.period), ""),
        ambiguous_currency=any(u.ambiguous_currency for u in units),
    )


@dataclass(frozen=True)
class ParsedHeader:
    words: tuple[str, ...]  # canonical words of the header itself
    notes: tuple[str, ...]  # canonical words of bracketed notes that are not a unit
    unit: Unit | None


def parse_header(value, country: str = "") -> ParsedHeader:
    """Split a header into its words, its bracketed notes and its unit."""
    raw = unicodedata.normalize("NFKC", text(value))
    raw = _BLOCK_PREFIX_ANY_CASE.sub("", raw.strip(), count=1)
    units, notes = [], []
    for content in _BRACKETED.findall(raw):
        unit = _unit(content, country)
        if unit is not None:
            units.append(unit)
        else:
            notes.append(content)
    main = _BRACKETED.sub(" ", raw)
    # A unit written after the words without brackets: "Omzet Rp", "Modal dalam juta rupiah".
    tokens = _RAW_TOKEN.findall(main)
    tail: list[str] = []
    vocab = vocabulary()
    while len(tokens) > 1:
        word = tokens[-1].strip(".'’")
        folded = word.casefold()
        if len(folded) > 1 and (currencies_of(word) or folded in vocab.magnitudes):
            tail.insert(0, tokens.pop())
        elif tail and folded in vocab.stop:
            tokens.pop()
        else:
            break
    if tail and (unit := _unit(" ".join(tail), country)) is not None:
        units.insert(0, unit)
        main = " ".join(tokens)
    return ParsedHeader(
        words=vocab.words(main),
        notes=tuple(w for note in notes for w in vocab.words(note)),
        unit=_merge(units),
    )


# --- recognition -----------------------------------------------------------------------


@dataclass(frozen=True)
class Recognised:
    field: str | None
    how: str  # exact | words | fuzzy | identity | row_number | not_used
    score: float | None = None
    unit: Unit | None = None


def recognise(header, country: str = "", *, fuzzy: bool = True) -> Recognised:
    """What a header names; see the module's docstring for the order of the tests."""
    return _recognise(text(header), country, fuzzy)


@lru_cache(maxsize=4096)
def _recognise(raw: str, country: str, fuzzy: bool) -> Recognised:
    if not raw or len(raw) > MAX_HEADER_CHARS:
        return Recognised(None, "not_used")
    if raw in _ROW_NUMBER_MARKS:
        return Recognised(None, "row_number")
    parsed = parse_header(raw, country)
    vocab = vocabulary(country)
    found = _match(parsed, vocab, fuzzy)
    if found.field == "annual_turnover" and _not_annual(parsed, vocab):
        # "Omzet per bulan", "Omzet (Rp/bulan)": a monthly figure is not a year's turnover.
        found = Recognised(None, "not_used")
    if found.field == IDENTITY:
        found = Recognised(None, "identity", found.score)
    elif found.field == ROW_NUMBER:
        found = Recognised(None, "row_number")
    return Recognised(found.field, found.how, found.score, parsed.unit)


def _not_annual(parsed: ParsedHeader, vocab: Vocabulary) -> bool:
    periods = {vocab.periods.get(w) for w in parsed.words + parsed.notes}
    if parsed.unit is not None:
        periods.add(parsed.unit.period)
    return bool(periods & {"month", "week", "day"})


def _match(parsed: ParsedHeader, vocab: Vocabulary, fuzzy: bool) -> Recognised:
    everything = parsed.words + parsed.notes
    if not everything:
        return Recognised(None, "not_used")
    if field_name := vocab.exact.get(" ".join(everything)):
        return Recognised(field_name, "exact")
    words, notes = set(parsed.words), set(parsed.notes)
    if vocab.names_identity(words):
        return Recognised(IDENTITY, "identity")
    key = " ".join(parsed.words)
    if field_name := vocab.exact.get(key):
        # "Pemilik (NIK)" holds the number; "Nama Pemilik (sesuai KTP)" holds a name.
        if vocab.names_identity(notes) and notes <= vocab.identity_words:
            return Recognised(IDENTITY, "identity")
        return Recognised(field_name, "exact")
    if vocab.names_identity(notes):
        return Recognised(IDENTITY, "identity")  # unsure: an identity number is never read
    if not key:
        return Recognised(None, "not_used")
    if field_name := _by_words(words, vocab):
        return Recognised(field_name, "words")
    if fuzzy and not (words & vocab.partial):
        return _by_spelling(key, vocab)
    return Recognised(None, "not_used")


def _by_words(words: set[str], vocab: Vocabulary) -> str | None:
    """The field of the largest alias whose words are all in the header, when one field has it
    and it covers at least half of the header's words."""
    best, fields = 0, set()
    for number in {n for word in words for n in vocab.by_token.get(word, ())}:
        alias, field_name = vocab.word_sets[number]
        if not alias <= words or (words - alias) & vocab.partial:
            continue
        if len(alias) > best:
            best, fields = len(alias), {field_name}
        elif len(alias) == best:
            fields.add(field_name)
    # "Omzet setahun": the period qualifies the figure, it does not name another one.
    counted = len(words - set(vocab.periods)) or len(words)
    if len(fields) == 1 and best / counted >= WORDS_COVERAGE:
        return fields.pop()
    return None


def _by_spelling(key: str, vocab: Vocabulary) -> Recognised:
    if not FUZZY_MIN_LENGTH <= len(key) <= FUZZY_MAX_LENGTH:
        return Recognised(None, "not_used")
    results = process.extract(
        key,
        vocab.fuzzy_keys,
        scorer=fuzz.ratio,
        limit=10,
        score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN,
    )
    if not results or results[0][1] < FUZZY_THRESHOLD:
        return Recognised(None, "not_used")
    _key, score, number = results[0]
    field_name = vocab.fuzzy_fields[number]
    rivals = {vocab.fuzzy_fields[n] for _k, s, n in results if s >= score - FUZZY_MARGIN}
    if rivals - {field_name}:
        return Recognised(None, "not_used")  # two fields equally close: ask, do not guess
    return Recognised(field_name, "fuzzy", round(score, 1))
