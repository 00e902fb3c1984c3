"""HTTP API for joint offers, reports of junk requests, their review and buyer verification
(mounted with the matching router at /api/v1/matching).

The same service functions as the request page's forms (matching.services,
accounts.services) and the same permission functions; see api_common for who may call.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from etalase.accounts import permissions
from etalase.accounts.models import Organisation
from etalase.accounts.services import organisation_verify
from etalase.enterprises.models import Enterprise
from etalase.matching import selectors, services
from etalase.matching.api_common import conflict, signed_in, writer
from etalase.matching.models import JointOffer, SourcingRequest
from etalase.matching.models.requests import ReportReason
from etalase.regions.schemas import MAX_ID, ErrorOut

router = Router(tags=["matching"])


class JointOfferIn(Schema):
    name: str = Field(..., min_length=1, max_length=200, description="Name of the group.")
    note: str = Field("", max_length=2000)
    members: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        ..., min_length=2, max_length=20, json_schema_extra={"uniqueItems": True},
        description="Enterprise ids of the office's area, at least two, each once.")


class JointOfferMemberOut(Schema):
    enterprise_id: int
    enterprise: str
    product_id: int | None
    capacity: Decimal = Field(description="Monthly capacity in the request's unit.")


class JointOfferOut(Schema):
    id: int
    request_id: int
    name: str
    note: str
    total_capacity: Decimal
    unit: str
    created_at: dt.datetime
    members: list[JointOfferMemberOut]


class ReportIn(Schema):
    enterprise_id: int = Field(..., ge=1, le=MAX_ID, description="Your enterprise it reaches.")
    reason: ReportReason
    note: str = Field("", max_length=2000)


class ReportOut(Schema):
    id: int
    request_id: int
    enterprise_id: int
    reason: str
    created_at: dt.datetime


class ReviewIn(Schema):
    uphold: bool = Field(strict=True,
                         description="True closes the request; false releases it.")


class ReviewOut(Schema):
    request_id: int
    status: str
    held: bool


class BuyerOut(Schema):
    id: int
    name: str
    verified_at: dt.datetime | None


def _visible_request(request: HttpRequest, pk: int) -> SourcingRequest:
    found = selectors.with_hs(SourcingRequest.objects).filter(pk=pk).first()
    if found is None or not permissions.can_view_sourcing_request(request.user, found):
        raise Http404
    return found


def _offer_out(offer: JointOffer) -> dict:
    return {"id": offer.pk, "request_id": offer.request_id, "name": offer.name,
            "note": offer.note, "total_capacity": offer.total_capacity, "unit": offer.unit,
            "created_at": offer.created_at,
            "members": [{"enterprise_id": m.enterprise_id,
                         "enterprise": m.enterprise.display_name, "product_id": m.product_id,
                         "capacity": m.capacity} for m in offer.members.all()]}


@router.get("/requests/{int:pk}/joint-offers", response={200: list[JointOfferOut], 404: ErrorOut},
            summary="Joint offers formed for a request (its buyer and offices)")
def list_joint_offers(request: HttpRequest, pk: int):
    user = signed_in(request)
    found = _visible_request(request, pk)
    # The request page's rule: the buyer (and the secretariat) and offices see them.
    if not (permissions.can_view_matches(user, found) or permissions.scope_of(user).is_official):
        raise Http404
    offers = found.joint_offers.prefetch_related("members__enterprise")
    return [_offer_out(o) for o in offers]


@router.post("/requests/{int:pk}/joint-offers",
             response={201: JointOfferOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
             summary="An office groups MSMEs of its area whose capacities together reach "
                     "the request")
def create_joint_offer(request: HttpRequest, payload: JointOfferIn, pk: int):
    user = writer(request)
    found = _visible_request(request, pk)
    if len(set(payload.members)) != len(payload.members):
        raise ValidationError({"members": "Name each enterprise once."})
    try:
        offer = services.joint_offer_form(actor=user, sourcing_request=found,
                                          enterprise_ids=payload.members, name=payload.name,
                                          note=payload.note)
    except ValidationError as exc:  # they do not fit the request: its state, not the input
        return conflict(exc)
    offer = JointOffer.objects.prefetch_related("members__enterprise").get(pk=offer.pk)
    return Status(201, _offer_out(offer))


@router.post("/requests/{int:pk}/reports",
             response={201: ReportOut, 404: ErrorOut, 409: ErrorOut},
             summary="An MSME reports a request as junk or fraud (it is held for review)")
def report_request(request: HttpRequest, payload: ReportIn, pk: int):
    user = writer(request)
    found = _visible_request(request, pk)
    enterprise = Enterprise.objects.filter(pk=payload.enterprise_id).first()
    if enterprise is None:
        raise Http404
    try:
        report = services.request_report(actor=user, sourcing_request=found,
                                         enterprise=enterprise, reason=payload.reason,
                                         note=payload.note)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:  # reported already
        return conflict(exc)
    return Status(201, {"id": report.pk, "request_id": found.pk,
                        "enterprise_id": enterprise.pk, "reason": report.reason,
                        "created_at": report.created_at})


@router.post("/requests/{int:pk}/review", response={200: ReviewOut, 404: ErrorOut},
             summary="An office closes a held request or releases it")
def review_request(request: HttpRequest, payload: ReviewIn, pk: int):
    user = writer(request)
    found = _visible_request(request, pk)
    try:
        reviewed = services.request_review(actor=user, sourcing_request=found,
                                           uphold=payload.uphold)
    except PermissionDenied as exc:
        raise Http404 from exc
    return {"request_id": reviewed.pk, "status": reviewed.status,
            "held": reviewed.held_at is not None}


@router.post("/buyers/{int:pk}/verify", response={200: BuyerOut, 404: ErrorOut},
             summary="An office verifies a buyer company: its open requests reach MSMEs")
def verify_buyer(request: HttpRequest, pk: int):
    user = writer(request)
    organisation = Organisation.objects.filter(pk=pk, kind=Organisation.Kind.BUYER).first()
    if organisation is None:
        raise Http404
    try:
        organisation = organisation_verify(organisation=organisation, by=user)
    except PermissionDenied as exc:
        raise Http404 from exc
    return {"id": organisation.pk, "name": organisation.name,
            "verified_at": organisation.verified_at}
