"""Provincial submissions: the file, its checked rows, the review steps, the mapping memory."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VALIDATED = "validated", _("Checked")
        SUBMITTED = "submitted", _("Submitted for review")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned with comments")
        COMMITTING = "committing", _("Being written to the registry")
        COMMITTED = "committed", _("Written to the registry")
        REFUSED = "refused", _("Refused")

    office = models.ForeignKey(
        "regions.Subdivision",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("office's province"),
    )
    country = models.ForeignKey("regions.Country", on_delete=models.PROTECT, related_name="+")
    # None for a secretariat import from the command line.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The stored copy, not the bytes sent: identity numbers removed (etalase.intake.scrub),
    # empty for a file that could not be read. sha256 and size are those of the file as sent
    # (its fingerprint, recorded in every event), so they do not match the stored copy.
    file = models.FileField(upload_to="submissions/%Y/%m/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.UPLOADED, db_index=True
    )
    column_map = models.JSONField(default=dict, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    dropped_columns = models.JSONField(default=list, blank=True)
    refusal_code = models.CharField(max_length=40, blank=True)
    refusal_message = models.TextField(blank=True)
    decisions = models.JSONField(default=dict, blank=True)  # {"row": {"field": "file"|"owner"}}
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    skips_review = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.filename} ({self.office_id}, {self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0


class SubmissionRow(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rows")
    row = models.PositiveIntegerField()
    action = models.CharField(max_length=10, db_index=True)
    values = models.JSONField(default=dict)
    certifications = models.JSONField(default=list)
    product = models.JSONField(null=True, blank=True)
    problems = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    diff = models.JSONField(default=dict)
    conflicts = models.JSONField(default=list)
    # Probable duplicates the officer confirms or rejects: [{"kind": "registry", "enterprise_id",
    # "name", "score"} | {"kind": "file", "row", "name", "score"}] (intake.duplicates).
    matches = models.JSONField(default=list)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["row"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "row"], name="unique_submission_row")
        ]

    def __str__(self) -> str:
        return f"row {self.row}: {self.action}"


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30)
    comment = models.TextField(blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id} at {self.at:%Y-%m-%d %H:%M}"


class OfficeMapping(models.Model):
    """What an office's headers mean, remembered from its last confirmed mapping."""

    office = models.OneToOneField("regions.Subdivision", on_delete=models.CASCADE, related_name="+")
    aliases = models.JSONField(default=dict)  # normalised header -> field ("" = ignore)
    constants = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"mapping of {self.office_id}"


class ConsentInvitation(models.Model):
    """A claim link for an owner whose enterprise arrived through a submission."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="consent_invitations"
    )
    channel = models.CharField(max_length=10)  # email | whatsapp
    address = models.CharField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation for {self.enterprise_id} via {self.channel}"
