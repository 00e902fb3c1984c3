"""Conversations between a buyer and an MSME: inquiries, messages with attachments, quotes;
and the in-app notifications that tell either side something happened."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from etalase.catalog.models import Unit
from etalase.matching.models.requests import Incoterm


class InquiryStatus(models.TextChoices):
    """The pipeline of one buyer–supplier pair, seen by both sides."""

    NEW = "new", _("New")
    IN_TALKS = "in_talks", _("In talks")
    SAMPLE_SENT = "sample_sent", _("Sample sent")
    QUOTED = "quoted", _("Quoted")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SUPPLIER = "supplier", _("Supplier")


class Inquiry(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="inquiries",
        verbose_name=_("buyer"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="inquiries",
        verbose_name=_("supplier"),
    )
    request = models.ForeignKey(
        "matching.SourcingRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name=_("sourcing request"),
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    opened_by_side = models.CharField(max_length=8, choices=Side.choices, default=Side.BUYER)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-created_at", "id"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        constraints = [
            # One thread per request and supplier: a second "respond" reopens the first.
            models.UniqueConstraint(
                fields=["request", "enterprise"],
                condition=Q(request__isnull=False),
                name="unique_inquiry_per_request_and_enterprise",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=8, choices=Side.choices)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.inquiry_id} · {self.side} · {self.created_at:%Y-%m-%d}"


class Attachment(models.Model):
    """A checked file of a message: images re-encoded, PDFs kept after a header check.

    Served only through the app (never a public media URL in templates), to the two sides.
    """

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="inquiries/%Y/%m/")
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Quote(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="quotes")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    price = models.DecimalField(
        _("price per unit"), max_digits=16, decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3)
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.KG)
    lead_time_days = models.PositiveIntegerField(
        _("lead time (days)"), validators=[MaxValueValidator(3650)]
    )
    valid_until = models.DateField(_("valid until"))
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    # Every Incoterms 2020 rule names a place or port ("FOB Surabaya"): without it the rule
    # does not say where costs and risk pass to the buyer.
    incoterm_place = models.CharField(_("named place or port"), max_length=100, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # The dynamic EMV payload (the enterprise's merchant QR with this quote's amount), when
    # the enterprise has one in the quote's currency.
    qr_payload = models.CharField(max_length=512, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return f"{self.price} {self.currency} × {self.quantity} {self.unit}"

    @property
    def total(self):
        return (self.price * self.quantity).quantize(Decimal("0.01"))


class Notification(models.Model):
    """An in-app notice (the same text also goes out by e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matching_notifications"
    )
    kind = models.CharField(max_length=20)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=10000, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.subject
