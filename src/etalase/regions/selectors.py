"""Reads of countries and subdivisions."""

from django.db.models import QuerySet

from etalase.regions.models import Country, Subdivision


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
