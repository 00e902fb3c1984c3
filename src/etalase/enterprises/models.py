"""The MSME registry: enterprises, their certifications, and their translated texts."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from etalase.catalog.translation import pick_translation
from etalase.enterprises.identity import fingerprint_of


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class ExportStatus(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet exporting")
    READY = "ready", _("Export-ready")
    EXPORTING = "exporting", _("Exporting")


class SectorKind(models.TextChoices):
    """Malaysia's size rule differs for manufacturing and for services and other sectors."""

    MANUFACTURING = "manufacturing", _("Manufacturing")
    SERVICES = "services", _("Services")
    AGRICULTURE = "agriculture", _("Primary agriculture")
    OTHER = "other", _("Other")


class Consent(models.TextChoices):
    SELF_REGISTERED = "self", _("Registered by the owner")
    PENDING = "pending", _("Awaiting the owner's consent")
    ONLINE = "online", _("Consent given online by the owner")
    PAPER = "paper", _("Consent collected on paper by the office")


PUBLIC_CONSENTS = (Consent.SELF_REGISTERED, Consent.ONLINE, Consent.PAPER)


class EnterpriseQuerySet(models.QuerySet):
    def public(self) -> "EnterpriseQuerySet":
        """Enterprises the public gallery may show: published and consented."""
        return self.filter(is_published=True, consent__in=PUBLIC_CONSENTS)

    def verified(self) -> "EnterpriseQuerySet":
        return self.exclude(verified_at=None)


# The fields an identity fingerprint is made of (enterprises.identity).
_IDENTITY_INPUTS = frozenset(
    {"legal_name", "area", "area_id", "subdivision", "subdivision_id", "phone", "whatsapp",
     "country"}
)


def _current_year() -> int:
    return timezone.now().year


class Enterprise(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    slug = models.SlugField(max_length=80, blank=True)
    registration_id = models.CharField(_("registration identifier"), max_length=40, blank=True)
    registration_scheme = models.CharField(_("identifier type"), max_length=20, blank=True)
    country = models.ForeignKey(
        "regions.Country",
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("country"),
    )
    subdivision = models.ForeignKey(
        "regions.Subdivision",
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("province / state"),
    )
    regency = models.CharField(_("regency / city"), max_length=120, blank=True)
    # The regency as the platform knows it (None: the text above matched no known area).
    area = models.ForeignKey(
        "regions.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("regency / city"),
    )
    # The identity of an enterprise without a registration number, for re-imports and
    # duplicates: a hash of its normalised name, area and phone (intake.identity).
    # Indexed with the country (Meta.indexes): records are always looked up within one.
    identity_fingerprint = models.CharField(max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    year_established = models.PositiveSmallIntegerField(
        _("year established"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800)],
    )
    employees = models.PositiveIntegerField(
        _("employees"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    annual_turnover = models.DecimalField(
        _("annual turnover"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    assets = models.DecimalField(
        _("assets (excluding land and buildings)"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.CharField(_("currency"), max_length=3)
    sector_kind = models.CharField(
        _("sector"), max_length=20, choices=SectorKind.choices, default=SectorKind.MANUFACTURING
    )
    hs_chapters = models.ManyToManyField(
        "catalog.HSCode",
        blank=True,
        related_name="+",
        limit_choices_to={"level": 2},
        verbose_name=_("sectors (HS chapters)"),
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True, db_index=True
    )
    size_basis = models.CharField(_("size class basis"), max_length=200, blank=True)
    export_status = models.CharField(
        _("export status"),
        max_length=12,
        choices=ExportStatus.choices,
        default=ExportStatus.NOT_YET,
        db_index=True,
    )
    export_markets = models.JSONField(_("export markets (country codes)"), default=list, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True)
    whatsapp = models.CharField(_("WhatsApp (E.164)"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, default="en", choices=settings.LANGUAGES
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_by_office = models.CharField(_("verifying office"), max_length=200, blank=True)
    source = models.CharField(
        _("source"),
        max_length=100,
        blank=True,
        help_text=_("Which submission or channel the record came from."),
    )
    consent = models.CharField(
        _("publication consent"),
        max_length=10,
        choices=Consent.choices,
        default=Consent.SELF_REGISTERED,
    )
    consent_at = models.DateField(_("consent date"), null=True, blank=True)
    # Consent to the record's reuse in the open-data files (CC BY 4.0, downloadable in bulk
    # with its province and area): a second, narrower consent than being shown in the gallery.
    # Not given unless the owner says so.
    open_data_consent = models.BooleanField(
        _("listed in the open data"),
        default=False,
        help_text=_("The owner agrees that the enterprise's non-personal record (name, place, "
                    "size class, export status, products) is published in the open-data "
                    "files under CC BY 4.0."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    owner_edited_at = models.DateTimeField(null=True, blank=True)
    owner_edited_fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Whether any of its products is published: derived, kept by etalase.insights.published
    # (product saves and deletes, enterprise saves, the demo seed) so that the dashboards'
    # data-quality counts read a column instead of probing the products of every record.
    # NULL (a row written in bulk SQL, which has no products yet) reads as False. Nullable
    # with a database default so that adding it needs no rebuild of this table on SQLite.
    has_published_product = models.BooleanField(
        null=True, db_default=models.Value(False), editable=False
    )

    # History is read per record (by id, newest first): the registry's filter indexes would
    # only slow every write of the history table (an import writes a row per enterprise).
    history = HistoricalRecords(
        excluded_fields=["updated_at", "has_published_product"],
        no_db_index=[
            "slug",
            "size_class",
            "export_status",
            "created_at",
            "country",
            "subdivision",
            "verified_by",
            "area",
            "identity_fingerprint",
        ],
    )
    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["legal_name", "id"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            # Most micro enterprises have no registration number: unique only when given.
            models.UniqueConstraint(
                fields=["country", "registration_id"],
                condition=~models.Q(registration_id=""),
                name="unique_registration_id_per_country",
            ),
        ]
        indexes = [
            models.Index(fields=["subdivision", "is_published"]),
            # An import looks up each chunk's fingerprints within a country: with the country
            # first, SQLite's planner takes this index and not the country's alone (which made
            # every lookup a scan of the country's records, an import quadratic in its size).
            models.Index(
                fields=["country", "identity_fingerprint"], name="enterprise_identity_idx"
            ),
            # Covers every column insights counts per province (headline, size, export status,
            # data quality), so those counts read this index instead of the wide rows; its
            # leading columns are the dimensions they group on.
            models.Index(
                fields=[
                    "country",
                    "subdivision",
                    "size_class",
                    "export_status",
                    "consent",
                    "is_published",
                    "verified_at",
                    "updated_at",
                    "phone",
                    "email",
                    "whatsapp",
                    "has_published_product",
                ],
                name="enterprise_insights_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        # The identity of a record without a registration number follows its name, place and
        # phone on every write path (forms, admin, API); intake's bulk writes set it too.
        self.identity_fingerprint = fingerprint_of(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and _IDENTITY_INPUTS.intersection(update_fields):
            kwargs["update_fields"] = {*update_fields, "identity_fingerprint"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.trade_name or self.legal_name

    @property
    def is_public(self) -> bool:
        return self.is_published and self.consent in PUBLIC_CONSENTS

    def description_in(self, language: str | None) -> str:
        translations = getattr(self, "_prefetched_objects_cache", {}).get("translations")
        if translations is None:
            translations = list(self.translations.all())
        found = pick_translation(translations, language, original_language=self.language)
        return found.description if found else self.description


class EnterpriseTranslation(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="translations"
    )
    language_code = models.CharField(max_length=8, choices=settings.LANGUAGES)
    description = models.TextField(max_length=5000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "language_code"], name="unique_enterprise_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} [{self.language_code}]"


class CertificationKind(models.TextChoices):
    HALAL = "halal", _("Halal")
    FOOD_SAFETY = "food_safety", _("Food safety (BPOM / PIRT / FDA)")
    HACCP = "haccp", _("HACCP")
    ORGANIC = "organic", _("Organic")
    ISO9001 = "iso9001", _("ISO 9001")
    ISO22000 = "iso22000", _("ISO 22000")
    FAIR_TRADE = "fair_trade", _("Fair trade")
    RAINFOREST = "rainforest", _("Rainforest Alliance")
    SNI = "sni", _("National standard (SNI / MS / PNS)")
    GMP = "gmp", _("Good manufacturing practice")
    OTHER = "other", _("Other")


class Certification(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("certification"), max_length=20, choices=CertificationKind.choices)
    number = models.CharField(_("certificate number"), max_length=60, blank=True)
    issuer = models.CharField(_("issued by"), max_length=150, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-valid_until"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        # Covers insights' count of enterprises per valid certification kind.
        indexes = [
            models.Index(
                fields=["kind", "enterprise", "valid_until", "valid_from"],
                name="certification_insights_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_until")),
                name="certification_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def is_valid_on(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        if self.valid_from and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until
