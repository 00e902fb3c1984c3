"""The row's product and its HS code."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from etalase.intake import cells


class ProductChecks:
    def _check_product(self, row, result, problem) -> None:
        name = cells.text(row.get("product"))
        raw_hs = cells.text(row.get("hs_code"))
        hs = re.sub(r"\D", "", raw_hs)
        if raw_hs and (len(hs) != 6 or hs not in self.hs_codes):
            problem(
                "hs_code",
                "unknown_hs_code",
                _("“%(value)s” is not an HS 2022 subheading (6 digits, e.g. 1801.00).")
                % {"value": raw_hs[:20]},
                raw_hs,
            )
            return
        if name and hs:
            result.product = {"name": name[:200], "hs_code_id": hs}
