"""An enterprise's EMVCo merchant QR, stored with the fields parsed from it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MerchantQR(models.Model):
    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="merchant_qr",
        verbose_name=_("enterprise"),
    )
    payload = models.CharField(_("QR payload"), max_length=512)
    scheme = models.CharField(_("scheme"), max_length=30, blank=True)
    merchant_name = models.CharField(_("merchant name"), max_length=99, blank=True)
    merchant_city = models.CharField(_("merchant city"), max_length=99, blank=True)
    country_code = models.CharField(_("country"), max_length=2, blank=True)
    currency = models.CharField(_("currency (ISO 4217 numeric)"), max_length=3, blank=True)
    merchant_account_guids = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    is_published = models.BooleanField(_("shown on the storefront"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("merchant QR")
        verbose_name_plural = _("merchant QRs")

    def __str__(self) -> str:
        return f"{self.scheme or 'EMV'} · {self.merchant_name}"
