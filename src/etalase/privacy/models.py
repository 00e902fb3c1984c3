"""Records that personal-data law asks for: erasure requests and the audit log.

The audit log holds no personal value itself (model label and primary key, never a name or a
phone), so it survives the erasure of the person it is about.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an official's confirmation")
        DONE = "done", _("Erased")
        REFUSED = "refused", _("Refused")

    # SET_NULL: after erasure the account row stays (anonymised), but a deleted account must
    # not take the record that its data was erased with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="erasure_requests"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Figures only ("rows changed per table"): the proof of what erasure touched.
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.get_status_display()}"


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        CONTACT_VIEW = "contact_view", _("Viewed contact details")
        EXPORT = "export", _("Exported personal data")
        ACTION = "action", _("Official's action")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    # A short code: "verify", "accept", "return", "commit", "role_grant", "token_issue"…
    action = models.CharField(_("action"), max_length=40, blank=True)
    target_model = models.CharField(_("record type"), max_length=80, blank=True)
    target_id = models.CharField(_("record id"), max_length=40, blank=True)
    # Codes and counts only (e.g. {"rows": 120}); never a name, phone or e-mail.
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_model", "target_id"])]

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}" if self.at else ""
        return f"{when} {self.kind} {self.action} {self.target_model}#{self.target_id}"
