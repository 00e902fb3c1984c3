"""Submissions the server has accepted, by the key the device gave them (issue 15).

A phone without signal keeps a form in its outbox and sends it when the signal returns;
it may send it twice (the answer was lost, the page and the service worker both tried).
The key the device drew for the record (`client_id`, a UUID) is recorded with the
submission's writer, so that the second sending finds the first instead of a second record.
Keys are per user: another account's key is just a new key for this one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AcceptedSubmission(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="accepted_submissions", verbose_name=_("user"))
    client_id = models.UUIDField(_("client id"))
    form = models.CharField(_("form"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("accepted submission")
        verbose_name_plural = _("accepted submissions")
        constraints = [models.UniqueConstraint(fields=["user", "client_id"],
                                               name="offline_one_submission_per_key")]

    def __str__(self) -> str:
        return f"{self.form} {self.client_id}"
