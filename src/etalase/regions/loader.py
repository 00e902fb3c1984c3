"""Load countries and subdivisions from pycountry and flag the BIMP-EAGA focus areas.

Used by the data migration and by `etalase load_regions` (re-runnable: it upserts).
"""

import csv
from importlib import resources

import pycountry

BIMP_EAGA = {"BN", "ID", "MY", "PH"}
ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"}
# Currencies the platform prices in; pycountry has no country->currency map.
COUNTRY_CURRENCY = {
    "BN": "BND",
    "ID": "IDR",
    "MY": "MYR",
    "PH": "PHP",
    "SG": "SGD",
    "TH": "THB",
    "VN": "VND",
    "KH": "KHR",
    "LA": "LAK",
    "MM": "MMK",
    "TL": "USD",
    "CN": "CNY",
    "JP": "JPY",
    "KR": "KRW",
    "AU": "AUD",
    "US": "USD",
    "GB": "GBP",
    "IN": "INR",
}


def focus_areas() -> list[dict[str, str]]:
    text = resources.files("etalase.regions").joinpath("data/bimp-eaga-focus-areas.csv")
    with text.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load(country_model, subdivision_model) -> tuple[int, int]:
    countries = [
        country_model(
            code=c.alpha_2,
            alpha3=c.alpha_3,
            numeric=c.numeric,
            name=getattr(c, "common_name", None) or c.name,
            is_bimp_eaga=c.alpha_2 in BIMP_EAGA,
            is_asean=c.alpha_2 in ASEAN,
            currency=COUNTRY_CURRENCY.get(c.alpha_2, ""),
        )
        for c in pycountry.countries
    ]
    country_model.objects.bulk_create(
        countries,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["alpha3", "numeric", "name", "is_bimp_eaga", "is_asean", "currency"],
    )
    focus = {row["iso_3166_2"]: row["area"] for row in focus_areas()}
    # A row may name a whole country (Brunei) or a region whose provinces are all in scope.
    whole_countries = {code for code in focus if len(code) == 2}
    for s in pycountry.subdivisions:
        parent = getattr(s, "parent_code", None)
        if s.code not in focus and parent in focus:
            focus[s.code] = focus[parent]
        elif s.code not in focus and s.country_code in whole_countries:
            focus[s.code] = focus[s.country_code]
    subdivisions = [
        subdivision_model(
            code=s.code,
            country_id=s.country_code,
            name=s.name,
            type=s.type,
            is_focus_area=s.code in focus,
            focus_area_label=focus.get(s.code, ""),
        )
        for s in pycountry.subdivisions
    ]
    subdivision_model.objects.bulk_create(
        subdivisions,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["country", "name", "type", "is_focus_area", "focus_area_label"],
    )
    # Parents in a second pass: a parent may come after its child in pycountry's order.
    parents = {
        s.code: s.parent_code for s in pycountry.subdivisions if getattr(s, "parent_code", None)
    }
    by_code = {s.code: s for s in subdivision_model.objects.filter(code__in=parents)}
    known = {s.code for s in pycountry.subdivisions}
    for code, parent_code in parents.items():
        if parent_code in known:
            by_code[code].parent_id = parent_code
    subdivision_model.objects.bulk_update(by_code.values(), ["parent"], batch_size=500)
    return len(countries), len(subdivisions)
