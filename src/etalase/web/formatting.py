"""Numbers, money and dates in the reader's language, through Babel's CLDR data.

Django's own localisation knows no `fil` and formats money without a currency; Babel
knows all four of our languages (`en`, `id`, `ms`, `fil`) and every ISO 4217 currency.
The template filters in `templatetags/etalase_format.py` are thin wrappers of these
functions, so Python code (PDF exports, e-mails, API text) formats the same way.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import (
    NumberPattern,
    format_compact_decimal,
    format_currency,
    format_decimal,
)
from django.utils import timezone
from django.utils.translation import get_language

DEFAULT_LOCALE = "en"
MAX_MAGNITUDE = 24


@lru_cache(maxsize=32)
def babel_locale(language: str | None) -> Locale:
    """The Babel locale for a Django language code (`fil` → `fil`, `en-gb` → `en_GB`)."""
    code = (language or DEFAULT_LOCALE).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        # A code Babel does not know (or garbage from a header) falls back to its language part.
        try:
            return Locale.parse(code.split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse(DEFAULT_LOCALE)


def _current(language: str | None) -> Locale:
    # get_language() is read at call time, not cached: it changes per request.
    return babel_locale(language or get_language())


def to_decimal(value: object) -> Decimal | None:
    """A finite Decimal from a number or numeric text, or None for anything else."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        return None
    # Beyond 10^24 no amount is real, and Babel's quantize overflows the decimal context.
    if not number.is_finite() or number.adjusted() >= MAX_MAGNITUDE:
        return None
    return number


@lru_cache(maxsize=32)
def _whole_pattern(locale: Locale) -> NumberPattern:
    """The locale's currency pattern without decimals, for whole amounts (Rp45.000, not ,00)."""
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern


def money(amount: object, currency: str | None, language: str | None = None) -> str:
    """`45000, "IDR"` → `Rp45.000` in Indonesian, `IDR45,000` in English.

    Whole amounts drop the decimals; others keep the currency's own precision.
    Returns "" when the amount is not a number, and the bare number when the
    currency is not a three-letter code (never raises in a template).
    """
    number = to_decimal(amount)
    if number is None:
        return ""
    locale = _current(language)
    code = (currency or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        return format_decimal(number, locale=locale)
    if number == number.to_integral_value():
        return format_currency(number, code, format=_whole_pattern(locale), locale=locale,
                               currency_digits=False)
    return format_currency(number, code, locale=locale)


def money_range(low: object, high: object, currency: str | None,
                language: str | None = None) -> str:
    """An indicative price range: `Rp45.000–Rp52.000`, or one end when only one is known."""
    low_text, high_text = money(low, currency, language), money(high, currency, language)
    if low_text and high_text and low_text != high_text:
        return f"{low_text}–{high_text}"
    return low_text or high_text


def number(value: object, language: str | None = None) -> str:
    """`12345` → `12,345` (en, ms, fil), `12.345` (id)."""
    parsed = to_decimal(value)
    if parsed is None:
        return ""
    return format_decimal(parsed, locale=_current(language))


def compact_number(value: object, language: str | None = None) -> str:
    """`1250000` → `1.2M` (en), `1,2 jt` (id), `1.2J` (ms): figures on cards and dashboards."""
    number = to_decimal(value)
    if number is None:
        return ""
    return format_compact_decimal(number, locale=_current(language), fraction_digits=1)


def date_local(value: object, fmt: str = "medium", language: str | None = None) -> str:
    """A date (or datetime, shown in the site's time zone) as the reader writes it.

    `fmt` is a CLDR width (`short`, `medium`, `long`, `full`) or a CLDR pattern.
    """
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, dt.date):
        return ""
    return format_date(value, format=fmt or "medium", locale=_current(language))
