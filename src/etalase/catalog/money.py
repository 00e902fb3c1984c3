"""Indicative conversion of a price range into US dollars, for buyers abroad.

The rates are the European Central Bank's dated reference rates that the trade app keeps
(`etalase.trade.currency`: shipped offline, refreshed by an operator's command), so the page
can say which day's rate it used; none is typed here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from etalase.trade import currency


def usd_range(
    low: Decimal | None, high: Decimal | None, code: str
) -> tuple[Decimal | None, Decimal | None, dt.date] | None:
    """The range in USD and the date of the rate, or None when the currency is USD already
    or has no rate."""
    if not code or code.upper() == "USD":
        return None
    converted = [currency.convert(value, code, "USD") for value in (low, high)]
    found = [c for c in converted if c is not None]
    if not found:
        return None
    low_usd, high_usd = (c.amount if c is not None else None for c in converted)
    return low_usd, high_usd, found[0].rate_date
