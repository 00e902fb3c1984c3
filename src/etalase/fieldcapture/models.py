"""What arrived from ODK Collect / KoboCollect / Enketo: one record per instanceID.

A record is a row of an intake submission of its office (`submission`, `row`): the intake
checks it, shows it in the preview, and the focal point reviews it like any uploaded file.
A record held for the officer (a resend with other content, or a field changed online while
the record was being captured) waits outside the submission until the officer decides.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldRecord(models.Model):
    class Status(models.TextChoices):
        IN_SUBMISSION = "in_submission", _("In a submission")
        HELD = "held", _("Waiting for the officer's decision")
        SUPERSEDED = "superseded", _("Replaced by a later version")
        DISCARDED = "discarded", _("Discarded by the officer")

    class Hold(models.TextChoices):
        NONE = "", _("none")
        RESENT = "resent", _("Sent again with other content")
        CHANGED_ONLINE = "changed_online", _("Changed online while captured in the field")

    # ODK's meta/instanceID ("uuid:…"); a conflicting resend is kept under its own row with
    # `version` > 1, so (instance_id, version) is unique.
    instance_id = models.CharField(max_length=100)
    version = models.PositiveSmallIntegerField(default=1)
    deprecated_id = models.CharField(max_length=100, blank=True)
    form_id = models.CharField(max_length=60)
    form_version = models.CharField(max_length=40, blank=True)
    office = models.ForeignKey("regions.Subdivision", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    sha256 = models.CharField(max_length=64)  # of the submission XML as sent
    xml = models.TextField()
    values = models.JSONField(default=dict)  # the intake template's fields, as the CSV row
    started_at = models.DateTimeField(null=True, blank=True)  # the form's `start`
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, db_index=True)
    hold = models.CharField(max_length=16, choices=Hold.choices, blank=True, default="")
    # For a hold: {"field": {"online": …, "field": …}} (changed online) or the other version.
    hold_detail = models.JSONField(default=dict, blank=True)
    submission = models.ForeignKey("intake.Submission", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    row = models.PositiveIntegerField(null=True, blank=True)  # the submission's row number

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instance_id", "version"],
                                    name="fieldcapture_unique_instance_version"),
        ]
        indexes = [models.Index(fields=["office", "status"])]
        verbose_name = _("field record")
        verbose_name_plural = _("field records")

    def __str__(self) -> str:
        return f"{self.instance_id} v{self.version} ({self.office_id}, {self.status})"


class FieldPhoto(models.Model):
    """A product photo sent with a record; becomes a product image once the row is written."""

    record = models.ForeignKey(FieldRecord, on_delete=models.CASCADE, related_name="photos")
    name = models.CharField(max_length=200)  # the attachment's file name in the XML
    # Re-encoded by catalog.images (EXIF and GPS position gone), never the bytes sent.
    image = models.ImageField(upload_to="fieldcapture/%Y/%m/")
    thumbnail = models.ImageField(upload_to="fieldcapture/thumbs/%Y/%m/", blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    product_image = models.ForeignKey("catalog.ProductImage", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"{self.name} of {self.record_id}"
