"""Business-matching events: an office's showcase where registered buyers and MSMEs meet in
scheduled time slots proposed from the matches."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventMode(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for registration")
    SCHEDULED = "scheduled", _("Schedule published")
    CLOSED = "closed", _("Closed")


class MatchmakingEvent(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    organiser = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("organising office"),
    )
    subdivision = models.ForeignKey(
        "regions.Subdivision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("province / state"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=8, choices=EventMode.choices,
                            default=EventMode.ONSITE)
    venue = models.CharField(_("venue or meeting link"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("meetings start"))
    ends_at = models.DateTimeField(_("meetings end"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"), default=20,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    tables = models.PositiveSmallIntegerField(
        _("meetings at the same time (tables or rooms)"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices,
                              default=EventStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=models.F("ends_at")),
                                   name="matchmaking_event_times_ordered")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def slot(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.slot_minutes)


class EventRegistration(models.Model):
    """A buyer company or an MSME taking part; exactly one of the two."""

    event = models.ForeignKey(MatchmakingEvent, on_delete=models.CASCADE,
                              related_name="registrations")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     null=True, blank=True, related_name="+")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE,
                                   null=True, blank=True, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, enterprise__isnull=False)
                | Q(organisation__isnull=False, enterprise__isnull=True),
                name="registration_is_buyer_or_enterprise",
            ),
            models.UniqueConstraint(fields=["event", "organisation"],
                                    name="unique_event_buyer"),
            models.UniqueConstraint(fields=["event", "enterprise"],
                                    name="unique_event_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} · {self.organisation_id or self.enterprise_id}"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted by both")
    DECLINED = "declined", _("Declined")
    SCHEDULED = "scheduled", _("Scheduled")
    UNSCHEDULED = "unscheduled", _("No free slot")


class Meeting(models.Model):
    event = models.ForeignKey(MatchmakingEvent, on_delete=models.CASCADE,
                              related_name="meetings")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("buyer"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE,
                                   related_name="+", verbose_name=_("supplier"))
    request = models.ForeignKey("matching.SourcingRequest", on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")
    score = models.PositiveIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    buyer_accepted = models.BooleanField(null=True, blank=True)
    supplier_accepted = models.BooleanField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=MeetingStatus.choices,
                              default=MeetingStatus.PROPOSED)
    starts_at = models.DateTimeField(null=True, blank=True)
    table = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "table", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation", "enterprise"],
                                    name="unique_meeting_pair"),
            # The database's own guard against double-booking a table.
            models.UniqueConstraint(fields=["event", "starts_at", "table"],
                                    condition=Q(starts_at__isnull=False),
                                    name="unique_meeting_table_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} · {self.organisation_id} × {self.enterprise_id}"

    @property
    def ends_at(self) -> dt.datetime | None:
        return self.starts_at + self.event.slot if self.starts_at else None
