"""Reads of the matching app: ranked matches, fitting requests, records and lists.

Access is decided in accounts.permissions; these functions take what a caller may see
(or check it through the permission functions) and never widen it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from etalase.accounts import permissions
from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.matching import candidates, pooling
from etalase.matching.models import (
    Inquiry,
    InquiryStatus,
    MatchDecision,
    Message,
    Notification,
    Quote,
    RequestHSCode,
    Side,
    SourcingRequest,
)
from etalase.matching.scoring import (
    Fit,
    ProductsScorer,
    RequestProfile,
    SupplierProduct,
    apply_decisions,
    rank,
    score,
)

MATCH_LIST_LENGTH = 50


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def with_hs(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("organisation", "destination_country").prefetch_related(
        Prefetch("hs_links", queryset=RequestHSCode.objects.order_by("hs_code_id")))


# --- Buyer side: suppliers for a request --------------------------------------------------


def rank_fits(sourcing_request: SourcingRequest, *, today: dt.date | None = None,
              enterprise_ids=None) -> list[Fit]:
    """Every matching enterprise once (best product), ranked; before the buyer's decisions."""
    today = _today(today)
    profile = candidates.request_profile(sourcing_request)
    ids = candidates.candidate_ids(sourcing_request, profile, today=today,
                                   enterprise_ids=enterprise_ids)
    products = candidates.supplier_products(ids, cert_kinds=profile.required_certifications,
                                            term_parts=profile.terms)
    return rank(profile, products, today=today)


@dataclass
class MatchRow:
    rank: int
    fit: Fit
    enterprise: Enterprise
    product: Product
    pin: int | None = None
    inquiry: Inquiry | None = None


@dataclass
class MatchList:
    shown: list[MatchRow]
    excluded: list[MatchRow]
    pool: pooling.PoolProposal | None = None
    pool_rows: list[MatchRow] = field(default_factory=list)


def _rows(fits: list[Fit], pins: dict[int, int], sourcing_request: SourcingRequest,
          start: int = 1) -> list[MatchRow]:
    enterprises = Enterprise.objects.select_related("subdivision", "country").in_bulk(
        [f.enterprise_id for f in fits])
    products = Product.objects.select_related("hs_code").prefetch_related("translations").in_bulk(
        [f.product_id for f in fits])
    inquiries = {i.enterprise_id: i for i in Inquiry.objects.filter(
        request=sourcing_request, enterprise_id__in=[f.enterprise_id for f in fits])}
    return [MatchRow(rank=n, fit=f, enterprise=enterprises[f.enterprise_id],
                     product=products[f.product_id], pin=pins.get(f.enterprise_id),
                     inquiry=inquiries.get(f.enterprise_id))
            for n, f in enumerate(fits, start) if f.enterprise_id in enterprises
            and f.product_id in products]


def pool_candidates(fits: list[Fit], places: dict[int, tuple[str, str]]
                    ) -> list[pooling.PoolCandidate]:
    """Fits that may join a pool: the same goods (HS heading or better, or a text-only
    request), a stated capacity in a comparable unit."""
    out = []
    for f in fits:
        if f.capacity_base is None or f.capacity_base <= 0:
            continue
        if f.hs_level and f.hs_level < 4:
            continue
        subdivision, country = places.get(f.enterprise_id, ("", ""))
        out.append(pooling.PoolCandidate(f.enterprise_id, f.product_id, f.capacity_base,
                                         f.score, subdivision, country))
    return out


def propose_pool(sourcing_request: SourcingRequest, fits: list[Fit]
                 ) -> pooling.PoolProposal | None:
    places = {pk: (sub, country) for pk, sub, country in Enterprise.objects.filter(
        pk__in=[f.enterprise_id for f in fits]).values_list("pk", "subdivision_id",
                                                          "country_id")}
    return pooling.propose(pool_candidates(fits, places), sourcing_request.quantity_per_month)


def matches_for_request(sourcing_request: SourcingRequest, *, today: dt.date | None = None,
                        limit: int = MATCH_LIST_LENGTH) -> MatchList:
    """The buyer's match list: ranked, excluded ones apart, pins applied, a pool if needed."""
    fits = rank_fits(sourcing_request, today=today)
    decisions = list(MatchDecision.objects.filter(request=sourcing_request))
    excluded = {d.enterprise_id for d in decisions if d.excluded}
    pins = {d.enterprise_id: d.pin for d in decisions if d.pin and not d.excluded}
    shown, gone = apply_decisions(fits, excluded=excluded, pins=pins)
    result = MatchList(shown=_rows(shown[:limit], pins, sourcing_request),
                       excluded=_rows(gone, {}, sourcing_request))
    result.pool = propose_pool(sourcing_request, shown)
    if result.pool:
        by_id = {f.enterprise_id: f for f in shown}
        result.pool_rows = _rows([by_id[m.enterprise_id] for m in result.pool.members], {},
                                 sourcing_request)
    return result


def enterprise_fit(enterprise_id: int, sourcing_request: SourcingRequest, *,
                   today: dt.date | None = None) -> Fit | None:
    """The best fit of one enterprise's public products (None when none is relevant)."""
    profile = candidates.request_profile(sourcing_request)
    sizes = sourcing_request.size_classes or ()
    if sizes and not Enterprise.objects.filter(pk=enterprise_id, size_class__in=sizes).exists():
        return None
    products = candidates.enterprise_products(enterprise_id)
    best = rank(profile, products, today=_today(today))
    return best[0] if best else None


def enterprise_matches_request(enterprise_id: int, sourcing_request: SourcingRequest) -> bool:
    """Whether a private request reaches this enterprise: it fits, and the buyer did not
    exclude it."""
    if MatchDecision.objects.filter(request=sourcing_request, enterprise_id=enterprise_id,
                                    excluded=True).exists():
        return False
    return enterprise_fit(enterprise_id, sourcing_request) is not None


# --- Supplier side: requests for an enterprise -----------------------------------------


@dataclass
class RequestFit:
    request: SourcingRequest
    fit: Fit


def _open_requests_for(enterprise: Enterprise, chapters: list[str], today: dt.date,
                       since: dt.datetime | None) -> QuerySet:
    """Requests that may reach this enterprise, newest first: reaching suppliers, not past
    their deadline, not excluded by the buyer, and sharing an HS chapter with its products
    (or naming no HS code: those are matched on their words alone)."""
    requests = SourcingRequest.objects.reaching_suppliers().filter(
        Q(pk__in=RequestHSCode.objects.filter(chapter__in=chapters).values("request_id"))
        | ~Q(pk__in=RequestHSCode.objects.values("request_id"))
    ).filter(Q(deadline__isnull=True) | Q(deadline__gte=today)).exclude(
        Exists(MatchDecision.objects.filter(request=OuterRef("pk"), enterprise=enterprise,
                                            excluded=True)))
    if since is not None:
        requests = requests.filter(published_at__gte=since)
    # The order ties of the score keep (the sort below is stable): newest first, then ids.
    return requests.order_by(F("published_at").desc(nulls_last=True), "pk")


def requests_for_enterprise(enterprise: Enterprise, *, today: dt.date | None = None,
                            since: dt.datetime | None = None, limit: int | None = 100
                            ) -> list[RequestFit]:
    """Open requests that reach suppliers and that this enterprise's products fit, ranked
    by the same score the buyers see (then newest first). Private ones are included only
    when they fit — which is the rule for who may see them — and not excluded.

    Every candidate request is scored (without reasons, see `scoring.ProductsScorer`); only
    the `limit` shown are loaded as models and explained."""
    today = _today(today)
    products = candidates.enterprise_products(enterprise.pk)
    if not products:
        return []
    chapters = sorted({p.hs_code[:2] for p in products})
    scorer = ProductsScorer(products, today=today)
    ranked: list[tuple[int, int, RequestProfile, SupplierProduct]] = []
    for pk, sizes, terms_key, profile in candidates.request_profiles(
            _open_requests_for(enterprise, chapters, today, since)):
        if sizes and enterprise.size_class not in sizes:
            continue
        found = scorer.best(profile, terms_key=terms_key)
        if found is not None:
            ranked.append((found[0], pk, profile, found[1]))
    ranked.sort(key=lambda r: -r[0])
    if limit:
        ranked = ranked[:limit]
    # match_terms is the matcher's (read above); the page shows the rest.
    loaded = with_hs(SourcingRequest.objects.filter(pk__in=[r[1] for r in ranked])
                     .defer("match_terms")).in_bulk()
    return [RequestFit(loaded[pk], score(profile, product, today=today))
            for _points, pk, profile, product in ranked if pk in loaded]


# --- Records and lists -------------------------------------------------------------------


@dataclass(frozen=True)
class BuyerRecord:
    requests_posted: int
    inquiries: int
    answered: int
    deals: int
    verified_at: dt.datetime | None


def buyer_record(organisation) -> BuyerRecord:
    """What MSMEs see of a buyer: requests posted (not drafts), conversations, how many of
    them the buyer answered, and deals won."""
    posted = SourcingRequest.objects.filter(organisation=organisation).exclude(
        status="draft").count()
    inquiries = Inquiry.objects.filter(organisation=organisation)
    answered = inquiries.filter(Exists(Message.objects.filter(
        inquiry=OuterRef("pk"), side=Side.BUYER))).count()
    return BuyerRecord(
        requests_posted=posted, inquiries=inquiries.count(), answered=answered,
        deals=inquiries.filter(status=InquiryStatus.WON).count(),
        verified_at=organisation.verified_at)


def requests_of(user) -> QuerySet:
    """The requests a user's buyer companies posted, newest first."""
    scope = permissions.scope_of(user)
    return with_hs(SourcingRequest.objects.filter(organisation_id__in=scope.buyer_orgs)
                   .annotate(inquiry_count=Count("inquiries"))
                   .order_by("-created_at", "-id"))


def inquiries_of(user) -> QuerySet:
    return permissions.inquiries_visible_to(user, Inquiry.objects.select_related(
        "organisation", "enterprise", "request", "product")).order_by(
        "-last_message_at", "-created_at", "-id")


def quotes_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Quotes of the conversations a user takes part in (never another MSME's)."""
    queryset = Quote.objects.all() if queryset is None else queryset
    return queryset.filter(inquiry__in=permissions.inquiries_visible_to(user).values("pk"))


def thread(inquiry: Inquiry) -> dict:
    return {
        "messages": list(inquiry.messages.select_related("author").prefetch_related(
            "attachments")),
        "quotes": list(inquiry.quotes.all()),
    }


def unread_notifications(user, limit: int = 20) -> list[Notification]:
    return list(Notification.objects.filter(user=user, read_at=None)[:limit])


def capacity_in(unit_from: str, quantity: Decimal | None, unit_to: str) -> Decimal | None:
    from etalase.matching.scoring import convert

    return convert(quantity, unit_from, unit_to)
