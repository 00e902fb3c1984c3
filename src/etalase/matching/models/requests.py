"""What buyers need (SourcingRequest) and what follows from it: decisions about matches,
MSMEs' reports of junk or fraud, and joint offers of pooled suppliers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from etalase.catalog.models import Unit


class Incoterm(models.TextChoices):
    """Incoterms 2020 (ICC): the seven for any mode of transport, then the four for sea."""

    EXW = "EXW", _("EXW — Ex Works")
    FCA = "FCA", _("FCA — Free Carrier")
    CPT = "CPT", _("CPT — Carriage Paid To")
    CIP = "CIP", _("CIP — Carriage and Insurance Paid To")
    DAP = "DAP", _("DAP — Delivered at Place")
    DPU = "DPU", _("DPU — Delivered at Place Unloaded")
    DDP = "DDP", _("DDP — Delivered Duty Paid")
    FAS = "FAS", _("FAS — Free Alongside Ship")
    FOB = "FOB", _("FOB — Free on Board")
    CFR = "CFR", _("CFR — Cost and Freight")
    CIF = "CIF", _("CIF — Cost, Insurance and Freight")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: listed for all MSMEs")
    PRIVATE = "private", _("Private: shown only to matched suppliers")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    AWARDED = "awarded", _("Awarded")


class SourcingRequestQuerySet(models.QuerySet):
    def reaching_suppliers(self) -> SourcingRequestQuerySet:
        """Requests MSMEs may be shown: open, not held for review, from a verified buyer."""
        return self.filter(
            status=RequestStatus.OPEN, held_at=None, organisation__verified_at__isnull=False
        )


class SourcingRequest(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="sourcing_requests",
        verbose_name=_("buyer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    hs_codes = models.ManyToManyField(
        "catalog.HSCode",
        through="RequestHSCode",
        blank=True,
        related_name="+",
        verbose_name=_("HS codes"),
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.TONNE)
    quantity_per_delivery = models.DecimalField(
        _("quantity per delivery"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    quantity_per_month = models.DecimalField(
        _("quantity per month"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_min = models.DecimalField(
        _("target price from (per unit)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_max = models.DecimalField(
        _("target price to (per unit)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices, blank=True)
    destination_country = models.ForeignKey(
        "regions.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("destination country"),
    )
    # Lists of codes (validated by the form and the services against the reference tables):
    # read as a whole with the request, never queried by element.
    required_certifications = models.JSONField(
        _("required certifications"), default=list, blank=True
    )
    preferred_countries = models.JSONField(_("preferred countries"), default=list, blank=True)
    preferred_subdivisions = models.JSONField(
        _("preferred provinces / states"), default=list, blank=True
    )
    size_classes = models.JSONField(_("size classes"), default=list, blank=True)
    deadline = models.DateField(_("deadline for offers"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=RequestStatus.choices,
        default=RequestStatus.DRAFT,
        db_index=True,
    )
    # The title's words with their cross-language synonyms, computed when the request is
    # saved (catalog.search's expansion): scoring thousands of requests needs no lookups.
    match_terms = models.JSONField(default=list, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    held_at = models.DateTimeField(_("held for review since"), null=True, blank=True)
    held_reason = models.CharField(_("reason held"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "match_terms"])
    objects = SourcingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "id"]
        verbose_name = _("sourcing request")
        verbose_name_plural = _("sourcing requests")
        indexes = [models.Index(fields=["status", "held_at", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=models.F("price_max")),
                name="sourcing_request_price_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    @property
    def hs_code_list(self) -> list[str]:
        """The picked codes, in order (prefetched rows when present)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "hs_links" in cache:
            return sorted(link.hs_code_id for link in cache["hs_links"])
        return sorted(self.hs_links.values_list("hs_code_id", flat=True))


class RequestHSCode(models.Model):
    """One picked HS code (chapter, heading or subheading) of a request; its chapter is
    stored so that "requests an MSME fits" starts with an indexed lookup."""

    request = models.ForeignKey(SourcingRequest, on_delete=models.CASCADE, related_name="hs_links")
    hs_code = models.ForeignKey("catalog.HSCode", on_delete=models.PROTECT, related_name="+")
    chapter = models.CharField(max_length=2, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "hs_code"], name="unique_request_hs_code")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.hs_code_id}"


class MatchDecision(models.Model):
    """The buyer's word on one matched enterprise: excluded, or pinned to a place."""

    request = models.ForeignKey(SourcingRequest, on_delete=models.CASCADE, related_name="decisions")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    excluded = models.BooleanField(_("excluded"), default=False)
    pin = models.PositiveSmallIntegerField(_("pinned place"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "enterprise"], name="unique_match_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.enterprise_id}"


class ReportReason(models.TextChoices):
    JUNK = "junk", _("Junk: not a real need")
    FRAUD = "fraud", _("Looks fraudulent")
    OTHER = "other", _("Something else")


class RequestReport(models.Model):
    """An MSME's report that a request is junk or fraudulent; the request is held until an
    office or the secretariat reviews it."""

    request = models.ForeignKey(SourcingRequest, on_delete=models.CASCADE, related_name="reports")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=8, choices=ReportReason.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    upheld = models.BooleanField(_("report upheld"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("request report")
        verbose_name_plural = _("request reports")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "enterprise"], name="unique_report_per_enterprise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.get_reason_display()}"


class JointOffer(models.Model):
    """Several MSMEs offering together what none of them can supply alone, formed by an
    office for a request (the pooling proposal of the match list)."""

    request = models.ForeignKey(
        SourcingRequest, on_delete=models.CASCADE, related_name="joint_offers"
    )
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    name = models.CharField(_("name of the group"), max_length=200)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    total_capacity = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    unit = models.CharField(max_length=8, choices=Unit.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("joint offer")
        verbose_name_plural = _("joint offers")

    def __str__(self) -> str:
        return self.name


class JointOfferMember(models.Model):
    joint_offer = models.ForeignKey(JointOffer, on_delete=models.CASCADE, related_name="members")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    capacity = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["joint_offer", "enterprise"], name="unique_joint_offer_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.joint_offer_id} · {self.enterprise_id}"
