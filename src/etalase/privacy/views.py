"""Thin views: the account holder's own data, erasure decisions, the secretariat's log."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from etalase.accounts import permissions
from etalase.enterprises.models import Enterprise
from etalase.privacy import selectors, services
from etalase.privacy.forms import ConfirmForm
from etalase.privacy.models import AuditEntry, ErasureRequest

SECTION_TITLES = {
    "profile": gettext_lazy("Profile"),
    "roles": gettext_lazy("Roles"),
    "enterprises": gettext_lazy("Enterprises you own"),
    "enterprise_translations": gettext_lazy("Enterprise descriptions in other languages"),
    "certifications": gettext_lazy("Certifications"),
    "products": gettext_lazy("Products"),
    "merchant_qr": gettext_lazy("Payment QR codes"),
    "consent_invitations": gettext_lazy("Consent invitations"),
    "inquiries": gettext_lazy("Inquiries"),
    "messages": gettext_lazy("Messages"),
    "sourcing_requests": gettext_lazy("Sourcing requests"),
    "event_registrations": gettext_lazy("Matchmaking registrations"),
    "enrolments": gettext_lazy("Programme enrolments"),
    "notifications": gettext_lazy("Notifications"),
    "api_tokens": gettext_lazy("API tokens"),
    "enterprise_history": gettext_lazy("History of your enterprise records"),
    "product_history": gettext_lazy("History of your products"),
    "sign_in_log": gettext_lazy("Sign-ins"),
    "access_by_officials": gettext_lazy("Officials who viewed or exported your data"),
    "erasure_requests": gettext_lazy("Erasure requests"),
}


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data(request.user)
    sections = [(key, SECTION_TITLES.get(key, key), rows) for key, rows in data.items()]
    owned = Enterprise.objects.filter(pk__in=selectors.owned_enterprise_ids(request.user))
    pending = ErasureRequest.objects.filter(
        user=request.user, status=ErasureRequest.Status.PENDING).first()
    return render(request, "privacy/my_data.html", {
        "sections": sections, "owned": owned, "pending": pending, "form": ConfirmForm(),
    })


@login_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data(request.user)
    body = json.dumps({"generated_at": timezone.now(), **data}, cls=DjangoJSONEncoder,
                      ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="etalase-my-data.json"'
    return response


@login_required
@require_POST
def withdraw_consent(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise, pk=enterprise_id)
    if not permissions.can_withdraw_consent(request.user, enterprise):
        raise PermissionDenied
    services.withdraw_consent(request.user, enterprise)
    messages.success(request, _("Consent withdrawn: the storefront is no longer public."))
    return redirect("privacy:my_data")


@login_required
@require_POST
def request_erasure(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that erasure cannot be undone."))
        return redirect("privacy:my_data")
    services.request_erasure(request.user)
    messages.success(request, _("Your request is recorded. An official will confirm it."))
    return redirect("privacy:my_data")


@login_required
def erasure_requests(request: HttpRequest) -> HttpResponse:
    if not permissions.scope_of(request.user).is_official:
        raise PermissionDenied
    pending = ErasureRequest.objects.filter(status=ErasureRequest.Status.PENDING).select_related(
        "user")
    mine = [e for e in pending if permissions.can_decide_erasure(request.user, e.user)]
    return render(request, "privacy/erasure_requests.html", {"requests": mine})


@login_required
@require_POST
def decide_erasure(request: HttpRequest, request_id: int) -> HttpResponse:
    erasure = get_object_or_404(ErasureRequest, pk=request_id)
    if not permissions.can_decide_erasure(request.user, erasure.user):
        raise PermissionDenied
    try:
        if request.POST.get("decision") == "confirm":
            services.confirm_erasure(request.user, erasure)
            messages.success(request, _("The personal data was erased."))
        elif request.POST.get("decision") == "refuse":
            services.refuse_erasure(request.user, erasure)
            messages.success(request, _("The request was refused."))
        else:
            messages.error(request, _("Choose to confirm or to refuse."))
    except services.ErasureError:
        messages.error(request, _("This request was already decided."))
    return redirect("privacy:erasure_requests")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_audit_log(request.user):
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    page = Paginator(selectors.audit_log(kind=kind), 100).get_page(request.GET.get("page"))
    return render(request, "privacy/audit_log.html", {
        "page": page, "kind": kind, "kinds": AuditEntry.Kind.choices,
    })
