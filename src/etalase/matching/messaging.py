"""Writes of conversations: inquiries, messages with attachments, quotes, the pipeline.

Either side may start: a buyer contacts a matched (or any public) enterprise, or an MSME
responds to a request. Each message, quote and status change notifies the other side in
the app and by e-mail (notify.py). Keyword-only arguments, one transaction each.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.accounts import permissions
from etalase.accounts.models import Organisation, User
from etalase.catalog.models import Product, Unit
from etalase.enterprises.models import Enterprise
from etalase.matching import attachments, notify
from etalase.matching.models import (
    Attachment,
    Incoterm,
    Inquiry,
    InquiryStatus,
    Message,
    Quote,
    Side,
    SourcingRequest,
)

MAX_BODY = 5000

# Who may move the pipeline where ("quoted" comes with a quote).
SIDE_STATUSES = {
    Side.BUYER: {InquiryStatus.IN_TALKS, InquiryStatus.WON, InquiryStatus.LOST},
    Side.SUPPLIER: {InquiryStatus.IN_TALKS, InquiryStatus.SAMPLE_SENT, InquiryStatus.LOST},
}


def _body(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"body": _("Write a message.")})
    if len(text) > MAX_BODY:
        raise ValidationError({"body": _("At most %(n)d characters.") % {"n": MAX_BODY}})
    return text


def _url(inquiry: Inquiry) -> str:
    return reverse("matching:inquiry_detail", args=[inquiry.pk])


def _tell_other_side(inquiry: Inquiry, side: str, *, actor: User, subject, body="") -> None:
    users = (notify.owner_users(inquiry.enterprise_id) if side == Side.BUYER
             else notify.buyer_users(inquiry.organisation_id))
    notify.notify(users, kind="inquiry", subject=subject, body=body, url=_url(inquiry),
                  exclude=actor)


def _add_message(inquiry: Inquiry, *, actor: User, side: str, body: str, files) -> Message:
    checked = attachments.check_all(files)  # before any write: a bad file refuses all
    message = Message.objects.create(inquiry=inquiry, author=actor, side=side, body=body)
    for item in checked:
        attachment = Attachment(message=message, original_name=item.original_name,
                                content_type=item.content_type, size=item.size)
        attachment.file.save(item.content.name, item.content, save=False)
        attachment.save()
    now = timezone.now()
    fields = {"last_message_at": now, "updated_at": now}
    # A reply from the side that did not open the thread starts the talks.
    if inquiry.status == InquiryStatus.NEW and side != inquiry.opened_by_side:
        fields["status"] = InquiryStatus.IN_TALKS
    Inquiry.objects.filter(pk=inquiry.pk).update(**fields)
    for name, value in fields.items():
        setattr(inquiry, name, value)
    return message


def _buyer_org(actor: User, organisation: Organisation | None) -> Organisation:
    orgs = sorted(permissions.scope_of(actor).buyer_orgs)
    if organisation is None:
        if not orgs:
            raise PermissionDenied(_("Only buyers can send inquiries."))
        return Organisation.objects.get(pk=orgs[0])
    if organisation.pk not in orgs:
        raise PermissionDenied(_("You may write only for your own company."))
    return organisation


@transaction.atomic
def inquiry_start(*, actor: User, enterprise: Enterprise, body: str,
                  sourcing_request: SourcingRequest | None = None,
                  product: Product | None = None, subject: str = "",
                  organisation: Organisation | None = None, files=()) -> Inquiry:
    """A buyer writes to an enterprise (about a request of its own, or from the gallery).
    A second inquiry about the same request continues the first thread."""
    body = _body(body)
    organisation = _buyer_org(actor, organisation)
    if not permissions.can_contact_enterprise(actor, enterprise):
        raise PermissionDenied(_("This enterprise cannot be contacted."))
    if sourcing_request is not None and sourcing_request.organisation_id != organisation.pk:
        raise PermissionDenied(_("This request is not your company's."))
    if product is not None and product.enterprise_id != enterprise.pk:
        raise ValidationError({"product": _("This product is not the enterprise's.")})
    inquiry = None
    if sourcing_request is not None:
        inquiry = Inquiry.objects.select_for_update().filter(
            request=sourcing_request, enterprise=enterprise).first()
    if inquiry is None:
        subject = (subject or "").strip()[:200] or (
            sourcing_request.title if sourcing_request else
            product.name if product else str(_("Inquiry")))[:200]
        inquiry = Inquiry.objects.create(
            organisation=organisation, enterprise=enterprise, request=sourcing_request,
            product=product, subject=subject, opened_by_side=Side.BUYER, created_by=actor)
    _add_message(inquiry, actor=actor, side=Side.BUYER, body=body, files=files)
    _tell_other_side(inquiry, Side.BUYER, actor=actor,
                     subject=_("New inquiry from %(buyer)s") % {"buyer": organisation.name},
                     body=body[:500])
    return inquiry


@transaction.atomic
def request_respond(*, actor: User, sourcing_request: SourcingRequest, enterprise: Enterprise,
                    body: str, files=()) -> Inquiry:
    """An MSME answers a request it may see: a thread with the buyer (one per request)."""
    body = _body(body)
    if not permissions.can_respond_to_request(actor, sourcing_request, enterprise):
        raise PermissionDenied(_("You may not respond to this request."))
    inquiry = Inquiry.objects.select_for_update().filter(
        request=sourcing_request, enterprise=enterprise).first()
    if inquiry is None:
        inquiry = Inquiry.objects.create(
            organisation=sourcing_request.organisation, enterprise=enterprise,
            request=sourcing_request, subject=sourcing_request.title[:200],
            opened_by_side=Side.SUPPLIER, created_by=actor)
    _add_message(inquiry, actor=actor, side=Side.SUPPLIER, body=body, files=files)
    _tell_other_side(inquiry, Side.SUPPLIER, actor=actor,
                     subject=_("%(supplier)s responded to your request") % {
                         "supplier": enterprise.display_name}, body=body[:500])
    return inquiry


@transaction.atomic
def message_post(*, actor: User, inquiry: Inquiry, body: str, files=()) -> Message:
    side = permissions.inquiry_side(actor, inquiry)
    if side is None:
        raise PermissionDenied(_("You are not part of this conversation."))
    body = _body(body)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    message = _add_message(inquiry, actor=actor, side=side, body=body, files=files)
    _tell_other_side(inquiry, side, actor=actor,
                     subject=_("New message: %(subject)s") % {"subject": inquiry.subject},
                     body=body[:500])
    return message


@transaction.atomic
def inquiry_set_status(*, actor: User, inquiry: Inquiry, status: str) -> Inquiry:
    side = permissions.inquiry_side(actor, inquiry)
    if side is None:
        raise PermissionDenied(_("You are not part of this conversation."))
    if status not in SIDE_STATUSES[Side(side)]:
        raise ValidationError({"status": _("You cannot set this status.")})
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status in (InquiryStatus.WON, InquiryStatus.LOST) and status != InquiryStatus.LOST:
        raise ValidationError({"status": _("This conversation is concluded.")})
    inquiry.status = status
    inquiry.save(update_fields=["status", "updated_at"])
    _tell_other_side(inquiry, side, actor=actor,
                     subject=_("%(subject)s: now “%(status)s”") % {
                         "subject": inquiry.subject, "status": inquiry.get_status_display()})
    return inquiry


def _numeric_currency(alpha: str) -> str:
    found = pycountry.currencies.get(alpha_3=alpha)
    return found.numeric if found else ""


def quote_qr(enterprise: Enterprise, *, amount: Decimal, currency: str) -> str:
    """A dynamic EMV payload for `amount`, when the enterprise publishes a merchant QR in
    that currency (a QR in rupiah cannot carry an amount in dollars); else ""."""
    from etalase.payments import emv
    from etalase.payments.models import MerchantQR

    qr = MerchantQR.objects.filter(enterprise=enterprise, is_published=True).first()
    if qr is None or not qr.currency or qr.currency != _numeric_currency(currency):
        return ""
    try:
        return emv.build_dynamic(qr.payload, amount)
    except (emv.EMVError, ValueError):
        return ""  # an amount the format cannot carry: the quote stands without a QR


@transaction.atomic
def quote_create(*, actor: User, inquiry: Inquiry, price: Decimal, currency: str,
                 quantity: Decimal, unit: str, lead_time_days: int, valid_until: dt.date,
                 incoterm: str, incoterm_place: str = "", note: str = "") -> Quote:
    """The MSME's quote; the pipeline moves to "quoted"."""
    if not permissions.can_quote(actor, inquiry):
        raise PermissionDenied(_("Only the supplier quotes."))
    currency = (currency or "").upper()
    errors = {}
    if not _numeric_currency(currency):
        errors["currency"] = _("Unknown currency.")
    if unit not in Unit.values:
        errors["unit"] = _("Unknown unit.")
    if incoterm not in Incoterm.values:
        errors["incoterm"] = _("Choose an Incoterm.")
    if valid_until < timezone.localdate():
        errors["valid_until"] = _("The validity date has passed.")
    if errors:
        raise ValidationError(errors)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status in (InquiryStatus.WON, InquiryStatus.LOST):
        raise ValidationError(_("This conversation is concluded."))
    quote = Quote(inquiry=inquiry, created_by=actor, price=price, currency=currency,
                  quantity=quantity, unit=unit, lead_time_days=lead_time_days,
                  valid_until=valid_until, incoterm=incoterm,
                  incoterm_place=(incoterm_place or "").strip(), note=(note or "")[:2000])
    quote.full_clean(exclude=["inquiry", "created_by", "qr_payload"])
    quote.qr_payload = quote_qr(inquiry.enterprise, amount=quote.total, currency=currency)
    quote.save()
    inquiry.status = InquiryStatus.QUOTED
    inquiry.last_message_at = timezone.now()
    inquiry.save(update_fields=["status", "last_message_at", "updated_at"])
    _tell_other_side(inquiry, Side.SUPPLIER, actor=actor,
                     subject=_("Quote from %(supplier)s") % {
                         "supplier": inquiry.enterprise.display_name},
                     body=f"{quote.price} {quote.currency}/{quote.unit} × {quote.quantity}")
    return quote


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    from etalase.matching.models import Notification

    qs = Notification.objects.filter(user=user, read_at=None)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
