"""Open data: aggregates per province, regency / city and sector, and the published registry,
non-personal.

Published under CC BY 4.0. Counts below SUPPRESS_BELOW are withheld (shown as null):
in a small regency a count of one or two can point at a person's business.
"""

from __future__ import annotations

import csv
import io
import json

from django.db.models import Count
from django.db.models.functions import Substr

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.regions.models import Area, Subdivision
from etalase.spreadsheets import csv_safe

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
SUPPRESS_BELOW = 3
DATASETS = ("enterprises", "products", "by_subdivision", "by_area", "by_sector")
# Only fields that say nothing about a person: no contact, no identifier, no finances.
ENTERPRISE_FIELDS = [
    "id",
    "trade_name",
    "legal_name",
    "country_id",
    "subdivision_id",
    "regency",
    "area_id",
    "size_class",
    "export_status",
    "year_established",
    "verified_at",
]
PRODUCT_FIELDS = [
    "id",
    "enterprise_id",
    "name",
    "hs_code_id",
    "unit",
    "monthly_capacity",
    "price_min",
    "price_max",
    "currency",
]


def withheld_if_small(n: int) -> int | None:
    """The count, or None (withheld) below SUPPRESS_BELOW: every public figure goes through
    this (open data, the province page)."""
    return n if n >= SUPPRESS_BELOW else None


def by_subdivision() -> list[dict]:
    counts = dict(
        Enterprise.objects.public().values_list("subdivision_id").annotate(n=Count("id")).order_by()
    )
    products = dict(
        Product.objects.published()
        .values_list("enterprise__subdivision_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    names = dict(Subdivision.objects.filter(code__in=counts).values_list("code", "name"))
    return [
        {
            "subdivision": code,
            "name": names.get(code, code),
            "enterprises": withheld_if_small(n),
            "products": withheld_if_small(products.get(code, 0)),
        }
        for code, n in sorted(counts.items())
    ]


def by_area() -> list[dict]:
    """Public enterprises and their published products per second-level area (records whose
    area is not known are in their province's figures only)."""
    counts = dict(
        Enterprise.objects.public()
        .filter(area__isnull=False)
        .values_list("area_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    products = dict(
        Product.objects.published()
        .filter(enterprise__area__isnull=False)
        .values_list("enterprise__area_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    areas = Area.objects.filter(code__in=list(counts)).values_list("code", "name", "subdivision_id")
    return [
        {
            "area": code,
            "name": name,
            "subdivision": subdivision,
            "enterprises": withheld_if_small(counts[code]),
            "products": withheld_if_small(products.get(code, 0)),
        }
        for code, name, subdivision in sorted(areas)
    ]


def by_sector() -> list[dict]:
    rows = (
        Product.objects.published()
        .annotate(chapter=Substr("hs_code_id", 1, 2))
        .values_list("chapter")
        .annotate(e=Count("enterprise", distinct=True), p=Count("id"))
        .order_by("chapter")
    )
    return [
        {"hs_chapter": c, "enterprises": withheld_if_small(e), "products": withheld_if_small(p)}
        for c, e, p in rows
    ]


def _records(dataset: str):
    if dataset == "enterprises":
        return ENTERPRISE_FIELDS, Enterprise.objects.public().order_by("id").values_list(
            *ENTERPRISE_FIELDS
        ).iterator(chunk_size=2000)
    if dataset == "products":
        return PRODUCT_FIELDS, Product.objects.published().order_by("id").values_list(
            *PRODUCT_FIELDS
        ).iterator(chunk_size=2000)
    rows = {"by_subdivision": by_subdivision, "by_area": by_area}.get(dataset, by_sector)()
    headers = list(rows[0]) if rows else []
    return headers, ([r[h] for h in headers] for r in rows)


def as_csv(dataset: str) -> str:
    headers, rows = _records(dataset)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return buffer.getvalue()


def as_json(dataset: str) -> str:
    headers, rows = _records(dataset)
    return json.dumps(
        {
            "licence": LICENCE,
            "dataset": dataset,
            "records": [dict(zip(headers, map(_plain, row), strict=True)) for row in rows],
        },
        ensure_ascii=False,
    )


def _plain(value):
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)
