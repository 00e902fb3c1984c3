"""Turning the text offices type into values: numbers, money, years, lists.

Number styles differ by country: Indonesia writes `15.481` for fifteen thousand and
`23,52` with a decimal comma; Malaysia and the Philippines write `1,500.50`. Words
and letters for magnitudes are common (`1,5 M` = 1.5 billion rupiah, `RM 300k`,
`2 juta`), and so are currency prefixes (`Rp`, `RM`, `₱`, `PHP`, `B$`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

# Countries whose convention is "." for thousands and "," for decimals.
DECIMAL_COMMA = {"ID"}

_CURRENCY = re.compile(r"(?i)^(?:rp\.?|idr|rm|myr|php|₱|p|b\$|bnd|usd|us\$|\$)\s*")
_SUFFIX = re.compile(
    r"(?i)\s*(k|rb|ribu|ribo|jt|juta|m|mil|million|miliar|milyar|b|bn|billion|t|triliun)\.?$"
)
_MAGNITUDE = {
    "k": 10**3,
    "rb": 10**3,
    "ribu": 10**3,
    "ribo": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    "mil": 10**6,
    "million": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "t": 10**12,
    "triliun": 10**12,
}


class CellError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def text(value) -> str:
    """A cell as clean text: numbers typed into Excel lose their '.0'."""
    if type(value) is str:  # nearly every cell (all of a CSV's): the quickest test first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_number(value, *, country: str = "ID") -> Decimal | None:
    """A number or amount of money in the office's own writing; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("not_a_number")
    if isinstance(value, int | float):
        return Decimal(str(value))
    raw = str(value).strip().replace("\u00a0", " ")
    if raw in {"", "-", "–"}:
        return None
    raw = _CURRENCY.sub("", raw).strip()
    multiplier = 1
    match = _SUFFIX.search(raw)
    if match and re.search(r"\d", raw[: match.start()]):
        word = match.group(1).lower()
        # "M" means miliar (10^9) in Indonesian writing but million elsewhere.
        multiplier = (10**9 if country == "ID" else 10**6) if word == "m" else _MAGNITUDE[word]
        raw = raw[: match.start()].strip()
    raw = raw.replace(" ", "").replace("'", "")
    if not raw or not re.fullmatch(r"[-+]?[\d.,]+", raw):
        raise CellError("not_a_number")
    number = _normalise_separators(raw, country, scaled=multiplier != 1)
    try:
        return Decimal(number) * multiplier
    except InvalidOperation:
        raise CellError("not_a_number") from None


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


def parse_year(value) -> int | None:
    """A year as typed, an Excel date, or an Excel serial day number."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.year
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = int(value)
        if 20000 <= number <= 80000:  # an Excel serial date (1954–2119)
            return (dt.date(1899, 12, 30) + dt.timedelta(days=number)).year
        return number
    raw = str(value).strip()
    match = re.fullmatch(
        r"(\d{4})(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?|\d{1,2}[-/.]\d{1,2}[-/.](\d{4})", raw
    )
    if not match:
        raise CellError("not_a_year")
    return int(match.group(1) or match.group(2))


def parse_list(value) -> list[str]:
    """`halal; PIRT, organik` -> ['halal', 'PIRT', 'organik']."""
    raw = text(value)
    return [part.strip() for part in re.split(r"[;,/|\n]+", raw) if part.strip()]
