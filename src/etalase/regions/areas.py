"""Second-level areas: loading them from the committed CSVs, and reading them for a resolver.

The CSVs (regions/data/areas/{ID,PH,MY,BN}.csv) are built by ``bin/build-areas`` from the
sources named in regions/data/areas/README.md. ``load_areas`` is used by the data migration
(with historical models) and by ``etalase load_regions``; it upserts, so it is re-runnable.
Areas no longer in the CSVs are left in place: enterprises may point at them.

Resolving text to an area lives in ``area_names`` (pure); its names are re-exported here.
"""

from __future__ import annotations

import csv
from importlib import resources

from etalase.regions.area_names import (
    AreaMatch,
    AreaRef,
    AreaResolver,
    AreaRow,
    stored_area_code,
)

__all__ = ["COUNTRIES", "AreaMatch", "AreaRef", "AreaResolver", "AreaRow", "area_rows",
           "load_areas", "read_areas", "rows_of", "stored_area_code"]

COUNTRIES = ("ID", "PH", "MY", "BN")
FIELDS = ["subdivision", "parent", "name", "kind", "official_code", "source"]


def read_areas(country: str) -> list[dict[str, str]]:
    """One country's rows as the CSV has them (code, subdivision, parent, name, …)."""
    data = resources.files("etalase.regions").joinpath(f"data/areas/{country}.csv")
    with data.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_areas(area_model, subdivision_model) -> int:
    """Create or update every area of the CSVs; returns how many there are.

    Raises ValueError when an area names a subdivision the database does not have (the CSVs
    were built against another pycountry than the one installed: rebuild them)."""
    known = set(subdivision_model.objects.values_list("code", flat=True))
    areas = []
    for country in COUNTRIES:
        for row in read_areas(country):
            if row["subdivision"] not in known:
                raise ValueError(
                    f"area {row['code']} lies in {row['subdivision']}, which is not a loaded "
                    "subdivision: rebuild the area CSVs with bin/build-areas"
                )
            areas.append(area_model(
                code=row["code"], country_id=country, subdivision_id=row["subdivision"],
                parent_id=row["parent"] or None, name=row["name"], kind=row["kind"],
                official_code=row["official_code"], source=row["source"],
            ))
    # Parents (Philippine provinces) first: a database that checks each row's foreign key
    # at once then never sees a child before its parent.
    areas.sort(key=lambda a: a.parent_id is not None)
    area_model.objects.bulk_create(
        areas, batch_size=1000, update_conflicts=True, unique_fields=["code"],
        update_fields=["country", *FIELDS],
    )
    return len(areas)


def rows_of(area_model, country: str) -> list[AreaRow]:
    """The rows an AreaResolver needs, in one query; works with historical models too."""
    values = area_model.objects.filter(country_id=country.upper()).values_list(
        "code", "name", "kind", "official_code", "subdivision_id", "subdivision__name",
        "subdivision__parent_id",
    )
    return [AreaRow(*v) for v in values]


def area_rows(country: str) -> list[AreaRow]:
    from etalase.regions.models import Area

    return rows_of(Area, country)
