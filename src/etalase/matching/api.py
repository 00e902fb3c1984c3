"""HTTP API for supply-chain matching (mounted at /api/v1/matching).

Same rules as the pages, through the same permission functions and services: a buyer
reads and writes its company's requests and their matches; an MSME reads the requests that
reach it and answers them; each side reads only its own conversations and quotes. Objects
outside a caller's reach answer 404, like missing ones.

Reads accept a browser session or a bearer token; writes accept only a bearer token (an
API call carried by a session cookie would be a cross-site request forgery target).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from etalase.accounts import permissions
from etalase.accounts.models import Organisation
from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.matching import api_events, api_inbox, api_offers, messaging, selectors, services
from etalase.matching.api_common import signed_in, writer
from etalase.matching.models import (
    Inquiry,
    Quote,
    RequestStatus,
    SourcingRequest,
)
from etalase.matching.schemas import (
    DecisionIn,
    InquiryDetailOut,
    InquiryIn,
    InquiryOut,
    MatchesOut,
    MessageIn,
    MessageOut,
    QuoteIn,
    QuoteOut,
    RequestIn,
    RequestOut,
    RequestPatch,
    RespondIn,
    StatusChangeIn,
    StatusIn,
)
from etalase.regions.models import Country
from etalase.regions.schemas import MAX_ID, ErrorOut, Page

router = Router(tags=["matching"])
router.add_router("", api_events.router)
router.add_router("", api_offers.router)
router.add_router("", api_inbox.router)

_signed_in = signed_in
_writer = writer


def _request_for(request: HttpRequest, pk: int) -> SourcingRequest:
    found = selectors.with_hs(SourcingRequest.objects).filter(pk=pk).first()
    if found is None or not permissions.can_view_sourcing_request(request.user, found):
        raise Http404
    return found


def _inquiry_out(i: Inquiry) -> dict:
    return {"id": i.pk, "subject": i.subject, "buyer": i.organisation.name,
            "enterprise_id": i.enterprise_id, "enterprise": i.enterprise.display_name,
            "request_id": i.request_id, "status": i.status, "last_message_at": i.last_message_at}


def _visible_inquiry(request: HttpRequest, pk: int) -> Inquiry:
    inquiry = Inquiry.objects.select_related("organisation", "enterprise").filter(pk=pk).first()
    if inquiry is None or not permissions.can_view_inquiry(request.user, inquiry):
        raise Http404
    return inquiry


# --- Requests ------------------------------------------------------------------------------


class RequestFilters(Schema):
    status: RequestStatus | None = None
    mine: bool = Field(False, description="Only your company's requests.")


@router.get("/requests", response=list[RequestOut], summary="Sourcing requests you may see")
@paginate(Page)
def list_requests(request: HttpRequest, filters: Query[RequestFilters]):
    user = _signed_in(request)
    qs = permissions.sourcing_requests_visible_to(user, selectors.with_hs(
        SourcingRequest.objects.all())).order_by("-published_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.mine:
        qs = qs.filter(organisation_id__in=permissions.scope_of(user).buyer_orgs)
    return qs


@router.get("/requests/fitting", response={200: list[RequestOut], 404: ErrorOut},
            summary="Open requests your enterprise's products fit, best first")
def fitting_requests(request: HttpRequest, enterprise_id: int = Query(..., ge=1, le=MAX_ID)):
    user = _signed_in(request)
    if enterprise_id not in permissions.scope_of(user).enterprises:
        raise Http404
    enterprise = get_object_or_404(Enterprise, pk=enterprise_id)
    return [item.request for item in selectors.requests_for_enterprise(enterprise, limit=100)]


@router.post("/requests", response={201: RequestOut, 403: ErrorOut, 422: ErrorOut},
             summary="Post a sourcing request (a draft)")
def create_request(request: HttpRequest, payload: RequestIn):
    user = _writer(request)
    orgs = sorted(permissions.scope_of(user).buyer_orgs)
    if not orgs:
        raise PermissionDenied("Only buyer accounts post sourcing requests.")
    fields = payload.dict(exclude={"hs_codes"})
    fields["destination_country"] = _country(fields.get("destination_country"))
    created = services.sourcing_request_create(
        actor=user, organisation=Organisation.objects.get(pk=orgs[0]),
        hs_codes=payload.hs_codes, **fields)
    return Status(201, _request_for(request, created.pk))


def _country(code: str | None) -> Country | None:
    if not code:
        return None
    found = Country.objects.filter(code=code).first()
    if found is None:  # well-formed, names no country: 404 (etalase.api.NOT_FOUND_CODES)
        from django.core.exceptions import ValidationError

        raise ValidationError({"destination_country": ValidationError(
            "Unknown country.", code="unknown_country")})
    return found


@router.get("/requests/{int:pk}", response={200: RequestOut, 404: ErrorOut})
def get_request(request: HttpRequest, pk: int):
    _signed_in(request)
    return _request_for(request, pk)


@router.patch("/requests/{int:pk}", response={200: RequestOut, 404: ErrorOut, 422: ErrorOut})
def update_request(request: HttpRequest, payload: RequestPatch, pk: int):
    user = _writer(request)
    found = _request_for(request, pk)
    if not permissions.can_manage_sourcing_request(user, found):
        raise Http404
    fields = payload.dict(exclude_unset=True, exclude={"hs_codes"})
    if "destination_country" in fields:
        fields["destination_country"] = _country(fields["destination_country"])
    services.sourcing_request_update(actor=user, sourcing_request=found,
                                     hs_codes=payload.hs_codes, **fields)
    return _request_for(request, pk)


@router.post("/requests/{int:pk}/status", response={200: RequestOut, 404: ErrorOut,
                                                     422: ErrorOut})
def set_request_status(request: HttpRequest, payload: StatusIn, pk: int):
    user = _writer(request)
    found = _request_for(request, pk)
    if not permissions.can_manage_sourcing_request(user, found):
        raise Http404
    services.sourcing_request_set_status(actor=user, sourcing_request=found,
                                         status=payload.status)
    return _request_for(request, pk)


def _match_out(row: selectors.MatchRow) -> dict:
    return {"rank": row.rank, "enterprise_id": row.enterprise.pk,
            "enterprise": row.enterprise.display_name,
            "subdivision": row.enterprise.subdivision_id, "product_id": row.product.pk,
            "product": row.product.name, "hs_code": row.product.hs_code_id,
            "score": row.fit.score, "reasons": [r.text for r in row.fit.reasons],
            "pinned": row.pin, "inquiry_id": row.inquiry.pk if row.inquiry else None}


@router.get("/requests/{int:pk}/matches", response={200: MatchesOut, 404: ErrorOut},
            summary="Ranked suppliers with reasons (the owning buyer only)")
def get_matches(request: HttpRequest, pk: int):
    user = _signed_in(request)
    found = _request_for(request, pk)
    if not permissions.can_view_matches(user, found):
        raise Http404
    result = selectors.matches_for_request(found)
    return {"matches": [_match_out(r) for r in result.shown],
            "excluded": [_match_out(r) for r in result.excluded],
            "pool": [m.enterprise_id for m in result.pool.members] if result.pool else []}


@router.post("/requests/{int:pk}/matches/{int:enterprise_id}",
             response={204: None, 404: ErrorOut, 422: ErrorOut},
             summary="Exclude, bring back or pin a matched enterprise")
def decide_match(request: HttpRequest, payload: DecisionIn, pk: int,
                 enterprise_id: int):
    user = _writer(request)
    found = _request_for(request, pk)
    if not permissions.can_manage_sourcing_request(user, found):
        raise Http404
    enterprise = get_object_or_404(Enterprise.objects.public(), pk=enterprise_id)
    services.match_decide(actor=user, sourcing_request=found, enterprise=enterprise,
                          excluded=payload.excluded, pin=payload.pin,
                          clear_pin=payload.clear_pin)
    return Status(204, None)


@router.post("/requests/{int:pk}/respond", response={201: InquiryOut, 404: ErrorOut,
                                                      422: ErrorOut},
             summary="An MSME answers a request (starts or continues the thread)")
def respond(request: HttpRequest, payload: RespondIn, pk: int):
    user = _writer(request)
    found = _request_for(request, pk)
    enterprise = get_object_or_404(Enterprise, pk=payload.enterprise_id)
    try:
        inquiry = messaging.request_respond(actor=user, sourcing_request=found,
                                            enterprise=enterprise, body=payload.body)
    except PermissionDenied as exc:
        raise Http404 from exc
    return Status(201, _inquiry_out(inquiry))


# --- Inquiries and quotes ------------------------------------------------------------------


@router.get("/inquiries", response=list[InquiryOut], summary="Your conversations")
@paginate(Page)
def list_inquiries(request: HttpRequest):
    return selectors.inquiries_of(_signed_in(request))


@router.post("/inquiries", response={201: InquiryDetailOut, 403: ErrorOut, 404: ErrorOut,
                                     422: ErrorOut}, summary="A buyer writes to an enterprise")
def create_inquiry(request: HttpRequest, payload: InquiryIn):
    user = _writer(request)
    enterprise = get_object_or_404(Enterprise.objects.public(), pk=payload.enterprise_id)
    sourcing_request = None
    if payload.request_id:
        sourcing_request = SourcingRequest.objects.filter(pk=payload.request_id).first()
        if sourcing_request is None or not permissions.can_manage_sourcing_request(
                user, sourcing_request):
            raise Http404
    product = None
    if payload.product_id:
        product = get_object_or_404(Product, pk=payload.product_id, enterprise=enterprise)
    inquiry = messaging.inquiry_start(actor=user, enterprise=enterprise, body=payload.body,
                                      sourcing_request=sourcing_request, product=product,
                                      subject=payload.subject)
    return Status(201, get_inquiry(request, inquiry.pk))


@router.get("/inquiries/{int:pk}", response={200: InquiryDetailOut, 404: ErrorOut})
def get_inquiry(request: HttpRequest, pk: int):
    _signed_in(request)
    inquiry = _visible_inquiry(request, pk)
    thread = selectors.thread(inquiry)
    return {**_inquiry_out(inquiry), "messages": [
        {"id": m.pk, "side": m.side, "body": m.body, "created_at": m.created_at,
         "attachments": [a.original_name for a in m.attachments.all()]}
        for m in thread["messages"]]}


@router.post("/inquiries/{int:pk}/messages", response={201: MessageOut, 404: ErrorOut,
                                                        422: ErrorOut})
def post_message(request: HttpRequest, payload: MessageIn, pk: int):
    user = _writer(request)
    inquiry = _visible_inquiry(request, pk)
    try:
        message = messaging.message_post(actor=user, inquiry=inquiry, body=payload.body)
    except PermissionDenied as exc:
        raise Http404 from exc
    return Status(201, {"id": message.pk, "side": message.side, "body": message.body,
                        "created_at": message.created_at, "attachments": []})


@router.post("/inquiries/{int:pk}/status", response={200: InquiryOut, 404: ErrorOut,
                                                      422: ErrorOut})
def set_inquiry_status(request: HttpRequest, payload: StatusChangeIn, pk: int):
    user = _writer(request)
    inquiry = _visible_inquiry(request, pk)
    try:
        inquiry = messaging.inquiry_set_status(actor=user, inquiry=inquiry,
                                               status=payload.status)
    except PermissionDenied as exc:
        raise Http404 from exc
    return _inquiry_out(inquiry)


@router.get("/inquiries/{int:pk}/quotes", response={200: list[QuoteOut], 404: ErrorOut})
def list_inquiry_quotes(request: HttpRequest, pk: int):
    _signed_in(request)
    inquiry = _visible_inquiry(request, pk)
    return list(inquiry.quotes.all())


@router.post("/inquiries/{int:pk}/quotes", response={201: QuoteOut, 404: ErrorOut,
                                                      422: ErrorOut},
             summary="The supplier's quote (the pipeline moves to 'quoted')")
def create_quote(request: HttpRequest, payload: QuoteIn, pk: int):
    user = _writer(request)
    inquiry = _visible_inquiry(request, pk)
    if not permissions.can_quote(user, inquiry):
        raise Http404
    return Status(201, messaging.quote_create(actor=user, inquiry=inquiry, **payload.dict()))


@router.get("/quotes", response=list[QuoteOut], summary="Quotes of your conversations")
@paginate(Page)
def list_quotes(request: HttpRequest):
    user = _signed_in(request)
    return selectors.quotes_visible_to(user, Quote.objects.all()).order_by("-created_at", "-id")
