"""Sourcing requests: the list, the form, the detail page of each side, the decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from etalase.accounts import permissions
from etalase.accounts.models import Organisation
from etalase.accounts.services import organisation_verify
from etalase.catalog import selectors as catalog_selectors
from etalase.catalog.hs_suggest.widget import suggestions_for
from etalase.catalog.models import HSCode
from etalase.enterprises.models import Enterprise
from etalase.matching import messaging, selectors, services
from etalase.matching.forms import (
    DecisionForm,
    JointOfferForm,
    MessageForm,
    ReportForm,
    SourcingRequestForm,
)
from etalase.matching.models import RequestStatus, SourcingRequest

PER_PAGE = 25
HS_OPTIONS = 15
OFFICE_RANKING_LIMIT = 5000


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def visible_request(request: HttpRequest, pk: int) -> SourcingRequest:
    sourcing_request = get_object_or_404(selectors.with_hs(SourcingRequest.objects), pk=pk)
    if not permissions.can_view_sourcing_request(request.user, sourcing_request):
        raise Http404
    return sourcing_request


def managed_request(request: HttpRequest, pk: int) -> SourcingRequest:
    sourcing_request = get_object_or_404(selectors.with_hs(SourcingRequest.objects), pk=pk)
    if not permissions.can_manage_sourcing_request(request.user, sourcing_request):
        raise Http404
    return sourcing_request


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = permissions.scope_of(user)
    context: dict = {"scope": scope,
                     "can_post": permissions.can_post_sourcing_request(user),
                     "unread": len(selectors.unread_notifications(user))}
    if scope.buyer_orgs:
        context["mine"] = _page(request, selectors.requests_of(user))
    others = permissions.sourcing_requests_visible_to(user, selectors.with_hs(
        SourcingRequest.objects.exclude(organisation_id__in=scope.buyer_orgs)))
    if not scope.is_official and not scope.secretariat:
        others = others.filter(status=RequestStatus.OPEN)
    if scope.is_official or scope.enterprises:
        context["others"] = _page(request, others.order_by("-held_at", "-published_at", "-id"))
    if permissions.can_verify_buyer(user):
        # Buyers with requests waiting for an office: their requests reach no MSME yet.
        context["unverified"] = list(permissions.organisations_managed_by(
            user, Organisation.objects.filter(kind=Organisation.Kind.BUYER, verified_at=None,
                                              sourcing_requests__isnull=False)
        ).distinct().order_by("name")[:50])
    return render(request, "matching/request_list.html", context)


@login_required
@require_POST
def buyer_verify(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.BUYER)
    try:
        organisation_verify(organisation=organisation, by=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("%(name)s is verified: its open requests now reach MSMEs.")
                     % {"name": organisation.name})
    return redirect("matching:requests")


def _buyer_org(request: HttpRequest) -> Organisation:
    orgs = sorted(permissions.scope_of(request.user).buyer_orgs)
    if not orgs:
        raise PermissionDenied
    return Organisation.objects.get(pk=orgs[0])


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_post_sourcing_request(request.user):
        raise PermissionDenied(_("Only buyer accounts post sourcing requests."))
    organisation = _buyer_org(request)
    form = SourcingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.sourcing_request_create(
                actor=request.user, organisation=organisation,
                hs_codes=form.cleaned_data["hs_code_list"], **form.service_fields())
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Your request is saved."))
            if "open" in request.POST:
                try:  # saved either way: a refusal to open leaves a draft to complete
                    services.sourcing_request_set_status(
                        actor=request.user, sourcing_request=created, status="open")
                except ValidationError as exc:
                    _errors(request, exc)
            return redirect("matching:request_detail", pk=created.pk)
    return render(request, "matching/request_form.html", {
        "form": form, "organisation": organisation, "picked": _picked(form)})


def _picked(form: SourcingRequestForm) -> list[HSCode]:
    codes = form.picks() if form.is_bound else []
    return list(HSCode.objects.filter(code__in=codes).prefetch_related("translations"))


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing_request = managed_request(request, pk)
    form = SourcingRequestForm(request.POST or None,
                               initial=SourcingRequestForm.initial_from(sourcing_request))
    if request.method == "POST" and form.is_valid():
        try:
            services.sourcing_request_update(
                actor=request.user, sourcing_request=sourcing_request,
                hs_codes=form.cleaned_data["hs_code_list"], **form.service_fields())
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Your request is saved."))
            return redirect("matching:request_detail", pk=pk)
    return render(request, "matching/request_form.html", {
        "form": form, "organisation": sourcing_request.organisation,
        "sourcing_request": sourcing_request, "picked": _picked(form)})


@require_GET
def hs_options(request: HttpRequest) -> HttpResponse:
    """Search-as-you-type over the nomenclature, in the reader's language (htmx fragment)."""
    q = (request.GET.get("q") or "").strip()[:100]
    q = "".join(ch for ch in q if ch.isprintable())
    picked_codes = [c[:6] for c in request.GET.getlist("hs_pick")[:20] if c.isdigit()]
    picked = list(HSCode.objects.filter(code__in=picked_codes).prefetch_related("translations"))
    options = []
    language = translation.get_language()
    if len(q) >= 2:
        found = list(catalog_selectors.hs_code_search(q=q).filter(level__in=(4, 6))
                     [:HS_OPTIONS + len(picked)])
        # Subheadings suggested from the name (catalog.hs_suggest) come first.
        suggested = [s["code"] for s in suggestions_for(q, language)[0]]
        by_code = {c.code: c for c in HSCode.objects.filter(code__in=suggested)
                   .prefetch_related("translations")}
        ranked = [by_code[c] for c in suggested if c in by_code]
        ranked += [c for c in found if c.code not in by_code]
        options = [c for c in ranked if c.code not in picked_codes]
    return render(request, "matching/_hs_options.html", {
        "q": q, "picked": [(c, c.name_in(language)) for c in picked],
        "options": [(c, c.name_in(language)) for c in options[:HS_OPTIONS]]})


def _supplier_context(request: HttpRequest, sourcing_request: SourcingRequest) -> list[dict]:
    """For each of the owner's enterprises the request reaches: its fit and thread."""
    rows = []
    for enterprise in Enterprise.objects.filter(
            pk__in=permissions.scope_of(request.user).enterprises).order_by("pk"):
        if not permissions.supplier_may_see_request(enterprise.pk, sourcing_request):
            continue
        rows.append({
            "enterprise": enterprise,
            "fit": selectors.enterprise_fit(enterprise.pk, sourcing_request),
            "inquiry": sourcing_request.inquiries.filter(enterprise=enterprise).first(),
            "reported": sourcing_request.reports.filter(enterprise=enterprise).exists(),
        })
    return rows


def _official_pool(request: HttpRequest, sourcing_request: SourcingRequest) -> dict:
    """An office's view: a pooling proposal among the enterprises of its own area."""
    managed = set(permissions.enterprises_managed_by(request.user).values_list("pk", flat=True))
    if not managed:
        return {}
    # An office's area is at most a few thousand enterprises: rank among them. A country
    # or the whole region: rank all, keep theirs (the list is for forming offers, not a
    # search of the registry).
    area = sorted(managed) if len(managed) <= OFFICE_RANKING_LIMIT else None
    fits = [f for f in selectors.rank_fits(sourcing_request, enterprise_ids=area)
            if f.enterprise_id in managed]
    pool = selectors.propose_pool(sourcing_request, fits)
    names = dict(Enterprise.objects.filter(pk__in=[f.enterprise_id for f in fits[:30]])
                 .values_list("pk", "legal_name"))
    choices = [(f.enterprise_id, f"{names.get(f.enterprise_id, f.enterprise_id)} — "
                f"{f.capacity_base or '?'} {sourcing_request.unit}/month") for f in fits[:30]]
    initial = {"members": [m.enterprise_id for m in pool.members] if pool else [],
               "name": sourcing_request.title[:150]}
    return {"official_pool": pool, "official_fits": fits[:30],
            "joint_offer_form": JointOfferForm(initial=initial, choices=choices)}


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing_request = visible_request(request, pk)
    user = request.user
    context: dict = {
        "sourcing_request": sourcing_request,
        "manage": permissions.can_manage_sourcing_request(user, sourcing_request),
        "record": selectors.buyer_record(sourcing_request.organisation),
        "show_record": permissions.can_view_buyer_record(user, sourcing_request.organisation),
        "hs_codes": list(HSCode.objects.filter(code__in=sourcing_request.hs_code_list)
                         .prefetch_related("translations")),
        "joint_offers": list(sourcing_request.joint_offers.prefetch_related(
            "members__enterprise")) if permissions.can_view_matches(user, sourcing_request)
        or permissions.scope_of(user).is_official else [],
    }
    if permissions.can_view_matches(user, sourcing_request):
        context["matches"] = selectors.matches_for_request(sourcing_request)
        context["inquiries"] = list(sourcing_request.inquiries.select_related("enterprise"))
    else:
        context["supplier_rows"] = _supplier_context(request, sourcing_request)
        context["message_form"] = MessageForm()
        context["report_form"] = ReportForm()
    if permissions.can_review_request_reports(user, sourcing_request):
        context["reports"] = list(sourcing_request.reports.all())
        context["can_review"] = sourcing_request.held_at is not None
    if permissions.scope_of(user).is_official and not context["manage"]:
        context.update(_official_pool(request, sourcing_request))
    return render(request, "matching/request_detail.html", context)


@login_required
@require_POST
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing_request = managed_request(request, pk)
    try:
        services.sourcing_request_set_status(actor=request.user,
                                             sourcing_request=sourcing_request,
                                             status=str(request.POST.get("status", ""))[:10])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The request's status is changed."))
    return redirect("matching:request_detail", pk=pk)


@login_required
@require_POST
def match_decide(request: HttpRequest, pk: int, enterprise_id: int) -> HttpResponse:
    sourcing_request = managed_request(request, pk)
    enterprise = get_object_or_404(Enterprise.objects.public(), pk=enterprise_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a place between 1 and 50."))
        return redirect("matching:request_detail", pk=pk)
    action = form.cleaned_data["action"]
    try:
        services.match_decide(
            actor=request.user, sourcing_request=sourcing_request, enterprise=enterprise,
            excluded={"exclude": True, "include": False}.get(action),
            pin=form.cleaned_data.get("pin") if action == "pin" else None,
            clear_pin=action in ("unpin", "exclude"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(reverse("matching:request_detail", args=[pk]) + "#matches")


@login_required
@require_POST
def request_respond(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing_request = visible_request(request, pk)
    enterprise = get_object_or_404(Enterprise, pk=_int(request.POST.get("enterprise")))
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Write a message."))
        return redirect("matching:request_detail", pk=pk)
    try:
        inquiry = messaging.request_respond(
            actor=request.user, sourcing_request=sourcing_request, enterprise=enterprise,
            body=form.cleaned_data["body"], files=form.uploaded(request.FILES))
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("matching:request_detail", pk=pk)
    messages.success(request, _("Your response is sent to the buyer."))
    return redirect("matching:inquiry_detail", pk=inquiry.pk)


def _int(value) -> int:
    try:
        number = int(str(value)[:19])
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


@login_required
@require_POST
def request_report(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing_request = visible_request(request, pk)
    enterprise = get_object_or_404(Enterprise, pk=_int(request.POST.get("enterprise")))
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason."))
        return redirect("matching:request_detail", pk=pk)
    try:
        services.request_report(actor=request.user, sourcing_request=sourcing_request,
                                enterprise=enterprise, reason=form.cleaned_data["reason"],
                                note=form.cleaned_data["note"])
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Thank you. The request is held until an office "
                                    "reviews it."))
    return redirect("matching:requests")


@login_required
@require_POST
def request_review(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing_request = visible_request(request, pk)
    try:
        services.request_review(actor=request.user, sourcing_request=sourcing_request,
                                uphold=request.POST.get("decision") == "uphold")
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The review is recorded."))
    return redirect("matching:request_detail", pk=pk)


@login_required
@require_POST
def joint_offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    sourcing_request = visible_request(request, pk)
    ids = [_int(v) for v in request.POST.getlist("members")[:20]]
    form = JointOfferForm(request.POST, choices=[(i, i) for i in ids if i])
    if not form.is_valid():
        messages.error(request, _("Name the group and tick at least two enterprises."))
        return redirect("matching:request_detail", pk=pk)
    try:
        services.joint_offer_form(actor=request.user, sourcing_request=sourcing_request,
                                  enterprise_ids=form.cleaned_data["members"],
                                  name=form.cleaned_data["name"], note=form.cleaned_data["note"])
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The joint offer is formed; the buyer and the members "
                                    "are told."))
    return redirect("matching:request_detail", pk=pk)


@login_required
@require_GET
def for_me(request: HttpRequest) -> HttpResponse:
    """The MSME's side: open requests its products fit, ranked like the buyers' lists."""
    scope = permissions.scope_of(request.user)
    rows = [{"enterprise": enterprise,
             "fits": selectors.requests_for_enterprise(enterprise, limit=50)}
            for enterprise in Enterprise.objects.filter(pk__in=scope.enterprises).order_by("pk")]
    digests = request.user.matching_notifications.filter(kind="digest")[:3]
    return render(request, "matching/for_me.html", {"rows": rows, "digests": digests})
