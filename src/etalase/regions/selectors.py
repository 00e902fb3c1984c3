"""Reads of countries, subdivisions and their areas."""

from django.db.models import QuerySet

from etalase.regions.models import Area, Country, Subdivision


def country_list(*, bimp_eaga: bool | None = None, asean: bool | None = None) -> QuerySet:
    countries = Country.objects.all()
    if bimp_eaga is not None:
        countries = countries.filter(is_bimp_eaga=bimp_eaga)
    if asean is not None:
        countries = countries.filter(is_asean=asean)
    return countries


def subdivision_list(
    *, country: str | None = None, focus: bool | None = None, parent: str | None = None
) -> QuerySet:
    # The country rides along: every item shows its country's localised name.
    subdivisions = Subdivision.objects.select_related("country")
    if country:
        subdivisions = subdivisions.filter(country_id=country.upper())
    if focus is not None:
        subdivisions = subdivisions.filter(is_focus_area=focus)
    if parent:
        subdivisions = subdivisions.filter(parent_id=parent.upper())
    return subdivisions


def subdivision_detail_queryset() -> QuerySet:
    return Subdivision.objects.select_related("country").prefetch_related("children")


def subdivision_codes(code: str) -> list[str]:
    """The subdivision and those inside it (a Philippine region holds provinces): a list of
    codes, so that callers filter by an index instead of joining the parent."""
    children = Subdivision.objects.filter(parent_id=code).values_list("code", flat=True)
    return [code, *children]


def area_list(subdivision: str) -> QuerySet:
    """Areas of a subdivision and of the subdivisions inside it (a Philippine region's)."""
    return Area.objects.filter(subdivision_id__in=subdivision_codes(subdivision.upper()))
