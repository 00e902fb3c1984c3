"""Reads for the landing page: public figures, the region's provinces, the visitor's roles."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from etalase.accounts.models import RoleAssignment
from etalase.catalog import search
from etalase.enterprises.models import Enterprise
from etalase.regions.models import Country, Subdivision


@dataclass
class ProvinceGroup:
    """One BIMP-EAGA country with its focus-area provinces (states, districts)."""

    country: Country
    provinces: list[Subdivision] = field(default_factory=list)

    @property
    def enterprise_count(self) -> int:
        return sum(p.public_enterprises for p in self.provinces)


def focus_provinces() -> list[Subdivision]:
    """The focus areas at their finest level: provinces, states, Brunei's districts.

    A Philippine region flagged as a focus area lists its provinces, so the region itself
    (a parent of other focus areas) is left out and its provinces stand for it.
    """
    focus = Subdivision.objects.focus_areas()
    containers = focus.exclude(parent=None).values("parent_id")
    return list(focus.exclude(code__in=containers).select_related("country"))


def public_enterprises_by_subdivision() -> dict[str | None, int]:
    # Grouped by country and subdivision, the leading columns of the insights index, which
    # covers every column asked here (grouped by subdivision alone, SQLite walks the
    # subdivision index and reads every row for its consent: ~4x slower).
    return dict(
        Enterprise.objects.public()
        .order_by()  # the model's default ordering would split the GROUP BY
        .values("country_id", "subdivision_id")
        .annotate(n=Count("id"))
        .values_list("subdivision_id", "n")
    )


def region_provinces(counts: dict[str | None, int]) -> list[ProvinceGroup]:
    """Focus provinces grouped by country, each with its count of public enterprises
    (`counts`: `public_enterprises_by_subdivision()`).

    Names are sorted in the reader's language, since that is how the reader scans them.
    """
    groups: dict[str, ProvinceGroup] = {}
    for province in focus_provinces():
        province.public_enterprises = counts.get(province.code, 0)
        group = groups.setdefault(province.country_id, ProvinceGroup(province.country))
        group.provinces.append(province)
    for group in groups.values():
        group.provinces.sort(key=lambda p: p.display_name.casefold())
    return sorted(groups.values(), key=lambda g: g.country.display_name.casefold())


def home_figures() -> dict:
    """The public figures of the landing page: only what the public gallery may show."""
    counts = public_enterprises_by_subdivision()
    groups = region_provinces(counts)
    return {
        "enterprise_count": sum(counts.values()),
        "product_count": search.public_product_count(),
        "province_count": sum(len(g.provinces) for g in groups),
        "country_count": len(groups),
        "province_groups": groups,
    }


def roles_of(user) -> list[RoleAssignment]:
    """The signed-in user's roles with their scopes, for the "your roles" panel."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        RoleAssignment.objects.filter(user=user)
        .select_related("enterprise", "organisation", "subdivision", "country")
        .order_by("role", "id")
    )
