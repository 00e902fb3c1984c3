"""Turning the text offices type into values: numbers, money, years, lists.

Number styles differ by country: Indonesia writes `15.481` for fifteen thousand and
`23,52` with a decimal comma; Malaysia and the Philippines write `1,500.50`. Words
and letters for magnitudes are common (`1,5 M` = 1.5 billion rupiah, `RM 300k`,
`2 juta`, `isang milyon`), and so are currency prefixes and words (`Rp`, `RM`, `₱`,
`PHP`, `B$`, `rupiah`). The magnitude words, month names and currency symbols are CLDR's
(through Babel) for Indonesian, Malay, Filipino and English.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from babel import Locale

from etalase.intake.countries import LANGUAGES, key

# Countries whose convention is "." for thousands and "," for decimals.
DECIMAL_COMMA = {"ID"}
# Whose words count first where two languages differ: "M" is miliar (10^9) in Indonesian
# (CLDR id) but million in English and Filipino; "B" is bilion (10^9) in Malay.
_LANGUAGE_ORDER = {"ID": ("id", "en", "ms", "fil"), "MY": ("ms", "en", "id", "fil"),
                   "BN": ("ms", "en", "id", "fil"), "PH": ("fil", "en", "id", "ms")}  # fmt: skip
_CURRENCIES = ("IDR", "MYR", "PHP", "BND", "USD")
# Forms CLDR lacks but offices write: "milyar" (KBBI's non-standard spelling of miliar),
# "ribo" (a common slip for ribu), "mil"/"bn" (English shorthand).
_EXTRA_MAGNITUDES = {"milyar": 10**9, "ribo": 10**3, "mil": 10**6, "bn": 10**9}
# Currency signs offices type that CLDR's four locales do not list.
_EXTRA_SIGNS = {"rp.": "IDR", "p": "PHP", "php": "PHP", "b$": "BND", "us$": "USD", "rm": "MYR"}
# Words and signs that make an amount a bound or an estimate (id, ms, fil, en).
_BOUNDS = {
    "about": ("±", "+/-", "~", "≈", "kurang lebih", "lebih kurang", "kl", "sekitar", "kira-kira",
              "kira kira", "humigit-kumulang", "halos", "about", "approx.", "approx",
              "approximately", "around", "ca.", "circa"),
    "at_least": (">=", "≥", ">", "lebih dari", "lebih daripada", "di atas", "minimal", "min.",
                 "mahigit", "hindi bababa sa", "more than", "over", "at least", "above"),
    "at_most": ("<=", "≤", "<", "kurang dari", "kurang daripada", "di bawah", "maksimal",
                "maks.", "kulang sa", "less than", "under", "up to", "below", "max."),
}  # fmt: skip


class CellError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Amount(NamedTuple):
    value: Decimal | None
    bound: str = ""  # "" | "about" | "at_least" | "at_most": the cell was "± 100 jt", "> 50 juta"
    currency: str = ""  # the ISO code of a currency sign or word in the cell, when one is clear


def text(value) -> str:
    """A cell as clean text: numbers typed into Excel lose their '.0'."""
    if type(value) is str:  # nearly every cell (all of a CSV's): the quickest test first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


# -- numbers and amounts ----------------------------------------------------------------


class _Words(NamedTuple):
    magnitudes: dict[str, int]  # "juta" -> 10**6, "m" -> 10**9 (for ID)
    suffix: re.Pattern  # a magnitude word at the end of the text
    currency: re.Pattern  # a currency sign or word at the start or the end
    currency_codes: dict[str, str]  # "rp" -> "IDR"; "$" -> "" (whose dollar?)
    bound: re.Pattern  # a bound word or sign at the start (or "+" at the end)


@cache
def _words(country: str) -> _Words:
    magnitudes: dict[str, int] = {}
    for language in reversed(_LANGUAGE_ORDER.get(country, ("en", "id", "ms", "fil"))):
        formats = Locale.parse(language)._data["compact_decimal_formats"]
        for width in ("short", "long"):
            for magnitude, pattern in formats.get(width, {}).get("other", {}).items():
                # "1000": "0 ribu", "10000": "00 ribu", "1000000": "0 na milyon", "1000": "0K".
                text_form = pattern.pattern.replace("\xa0", " ")
                found = [w for w in re.split(r"[\s0#.,]+", text_form) if w.isalpha() and w != "na"]
                if found:
                    magnitudes[found[-1].lower()] = 10 ** (len(magnitude) - text_form.count("0"))
    magnitudes.update(_EXTRA_MAGNITUDES)
    codes: dict[str, str] = dict(_EXTRA_SIGNS)
    names: set[str] = set()
    territory_words = set()
    for language in LANGUAGES:
        locale = Locale.parse(language)
        territory_words.update(key(n) for n in " ".join(locale.territories.values()).split())
        for currency in _CURRENCIES:
            codes[currency.lower()] = currency
            if symbol := locale.currency_symbols.get(currency):
                codes[symbol.lower()] = "" if symbol == "$" else currency
            names.update((key(w), currency) for w in locale.currencies.get(currency, "").split())
    by_word: dict[str, set[str]] = {}
    for word, currency in names:
        # "rupiah", "ringgit", "peso", "dolar": the words of the currency's names that are not
        # also words of country names (Indonesia, Brunei, ng, US).
        if len(word) > 2 and word not in territory_words:
            by_word.setdefault(word, set()).add(currency)
    for word, currencies in by_word.items():
        # "dollar" is Brunei's and America's: a currency word, but not a clear one.
        codes.setdefault(word, next(iter(currencies)) if len(currencies) == 1 else "")
    signs = sorted(codes, key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in signs)
    bounds = sorted((w for words in _BOUNDS.values() for w in words), key=len, reverse=True)
    return _Words(
        magnitudes=magnitudes,
        suffix=re.compile(
            r"(?i)\s*(" + "|".join(re.escape(m) for m in sorted(magnitudes, key=len, reverse=True))
            + r")\.?$"
        ),
        # At the start, or at the end after a digit or a space ("150 juta rupiah", "500$").
        currency=re.compile(
            rf"(?i)^(?:{alternatives})\.?\s*|\s*(?<![^\W\d_])(?:{alternatives})\.?$"
        ),
        currency_codes=codes,
        bound=re.compile(
            r"(?i)^(" + "|".join(re.escape(b) for b in bounds) + r")(?![^\W\d_])\s*|\s*\+$"
        ),
    )


def _bound_kind(sign: str) -> str:
    sign = sign.strip().lower()
    if sign == "+":
        return "at_least"
    return next(kind for kind, words in _BOUNDS.items() if sign in words)


def parse_amount(value, *, country: str = "ID") -> Amount:
    """An amount as offices write it: `Rp 1,5 jt`, `150 juta rupiah`, `1.5M`, `± 100jt`,
    `> 50 juta` (a bound, told in `bound`); CellError `amount_in_words` for `satu juta`."""
    if value is None or value == "":
        return Amount(None)
    if isinstance(value, bool):
        raise CellError("not_a_number")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError("not_a_number")
        return Amount(Decimal(str(value)))
    raw = str(value).strip().replace("\u00a0", " ")
    if raw in {"", "-", "–"}:
        return Amount(None)
    words = _words(country)
    bound = currency = ""
    for _ in range(2):  # "± Rp 100 jt", "Rp ± 100 jt", "Rp 150 juta rupiah"
        if not bound and (match := words.bound.search(raw)):
            bound = _bound_kind(match.group(1) or "+")
            raw = (raw[: match.start()] + raw[match.end() :]).strip()
        if match := words.currency.search(raw):
            sign = match.group(0).strip().rstrip(".").lower()
            currency = currency or words.currency_codes.get(sign, "")
            raw = (raw[: match.start()] + raw[match.end() :]).strip()
    # "1.500.000,-": the dash of Indonesian bookkeeping for "no cents".
    raw = re.sub(r"[,.]\s*-$", "", raw)
    if raw in {"", "-", "–"}:  # "Rp -": an empty amount cell as accountants write it
        return Amount(None)
    return Amount(_parse_plain(raw, country, words), bound, currency)


def parse_number(value, *, country: str = "ID") -> Decimal | None:
    """A number or amount of money in the office's own writing; None for an empty cell.
    A bound or estimate (`> 50 juta`) is not a number here: see parse_amount."""
    amount = parse_amount(value, country=country)
    if amount.bound:
        raise CellError("not_a_number")
    return amount.value


def _parse_plain(raw: str, country: str, words: _Words) -> Decimal:
    multiplier = 1
    written = raw
    match = words.suffix.search(raw)
    if match and re.search(r"\d", raw[: match.start()]):
        multiplier = words.magnitudes[match.group(1).lower()]
        raw = raw[: match.start()].strip()
    raw = raw.replace(" ", "").replace("'", "")
    if not raw or not re.fullmatch(r"[-+]?[\d.,]+", raw):
        if _in_words(written, words):
            raise CellError("amount_in_words")  # "satu juta", "isang milyon", "one million"
        raise CellError("not_a_number")
    number = _normalise_separators(raw, country, scaled=multiplier != 1)
    try:
        return Decimal(number) * multiplier
    except InvalidOperation:
        raise CellError("not_a_number") from None


def _in_words(raw: str, words: _Words) -> bool:
    """`satu juta`, `dua ratus ribu`, `isang milyon`: words only, one of them a magnitude
    word of CLDR's (short forms of one or two letters, `M`, `jt`, do not count alone)."""
    tokens = re.split(r"[\s\-]+", raw.lower())
    return all(t.isalpha() for t in tokens) and any(
        len(t) > 2 and t in words.magnitudes for t in tokens
    )


def _normalise_separators(raw: str, country: str, *, scaled: bool) -> str:
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        # Whichever comes last is the decimal separator.
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
    elif commas:
        # "1,5 M" or "23,52" is a decimal comma; "1,500,000" groups thousands.
        decimal = (
            ","
            if commas == 1 and (scaled or country in DECIMAL_COMMA or len(raw.split(",")[1]) != 3)
            else None
        )
    elif dots:
        decimal = (
            "."
            if dots == 1 and (scaled or country not in DECIMAL_COMMA or len(raw.split(".")[1]) != 3)
            else None
        )
    else:
        decimal = None
    thousands = {",", "."} - ({decimal} if decimal else set())
    for separator in thousands:
        raw = raw.replace(separator, "")
    return raw.replace(",", ".") if decimal == "," else raw


def parse_int(value, *, country: str = "ID") -> int | None:
    number = parse_number(value, country=country)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError("not_a_whole_number")
    return int(number)


# -- years and dates ----------------------------------------------------------------------


@cache
def _months() -> dict[str, int]:
    """Month names and abbreviations of CLDR's id, ms, fil and en: `maret`, `mac`, `marso`,
    `agu`, `ogos` … -> month number. A name that means two months in two languages is left out."""
    found: dict[str, set[int]] = {}
    for language in LANGUAGES:
        months = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    found.setdefault(key(name), set()).add(number)
    return {name: next(iter(numbers)) for name, numbers in found.items() if len(numbers) == 1}


_EXCEL_SERIALS = (20000, 80000)  # Excel serial days of 1954–2119
_YEAR = re.compile(r"(\d{4})(?:\.0+)?")
_ISO = re.compile(  # 2019-03-12, 2019/03, 2019-03-12T08:00:00 (a date's text)
    r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MY = re.compile(r"(\d{1,2})[-/.](\d{4})")  # 05/2016
# "12 Maret 2019", "12-Mar-2019", "Marso 12, 2019", "March 2019", "Mac 2019"
_NAMED = re.compile(
    r"(?:(\d{1,2})[\s\-/.]+)?([^\W\d_]+)\.?(?:[\s\-/.]+(\d{1,2}))?[\s\-/.,]+(\d{4})"
)


def parse_year(value) -> int | None:
    """The year of a date as offices write it: a year alone, `dd/mm/yyyy`, `dd-mm-yyyy`,
    `mm/yyyy`, `yyyy-mm-dd`, `12 Maret 2019`, `12 Mac 2019`, `Marso 12, 2019`, `March 2019`,
    an Excel date or serial day number. CellError `not_a_year` for anything else, including
    a date that does not exist (31/02/2019) and a two-digit year (12/03/19: which century?)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):  # datetime too
        return value.year
    if isinstance(value, bool):
        raise CellError("not_a_year")
    if isinstance(value, float | int):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError("not_a_year")
        if _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            return (dt.date(1899, 12, 30) + dt.timedelta(days=int(value))).year
        if isinstance(value, float) and not value.is_integer():
            raise CellError("not_a_year")
        return int(value)
    raw = " ".join(str(value).split())
    if match := _YEAR.fullmatch(raw):
        return int(match.group(1))
    if match := _ISO.fullmatch(raw):
        year, month, day = (int(g) if g else 1 for g in match.groups())
        return _valid(year, month, day)
    if match := _DMY.fullmatch(raw):
        first, second, year = (int(g) for g in match.groups())
        # Day first (12/03/2019) in the region; month first (03/12/2019) in American files.
        # The year is the same either way: the date only has to exist one way or the other.
        for day, month in ((first, second), (second, first)):
            if _exists(year, month, day):
                return year
        raise CellError("not_a_year")
    if match := _MY.fullmatch(raw):
        month, year = (int(g) for g in match.groups())
        return _valid(year, month, 1)
    if match := _NAMED.fullmatch(raw):
        day_before, name, day_after, year = match.groups()
        month = _months().get(key(name))
        if month is None or (day_before and day_after):
            raise CellError("not_a_year")
        return _valid(int(year), month, int(day_before or day_after or 1))
    raise CellError("not_a_year")


def _exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _valid(year: int, month: int, day: int) -> int:
    if not _exists(year, month, day):
        raise CellError("not_a_year")
    return year


def parse_list(value) -> list[str]:
    """`halal; PIRT, organik` -> ['halal', 'PIRT', 'organik']."""
    raw = text(value)
    return [part.strip() for part in re.split(r"[;,/|\n]+", raw) if part.strip()]
