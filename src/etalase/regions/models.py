"""Countries and ISO 3166-2 subdivisions, loaded from pycountry (never typed by hand)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from etalase.regions.names import country_name, subdivision_name


class CountryQuerySet(models.QuerySet):
    def bimp_eaga(self) -> "CountryQuerySet":
        return self.filter(is_bimp_eaga=True)


class Country(models.Model):
    code = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, primary_key=True)
    alpha3 = models.CharField(max_length=3, unique=True)
    numeric = models.CharField(max_length=3)
    name = models.CharField(_("name"), max_length=100)
    is_bimp_eaga = models.BooleanField(_("BIMP-EAGA member"), default=False)
    is_asean = models.BooleanField(_("ASEAN member"), default=False)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return country_name(self.code, self.name, get_language())


class SubdivisionQuerySet(models.QuerySet):
    def focus_areas(self) -> "SubdivisionQuerySet":
        return self.filter(is_focus_area=True)


class Subdivision(models.Model):
    code = models.CharField(_("ISO 3166-2 code"), max_length=10, primary_key=True)
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="subdivisions")
    name = models.CharField(_("name"), max_length=150)
    type = models.CharField(_("type"), max_length=60)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    is_focus_area = models.BooleanField(_("BIMP-EAGA focus area"), default=False)
    focus_area_label = models.CharField(max_length=150, blank=True)

    objects = SubdivisionQuerySet.as_manager()

    class Meta:
        ordering = ["country_id", "name"]
        verbose_name = _("subdivision")
        verbose_name_plural = _("subdivisions")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        return subdivision_name(self.code, self.name, get_language())

    def contains(self, other: "Subdivision | None") -> bool:
        """True when `other` is this subdivision or lies inside it (PH regions hold provinces)."""
        while other is not None:
            if other.code == self.code:
                return True
            other = other.parent
        return False


class AreaKind(models.TextChoices):
    REGENCY = "regency", _("regency (kabupaten)")
    CITY = "city", _("city")
    MUNICIPALITY = "municipality", _("municipality")
    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district")


class Area(models.Model):
    """A second-level area: Indonesia's kabupaten/kota, the Philippines' provinces and
    cities/municipalities (PSGC), Malaysia's districts, Brunei's districts.

    `code` is ours and stable (country + the official code: "ID-71.02", "PH-1380600000";
    "MY-12-kota-kinabalu" where the source publishes no code); `official_code` is the code as
    its source publishes it; `source` names that source and its version (see
    regions/data/areas/README.md). Loaded by regions.areas.load_areas."""

    code = models.CharField(_("code"), max_length=24, primary_key=True)
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="areas")
    subdivision = models.ForeignKey(
        Subdivision,
        on_delete=models.CASCADE,
        related_name="areas",
        verbose_name=_("province / state"),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    official_code = models.CharField(_("official code"), max_length=20)
    source = models.CharField(_("source"), max_length=80)

    class Meta:
        ordering = ["subdivision_id", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["subdivision", "name"])]

    def __str__(self) -> str:
        return self.name
