"""Read API for HS codes and products (mounted at the API root: /api/v1/hs-codes, …)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.params import P, PathEx

from etalase.catalog import hs_suggest, selectors
from etalase.catalog.hs_suggest.schemas import HSSuggestErrorOut, HSSuggestOut, HSSuggestQuery
from etalase.catalog.schemas import AREA_CODE_DESCRIPTION, HSCodeDetailOut, HSCodeOut, ProductOut
from etalase.catalog.search.types import AREA_CODE
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

router = Router()
router.add_decorator(use_requested_language, mode="view")

# "18", "1801", "180100" or "1801.00".
HS_CODE = r"^\d{2}(\d{2}(\.?\d{2})?)?$"
HS_PREFIX = r"^\d{1,4}(\.?\d{0,2})?$"


class HSCodeFilters(Schema):
    q: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        pattern=SEARCH_TEXT,
        description="A code prefix (1801, 1801.00) or words in English, Indonesian, Malay "
        "or Filipino (cocoa, kakao, cacao).",
    )
    level: int | None = Field(
        None, ge=2, le=6, multiple_of=2, description="2 chapters, 4 headings, 6 subheadings."
    )
    parent: str | None = Field(
        None, pattern=r"^\d{2}(\d{2})?$", description="Only codes directly inside this one."
    )
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


class ProductFilters(Schema):
    enterprise: int | None = Field(None, ge=1, le=MAX_ID, description="Enterprise id.")
    hs_code: str | None = Field(
        None, pattern=HS_PREFIX, description="HS code or prefix: 18, 1801, 1801.00."
    )
    country: str | None = Field(None, pattern=COUNTRY_CODE, description="ISO 3166-1 alpha-2.")
    subdivision: str | None = Field(
        None,
        pattern=SUBDIVISION_CODE,
        description="ISO 3166-2 code; a region includes its provinces.",
    )
    area: str | None = Field(
        None, max_length=24, pattern=AREA_CODE.pattern, description=AREA_CODE_DESCRIPTION
    )
    q: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        pattern=SEARCH_TEXT,
        description="Words in the name or description.",
    )
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


@router.get("/hs-codes", response=list[HSCodeOut], tags=["hs codes"], summary="Search HS codes")
@paginate(Page)
def list_hs_codes(request: HttpRequest, filters: Query[HSCodeFilters]):
    """HS 2022 chapters, headings and subheadings, in code order."""
    return selectors.hs_code_search(q=filters.q, level=filters.level, parent=filters.parent)


# Before /hs-codes/{code}: "suggest" would otherwise be read as a code (and refused).
@router.get(
    "/hs-codes/suggest",
    # 422: the suggestion's own refusal (with its code), or django-ninja's list of
    # problems when a parameter breaks the schema (lang=xx).
    response={200: HSSuggestOut, 422: HSSuggestErrorOut | ErrorOut},
    tags=["hs codes"],
    summary="Suggest HS subheadings for a product name",
)
def suggest_hs_codes(request: HttpRequest, params: Query[HSSuggestQuery]):
    """Ranked HS 2022 subheadings for a free product name in en, id, ms or fil, computed
    offline from the nomenclature, the project's names and its trade glossary. A name that
    is empty, too long, holds markup or matches nothing is a 422 saying so."""
    try:
        found = hs_suggest.suggest(params.q, params.lang or request.LANGUAGE_CODE)
    except hs_suggest.SuggestError as exc:
        return Status(422, {"detail": exc.message, "code": exc.code})
    return Status(200, hs_suggest.as_json(found))


@router.get(
    "/hs-codes/{code}",
    response={200: HSCodeDetailOut, 404: ErrorOut},
    tags=["hs codes"],
    summary="One HS code, with its names and parent chain",
)
def get_hs_code(
    request: HttpRequest,
    code: PathEx[str, P(pattern=HS_CODE, description="2, 4 or 6 digits; 1801.00 accepted.")],
    params: Query[LanguageQuery],
):
    return get_object_or_404(selectors.hs_code_detail_queryset(), code=code.replace(".", ""))


@router.get(
    "/products",
    response=list[ProductOut],
    tags=["products"],
    summary="List products",
)
@paginate(Page)
def list_products(request: HttpRequest, filters: Query[ProductFilters]):
    """Published products of public enterprises; signed-in owners and officials also see
    the unpublished products of the enterprises they manage."""
    return selectors.product_list(
        request.user,
        enterprise=filters.enterprise,
        hs_code=filters.hs_code,
        country=filters.country,
        subdivision=filters.subdivision,
        area=selectors.known_area_code(filters.area),
        q=filters.q,
    )



@router.get(
    "/products/{product_id}",
    response={200: ProductOut, 404: ErrorOut},
    tags=["products"],
    summary="One product",
)
def get_product(
    request: HttpRequest,
    product_id: PathEx[int, P(ge=1, le=MAX_ID)],
    params: Query[LanguageQuery],
):
    """404 both for unknown ids and for products the caller may not see."""
    return get_object_or_404(selectors.product_detail_queryset(request.user), pk=product_id)
