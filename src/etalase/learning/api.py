"""Programmes (public), enrolment for the signed-in owner, resources: /api/v1/learning/.

Reads are public (published programmes and resources only). Enrolment needs a signed-in
MSME owner — a bearer token, or the browser session with its CSRF token (a session alone
would make these POSTs a cross-site request forgery target) — and only for the owner's
own enterprise. Unknown and hidden objects both answer 404.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.params import P, PathEx
from ninja.utils import check_csrf

from etalase.accounts import permissions
from etalase.accounts.api_auth import optional_auth
from etalase.learning import selectors, services
from etalase.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Mode,
    ProgrammeKind,
    ResourceCategory,
)
from etalase.learning.resource_views import find_resources
from etalase.regions.schemas import (
    LANG_DESCRIPTION,
    MAX_ID,
    SEARCH_TEXT,
    ErrorOut,
    Language,
    LanguageQuery,
    Page,
    use_requested_language,
)

router = Router(tags=["learning"])
router.add_decorator(use_requested_language, mode="view")

ID = PathEx[int, P(ge=1, le=MAX_ID)]


def _language() -> str:
    return translation.get_language() or "en"


def owner_auth(request: HttpRequest):
    """A bearer token, or a session whose request carries the CSRF token."""
    if request.headers.get("Authorization"):
        user = optional_auth(request)
        return user if user != "anonymous" else None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if check_csrf(request) is not None:
        raise PermissionDenied("CSRF token missing or wrong (send X-CSRFToken).")
    return user


# --- Schemas ------------------------------------------------------------------------


class ProviderOut(Schema):
    id: int
    name: str


class EligibilityOut(Schema):
    countries: list[str] = Field(description="ISO 3166-1 codes; empty = any country.")
    subdivisions: list[str] = Field(description="ISO 3166-2 codes; a region includes its "
                                                "provinces; empty = anywhere.")
    hs_chapters: list[str] = Field(description="HS chapters (2 digits); empty = any sector.")
    size_classes: list[str]
    export_statuses: list[str]


class ProgrammeOut(Schema):
    id: int
    kind: ProgrammeKind
    title: str = Field(description="In the request's language, else the original.")
    description: str
    provider: ProviderOut
    delivery_languages: list[str]
    mode: Mode
    venue: str
    starts_at: dt.datetime = Field(description="ISO 8601 with offset (UTC).")
    ends_at: dt.datetime
    time_zone: str = Field(description="IANA time zone the programme runs in.")
    application_deadline: dt.datetime | None
    capacity: int | None = Field(description="Seats; null = unlimited.")
    seats_left: int | None
    accepts_enrolment: bool
    cost: Decimal
    currency: str
    eligibility: EligibilityOut
    external_url: str
    page_url: str
    ics_url: str

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return obj.text_in(_language())[0]

    @staticmethod
    def resolve_description(obj: Any) -> str:
        return obj.text_in(_language())[1]

    @staticmethod
    def resolve_seats_left(obj: Any) -> int | None:
        if obj.capacity is None:
            return None
        taken = getattr(obj, "taken", None)
        if taken is None:
            taken = obj.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
        return max(0, obj.capacity - taken)

    @staticmethod
    def resolve_eligibility(obj: Any) -> dict:
        criteria = selectors.criteria_of(obj)
        return {name: sorted(getattr(criteria, name)) for name in (
            "countries", "subdivisions", "hs_chapters", "size_classes", "export_statuses")}

    @staticmethod
    def resolve_page_url(obj: Any) -> str:
        return reverse("learning:detail", args=[obj.pk])

    @staticmethod
    def resolve_ics_url(obj: Any) -> str:
        return reverse("learning:ics", args=[obj.pk])


class ProgrammeFiltersIn(Schema):
    kind: ProgrammeKind | None = None
    mode: Mode | None = None
    language: Language | None = Field(None, description="A language of delivery.")
    month: str | None = Field(None, pattern=r"^\d{4}-\d{2}$",
                              description="YYYY-MM: programmes running that month; "
                                          "default: upcoming ones.")
    eligible_for: int | None = Field(None, ge=1, le=MAX_ID,
                                     description="Your own enterprise's id (signed in).")
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


class EnrolIn(Schema):
    enterprise_id: int = Field(ge=1, le=MAX_ID)


class EnrolmentOut(Schema):
    id: int
    programme_id: int
    enterprise_id: int
    status: EnrolmentStatus
    waiting_list_position: int | None
    attended: bool | None
    created_at: dt.datetime

    @staticmethod
    def resolve_waiting_list_position(obj: Any) -> int | None:
        return selectors.waitlist_position(obj)


class RefusalOut(Schema):
    detail: str
    code: str


class ResourceOut(Schema):
    id: int
    category: ResourceCategory
    title: str
    summary: str
    body: str
    language: str = Field(description="Language of the original text.")
    destination_country: str | None = Field(None, alias="destination_country_id")
    tags: list[str]
    attachments: list[dict]
    published_at: dt.datetime | None

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return obj.text_in(_language())[0]

    @staticmethod
    def resolve_summary(obj: Any) -> str:
        return obj.text_in(_language())[1]

    @staticmethod
    def resolve_body(obj: Any) -> str:
        return obj.text_in(_language())[2]

    @staticmethod
    def resolve_tags(obj: Any) -> list[str]:
        return [t.slug for t in obj.tags.all()]

    @staticmethod
    def resolve_attachments(obj: Any) -> list[dict]:
        return [{"name": a.name, "kind": a.kind, "size": a.size,
                 "url": reverse("learning:attachment", args=[a.pk])}
                for a in obj.attachments.all()]


class ResourceFiltersIn(Schema):
    q: str | None = Field(None, max_length=200, pattern=SEARCH_TEXT,
                          description="Words in any of the four languages.")
    category: ResourceCategory | None = None
    tag: str | None = Field(None, pattern=r"^[a-z0-9-]{1,50}$")
    lang: Language | None = Field(None, description=LANG_DESCRIPTION)


# --- Programmes -----------------------------------------------------------------------


@router.get("/programmes", response={200: list[ProgrammeOut], 403: ErrorOut},
            summary="Published programmes")
@paginate(Page)
def list_programmes(request: HttpRequest, filters: Query[ProgrammeFiltersIn]):
    parsed = selectors.ProgrammeFilters.from_mapping(
        {k: v for k, v in filters.dict().items() if v is not None})
    facts = None
    if filters.eligible_for:
        enterprise = selectors.owner_enterprises(request.user).filter(
            pk=filters.eligible_for).first()
        if enterprise is None:
            raise PermissionDenied("eligible_for must be one of your own enterprises.")
        facts = selectors.facts_of(enterprise)
    queryset = selectors.programmes_base().published().annotate(
        taken=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED)))
    return selectors.find_programmes(parsed, facts=facts, queryset=queryset)


@router.get("/programmes/{programme_id}", response={200: ProgrammeOut, 404: ErrorOut},
            summary="One programme")
def get_programme(request: HttpRequest, programme_id: ID, params: Query[LanguageQuery]):
    programme = selectors.visible_programme(request.user, programme_id)
    if programme is None:
        return Status(404, {"detail": "Not found."})
    return programme


@router.post("/programmes/{programme_id}/enrolments", auth=owner_auth,
             response={201: EnrolmentOut, 403: ErrorOut, 404: ErrorOut, 409: RefusalOut},
             summary="Enrol your own enterprise")
def enrol(request: HttpRequest, programme_id: ID, payload: EnrolIn):
    """A seat when one is free, else the waiting list (`status`). 409 with a `code`
    (deadline, ineligible, duplicate, not_open, external) when it cannot be done."""
    if selectors.visible_programme(request.user, programme_id) is None:
        return Status(404, {"detail": "Not found."})
    try:
        enrolment = services.enrolment_create(user=request.user, programme_id=programme_id,
                                              enterprise_id=payload.enterprise_id)
    except ValidationError as exc:
        return Status(409, {"detail": " ".join(exc.messages), "code": exc.code or "refused"})
    return Status(201, enrolment)


@router.get("/enrolments", auth=owner_auth, response=list[EnrolmentOut],
            summary="Your enterprises' enrolments")
def my_enrolments(request: HttpRequest):
    return list(selectors.enrolments_of_user(request.user))


@router.post("/enrolments/{enrolment_id}/cancel", auth=owner_auth,
             response={200: EnrolmentOut, 404: ErrorOut, 409: RefusalOut},
             summary="Cancel an enrolment (the waiting list moves up)")
def cancel(request: HttpRequest, enrolment_id: ID):
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None or not permissions.can_manage_enrolment(request.user, enrolment):
        return Status(404, {"detail": "Not found."})
    try:
        enrolment = services.enrolment_cancel(user=request.user, enrolment_id=enrolment.pk)
    except ValidationError as exc:
        return Status(409, {"detail": " ".join(exc.messages), "code": exc.code or "refused"})
    return enrolment


# --- Resources --------------------------------------------------------------------------


@router.get("/resources", response=list[ResourceOut], summary="Information resources")
@paginate(Page)
def list_resources(request: HttpRequest, filters: Query[ResourceFiltersIn]):
    """Full-text search across languages when `q` is given (ranked), else newest first."""
    return find_resources(query=filters.q or "", category=filters.category or "",
                          tag=filters.tag or "")


@router.get("/resources/{resource_id}", response={200: ResourceOut, 404: ErrorOut},
            summary="One resource")
def get_resource(request: HttpRequest, resource_id: ID, params: Query[LanguageQuery]):
    from etalase.learning.models import Resource

    resource = (Resource.objects.prefetch_related("translations", "tags", "attachments")
                .filter(pk=resource_id).first())
    if resource is None or not permissions.can_view_resource(request.user, resource):
        return Status(404, {"detail": "Not found."})
    return resource
