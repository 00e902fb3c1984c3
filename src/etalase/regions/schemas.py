"""API schemas for regions, and the plumbing every read router shares.

The shared parts (language selection, pagination, error body) live here because
regions is the app every other one already depends on; they hold no region logic.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Field, Schema
from ninja.pagination import PaginationBase

# --- Shared by every read router ----------------------------------------------

# A Literal (not a runtime list) so OpenAPI shows the allowed values; a test keeps it
# in step with settings.LANGUAGES.
Language = Literal["en", "id", "ms", "fil"]
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)

LANG_DESCRIPTION = (
    "Language of names and descriptions. Overrides the Accept-Language header; "
    "texts without a translation fall back to their original language."
)

# Codes as they appear in paths and filters. Anything else is refused with 422 before
# it reaches the database.
COUNTRY_CODE = r"^[A-Za-z]{2}$"
SUBDIVISION_CODE = r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$"
# Free text in `q`: no control characters. A NUL byte in particular is refused by
# PostgreSQL and silently truncates a LIKE pattern on SQLite (matching everything).
SEARCH_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
MAX_SEARCH_LENGTH = 100
# Largest value a 64-bit integer column holds: bigger ids would overflow the query.
MAX_ID = 2**63 - 1


def use_requested_language(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Router decorator (mode "view"): serve the request in `?lang=` when it is valid.

    It wraps the whole operation, serialisation included, because names are computed
    while the response is built, after the endpoint function has returned.
    LocaleMiddleware has already applied Accept-Language; `?lang=` wins over it.
    An invalid `?lang=` is left alone here and refused with 422 by the endpoint's
    own `lang` parameter.
    """

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        lang = request.GET.get("lang")
        if lang not in LANGUAGE_CODES:
            return run(request, *args, **kwargs)
        with translation.override(lang):
            request.LANGUAGE_CODE = lang
            response = run(request, *args, **kwargs)
        response.headers["Content-Language"] = lang
        return response

    return wrapper


class LanguageQuery(Schema):
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


class ErrorOut(Schema):
    detail: Any = Field(description="A message, or a list of validation errors.")


MAX_PAGE_SIZE = 100


class Page(PaginationBase):
    """Page-number pagination with a hard ceiling on the page size.

    A page size above the ceiling is refused (422) rather than silently clamped, so
    a client learns the rule; a page past the end is simply empty.
    """

    class Input(Schema):
        page: int = Field(1, ge=1, description="Page number, from 1.")
        page_size: int = Field(
            20, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, at most {MAX_PAGE_SIZE}."
        )

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Number of items on all pages.")
        page: int
        page_size: int
        pages: int = Field(description="Number of pages.")

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        count = self._items_count(queryset)
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        # A page past the end never reaches the database: an absurd page number would
        # otherwise become an OFFSET the database cannot hold.
        items = queryset[offset : offset + size] if offset < count else []
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "pages": (count + size - 1) // size,
        }


# --- Regions ----------------------------------------------------------------------


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2.")
    alpha3: str
    numeric: str
    name: str = Field(description="Name in the request's language.")
    iso_name: str = Field(description="The ISO 3166 (English) name.")
    is_bimp_eaga: bool
    is_asean: bool
    currency: str = Field(description="ISO 4217 code, empty when unknown.")

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.display_name

    @staticmethod
    def resolve_iso_name(obj: Any) -> str:
        return obj.name


class SubdivisionRef(Schema):
    code: str
    name: str = Field(description="Name in the request's language.")

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.display_name


class SubdivisionOut(Schema):
    code: str = Field(description="ISO 3166-2 code.")
    name: str = Field(description="Name in the request's language.")
    iso_name: str = Field(description="The ISO 3166-2 name.")
    type: str = Field(description="ISO 3166-2 category, e.g. Province, State, Region.")
    country: str = Field(description="ISO 3166-1 alpha-2 of its country.")
    country_name: str = Field(description="Country name in the request's language.")
    parent: str | None = Field(description="Code of the enclosing subdivision, if any.")
    is_focus_area: bool = Field(description="A BIMP-EAGA focus area.")
    focus_area_label: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.display_name

    @staticmethod
    def resolve_iso_name(obj: Any) -> str:
        return obj.name

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return obj.country_id

    @staticmethod
    def resolve_country_name(obj: Any) -> str:
        return obj.country.display_name

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent_id


class SubdivisionDetailOut(SubdivisionOut):
    children: list[SubdivisionRef] = Field(
        description="Subdivisions inside this one (e.g. provinces of a Philippine region)."
    )

    @staticmethod
    def resolve_children(obj: Any) -> list[Any]:
        return list(obj.children.all())


class AreaOut(Schema):
    code: str = Field(description="Etalase's code of the area, e.g. ID-71.02, PH-1731500000.")
    name: str = Field(description="Name as its official source spells it.")
    kind: str = Field(description="regency, city, municipality, province or district.")
    kind_label: str = Field(description="The kind in the request's language.")
    official_code: str = Field(
        description="Code as its source publishes it (Kemendagri, PSGC); empty when none."
    )
    subdivision: str = Field(description="ISO 3166-2 code of the province or state it lies in.")
    parent: str | None = Field(description="Code of the area it belongs to (a PH province).")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_subdivision(obj: Any) -> str:
        return obj.subdivision_id

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent_id
