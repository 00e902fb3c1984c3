"""Read API for countries, ISO 3166-2 subdivisions and their second-level areas, names in
the request's language."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.params import P, PathEx

from etalase.regions import selectors
from etalase.regions.models import Country, Subdivision
from etalase.regions.schemas import (
    COUNTRY_CODE,
    LANG_DESCRIPTION,
    SUBDIVISION_CODE,
    AreaOut,
    CountryOut,
    ErrorOut,
    Language,
    LanguageQuery,
    Page,
    SubdivisionDetailOut,
    SubdivisionOut,
    use_requested_language,
)

router = Router(tags=["regions"])
router.add_decorator(use_requested_language, mode="view")


class CountryFilters(Schema):
    bimp_eaga: bool | None = Field(None, description="Only (or no) BIMP-EAGA members.")
    asean: bool | None = Field(None, description="Only (or no) ASEAN members.")
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


class SubdivisionFilters(Schema):
    country: str | None = Field(None, pattern=COUNTRY_CODE, description="ISO 3166-1 alpha-2.")
    focus: bool | None = Field(None, description="Only (or no) BIMP-EAGA focus areas.")
    parent: str | None = Field(
        None, pattern=SUBDIVISION_CODE, description="Only subdivisions inside this one."
    )
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


@router.get("/countries", response=list[CountryOut], summary="List countries")
def list_countries(request: HttpRequest, filters: Query[CountryFilters]):
    """All ISO 3166-1 countries (a bounded list, so not paginated), ordered by ISO name."""
    return selectors.country_list(bimp_eaga=filters.bimp_eaga, asean=filters.asean)


@router.get(
    "/countries/{code}",
    response={200: CountryOut, 404: ErrorOut},
    summary="One country",
)
def get_country(
    request: HttpRequest,
    code: PathEx[str, P(pattern=COUNTRY_CODE, description="ISO 3166-1 alpha-2.")],
    params: Query[LanguageQuery],
):
    return get_object_or_404(Country, code=code.upper())


@router.get(
    "/subdivisions",
    response=list[SubdivisionOut],
    summary="List subdivisions (provinces, states, regions)",
)
@paginate(Page)
def list_subdivisions(request: HttpRequest, filters: Query[SubdivisionFilters]):
    return selectors.subdivision_list(
        country=filters.country, focus=filters.focus, parent=filters.parent
    )


@router.get(
    "/subdivisions/{code}",
    response={200: SubdivisionDetailOut, 404: ErrorOut},
    summary="One subdivision, with the subdivisions inside it",
)
def get_subdivision(
    request: HttpRequest,
    code: PathEx[str, P(pattern=SUBDIVISION_CODE, description="ISO 3166-2 code, e.g. ID-SA.")],
    params: Query[LanguageQuery],
):
    return get_object_or_404(selectors.subdivision_detail_queryset(), code=code.upper())


@router.get(
    "/subdivisions/{code}/areas",
    response={200: list[AreaOut], 404: ErrorOut},
    summary="Second-level areas of a subdivision (regencies, cities, municipalities, districts)",
)
def list_areas(
    request: HttpRequest,
    code: PathEx[str, P(pattern=SUBDIVISION_CODE, description="ISO 3166-2 code, e.g. ID-SA.")],
    params: Query[LanguageQuery],
):
    """Areas lying in the subdivision or in one inside it (a bounded list, so not paginated);
    empty for a subdivision of a country whose areas are not loaded. Sources and their dates:
    regions/data/areas/README.md."""
    subdivision = get_object_or_404(Subdivision, code=code.upper())
    return selectors.area_list(subdivision.code)
