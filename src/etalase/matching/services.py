"""Writes of the matching app: sourcing requests, the buyer's decisions, reports and
reviews, joint offers. Keyword-only arguments, one transaction each, access checked here
through accounts.permissions (views and API are thin callers).

Conversations live in `messaging.py`, events in `events.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.accounts import permissions
from etalase.accounts.models import Organisation, User
from etalase.catalog.models import HSCode, Product
from etalase.enterprises.models import CertificationKind, Enterprise, SizeClass
from etalase.matching import notify, selectors, terms
from etalase.matching.models import (
    JointOffer,
    JointOfferMember,
    MatchDecision,
    RequestHSCode,
    RequestReport,
    RequestStatus,
    SourcingRequest,
)
from etalase.matching.models.requests import ReportReason
from etalase.regions.models import Country, Subdivision

MAX_HS_CODES = 10
MAX_PREFERENCES = 30
_CODE = re.compile(r"^\d{2}(\d{2}(\d{2})?)?$")

# Fields a buyer sets on a request (everything else is derived or set by a transition).
EDITABLE = (
    "title", "description", "unit", "quantity_per_delivery", "quantity_per_month",
    "price_min", "price_max", "currency", "incoterm", "destination_country",
    "required_certifications", "preferred_countries", "preferred_subdivisions",
    "size_classes", "deadline", "visibility",
)

# Allowed status changes by the buyer.
TRANSITIONS = {
    RequestStatus.DRAFT: {RequestStatus.OPEN, RequestStatus.CLOSED},
    RequestStatus.OPEN: {RequestStatus.CLOSED, RequestStatus.AWARDED},
    RequestStatus.CLOSED: {RequestStatus.OPEN},
    RequestStatus.AWARDED: set(),
}


# --- Checking values ------------------------------------------------------------------


def parse_hs_codes(values: Iterable[str]) -> list[str]:
    """Codes as people write them ("1801.00", "0901", " 18 ") -> ["180100", "0901", "18"];
    unknown or malformed ones raise ValidationError naming them."""
    found: list[str] = []
    bad: list[str] = []
    for value in values:
        for piece in re.split(r"[\s,;]+", str(value or "")):
            code = piece.replace(".", "").strip()
            if not code:
                continue
            if not _CODE.match(code):
                bad.append(piece[:20])
            elif code not in found:
                found.append(code)
    if bad:
        raise ValidationError(_("Not HS codes: %(codes)s. Write 2, 4 or 6 digits, e.g. 1801.00."),
                              code="hs_format", params={"codes": ", ".join(bad[:5])})
    if len(found) > MAX_HS_CODES:
        raise ValidationError(_("At most %(n)d HS codes."), code="hs_too_many",
                              params={"n": MAX_HS_CODES})
    known = set(HSCode.objects.filter(code__in=found).values_list("code", flat=True))
    unknown = [c for c in found if c not in known]
    if unknown:
        raise ValidationError(_("Unknown HS codes: %(codes)s."), code="hs_unknown",
                              params={"codes": ", ".join(unknown[:5])})
    return found


def _clean_lists(fields: dict[str, Any]) -> None:
    """The JSON list fields hold only known codes (never free text from a client)."""
    checks = {
        "required_certifications": set(CertificationKind.values),
        "size_classes": set(SizeClass.values),
    }
    for name, allowed in checks.items():
        if name in fields:
            values = [str(v) for v in fields[name] or ()]
            if any(v not in allowed for v in values):
                raise ValidationError({name: _("Unknown value.")})
            fields[name] = sorted(set(values))
    if "preferred_countries" in fields:
        values = sorted({str(v).upper() for v in fields["preferred_countries"] or ()})
        if len(values) > MAX_PREFERENCES or Country.objects.filter(
                code__in=values).count() != len(values):
            raise ValidationError({"preferred_countries": _("Unknown country.")})
        fields["preferred_countries"] = values
    if "preferred_subdivisions" in fields:
        values = sorted({str(v).upper() for v in fields["preferred_subdivisions"] or ()})
        if len(values) > MAX_PREFERENCES or Subdivision.objects.filter(
                code__in=values).count() != len(values):
            raise ValidationError({"preferred_subdivisions": _("Unknown province or state.")})
        fields["preferred_subdivisions"] = values
    if fields.get("currency"):
        fields["currency"] = str(fields["currency"]).upper()
        if pycountry.currencies.get(alpha_3=fields["currency"]) is None:
            raise ValidationError({"currency": _("Not an ISO 4217 currency code.")})


def _set_hs_codes(sourcing_request: SourcingRequest, codes: list[str]) -> None:
    sourcing_request.hs_links.exclude(hs_code_id__in=codes).delete()
    have = set(sourcing_request.hs_links.values_list("hs_code_id", flat=True))
    RequestHSCode.objects.bulk_create([
        RequestHSCode(request=sourcing_request, hs_code_id=code, chapter=code[:2])
        for code in codes if code not in have])


def _save(sourcing_request: SourcingRequest, actor: User) -> None:
    sourcing_request.match_terms = terms.expand(sourcing_request.title)
    sourcing_request.full_clean(exclude=["organisation", "created_by"])
    sourcing_request._history_user = actor
    sourcing_request.save()


# --- Requests -------------------------------------------------------------------------


@transaction.atomic
def sourcing_request_create(*, actor: User, organisation: Organisation, hs_codes: list[str],
                            **fields: Any) -> SourcingRequest:
    """A new request (a draft) of one of the actor's buyer companies."""
    if organisation.pk not in permissions.scope_of(actor).buyer_orgs:
        raise PermissionDenied(_("You may post requests only for your own company."))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s"), params={"f": ", ".join(sorted(unknown))})
    codes = parse_hs_codes(hs_codes)
    _clean_lists(fields)
    sourcing_request = SourcingRequest(organisation=organisation, created_by=actor, **fields)
    _save(sourcing_request, actor)
    _set_hs_codes(sourcing_request, codes)
    return sourcing_request


@transaction.atomic
def sourcing_request_update(*, actor: User, sourcing_request: SourcingRequest,
                            hs_codes: list[str] | None = None, **fields: Any
                            ) -> SourcingRequest:
    sourcing_request = SourcingRequest.objects.select_for_update().get(pk=sourcing_request.pk)
    if not permissions.can_manage_sourcing_request(actor, sourcing_request):
        raise PermissionDenied(_("This request is not your company's."))
    if sourcing_request.status == RequestStatus.AWARDED:
        raise ValidationError(_("An awarded request can no longer be changed."))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s"), params={"f": ", ".join(sorted(unknown))})
    _clean_lists(fields)
    for name, value in fields.items():
        setattr(sourcing_request, name, value)
    _save(sourcing_request, actor)
    if hs_codes is not None:
        _set_hs_codes(sourcing_request, parse_hs_codes(hs_codes))
    return sourcing_request


@transaction.atomic
def sourcing_request_set_status(*, actor: User, sourcing_request: SourcingRequest,
                                status: str) -> SourcingRequest:
    """Open, close, award or reopen. Opening needs something to match on."""
    sourcing_request = SourcingRequest.objects.select_for_update().get(pk=sourcing_request.pk)
    if not permissions.can_manage_sourcing_request(actor, sourcing_request):
        raise PermissionDenied(_("This request is not your company's."))
    if status not in TRANSITIONS.get(sourcing_request.status, set()):
        raise ValidationError(_("A request cannot go from %(a)s to %(b)s."), code="transition",
                              params={"a": sourcing_request.status, "b": status})
    if status == RequestStatus.OPEN:
        if not sourcing_request.hs_links.exists() and not sourcing_request.match_terms:
            raise ValidationError(_("Give at least one HS code or a title with the goods' "
                                    "name before opening the request."), code="nothing_to_match")
        if sourcing_request.deadline and sourcing_request.deadline < timezone.localdate():
            raise ValidationError(_("The deadline has passed; change it first."),
                                  code="deadline_passed")
        sourcing_request.published_at = sourcing_request.published_at or timezone.now()
    sourcing_request.status = status
    sourcing_request._history_user = actor
    sourcing_request.save(update_fields=["status", "published_at", "updated_at"])
    return sourcing_request


# --- The buyer's decisions on matches -----------------------------------------------------


@transaction.atomic
def match_decide(*, actor: User, sourcing_request: SourcingRequest, enterprise: Enterprise,
                 excluded: bool | None = None, pin: int | None = None,
                 clear_pin: bool = False) -> MatchDecision:
    """Exclude (or bring back) a matched enterprise, or pin it to a place in the list."""
    if not permissions.can_manage_sourcing_request(actor, sourcing_request):
        raise PermissionDenied(_("This request is not your company's."))
    if pin is not None and not 1 <= pin <= selectors.MATCH_LIST_LENGTH:
        raise ValidationError(_("A place between 1 and %(n)d."), code="pin_range",
                              params={"n": selectors.MATCH_LIST_LENGTH})
    decision, _created = MatchDecision.objects.select_for_update().get_or_create(
        request=sourcing_request, enterprise=enterprise, defaults={"decided_by": actor})
    if excluded is not None:
        decision.excluded = excluded
    if pin is not None:
        decision.pin = pin
    if clear_pin:
        decision.pin = None
    decision.decided_by = actor
    decision.save()
    return decision


# --- Trust: reports and reviews ---------------------------------------------------------


@transaction.atomic
def request_report(*, actor: User, sourcing_request: SourcingRequest, enterprise: Enterprise,
                   reason: str, note: str = "") -> RequestReport:
    """An MSME reports a request as junk or fraud: the request is held until reviewed."""
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if not permissions.can_respond_to_request(actor, sourcing_request, enterprise):
        raise PermissionDenied(_("You may not report this request."))
    sourcing_request = SourcingRequest.objects.select_for_update().get(pk=sourcing_request.pk)
    report, created = RequestReport.objects.get_or_create(
        request=sourcing_request, enterprise=enterprise,
        defaults={"reported_by": actor, "reason": reason, "note": (note or "")[:2000]})
    if not created:
        raise ValidationError(_("Your enterprise has reported this request already."),
                              code="duplicate")
    if sourcing_request.held_at is None:
        sourcing_request.held_at = timezone.now()
        sourcing_request.held_reason = str(ReportReason(reason).label)[:200]
        sourcing_request._history_user = actor
        sourcing_request.save(update_fields=["held_at", "held_reason", "updated_at"])
        url = reverse("matching:request_detail", args=[sourcing_request.pk])
        notify.notify(notify.official_users_for(sourcing_request.organisation),
                      kind="report", subject=_("A sourcing request was reported and is held"),
                      body=sourcing_request.title, url=url)
        notify.notify(notify.buyer_users(sourcing_request.organisation_id), kind="held",
                      subject=_("Your request is held for review"),
                      body=_("A supplier reported it; an office will review it shortly."),
                      url=url)
    return report


@transaction.atomic
def request_review(*, actor: User, sourcing_request: SourcingRequest, uphold: bool
                   ) -> SourcingRequest:
    """Close the open reports: upheld -> the request is closed (and stays held);
    dismissed -> it is released to suppliers again."""
    if not permissions.can_review_request_reports(actor, sourcing_request):
        raise PermissionDenied(_("You may not review this request."))
    sourcing_request = SourcingRequest.objects.select_for_update().get(pk=sourcing_request.pk)
    now = timezone.now()
    sourcing_request.reports.filter(resolved_at=None).update(
        resolved_at=now, resolved_by=actor, upheld=uphold)
    if uphold:
        if sourcing_request.status == RequestStatus.OPEN:
            sourcing_request.status = RequestStatus.CLOSED
    else:
        sourcing_request.held_at = None
        sourcing_request.held_reason = ""
    sourcing_request._history_user = actor
    sourcing_request.save(update_fields=["status", "held_at", "held_reason", "updated_at"])
    return sourcing_request


# --- Pooling: joint offers -----------------------------------------------------------


@transaction.atomic
def joint_offer_form(*, actor: User, sourcing_request: SourcingRequest,
                     enterprise_ids: list[int], name: str, note: str = "") -> JointOffer:
    """An office groups MSMEs of its area whose capacities together reach the request."""
    ids = sorted({int(i) for i in enterprise_ids})
    if len(ids) < 2:
        raise ValidationError(_("A joint offer needs at least two enterprises."), code="too_few")
    enterprises = list(Enterprise.objects.filter(pk__in=ids))
    if len(enterprises) != len(ids) or not permissions.can_form_joint_offer(actor, enterprises):
        raise PermissionDenied(_("You may group only enterprises of your own area."))
    if not permissions.can_view_sourcing_request(actor, sourcing_request):
        raise PermissionDenied(_("You may not see this request."))
    fits = {f.enterprise_id: f for f in selectors.rank_fits(sourcing_request,
                                                            enterprise_ids=ids)}
    missing = [e.display_name for e in enterprises if e.pk not in fits]
    if missing:
        raise ValidationError(_("These enterprises do not fit the request: %(names)s"),
                              params={"names": ", ".join(missing)}, code="no_fit")
    total = sum((fits[i].capacity_base or Decimal(0) for i in ids), Decimal(0))
    offer = JointOffer.objects.create(
        request=sourcing_request, formed_by=actor, name=(name or "").strip()[:200] or str(
            _("Joint offer")), note=(note or "")[:2000], total_capacity=total,
        unit=sourcing_request.unit)
    products = Product.objects.in_bulk([fits[i].product_id for i in ids])
    JointOfferMember.objects.bulk_create([
        JointOfferMember(joint_offer=offer, enterprise_id=i,
                         product=products.get(fits[i].product_id),
                         capacity=fits[i].capacity_base or Decimal(0)) for i in ids])
    url = reverse("matching:request_detail", args=[sourcing_request.pk])
    notify.notify(notify.buyer_users(sourcing_request.organisation_id), kind="joint_offer",
                  subject=_("A joint offer of several MSMEs for your request"),
                  body=offer.name, url=url, exclude=actor)
    for i in ids:
        notify.notify(notify.owner_users(i), kind="joint_offer",
                      subject=_("Your enterprise is part of a joint offer"),
                      body=f"{offer.name}: {sourcing_request.title}", url=url, exclude=actor)
    return offer
