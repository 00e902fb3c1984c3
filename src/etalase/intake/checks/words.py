"""Export status, sector, export markets and certifications: words mapped to choices."""

from __future__ import annotations

from django.utils.translation import gettext as _

from etalase.intake import cells, vocab


class WordChecks:
    def _check_words(self, row, values, result, problem, warning) -> None:
        raw = cells.text(row.get("export_status"))
        if raw:
            status = vocab.export_status(raw)
            if status is None:
                problem(
                    "export_status",
                    "unknown_export_status",
                    _("“%(value)s” is not an export status (not yet / ready / exporting).")
                    % {"value": raw[:40]},
                    raw,
                )
            else:
                values["export_status"] = status
        raw = cells.text(row.get("sector"))
        if raw:
            values["sector_kind"] = vocab.sector(raw) or "other"
        markets = []
        for word in self.parse_list(row.get("export_markets")):
            code = word.upper() if len(word) == 2 else None
            if code is None:
                import pycountry

                try:
                    code = pycountry.countries.lookup(word).alpha_2
                except LookupError:
                    warning(
                        "export_markets",
                        "unknown_country",
                        _("“%(value)s” is not a country we know; it was left out.")
                        % {"value": word[:40]},
                        word,
                    )
                    continue
            markets.append(code)
        if markets:
            values["export_markets"] = sorted(set(markets))
        for word in self.parse_list(row.get("certifications")):
            if word.lower() in {"-", "tidak ada", "none", "wala", "tiada", "belum"}:
                continue
            kind = vocab.certification(word)
            if kind is None:
                warning(
                    "certifications",
                    "unknown_certification",
                    _("“%(value)s” is not a certification we know; it was left out.")
                    % {"value": word[:40]},
                    word,
                )
            elif kind not in result.certifications:
                result.certifications.append(kind)
