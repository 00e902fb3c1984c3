"""Reading the province (first-level area) a row names."""

from __future__ import annotations

import re

from etalase.regions.models import Subdivision


class SubdivisionResolver:
    """Reads a province written as an ISO code, a name in any case, or a statistics code."""

    # Indonesia's statistics office (BPS) province codes used in `kdprov` columns.
    BPS = {
        "61": "ID-KB",
        "62": "ID-KT",
        "63": "ID-KS",
        "64": "ID-KI",
        "65": "ID-KU",
        "71": "ID-SA",
        "72": "ID-ST",
        "73": "ID-SN",
        "74": "ID-SG",
        "75": "ID-GO",
        "76": "ID-SR",
        "81": "ID-MA",
        "82": "ID-MU",
        "91": "ID-PB",
        "94": "ID-PA",
    }

    def __init__(self, country: str) -> None:
        self.by_key: dict[str, Subdivision] = {}
        self.by_code: dict[str, Subdivision] = {}
        for sub in Subdivision.objects.filter(country_id=country).select_related("parent"):
            self.by_code[sub.code] = sub
            self.by_key[self._key(sub.code)] = sub
            self.by_key[self._key(sub.code.split("-", 1)[1])] = sub
            self.by_key.setdefault(self._key(sub.name), sub)
            label = sub.focus_area_label.split("(")
            if sub.focus_area_label:
                self.by_key.setdefault(self._key(label[0]), sub)
                if len(label) > 1:
                    self.by_key.setdefault(self._key(label[1].rstrip(")")), sub)
        if country == "ID":
            for code, iso in self.BPS.items():
                if self._key(iso) in self.by_key:
                    self.by_key[code] = self.by_key[self._key(iso)]

    @staticmethod
    def _key(value: str) -> str:
        value = re.sub(
            r"^(provinsi|prov\.?|province of|province|negeri|lalawigan ng|"
            r"wilayah persekutuan|federal territory of|w\.?p\.?)\s+",
            "",
            value.strip().lower(),
        )
        return re.sub(r"[^a-z0-9]+", "", value)

    def resolve(self, value: str) -> Subdivision | None:
        return self.by_key.get(self._key(value))
