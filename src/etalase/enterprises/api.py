"""Read API for the MSME registry (mounted at /api/v1/enterprises).

Every read starts from `permissions.enterprises_visible_to`: anonymous callers see
public enterprises only (published and consented); owners and officials also see the
unpublished ones they manage; anyone else gets a 404, never a 403, so ids of hidden
enterprises cannot be probed.
"""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.params import P, PathEx

from etalase.accounts import permissions
from etalase.catalog.schemas import AREA_CODE_DESCRIPTION
from etalase.catalog.search.types import AREA_CODE
from etalase.catalog.selectors import known_area_code
from etalase.enterprises.models import Enterprise, ExportStatus, SizeClass
from etalase.enterprises.schemas import EnterpriseOut
from etalase.regions.schemas import (
    COUNTRY_CODE,
    LANG_DESCRIPTION,
    MAX_ID,
    MAX_SEARCH_LENGTH,
    SEARCH_TEXT,
    SUBDIVISION_CODE,
    ErrorOut,
    Language,
    LanguageQuery,
    Page,
    use_requested_language,
)

router = Router(tags=["enterprises"])
router.add_decorator(use_requested_language, mode="view")


class EnterpriseFilters(Schema):
    country: str | None = Field(None, pattern=COUNTRY_CODE, description="ISO 3166-1 alpha-2.")
    subdivision: str | None = Field(
        None,
        pattern=SUBDIVISION_CODE,
        description="ISO 3166-2 code; a region includes its provinces.",
    )
    area: str | None = Field(
        None, max_length=24, pattern=AREA_CODE.pattern, description=AREA_CODE_DESCRIPTION
    )
    size_class: SizeClass | None = None
    export_status: ExportStatus | None = None
    verified: bool | None = Field(None, description="Only (or no) verified enterprises.")
    q: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        pattern=SEARCH_TEXT,
        description="Words in the legal or trade name.",
    )
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


def _visible_enterprises(user) -> QuerySet:
    queryset = Enterprise.objects.select_related(
        "country", "subdivision", "area", "merchant_qr"
    ).prefetch_related(
        "translations", "certifications", "hs_chapters__translations"
    )
    return permissions.enterprises_visible_to(user, queryset)


def enterprise_list(user, filters: EnterpriseFilters) -> QuerySet:
    enterprises = _visible_enterprises(user)
    if filters.country:
        enterprises = enterprises.filter(country_id=filters.country.upper())
    if filters.subdivision:
        code = filters.subdivision.upper()
        enterprises = enterprises.filter(Q(subdivision_id=code) | Q(subdivision__parent_id=code))
    if filters.area:
        enterprises = enterprises.filter(area_id=known_area_code(filters.area))
    if filters.size_class:
        enterprises = enterprises.filter(size_class=filters.size_class)
    if filters.export_status:
        enterprises = enterprises.filter(export_status=filters.export_status)
    if filters.verified is not None:
        enterprises = enterprises.filter(verified_at__isnull=not filters.verified)
    q = (filters.q or "").strip()
    if q:
        enterprises = enterprises.filter(Q(legal_name__icontains=q) | Q(trade_name__icontains=q))
    return enterprises


@router.get("", response=list[EnterpriseOut], summary="List enterprises")
@paginate(Page)
def list_enterprises(request: HttpRequest, filters: Query[EnterpriseFilters]):
    return enterprise_list(request.user, filters)


@router.get(
    "/{enterprise_id}",
    response={200: EnterpriseOut, 404: ErrorOut},
    summary="One enterprise",
)
def get_enterprise(
    request: HttpRequest,
    enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)],
    params: Query[LanguageQuery],
):
    """404 both for unknown ids and for enterprises the caller may not see."""
    return get_object_or_404(_visible_enterprises(request.user), pk=enterprise_id)
