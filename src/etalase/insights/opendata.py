"""Open data: aggregates per province, regency / city and sector, and the registry's records
whose owners agreed to it, non-personal.

Published under CC BY 4.0. The aggregate tables form one release suppressed together
(`opendata_release`): counts describing fewer than SUPPRESS_BELOW enterprises are withheld
(null), and so are the figures that would let one work them out. The record-level files list
only enterprises whose owner agreed to open data (`Enterprise.open_data_consent`, not given
by default) — a list of every public enterprise with its province would recount any
withheld figure — and the products of those enterprises.

The field lists are the ones the Table Schemas describe (`opendata_schema`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.insights import opendata_release
from etalase.insights.opendata_release import SUPPRESS_BELOW, withheld_if_small
from etalase.spreadsheets import csv_safe

__all__ = ["DATASETS", "LICENCE", "SUPPRESS_BELOW", "as_csv", "as_json", "withheld_if_small"]

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
DATASETS = ("enterprises", "products", "by_subdivision", "by_area", "by_sector")
AGGREGATES = ("by_subdivision", "by_area", "by_sector")
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
AGGREGATE_FIELDS = {
    "by_subdivision": ["subdivision", "name", "enterprises", "products"],
    "by_area": ["area", "name", "subdivision", "enterprises", "products"],
    "by_sector": ["hs_chapter", "enterprises", "products"],
}


def release() -> opendata_release.Release:
    """The three aggregate tables, suppressed together (read them from one release: two
    separate builds could differ if the registry changed in between)."""
    return opendata_release.build()


def by_subdivision() -> list[dict]:
    return release().by_subdivision


def by_area() -> list[dict]:
    """Public enterprises and their published products per second-level area (records whose
    area is not known are in their province's figures only)."""
    return release().by_area


def by_sector() -> list[dict]:
    return release().by_sector


def listed_enterprises():
    """The enterprises of the record-level file: public, and their owner agreed to it."""
    return Enterprise.objects.public().filter(open_data_consent=True)


def listed_products():
    return Product.objects.published().filter(enterprise__open_data_consent=True)


def fields(dataset: str) -> list[str]:
    if dataset == "enterprises":
        return ENTERPRISE_FIELDS
    if dataset == "products":
        return PRODUCT_FIELDS
    return AGGREGATE_FIELDS[dataset]


def _records(dataset: str):
    if dataset == "enterprises":
        return ENTERPRISE_FIELDS, listed_enterprises().order_by("id").values_list(
            *ENTERPRISE_FIELDS
        ).iterator(chunk_size=2000)
    if dataset == "products":
        return PRODUCT_FIELDS, listed_products().order_by("id").values_list(
            *PRODUCT_FIELDS
        ).iterator(chunk_size=2000)
    rows = getattr(release(), dataset)
    headers = AGGREGATE_FIELDS[dataset]
    return headers, ([r[h] for h in headers] for r in rows)


def as_csv(dataset: str) -> str:
    headers, rows = _records(dataset)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_safe(_iso(v)) for v in row])
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
    return str(_iso(value))


def _iso(value):
    """Times as ISO 8601 in UTC (`2026-01-05T08:30:00Z`), as the Table Schema's datetime."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value
