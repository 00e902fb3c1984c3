"""Indicative conversion of a price range into US dollars.

The rates are indicative mid-market figures (units of the currency per US dollar, 2025)
for the currencies of the region; the page says they are indicative and dated. A
deployment that needs daily rates replaces `RATES_PER_USD` from its own source.
"""

from __future__ import annotations

from decimal import Decimal

RATES_AS_OF = "2025"
RATES_PER_USD: dict[str, Decimal] = {
    "USD": Decimal("1"),
    "IDR": Decimal("16300"),
    "MYR": Decimal("4.25"),
    "PHP": Decimal("57.5"),
    "BND": Decimal("1.30"),
    "SGD": Decimal("1.30"),
    "THB": Decimal("33.0"),
    "VND": Decimal("26000"),
    "EUR": Decimal("0.88"),
}


def to_usd(amount: Decimal | None, currency: str) -> Decimal | None:
    rate = RATES_PER_USD.get((currency or "").upper())
    if amount is None or rate is None:
        return None
    value = amount / rate
    # Two significant decimals for small amounts, whole dollars above 100.
    return value.quantize(Decimal("1") if value >= 100 else Decimal("0.01"))


def usd_range(low: Decimal | None, high: Decimal | None, currency: str
              ) -> tuple[Decimal | None, Decimal | None] | None:
    """The range in USD, or None when the currency is USD already or has no known rate."""
    if (currency or "").upper() == "USD":
        return None
    converted = (to_usd(low, currency), to_usd(high, currency))
    return converted if any(v is not None for v in converted) else None
