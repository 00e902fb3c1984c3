"""Figures per second-level area (kabupaten/kota, city/municipality, district).

An office counts by regency: how many enterprises each of its areas has, how many export,
how many products they publish, and how many records still have no area at all (their
locality never matched an official area), so that it knows which records to correct.

The officer's breakdown is one grouped statement over its enterprises (the published products
counted per enterprise by a correlated subquery on catalog's (enterprise, is_published) index,
then summed per area), plus one read of the areas' names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise, ExportStatus
from etalase.insights.scope import Area as Scope
from etalase.insights.selectors import Row
from etalase.regions.models import Area
from etalase.regions.selectors import subdivision_codes

# The key of the row counting enterprises without an area (no area code looks like it).
UNKNOWN = "none"
# Bars drawn in the chart; the table lists every area.
CHART_ROWS = 20


def area_names(codes: Iterable[str], *, groups: bool = True) -> dict[str, str]:
    """Names of the areas of these subdivisions, by code. A name that several of them
    share (San Jose is a municipality of many Philippine provinces) carries its province's
    code, so the rows of a region stay apart. Without `groups`, the areas that hold others
    (a Philippine province, beside its cities and municipalities) are left out."""
    rows = list(
        Area.objects.filter(subdivision_id__in=list(codes)).values_list(
            "code", "name", "subdivision_id", "parent_id"
        )
    )
    if not groups:
        holders = {parent for *_rest, parent in rows if parent}
        rows = [row for row in rows if row[0] not in holders]
    repeated = {name for name, n in Counter(row[1] for row in rows).items() if n > 1}
    return {
        code: f"{name} ({subdivision})" if name in repeated else name
        for code, name, subdivision, _parent in rows
    }


def _published_products() -> Subquery:
    per_enterprise = (
        Product.objects.filter(enterprise=OuterRef("pk"), is_published=True)
        .order_by()
        .values("enterprise")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(per_enterprise, output_field=IntegerField()), Value(0))


def counts_by_area(scope: Scope) -> dict[str | None, dict[str, int]]:
    """Per area code (None: no area): enterprises, exporting ones, published products."""
    rows = (
        scope.enterprises()
        .alias(published_products=_published_products())
        .values("area_id")
        .annotate(
            enterprises=Count("id"),
            exporting=Count("id", filter=Q(export_status=ExportStatus.EXPORTING)),
            products=Sum("published_products"),
        )
        .order_by()
    )
    return {
        row["area_id"]: {
            "enterprises": row["enterprises"],
            "exporting": row["exporting"],
            "products": row["products"] or 0,
        }
        for row in rows
    }


def by_area(scope: Scope) -> list[Row]:
    """A province's enterprises per area: every area of the province (also those without
    any enterprise yet, which an office wants to see), the busiest first, and last the row
    of enterprises whose area is not known. Each row's value is the enterprises; `more`
    holds (exporting, products published)."""
    if scope.level != "province":
        return []
    counts = counts_by_area(scope)
    # Every municipality of a Philippine province is listed; the province itself (an area
    # too, holding them) only when enterprises are placed in it.
    names = area_names(subdivision_codes(scope.code), groups=False)
    # An enterprise placed in an area not listed (the province as a whole; an area of
    # another province: data to correct) still counts.
    strays = [code for code in counts if code is not None and code not in names]
    if strays:
        names.update(Area.objects.filter(code__in=strays).values_list("code", "name"))
    empty = {"enterprises": 0, "exporting": 0, "products": 0}
    rows = [_row(code, name, counts.get(code, empty)) for code, name in names.items()]
    rows.sort(key=lambda r: (-r.value, r.label))
    rows.append(_row(UNKNOWN, _("Area not known"), counts.get(None, empty)))
    return rows


def _row(key: str, label: str, figures: dict[str, int]) -> Row:
    return Row(key, label, figures["enterprises"], (figures["exporting"], figures["products"]))


def headers() -> list[str]:
    return [_("Regency / city"), _("Enterprises"), _("Exporting"), _("Products published")]


def chart_rows(rows: list[Row]) -> list[Row]:
    """The areas drawn as bars: the busiest CHART_ROWS with any enterprise, and the row of
    enterprises without an area when there are such."""
    known = [r for r in rows if r.key != UNKNOWN and r.value][:CHART_ROWS]
    unknown = [r for r in rows if r.key == UNKNOWN and r.value]
    return known + unknown


# --- Public figures (the gallery's province page) ------------------------------------------


def public_enterprises_by_area(codes: list[str]) -> dict[str | None, dict[str, int]]:
    """Public enterprises of these subdivisions per area (None: no area), with how many of
    them are verified and exporting: one grouped statement; the page sums it for its
    headline figures."""
    rows = (
        Enterprise.objects.public()
        .filter(subdivision_id__in=codes)
        .values("area_id")
        .annotate(
            enterprises=Count("id"),
            verified=Count("id", filter=Q(verified_at__isnull=False)),
            exporting=Count("id", filter=Q(export_status=ExportStatus.EXPORTING)),
        )
        .order_by()
    )
    return {row.pop("area_id"): row for row in rows}
