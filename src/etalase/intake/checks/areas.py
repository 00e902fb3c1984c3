"""The regency / city cell: the second-level area it names, and whether it is the office's."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from etalase.intake import cells
from etalase.intake.results import message


class AreaChecks:
    def _check_area(self, row, values, problem, warning) -> None:
        raw = cells.text(row.get("regency"))
        if not raw or ("subdivision_id" not in values and self.office is None):
            return
        if cells.text(row.get("subdivision")) and "subdivision_id" not in values:
            return  # the row's province is refused already: one error says it
        province = values.get("subdivision_id") or (self.office.code if self.office else "")
        match = self.resolve_area(raw, province)
        if match is None or match.area is None:
            candidates = ", ".join(a.name for a in (match.ambiguous if match else ())[:4])
            if candidates:
                warning(
                    "regency",
                    "ambiguous_area",
                    message(
                        gettext_noop(
                            "“%(value)s” may be %(candidates)s: write the full name (e.g. "
                            "Kabupaten … or Kota …). The row keeps the province %(province)s."
                        ),
                        value=raw[:60], candidates=candidates, province=province,
                    ),
                    raw,
                )
            else:
                warning(
                    "regency",
                    "unknown_area",
                    message(
                        gettext_noop(
                            "“%(value)s” is not a regency, city or district we know; the row "
                            "keeps the province %(province)s."
                        ),
                        value=raw[:60], province=province,
                    ),
                    raw,
                )
            return
        area = match.area
        if not self.in_office(area.subdivision_id):
            problem(
                "regency",
                "area_outside_office",
                message(
                    gettext_noop(
                        "%(area)s lies in %(province)s (%(code)s), outside your office's area "
                        "(%(office)s): send this row to that province's office."
                    ),
                    area=area.name, province=area.subdivision_name,
                    code=area.subdivision_id, office=self.office.code if self.office else "",
                ),
                raw,
            )
            return
        given = values.get("subdivision_id")
        if given and given != area.subdivision_id and not self._contains(given, area):
            problem(
                "regency",
                "area_in_other_province",
                message(
                    gettext_noop(
                        "%(area)s lies in %(province)s (%(code)s), not in the province given on "
                        "this row (%(given)s)."
                    ),
                    area=area.name, province=area.subdivision_name,
                    code=area.subdivision_id, given=given,
                ),
                raw,
            )
            return
        values["area_id"] = area.code
        # The area is more precise than a region office or a blank province cell.
        values["subdivision_id"] = area.subdivision_id
        if match.how == "fuzzy":
            warning(
                "regency",
                "area_guessed",
                message(
                    gettext_noop("“%(value)s” was read as %(area)s: correct the cell if not."),
                    value=raw[:60], area=area.name,
                ),
                raw,
            )

    def _contains(self, code: str, area) -> bool:
        """Whether the province `code` holds the area's province (a PH region holds provinces)."""
        outer = self.subdivisions.by_code.get(code)
        inner = self.subdivisions.by_code.get(area.subdivision_id)
        return outer is not None and outer.contains(inner)
