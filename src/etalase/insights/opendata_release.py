"""One open-data release: the aggregate tables, suppressed together.

Every figure of the tables per province, per regency / city and per sector is a cell of one
release (`suppression`): a count describing fewer than SUPPRESS_BELOW enterprises is withheld
— a row's product count too when its enterprise count is (Belait's three products are one
enterprise's business) — and further figures are withheld until none can be worked out
from the others: from a province's total and its areas, from a country's total (assumed
known: other pages and reports show it), from the region's products counted by place and by
sector, and from the record-level files, which list the enterprises that agreed to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Substr

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.insights.suppression import AtMost, Cell, Sum, protect
from etalase.regions.models import Area, Subdivision

SUPPRESS_BELOW = 3
REGION = "region"
MEASURES = ("enterprises", "products")


def withheld_if_small(n: int) -> int | None:
    """The count, or None below SUPPRESS_BELOW: the primary rule, for figures outside a
    release (the province page). A release's tables also withhold complements."""
    return n if n >= SUPPRESS_BELOW else None


@dataclass
class _Tally:
    """Per place or sector: enterprises, products, enterprises with products; and how many
    of each the record-level files list (their owners agreed to open data)."""

    enterprises: int = 0
    products: int = 0
    makers: int = 0
    listed_enterprises: int = 0
    listed_products: int = 0
    listed_makers: int = 0


@dataclass
class Release:
    by_subdivision: list[dict]
    by_area: list[dict]
    by_sector: list[dict]
    withheld: int  # how many figures are withheld in all (primary and complementary)


def _tallies():
    """Tallies per (country, subdivision, area or None) and per HS chapter, from two plain
    queries: the public enterprises (id, place, consent), and the published products
    grouped by enterprise and HS chapter, read against them (a product counts when its
    enterprise is public: the publication rule, without joining 100k products to it)."""
    places: dict[tuple, _Tally] = defaultdict(_Tally)
    where: dict[int, tuple[tuple, bool]] = {}
    for pk, country, subdivision, area, listed in _rows(
        Enterprise.objects.public()
        .values_list("id", "country_id", "subdivision_id", "area_id", "open_data_consent")
        .order_by()
    ):
        key = (country, subdivision, area)
        where[pk] = (key, listed)
        places[key].enterprises += 1
        places[key].listed_enterprises += listed
    sectors: dict[str, _Tally] = defaultdict(_Tally)
    makers: set[int] = set()
    for enterprise_id, chapter, n in _rows(
        Product.objects.filter(is_published=True)
        .annotate(chapter=Substr("hs_code_id", 1, 2))
        .values_list("enterprise_id", "chapter").annotate(n=Count("id")).order_by()
    ):
        if enterprise_id not in where:
            continue  # its enterprise is not public: the product is not published
        key, listed = where[enterprise_id]
        place, sector = places[key], sectors[chapter or ""]
        place.products += n
        place.listed_products += n if listed else 0
        if enterprise_id not in makers:
            makers.add(enterprise_id)
            place.makers += 1
            place.listed_makers += listed
        sector.enterprises += 1
        sector.makers += 1
        sector.products += n
        sector.listed_enterprises += listed
        sector.listed_makers += listed
        sector.listed_products += n if listed else 0
    return places, sectors


def _rows(queryset) -> Iterator[tuple]:
    """The queryset's rows as the database driver returns them: ~40k rows through the ORM's
    value converters cost more than the queries (a flag comes back as 0/1 on SQLite, as
    bool on PostgreSQL; both count as integers)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(5000):
            yield from chunk


def _add(into: _Tally, tally: _Tally) -> None:
    for name in vars(into):
        setattr(into, name, getattr(into, name) + getattr(tally, name))


def _cells_of(cells: dict, key: tuple, tally: _Tally, *, listed_row: bool = True,
              publishable: bool = True, fixed: bool = False) -> None:
    """The enterprises and products cells of one row. A listed row (a place that appears in
    a table only because it has enterprises) tells that its enterprises are at least one."""
    few = tally.enterprises < SUPPRESS_BELOW
    cells[("enterprises", *key)] = Cell(
        tally.enterprises, tally.listed_enterprises, floor=1 if listed_row else 0,
        sensitive=few, publishable=publishable, fixed=fixed)
    cells[("products", *key)] = Cell(
        tally.products, tally.listed_products,
        sensitive=few or 0 < tally.makers < SUPPRESS_BELOW,
        publishable=publishable, fixed=fixed)


def build() -> Release:
    places, sectors = _tallies()
    subdivisions: dict[str, _Tally] = defaultdict(_Tally)
    unknown: dict[str, _Tally] = defaultdict(_Tally)
    countries: dict[str, _Tally] = defaultdict(_Tally)
    areas_of: dict[str, set[str]] = defaultdict(set)
    country_of: dict[str, str] = {}
    region = _Tally()
    area_tallies: dict[str, _Tally] = defaultdict(_Tally)
    for (country, subdivision, area), tally in places.items():
        country_of[subdivision] = country
        _add(subdivisions[subdivision], tally)
        _add(countries[country], tally)
        _add(region, tally)
        if area is None:
            _add(unknown[subdivision], tally)
        else:
            _add(area_tallies[area], tally)
            areas_of[subdivision].add(area)
    # Places that only have products of an enterprise outside the public set do not exist:
    # products are counted for public enterprises only, so every place has enterprises.
    cells: dict = {}
    sums: list[Sum] = []
    at_most: list[AtMost] = []
    _cells_of(cells, (REGION,), region, fixed=True)
    for country, tally in countries.items():
        _cells_of(cells, ("country", country), tally, fixed=True)
    for subdivision, tally in subdivisions.items():
        _cells_of(cells, ("subdivision", subdivision), tally)
        _cells_of(cells, ("unknown", subdivision), unknown[subdivision], listed_row=False,
                  publishable=False)
    for area, tally in area_tallies.items():
        _cells_of(cells, ("area", area), tally)
    for chapter, tally in sectors.items():
        _cells_of(cells, ("sector", chapter), tally)
        at_most.append(AtMost(("enterprises", "sector", chapter), ("products", "sector", chapter)))
    for measure in MEASURES:
        sums.append(Sum((measure, REGION), tuple((measure, "country", c) for c in countries)))
        for country in countries:
            sums.append(Sum((measure, "country", country), tuple(
                (measure, "subdivision", s) for s, c in country_of.items() if c == country)))
        for subdivision in subdivisions:
            sums.append(Sum((measure, "subdivision", subdivision), (
                *((measure, "area", a) for a in sorted(areas_of[subdivision])),
                (measure, "unknown", subdivision))))
    sums.append(Sum(("products", REGION), tuple(("products", "sector", c) for c in sectors)))
    withheld = protect(cells, sums, at_most)
    return _tables(cells, withheld, subdivisions, area_tallies, sectors)


def _tables(cells: dict, withheld: set, subdivisions: dict, area_tallies: dict,
            sectors: dict) -> Release:
    def shown(*key):
        return None if key in withheld else cells[key].value

    names = dict(Subdivision.objects.filter(code__in=list(subdivisions))
                 .values_list("code", "name"))
    areas = Area.objects.filter(code__in=list(area_tallies)).values_list(
        "code", "name", "subdivision_id")
    return Release(
        by_subdivision=[
            {"subdivision": code, "name": names.get(code, code),
             **{m: shown(m, "subdivision", code) for m in MEASURES}}
            for code in sorted(subdivisions)
        ],
        by_area=[
            {"area": code, "name": name, "subdivision": subdivision,
             **{m: shown(m, "area", code) for m in MEASURES}}
            for code, name, subdivision in sorted(areas)
        ],
        by_sector=[
            {"hs_chapter": chapter, **{m: shown(m, "sector", chapter) for m in MEASURES}}
            for chapter in sorted(sectors)
        ],
        withheld=sum(1 for key in withheld if cells[key].publishable),
    )
