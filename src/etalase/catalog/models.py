"""HS 2022 nomenclature and the products MSMEs offer."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from etalase.catalog.gtin import validate_gtin
from etalase.catalog.translation import pick_translation


class HSCode(models.Model):
    """A chapter (2 digits), heading (4) or subheading (6) of HS 2022."""

    code = models.CharField(_("HS code"), max_length=6, primary_key=True)
    level = models.PositiveSmallIntegerField(
        choices=[(2, "chapter"), (4, "heading"), (6, "subheading")]
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    section = models.CharField(max_length=5, blank=True)
    description = models.TextField(_("description (English)"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")

    def __str__(self) -> str:
        return f"{self.dotted} {self.display_name}"

    @property
    def dotted(self) -> str:
        """HS codes as people write them: 1801.00."""
        return f"{self.code[:4]}.{self.code[4:]}" if self.level == 6 else self.code

    @property
    def chapter_code(self) -> str:
        return self.code[:2]

    @property
    def display_name(self) -> str:
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        translations = getattr(self, "_prefetched_objects_cache", {}).get("translations")
        if translations is None:
            translations = list(self.translations.all())
        found = pick_translation(translations, language, original_language="en")
        return found.name if found else self.description


class HSCodeTranslation(models.Model):
    """Everyday names of goods in the region's languages (reference/products-multilingual.csv)."""

    hs_code = models.ForeignKey(HSCode, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=8)
    name = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["hs_code", "language_code"], name="unique_hs_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hs_code_id} [{self.language_code}] {self.name}"


class Unit(models.TextChoices):
    KG = "kg", _("kilogram")
    TONNE = "t", _("tonne")
    PIECE = "pc", _("piece")
    LITRE = "l", _("litre")
    BOX = "box", _("box")
    PACK = "pack", _("pack")
    METRE = "m", _("metre")
    SQM = "m2", _("square metre")


def published_q() -> models.Q:
    """The publication rule of products: published, by an enterprise that is itself public.

    As conditions on the joined enterprise row, not `enterprise__in=<public enterprises>`:
    a subquery of every public enterprise (or product) costs ~35 ms at 100k products even
    when the page asks for one enterprise's products; the join costs a lookup per row."""
    from etalase.enterprises.models import PUBLIC_CONSENTS

    return models.Q(
        is_published=True, enterprise__is_published=True, enterprise__consent__in=PUBLIC_CONSENTS
    )


class ProductQuerySet(models.QuerySet):
    def published(self) -> "ProductQuerySet":
        """Products anyone may see: published by an enterprise that is itself public."""
        return self.filter(published_q())


class Product(models.Model):
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="products",
        verbose_name=_("enterprise"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, default="en", choices=settings.LANGUAGES
    )
    # A subheading (6 digits). An office's file may give only the heading (4 digits, kept as
    # such) or no code at all (None: the product is kept unpublished until one is chosen);
    # forms still require a subheading.
    hs_code = models.ForeignKey(
        HSCode,
        on_delete=models.PROTECT,
        null=True,
        verbose_name=_("HS code"),
        limit_choices_to={"level": 6},
    )
    national_tariff_code = models.CharField(
        _("national tariff code"),
        max_length=10,
        blank=True,
        help_text=_("The 8- or 10-digit tariff line (AHTN/BTKI) under the HS subheading."),
    )
    # The GS1 number under the product's barcode, when the owner has one (catalog.gtin checks
    # it); search engines and buyers' systems match products by it.
    gtin = models.CharField(
        _("GTIN (barcode number)"),
        max_length=14,
        blank=True,
        default="",
        validators=[validate_gtin],
        help_text=_("The 8, 12, 13 or 14 digits under the product's barcode (EAN/UPC), if it "
                    "has one."),
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.KG)
    min_order = models.DecimalField(
        _("minimum order"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    monthly_capacity = models.DecimalField(
        _("monthly capacity"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    price_min = models.DecimalField(
        _("price from"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    price_max = models.DecimalField(
        _("price to"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    certifications = models.ManyToManyField(
        "enterprises.Certification",
        blank=True,
        related_name="products",
        verbose_name=_("certifications"),
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[certifications])
    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(fields=["enterprise", "is_published"]),
            # The HS chapter with its enterprises, for insights' count by sector: the query
            # groups on this same expression and walks the index instead of sorting rows
            # (hs_code too, so that PostgreSQL can answer from the index alone).
            models.Index(
                Substr("hs_code", 1, 2),
                models.F("enterprise"),
                models.F("hs_code"),
                name="product_hs_chapter_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True)
                | models.Q(price_max__isnull=True)
                | models.Q(price_min__lte=models.F("price_max")),
                name="product_price_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def text_in(self, language: str | None) -> tuple[str, str]:
        """(name, description) in `language`, falling back to the text's original language."""
        translations = getattr(self, "_prefetched_objects_cache", {}).get("translations")
        if translations is None:
            translations = list(self.translations.all())
        found = pick_translation(translations, language, original_language=self.language)
        if found is None:
            return self.name, self.description
        return found.name or self.name, found.description or self.description


class ProductTranslation(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product", "language_code"], name="unique_product_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_id} [{self.language_code}] {self.name}"


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="products/%Y/%m/")
    thumbnail = models.ImageField(upload_to="products/thumbs/%Y/%m/", blank=True)
    alt_text = models.CharField(_("description of the image"), max_length=200, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"image {self.pk} of product {self.product_id}"
