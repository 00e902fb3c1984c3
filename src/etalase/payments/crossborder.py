"""Who can pay a merchant's QR from abroad: a reading of data/cross_border.json.

The links change as central banks announce them, so they live in data, not code.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).parent / "data" / "cross_border.json"


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return json.loads(_DATA.read_text("utf-8"))


def _payers(merchant_scheme: str) -> tuple[dict[str, Any], ...]:
    table = _table()
    rows = []
    for link in table["links"]:
        if link["merchant"] == merchant_scheme:
            payer = link["payer"]
        elif link["both_ways"] and link["payer"] == merchant_scheme:
            payer = link["merchant"]
        else:
            continue
        rows.append({
            "scheme": payer,
            "country": table["schemes"][payer]["country"],
            "since": link["since"],
            "since_verified": link["since_verified"],
            "source": link["source"],
        })
    # Oldest links first: the most established way to pay is the one to show first.
    return tuple(sorted(rows, key=lambda row: (row["since"], row["scheme"])))


_payers_cached = lru_cache(maxsize=64)(_payers)


def payers_for(merchant_scheme: str | None) -> list[dict[str, Any]]:
    """Home schemes whose apps can pay a code of `merchant_scheme` (the scheme names of
    emv.parse()), each {"scheme", "country" (ISO alpha-2), "since", "since_verified", "source"}.
    Empty for an unknown scheme or one with no live link (QR Ph today)."""
    if not merchant_scheme:
        return []
    # Copies, so a caller that edits a row cannot change the cached table.
    return copy.deepcopy(list(_payers_cached(merchant_scheme)))


def rate_note() -> str:
    """The note to show beside the list (untranslated source text; templates translate theirs)."""
    return str(_table()["rate_note"])


def pending_notes(country_code: str | None) -> list[str]:
    """Facts about links in preparation for a merchant's country (e.g. PH, BN)."""
    return [p["note"] for p in _table()["pending"] if p["country"] == country_code]
