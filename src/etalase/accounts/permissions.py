"""The one place that answers "may this user do this to this object".

Views, the admin and the API call these functions; none of them decides access on
its own. Scope is always object-level: an officer of ID-SA is refused an enterprise
of ID-KI however its id was obtained.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from etalase.accounts.models import Role, RoleAssignment

if TYPE_CHECKING:
    from etalase.catalog.models import Product
    from etalase.enterprises.models import Enterprise


@dataclass(frozen=True)
class Scope:
    """What a user's roles reach, computed once per request."""

    secretariat: bool
    countries: frozenset[str]  # focal points
    subdivisions: frozenset[str]  # officers (codes, parents included by `covers`)
    enterprises: frozenset[int]  # owners
    buyer_orgs: frozenset[int]  # buyers

    @property
    def is_official(self) -> bool:
        return self.secretariat or bool(self.countries) or bool(self.subdivisions)


EMPTY = Scope(False, frozenset(), frozenset(), frozenset(), frozenset())


def scope_of(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, "_etalase_scope", None)
    if cached is not None:
        return cached
    roles = list(RoleAssignment.objects.filter(user=user))
    scope = Scope(
        secretariat=user.is_superuser or any(r.role == Role.SECRETARIAT for r in roles),
        countries=frozenset(r.country_id for r in roles if r.role == Role.FOCAL_POINT),
        subdivisions=frozenset(r.subdivision_id for r in roles if r.role == Role.OFFICER),
        enterprises=frozenset(r.enterprise_id for r in roles if r.role == Role.MSME_OWNER),
        buyer_orgs=frozenset(r.organisation_id for r in roles if r.role == Role.BUYER),
    )
    user._etalase_scope = scope
    return scope


def has_role(user, role: str) -> bool:
    scope = scope_of(user)
    return {
        Role.SECRETARIAT: scope.secretariat,
        Role.FOCAL_POINT: bool(scope.countries),
        Role.OFFICER: bool(scope.subdivisions),
        Role.MSME_OWNER: bool(scope.enterprises),
        Role.BUYER: bool(scope.buyer_orgs),
    }.get(role, False)


# --- Enterprises -------------------------------------------------------------


def official_area_q(
    *, countries: Iterable[str] = (), subdivisions: Iterable[str] = (), prefix: str = ""
) -> Q:
    """Enterprises in an official's area: its countries, or its subdivisions and those inside
    them. `prefix` reaches the enterprise from another model ("enterprise__" for products)."""
    from etalase.regions.models import Subdivision

    countries, subdivisions = frozenset(countries), frozenset(subdivisions)
    q = Q(**{f"{prefix}pk__in": []})
    if countries:
        q |= Q(**{f"{prefix}country_id__in": countries})
    if subdivisions:
        # The subdivisions first, then the enterprises in them: an OR across a join to the
        # subdivision table would make the database read every enterprise.
        inside = Subdivision.objects.filter(
            Q(code__in=subdivisions) | Q(parent_id__in=subdivisions)
        ).values("code")
        q |= Q(**{f"{prefix}subdivision_id__in": inside})
    return q


def enterprises_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Enterprises this user may change: owners their own, officials their area."""
    from etalase.enterprises.models import Enterprise

    queryset = Enterprise.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    q = official_area_q(countries=scope.countries, subdivisions=scope.subdivisions)
    if scope.enterprises:
        q |= Q(pk__in=scope.enterprises)
    return queryset.filter(q)


def enterprises_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Enterprises this user may see: public ones plus those it manages."""
    from etalase.enterprises.models import Enterprise

    queryset = Enterprise.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    managed = enterprises_managed_by(user, queryset).values("pk")
    return queryset.filter(Q(pk__in=Enterprise.objects.public().values("pk")) | Q(pk__in=managed))


def _in_official_area(scope: Scope, enterprise: Enterprise) -> bool:
    if enterprise.country_id in scope.countries:
        return True
    sub = enterprise.subdivision
    return enterprise.subdivision_id in scope.subdivisions or (
        sub is not None and sub.parent_id in scope.subdivisions
    )


def can_view_enterprise(user, enterprise: Enterprise) -> bool:
    return enterprise.is_public or can_change_enterprise(user, enterprise)


def can_change_enterprise(user, enterprise: Enterprise) -> bool:
    scope = scope_of(user)
    return (
        scope.secretariat
        or enterprise.pk in scope.enterprises
        or _in_official_area(scope, enterprise)
    )


def can_verify_enterprise(user, enterprise: Enterprise) -> bool:
    """Verification is an office's act, never the owner's own."""
    scope = scope_of(user)
    return scope.secretariat or _in_official_area(scope, enterprise)


def can_create_enterprise_in(user, subdivision_code: str, country_code: str) -> bool:
    scope = scope_of(user)
    if scope.secretariat or country_code in scope.countries:
        return True
    from etalase.regions.models import Subdivision

    sub = Subdivision.objects.filter(code=subdivision_code).only("code", "parent_id").first()
    return sub is not None and (
        sub.code in scope.subdivisions or sub.parent_id in scope.subdivisions
    )


def can_see_contact_details(user, enterprise: Enterprise) -> bool:
    """Phone, WhatsApp and e-mail go to signed-in buyers and officials (design §3)."""
    scope = scope_of(user)
    return bool(scope.buyer_orgs) or scope.is_official or enterprise.pk in scope.enterprises


# --- Products ----------------------------------------------------------------


def products_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from etalase.catalog.models import Product, published_q

    queryset = Product.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    managed = enterprises_managed_by(user).values("pk")
    return queryset.filter(published_q() | Q(enterprise_id__in=managed))


def can_view_product(user, product: Product) -> bool:
    if product.is_published and product.enterprise.is_public:
        return True
    return can_change_enterprise(user, product.enterprise)


def can_change_product(user, product: Product) -> bool:
    return can_change_enterprise(user, product.enterprise)


# --- Offices and reports ------------------------------------------------------


def can_manage_subdivision(user, subdivision_code: str) -> bool:
    """Officers act for their province; focal points for their country."""
    scope = scope_of(user)
    if scope.secretariat:
        return True
    from etalase.regions.models import Subdivision

    sub = (
        Subdivision.objects.filter(code=subdivision_code)
        .only("code", "country_id", "parent_id")
        .first()
    )
    if sub is None:
        return False
    return (
        sub.country_id in scope.countries
        or sub.code in scope.subdivisions
        or sub.parent_id in scope.subdivisions
    )


def can_verify_buyer(user) -> bool:
    scope = scope_of(user)
    return scope.secretariat or scope.is_official


def can_use_admin(user) -> bool:
    """The admin is for offices and the secretariat; owners and buyers use the site."""
    return bool(user.is_active and user.is_authenticated and scope_of(user).is_official)


# --- Accounts: users, organisations, API tokens -------------------------------


def can_manage_users(user) -> bool:
    """Users, their roles and API tokens are the secretariat's to manage."""
    return scope_of(user).secretariat


def organisations_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Organisations an office may see and verify: focal points their country,
    officers those placed in their province; the secretariat all."""
    from etalase.accounts.models import Organisation

    queryset = Organisation.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    q = Q(pk__in=[])
    if scope.countries:
        q |= Q(country_id__in=scope.countries)
    if scope.subdivisions:
        q |= Q(subdivision_id__in=scope.subdivisions) | Q(
            subdivision__parent_id__in=scope.subdivisions
        )
    return queryset.filter(q)


def can_issue_api_token(user) -> bool:
    """Tokens are for organisations' systems: buyers' and offices' (design §1, API)."""
    scope = scope_of(user)
    return bool(user.is_active and user.is_authenticated) and (
        scope.is_official or bool(scope.buyer_orgs)
    )


def can_publish_merchant_qr(user, enterprise: Enterprise) -> bool:
    """Only the enterprise's owner (or the secretariat) publishes where its money goes."""
    scope = scope_of(user)
    return scope.secretariat or enterprise.pk in scope.enterprises


# --- Registry admin (enterprises helper) ----------------------------------------


def subdivisions_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Provinces an office may place enterprises in: its country, or its province and
    those inside it; the secretariat all. Owners and buyers none."""
    from etalase.regions.models import Subdivision

    queryset = Subdivision.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    q = Q(pk__in=[])
    if scope.countries:
        q |= Q(country_id__in=scope.countries)
    if scope.subdivisions:
        q |= Q(code__in=scope.subdivisions) | Q(parent_id__in=scope.subdivisions)
    return queryset.filter(q)


def products_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Products this user may change: those of the enterprises it manages."""
    from etalase.catalog.models import Product

    queryset = Product.objects.all() if queryset is None else queryset
    if scope_of(user).secretariat:
        return queryset
    return queryset.filter(enterprise__in=enterprises_managed_by(user).values("pk"))


# --- Submissions ---------------------------------------------------------------


def can_submit_for(user, subdivision_code: str) -> bool:
    """Officers send their own province's data (the secretariat may act for any office)."""
    scope = scope_of(user)
    return scope.secretariat or subdivision_code in scope.subdivisions


def can_review_submission(user, submission) -> bool:
    """The national focal point of the submission's country accepts or returns it."""
    scope = scope_of(user)
    return scope.secretariat or submission.country_id in scope.countries


def submissions_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from etalase.intake.models import Submission

    queryset = Submission.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    return queryset.filter(Q(office_id__in=scope.subdivisions) | Q(country_id__in=scope.countries))


def field_records_decided_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """Field records (ODK Collect) whose held versions this user decides: its offices'."""
    from etalase.fieldcapture.models import FieldRecord

    queryset = FieldRecord.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    return queryset.filter(office_id__in=scope.subdivisions)


# --- Learning: programmes, enrolments, resources (learning helper) -----------------------
# A programme or resource belongs to an office: an officer's province, a focal point's
# country, or none (the regional secretariat). Offices manage their own and publish only
# to MSMEs inside their area; focal points also manage their provinces' programmes.


def _covers_subdivision(scope: Scope, subdivision) -> bool:
    """Officer or focal-point reach over a Subdivision (walking up regions)."""
    if subdivision is None:
        return False
    if subdivision.country_id in scope.countries:
        return True
    node, depth = subdivision, 0
    while node is not None and depth < 5:
        if node.code in scope.subdivisions:
            return True
        node, depth = node.parent, depth + 1
    return False


def can_create_programme(user) -> bool:
    """Officers, focal points and the secretariat publish programmes and resources."""
    return scope_of(user).is_official


def can_target_programme(user, *, countries, subdivisions) -> bool:
    """May this user publish to MSMEs of these eligible countries / subdivisions?

    The reach of a programme is its subdivisions when it names any (eligibility is an AND,
    so a country restriction cannot widen it), else its countries, else everyone; every
    part of that reach must lie in the user's area. `countries` are codes, `subdivisions`
    Subdivision objects. Only the secretariat publishes to the whole region.
    """
    scope = scope_of(user)
    if scope.secretariat:
        return True
    if not scope.is_official:
        return False
    subdivisions = list(subdivisions)
    if subdivisions:
        return all(_covers_subdivision(scope, sub) for sub in subdivisions)
    countries = set(countries)
    return bool(countries) and countries <= scope.countries


def _manages_office_owned(user, obj) -> bool:
    """Programmes and resources belong to an office: its officers and focal points manage them."""
    scope = scope_of(user)
    if scope.secretariat:
        return True
    if obj.office_country_id and obj.office_country_id in scope.countries:
        return True
    return _covers_subdivision(scope, obj.office_subdivision)


def _office_owned_managed_by(user, queryset: QuerySet) -> QuerySet:
    """The queryset form of `_manages_office_owned`."""
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    q = Q(pk__in=[])
    if scope.countries:
        q |= Q(office_country_id__in=scope.countries)
    if scope.subdivisions:
        q |= Q(office_subdivision_id__in=scope.subdivisions) | Q(
            office_subdivision__parent_id__in=scope.subdivisions
        )
    return queryset.filter(q)


def can_change_programme(user, programme) -> bool:
    """The managing office: its province's officers, its country's focal points."""
    return _manages_office_owned(user, programme)


def programmes_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    from etalase.learning.models import Programme

    queryset = Programme.objects.all() if queryset is None else queryset
    return _office_owned_managed_by(user, queryset)


def can_view_programme(user, programme) -> bool:
    return programme.is_published or can_change_programme(user, programme)


def can_enrol(user, enterprise) -> bool:
    """Only the enterprise's own owner applies for it (nobody enrols someone else's)."""
    return enterprise is not None and enterprise.pk in scope_of(user).enterprises


def can_manage_enrolment(user, enrolment) -> bool:
    """The owner of the enrolled enterprise: cancel, see status, download the certificate."""
    return enrolment.enterprise_id in scope_of(user).enterprises


def can_organise(user, programme) -> bool:
    """Enrolment lists, attendance and exports: the managing office."""
    return can_change_programme(user, programme)


def can_change_resource(user, resource) -> bool:
    return _manages_office_owned(user, resource)


def resources_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    from etalase.learning.models import Resource

    queryset = Resource.objects.all() if queryset is None else queryset
    return _office_owned_managed_by(user, queryset)


def can_view_resource(user, resource) -> bool:
    return resource.is_published or can_change_resource(user, resource)


# --- Matching (supply-chain matching: sourcing requests, inquiries, events) ------------
# A private request reaches only the suppliers it matches: that fit is computed by the
# matching app (the same scoring the buyer's list uses), which hands its function over
# when it is ready (MatchingConfig.ready): this lower layer does not import its selectors.
_request_fit: Callable[[int, object], bool] | None = None


def register_request_fit(fit: Callable[[int, object], bool]) -> None:
    global _request_fit
    _request_fit = fit


def can_post_sourcing_request(user) -> bool:
    return bool(scope_of(user).buyer_orgs)


def sourcing_requests_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Requests a user may list: buyers their company's; officials all but drafts; MSME
    owners the public ones that reach suppliers and those they are already talking about.
    (Private requests an owner's products fit are added by
    matching.selectors.requests_for_enterprise, through can_view_sourcing_request.)"""
    from etalase.matching.models import RequestStatus, SourcingRequest, Visibility

    queryset = SourcingRequest.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    q = Q(organisation_id__in=scope.buyer_orgs)
    if scope.is_official:
        q |= ~Q(status=RequestStatus.DRAFT)
    if scope.enterprises:
        reaching = SourcingRequest.objects.reaching_suppliers()
        q |= Q(pk__in=reaching.filter(visibility=Visibility.PUBLIC).values("pk"))
        q |= Q(pk__in=reaching.filter(inquiries__enterprise_id__in=scope.enterprises)
               .values("pk"))
    return queryset.filter(q)


def can_manage_sourcing_request(user, sourcing_request) -> bool:
    """Edit, open, close, award, see its matches and decide on them: the buyer company."""
    scope = scope_of(user)
    return sourcing_request.organisation_id in scope.buyer_orgs


def can_view_matches(user, sourcing_request) -> bool:
    """Matches are the owning buyer's (and the secretariat's, which moderates)."""
    return can_manage_sourcing_request(user, sourcing_request) or scope_of(user).secretariat


def supplier_may_see_request(enterprise_id: int, sourcing_request) -> bool:
    """Whether a request reaches this enterprise: it reaches suppliers (open, not held,
    verified buyer) and is public, or the enterprise is in talks about it, or it matches."""
    from etalase.matching.models import RequestStatus, Visibility

    org = sourcing_request.organisation
    reaching = (sourcing_request.status == RequestStatus.OPEN and sourcing_request.held_at is None
                and org.verified_at is not None)
    if not reaching:
        return False
    if sourcing_request.visibility == Visibility.PUBLIC:
        return True
    if sourcing_request.inquiries.filter(enterprise_id=enterprise_id).exists():
        return True
    # No fit function (the matching app not installed): a private request reaches no one.
    return _request_fit is not None and _request_fit(enterprise_id, sourcing_request)


def can_view_sourcing_request(user, sourcing_request) -> bool:
    from etalase.matching.models import RequestStatus

    scope = scope_of(user)
    if scope.secretariat or sourcing_request.organisation_id in scope.buyer_orgs:
        return True
    if scope.is_official and sourcing_request.status != RequestStatus.DRAFT:
        return True
    return any(supplier_may_see_request(e, sourcing_request) for e in sorted(scope.enterprises))


def can_respond_to_request(user, sourcing_request, enterprise) -> bool:
    """An owner answers (or reports) a request for its own enterprise, if it reaches it."""
    return enterprise.pk in scope_of(user).enterprises and supplier_may_see_request(
        enterprise.pk, sourcing_request)


def can_review_request_reports(user, sourcing_request) -> bool:
    """Held requests are reviewed by the secretariat or an office covering the buyer."""
    if scope_of(user).secretariat:
        return True
    return organisations_managed_by(user).filter(pk=sourcing_request.organisation_id).exists()


def can_view_buyer_record(user, organisation) -> bool:
    scope = scope_of(user)
    return (scope.secretariat or scope.is_official or bool(scope.enterprises)
            or organisation.pk in scope.buyer_orgs)


def inquiries_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Conversations are the two parties' own; offices do not read trade talks."""
    from etalase.matching.models import Inquiry

    queryset = Inquiry.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    return queryset.filter(Q(organisation_id__in=scope.buyer_orgs)
                           | Q(enterprise_id__in=scope.enterprises))


def inquiry_side(user, inquiry) -> str | None:
    """"buyer", "supplier" or None: which side of the conversation a user writes for."""
    scope = scope_of(user)
    if inquiry.organisation_id in scope.buyer_orgs:
        return "buyer"
    if inquiry.enterprise_id in scope.enterprises:
        return "supplier"
    return None


def can_view_inquiry(user, inquiry) -> bool:
    return inquiry_side(user, inquiry) is not None or scope_of(user).secretariat


def can_contact_enterprise(user, enterprise) -> bool:
    """Buyers write to any public enterprise (from a match or from the gallery)."""
    return bool(scope_of(user).buyer_orgs) and enterprise.is_public


def can_quote(user, inquiry) -> bool:
    return inquiry.enterprise_id in scope_of(user).enterprises


def can_create_matchmaking_event(user) -> bool:
    return scope_of(user).is_official


def can_manage_matchmaking_event(user, event) -> bool:
    """The secretariat, and offices covering the event's province (or its creator)."""
    scope = scope_of(user)
    if scope.secretariat:
        return True
    if not scope.is_official:
        return False
    if event.created_by_id == getattr(user, "pk", None):
        return True
    return bool(event.subdivision_id) and can_manage_subdivision(user, event.subdivision_id)


def matchmaking_events_managed_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """The queryset form of `can_manage_matchmaking_event` (the API's event lists)."""
    from etalase.matching.models import MatchmakingEvent

    queryset = MatchmakingEvent.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.secretariat:
        return queryset
    if not scope.is_official:
        return queryset.none()
    return queryset.filter(Q(created_by_id=user.pk) | Q(
        subdivision_id__in=subdivisions_managed_by(user).values("code")))


def can_form_joint_offer(user, enterprises) -> bool:
    """An office groups MSMEs of its own area (the secretariat any)."""
    enterprises = list(enterprises)
    if not enterprises or not scope_of(user).is_official:
        return False
    return all(can_verify_enterprise(user, enterprise) for enterprise in enterprises)


# --- Personal data (etalase.privacy) -------------------------------------------


def can_withdraw_consent(user, enterprise: Enterprise) -> bool:
    """Consent is the owner's to give and to take back."""
    return enterprise.pk in scope_of(user).enterprises


def can_decide_erasure(user, requester) -> bool:
    """The secretariat, or an official of the area of an enterprise the requester owns."""
    scope = scope_of(user)
    if scope.secretariat:
        return True
    if not scope.is_official or requester is None or requester.pk == user.pk:
        return False
    from etalase.enterprises.models import Enterprise

    owned = Enterprise.objects.filter(
        pk__in=RoleAssignment.objects.filter(user=requester, role=Role.MSME_OWNER).values(
            "enterprise_id"
        )
    ).select_related("subdivision")
    return any(_in_official_area(scope, e) for e in owned)


def can_read_audit_log(user) -> bool:
    return scope_of(user).secretariat
