"""Export status, sector, export markets and certifications: words mapped to choices.

Export markets are country names in any of the four languages (etalase.intake.countries).
When the file gives no export status for a row but names its markets, the status is
"exporting": a list of destinations is what an exporter's row holds. A status that says
"not yet" beside a list of markets is kept as written, with a warning on both.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from etalase.enterprises.models import ExportStatus
from etalase.intake import cells, countries, vocab
from etalase.intake.results import message

# What offices write in a list cell that has nothing to list (id, ms, fil, en).
NOTHING = frozenset({"-", "–", "—", "0", "tidak ada", "tiada", "belum ada", "belum", "none",
                     "nil", "n/a", "na", "wala", "wala pa"})  # fmt: skip


class WordChecks:
    def _check_words(self, row, values, result, problem, warning) -> None:
        raw_status = cells.text(row.get("export_status"))
        status = None
        if raw_status:
            status = vocab.export_status(raw_status)
            if status is None:
                problem(
                    "export_status",
                    "unknown_export_status",
                    message(
                        gettext_noop(
                            "“%(value)s” is not an export status (not yet / ready / exporting)."
                        ),
                        value=raw_status[:40],
                    ),
                    raw_status,
                )
            else:
                values["export_status"] = status
        raw = cells.text(row.get("sector"))
        if raw:
            values["sector_kind"] = vocab.sector(raw) or "other"
        markets = self._check_markets(row, values, warning)
        if markets and not raw_status:
            values["export_status"] = ExportStatus.EXPORTING.value
        elif markets and status == ExportStatus.NOT_YET:
            warning(
                "export_status",
                "export_status_contradiction",
                message(
                    gettext_noop(
                        "The status says “%(value)s” but export markets are listed "
                        "(%(markets)s); both were kept as written."
                    ),
                    value=raw_status[:40],
                    markets=", ".join(markets)[:80],
                ),
                raw_status,
            )
        for word in self.parse_list(row.get("certifications")):
            if word.lower() in NOTHING:
                continue
            kind = vocab.certification(word)
            if kind is None:
                warning(
                    "certifications",
                    "unknown_certification",
                    message(
                        gettext_noop(
                            "“%(value)s” is not a certification we know; it was left out."
                        ),
                        value=word[:40],
                    ),
                    word,
                )
            elif kind not in result.certifications:
                result.certifications.append(kind)

    def _check_markets(self, row, values, warning) -> list[str]:
        """The row's export markets as ISO codes into `values`; a warning for each name that is
        not one. Returns the names written: those that could not be used count too (a row
        listing only "Timur Tengah" does export)."""
        raw = cells.text(row.get("export_markets"))
        if not raw or raw.lower() in NOTHING:
            return []
        markets: list[str] = []
        written = []
        for word in countries.split_names(raw):
            if word.lower() in NOTHING:
                continue
            written.append(word)
            found = countries.country_code(word)
            if found.code:
                markets.append(found.code)
            elif found.ambiguous:
                warning(
                    "export_markets",
                    "ambiguous_country",
                    message(
                        gettext_noop(
                            "“%(value)s” may be any of %(codes)s: write the country's full name. "
                            "It was left out."
                        ),
                        value=word[:40],
                        codes=", ".join(found.ambiguous),
                    ),
                    word,
                )
            elif found.region:
                warning(
                    "export_markets",
                    "unknown_country",
                    message(
                        gettext_noop(
                            "“%(value)s” is a region, not a country: name the countries. "
                            "It was left out."
                        ),
                        value=word[:40],
                    ),
                    word,
                )
            elif close := countries.suggestion(word):
                warning(
                    "export_markets",
                    "unknown_country",
                    message(
                        gettext_noop(
                            "“%(value)s” is not a country we know (did you mean %(suggestion)s?); "
                            "it was left out."
                        ),
                        value=word[:40],
                        suggestion=close,
                    ),
                    word,
                )
            else:
                warning(
                    "export_markets",
                    "unknown_country",
                    message(
                        gettext_noop("“%(value)s” is not a country we know; it was left out."),
                        value=word[:40],
                    ),
                    word,
                )
        if markets:
            values["export_markets"] = sorted(set(markets))
        return written
