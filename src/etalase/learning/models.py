"""Programmes MSMEs can join, their enrolments, and the information resources of the centre.

Dates are stored in UTC (USE_TZ) with the IANA time zone the programme runs in, so a
webinar at 09:00 in Jayapura (UTC+9) shows 09:00 WIT on its page, 08:00 to a reader in
Manila, and carries TZID=Asia/Jayapura in its iCalendar file.

Eligibility: each dimension left empty means "no restriction" on it; a programme is
open to an enterprise that passes every non-empty dimension (see `eligibility.py`).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.catalog.translation import pick_translation

LANGUAGE_CHOICES = settings.LANGUAGES

# The region spans UTC+7 to UTC+9; these are the zones its programmes run in.
TIME_ZONES = [
    ("Asia/Jakarta", _("Western Indonesia time (WIB, UTC+7) — Jakarta")),
    ("Asia/Pontianak", _("Western Indonesia time (WIB, UTC+7) — Pontianak")),
    ("Asia/Makassar", _("Central Indonesia time (WITA, UTC+8) — Makassar, Manado")),
    ("Asia/Jayapura", _("Eastern Indonesia time (WIT, UTC+9) — Jayapura, Ambon")),
    ("Asia/Kuala_Lumpur", _("Malaysia time (UTC+8) — Kuala Lumpur")),
    ("Asia/Kuching", _("Malaysia time (UTC+8) — Kuching, Kota Kinabalu")),
    ("Asia/Brunei", _("Brunei time (UTC+8)")),
    ("Asia/Manila", _("Philippine time (UTC+8)")),
    ("UTC", _("UTC")),
]
TIME_ZONE_NAMES = frozenset(name for name, _label in TIME_ZONES)


class ProgrammeKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    SCHOLARSHIP = "scholarship", _("Scholarship")
    MENTORING = "mentoring", _("Mentoring")
    TRADE_FAIR = "trade_fair", _("Trade fair or exhibition")
    FUNDING = "funding", _("Funding or grant")


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid (on site and online)")


class ProgrammeQuerySet(models.QuerySet):
    def published(self) -> ProgrammeQuerySet:
        return self.filter(is_published=True)

    def upcoming(self) -> ProgrammeQuerySet:
        return self.filter(ends_at__gte=timezone.now())


class Programme(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, choices=LANGUAGE_CHOICES, default="en"
    )
    delivery_languages = models.JSONField(
        _("languages of delivery"), default=list, blank=True,
        help_text=_("Language codes the programme is taught or run in."),
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    venue = models.CharField(_("place"), max_length=300, blank=True)
    venue_subdivision = models.ForeignKey(
        "regions.Subdivision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("province / state of the place"),
    )
    online_url = models.URLField(
        _("online link"), blank=True, max_length=500,
        help_text=_("Shown to confirmed participants only."),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONES, default="Asia/Makassar"
    )
    application_deadline = models.DateTimeField(_("application deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True,
        help_text=_("Seats; empty means unlimited. With 0 seats every application waits."),
    )
    accepts_enrolment = models.BooleanField(
        _("enrol through Etalase"), default=True,
        help_text=_("Off when applications go through the external link only."),
    )
    cost = models.DecimalField(
        _("cost"), max_digits=14, decimal_places=2, default=0,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    eligible_countries = models.ManyToManyField(
        "regions.Country", blank=True, related_name="+", verbose_name=_("eligible countries")
    )
    eligible_subdivisions = models.ManyToManyField(
        "regions.Subdivision", blank=True, related_name="+",
        verbose_name=_("eligible provinces / states"),
        help_text=_("A region includes its provinces."),
    )
    eligible_hs_chapters = models.ManyToManyField(
        "catalog.HSCode", blank=True, related_name="+", limit_choices_to={"level": 2},
        verbose_name=_("eligible sectors (HS chapters)"),
    )
    eligible_size_classes = models.JSONField(_("eligible size classes"), default=list, blank=True)
    eligible_export_statuses = models.JSONField(
        _("eligible export statuses"), default=list, blank=True
    )
    external_url = models.URLField(_("external link"), blank=True, max_length=500)
    # The office that manages the programme: an officer's province, a focal point's
    # country, or neither (the regional secretariat).
    office_country = models.ForeignKey(
        "regions.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    office_subdivision = models.ForeignKey(
        "regions.Subdivision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        indexes = [models.Index(fields=["is_published", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def text_in(self, language: str | None) -> tuple[str, str]:
        """(title, description) in `language`, falling back to the original text."""
        translations = getattr(self, "_prefetched_objects_cache", {}).get("translations")
        if translations is None:
            translations = list(self.translations.all())
        found = pick_translation(translations, language, original_language=self.language)
        if found is None:
            return self.title, self.description
        return found.title or self.title, found.description or self.description

    @property
    def enrolment_closes_at(self):
        return self.application_deadline or self.starts_at

    @property
    def is_free(self) -> bool:
        return not self.cost


class ProgrammeTranslation(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=10000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "language_code"], name="unique_programme_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} [{self.language_code}] {self.title}"


class EnrolmentStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED)


def _certificate_code() -> str:
    return uuid.uuid4().hex


class Enrolment(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="programme_enrolments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="programme_enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    # Waiting-list order: first come, first promoted.
    created_at = models.DateTimeField(_("applied at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    certificate_code = models.CharField(max_length=32, unique=True, default=_certificate_code)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            # One live application per enterprise and programme, enforced by the database
            # (two tabs enrolling at once cannot both win).
            models.UniqueConstraint(
                fields=["programme", "enterprise"],
                condition=~models.Q(status="cancelled"),
                name="one_active_enrolment_per_enterprise",
            ),
        ]
        indexes = [models.Index(fields=["programme", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.programme} · {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class Notification(models.Model):
    """An in-app message; those not yet e-mailed go out in the next digest."""

    class Kind(models.TextChoices):
        NEW_PROGRAMME = "new_programme", _("New programme for your enterprise")
        PROMOTED = "promoted", _("A seat became free")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_notifications"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Publishing twice (or a retried task) never notifies twice.
            models.UniqueConstraint(
                fields=["user", "programme", "kind"],
                condition=models.Q(kind="new_programme"),
                name="one_new_programme_notice_per_user",
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind} · {self.programme_id}"


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a user's calendar feed (a capability URL; reset on demand)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"feed of {self.user_id}"


# --- Information resources ------------------------------------------------------------


class ResourceCategory(models.TextChoices):
    FUNDING = "funding", _("Funding sources")
    EXPORT = "export", _("Export procedures")
    CERTIFICATION = "certification", _("Certification how-to")
    NEWS = "news", _("Regional cooperation news")
    GUIDE = "guide", _("Guides")
    REGULATION = "regulation", _("Regulations")


class ResourceTag(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet):
    def published(self) -> ResourceQuerySet:
        return self.filter(is_published=True)


class Resource(models.Model):
    category = models.CharField(_("category"), max_length=20, choices=ResourceCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), max_length=50000, blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, choices=LANGUAGE_CHOICES, default="en"
    )
    destination_country = models.ForeignKey(
        "regions.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("export destination"),
    )
    tags = models.ManyToManyField(ResourceTag, blank=True, related_name="resources")
    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="resources", verbose_name=_("source"),
    )
    office_country = models.ForeignKey(
        "regions.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    office_subdivision = models.ForeignKey(
        "regions.Subdivision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Folded words of every version, tag and the category (learning/search.py indexes it).
    search_text = models.TextField(blank=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("information resource")
        verbose_name_plural = _("information resources")

    def __str__(self) -> str:
        return self.title

    def text_in(self, language: str | None) -> tuple[str, str, str]:
        """(title, summary, body) in `language`, falling back to the original text."""
        translations = getattr(self, "_prefetched_objects_cache", {}).get("translations")
        if translations is None:
            translations = list(self.translations.all())
        found = pick_translation(translations, language, original_language=self.language)
        if found is None:
            return self.title, self.summary, self.body
        return (found.title or self.title, found.summary or self.summary,
                found.body or self.body)


class ResourceTranslation(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500, blank=True)
    body = models.TextField(max_length=50000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language_code"], name="unique_resource_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} [{self.language_code}] {self.title}"


class ResourceAttachment(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="resources/%Y/%m/", max_length=200)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(max_length=10)  # pdf, docx, xlsx, png, jpeg, webp (by content)
    size = models.PositiveIntegerField()
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
