"""Inquiries, messages, quotes, attachments and notifications."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from etalase.accounts import permissions
from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.matching import messaging, selectors
from etalase.matching.forms import MessageForm, QuoteForm, StatusForm
from etalase.matching.messaging import SIDE_STATUSES
from etalase.matching.models import (
    Attachment,
    Inquiry,
    InquiryStatus,
    Notification,
    Side,
    SourcingRequest,
)
from etalase.matching.views.requests import _errors, _int


def _visible_inquiry(request: HttpRequest, pk: int) -> Inquiry:
    inquiry = get_object_or_404(Inquiry.objects.select_related(
        "organisation", "enterprise", "request", "product"), pk=pk)
    if not permissions.can_view_inquiry(request.user, inquiry):
        raise Http404
    return inquiry


@login_required
@require_GET
def inquiry_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.inquiries_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "matching/inquiry_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_create(request: HttpRequest) -> HttpResponse:
    """A buyer writes to an enterprise: from a match (?request=) or the gallery (?product=)."""
    source = request.POST if request.method == "POST" else request.GET
    enterprise = get_object_or_404(Enterprise.objects.public(),
                                   pk=_int(source.get("enterprise")))
    if not permissions.can_contact_enterprise(request.user, enterprise):
        raise PermissionDenied(_("Sign in with a buyer account to contact enterprises."))
    sourcing_request = None
    if source.get("request"):
        sourcing_request = get_object_or_404(SourcingRequest, pk=_int(source.get("request")))
        if not permissions.can_manage_sourcing_request(request.user, sourcing_request):
            raise Http404
    product = None
    if source.get("product"):
        product = get_object_or_404(Product, pk=_int(source.get("product")),
                                    enterprise=enterprise)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            inquiry = messaging.inquiry_start(
                actor=request.user, enterprise=enterprise, body=form.cleaned_data["body"],
                sourcing_request=sourcing_request, product=product,
                subject=str(request.POST.get("subject", ""))[:200],
                files=form.uploaded(request.FILES))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Your inquiry is sent."))
            return redirect("matching:inquiry_detail", pk=inquiry.pk)
    return render(request, "matching/inquiry_form.html", {
        "form": form, "enterprise": enterprise, "sourcing_request": sourcing_request,
        "product": product})


def _qr_svg(quote) -> str:
    if not quote.qr_payload:
        return ""
    from etalase.payments import qrimage

    return qrimage.render_svg(quote.qr_payload, scale=3)


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _visible_inquiry(request, pk)
    side = permissions.inquiry_side(request.user, inquiry)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if side is None:
            raise Http404
        if form.is_valid():
            try:
                messaging.message_post(actor=request.user, inquiry=inquiry,
                                       body=form.cleaned_data["body"],
                                       files=form.uploaded(request.FILES))
            except ValidationError as exc:
                _errors(request, exc)
            else:
                return redirect(reverse("matching:inquiry_detail", args=[pk]) + "#latest")
    Notification.objects.filter(user=request.user, read_at=None,
                                url=reverse("matching:inquiry_detail", args=[pk])).update(
        read_at=timezone.now())
    thread = selectors.thread(inquiry)
    quotes = [(quote, _qr_svg(quote)) for quote in thread["quotes"]]
    statuses = [(value, label) for value, label in Inquiry._meta.get_field("status").choices
                if side and value in SIDE_STATUSES[Side(side)]]
    quote_form = None
    if permissions.can_quote(request.user, inquiry):
        wanted = inquiry.request
        quote_form = QuoteForm(initial={
            "currency": (wanted.currency if wanted and wanted.currency
                         else inquiry.enterprise.currency),
            "unit": wanted.unit if wanted else "kg",
            "quantity": (wanted.quantity_per_delivery or wanted.quantity_per_month)
            if wanted else None,
            "incoterm": (wanted.incoterm if wanted and wanted.incoterm else "FOB"),
            "valid_until": timezone.localdate() + dt.timedelta(days=30)})
    return render(request, "matching/inquiry_detail.html", {
        "inquiry": inquiry, "side": side, "form": form, "messages_list": thread["messages"],
        "quotes": quotes, "statuses": statuses, "quote_form": quote_form,
        "pipeline": InquiryStatus.choices,
        "record": selectors.buyer_record(inquiry.organisation)})


@login_required
@require_POST
def inquiry_status(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _visible_inquiry(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            messaging.inquiry_set_status(actor=request.user, inquiry=inquiry,
                                         status=form.cleaned_data["status"])
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("matching:inquiry_detail", pk=pk)


@login_required
@require_POST
def inquiry_quote(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _visible_inquiry(request, pk)
    if not permissions.can_quote(request.user, inquiry):
        raise Http404
    form = QuoteForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label} {error}".strip())
        return redirect("matching:inquiry_detail", pk=pk)
    try:
        messaging.quote_create(actor=request.user, inquiry=inquiry, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Your quote is sent."))
    return redirect(reverse("matching:inquiry_detail", args=[pk]) + "#quotes")


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("message__inquiry"), pk=pk)
    if not permissions.can_view_inquiry(request.user, attachment.message.inquiry):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=attachment.content_type,
                            as_attachment=attachment.content_type == "application/pdf",
                            filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        messaging.notifications_mark_read(user=request.user)
        return redirect("matching:notifications")
    page = Paginator(request.user.matching_notifications.all(), 30).get_page(
        request.GET.get("page"))
    return render(request, "matching/notifications.html", {"page": page})
