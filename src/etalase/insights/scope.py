"""The area a dashboard or report covers, decided from the user's roles.

An officer sees its province, a focal point its country, the secretariat the whole
region (and may narrow it to any country or province). Everything in insights filters
through `Area.enterprises()`, so no figure can cross a scope by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from etalase.accounts.permissions import official_area_q, scope_of
from etalase.enterprises.models import Enterprise
from etalase.regions.models import Country, Subdivision


@dataclass(frozen=True)
class Area:
    level: str  # "province" | "country" | "region"
    code: str  # ISO code, or "BIMP-EAGA" for the region
    label: str

    def enterprise_q(self, prefix: str = "") -> Q:
        # The same rule that decides an official's access (accounts.permissions).
        if self.level == "province":
            return official_area_q(subdivisions=[self.code], prefix=prefix)
        if self.level == "country":
            return official_area_q(countries=[self.code], prefix=prefix)
        return Q()

    def enterprises(self) -> QuerySet:
        return Enterprise.objects.filter(self.enterprise_q())

    @property
    def slug(self) -> str:
        return self.code


REGION = "BIMP-EAGA"


def _provinces(codes) -> list[Area]:
    subs = Subdivision.objects.filter(code__in=codes).order_by("code")
    return [Area("province", sub.code, sub.display_name) for sub in subs]


def _countries(codes) -> list[Area]:
    countries = Country.objects.filter(code__in=codes).order_by("code")
    return [Area("country", country.code, country.display_name) for country in countries]


def areas_for(user) -> list[Area]:
    """Areas this user may open, widest first; empty for non-officials."""
    scope = scope_of(user)
    areas: list[Area] = []
    if scope.secretariat:
        areas.append(Area("region", REGION, _("BIMP-EAGA region")))
        areas += _countries(("BN", "ID", "MY", "PH"))
    elif scope.countries:
        areas += _countries(scope.countries)
    if scope.subdivisions:
        areas += _provinces(scope.subdivisions)
    return areas


def resolve_area(user, code: str | None) -> Area:
    """The area named by `code` if the user may see it (default: its widest)."""
    scope = scope_of(user)
    areas = areas_for(user)
    if not areas:
        raise PermissionDenied(
            _("Dashboards are for provincial offices, focal points and the secretariat.")
        )
    if not code:
        return areas[0]
    code = code.upper()
    for area in areas:
        if area.code == code:
            return area
    sub = Subdivision.objects.filter(code=code).select_related("parent").first()
    if sub is not None and (
        scope.secretariat
        or sub.country_id in scope.countries
        or sub.parent_id in scope.subdivisions
    ):
        return Area("province", sub.code, sub.display_name)
    country = Country.objects.filter(code=code).first()
    if country is not None and scope.secretariat:
        return Area("country", country.code, country.display_name)
    raise PermissionDenied(_("This area is outside your scope."))
