"""Regional value content from an owner's own figures, by the formulas of ATIGA Article 29.

Direct method ("build-up", Art. 29(1)(a)):
    RVC = (ASEAN material cost + direct labour cost + direct overhead cost + other cost
           + profit) / FOB price x 100 %
Indirect method ("build-down", Art. 29(1)(b)):
    RVC = (FOB price - value of non-originating materials, parts or goods) / FOB price x 100 %
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

THRESHOLD = Decimal("40")  # ATIGA Art. 28(1)(a)(i): not less than forty percent
MAX_AMOUNT = Decimal("1e15")
FIELDS = ("fob", "non_originating", "regional_material", "labour", "overhead", "other", "profit")


class RVCError(ValueError):
    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


@dataclass(frozen=True)
class RVCResult:
    method: str  # "build_down" or "build_up"
    percent: Decimal
    threshold: Decimal
    meets: bool

    def as_dict(self) -> dict:
        return {"method": self.method, "percent": str(self.percent),
                "threshold": str(self.threshold), "meets": self.meets}


def parse_amount(field: str, raw: str | None) -> Decimal | None:
    text = (raw or "").strip().replace(",", "")
    if not text:
        return None
    if len(text) > 24:
        raise RVCError(field, "too_long")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RVCError(field, "not_a_number") from None
    if not value.is_finite() or value < 0:
        raise RVCError(field, "negative")
    if value > MAX_AMOUNT:
        raise RVCError(field, "too_large")
    return value


def calculate(figures: dict[str, str | None]) -> list[RVCResult]:
    """Every method the figures allow; FOB is required, and at least one method's parts."""
    values = {field: parse_amount(field, figures.get(field)) for field in FIELDS}
    fob = values["fob"]
    if fob is None:
        raise RVCError("fob", "required")
    if fob == 0:
        raise RVCError("fob", "zero")
    results = []
    if values["non_originating"] is not None:
        if values["non_originating"] > fob:
            raise RVCError("non_originating", "more_than_fob")
        results.append(_result("build_down", (fob - values["non_originating"]) / fob))
    parts = [values[f] for f in ("regional_material", "labour", "overhead", "other", "profit")]
    if any(part is not None for part in parts):
        regional = sum((part or Decimal(0)) for part in parts)
        results.append(_result("build_up", regional / fob))
    if not results:
        raise RVCError("non_originating", "required")
    return results


def _result(method: str, share: Decimal) -> RVCResult:
    percent = (share * 100).quantize(Decimal("0.1"))
    return RVCResult(method, percent, THRESHOLD, percent >= THRESHOLD)
