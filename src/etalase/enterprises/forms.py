"""Forms of the registry: enterprise, certification and product.

One validation path for every writer: the admin uses these forms, the services build them from a
plain dict, and the owners' pages will render them. Each bad value gets a message naming what is
wrong (an identifier of the wrong country, a fixed-line number given as WhatsApp, a province of
another country) rather than Django's generic ones.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from etalase.catalog.gtin import normalise_gtin
from etalase.catalog.models import Product
from etalase.enterprises import validators
from etalase.enterprises.identifiers import validate_registration_id
from etalase.enterprises.models import Certification, Enterprise
from etalase.enterprises.phones import normalize_phone
from etalase.enterprises.size_classes import SizeFigureError
from etalase.enterprises.validators import CountryCodesField, HSCodeField
from etalase.regions.models import Area, Country
from etalase.regions.selectors import area_list

MAX_CERTIFICATE_YEAR = 2200


def _label(model: type, name: str) -> Any:
    return model._meta.get_field(name).verbose_name


# --- Enterprise -----------------------------------------------------------------------------

# The place is chosen as an area of the enterprise's province (`area`). The free-text
# `regency` is not edited here: it keeps what the source (an office's file) wrote, shown
# read-only in the admin and beside the choice as a hint while no area is chosen.
ENTERPRISE_FIELDS = [
    "legal_name", "trade_name", "registration_id", "country", "subdivision", "area",
    "address", "year_established", "employees", "annual_turnover", "assets", "currency",
    "sector_kind", "hs_chapters", "export_status", "export_markets", "contact_person", "phone",
    "whatsapp", "email", "website", "description", "language", "logo", "consent", "consent_at",
    "is_published", "open_data_consent",
]
# Owners correct their profile; identity (number, country, province) and the publication
# consent stay with the office that verified them.
OWNER_FIELDS = [f for f in ENTERPRISE_FIELDS if f not in {
    "registration_id", "country", "subdivision", "consent", "consent_at"}]


class AreaField(forms.ModelChoiceField):
    """A second-level area. The choices shown are the areas of the enterprise's province
    (the form narrows `queryset`); a code posted from outside them is still read, so that
    the form can say where that area lies instead of "not one of the available choices"."""

    def to_python(self, value: Any) -> Area | None:
        if value in self.empty_values:
            return None
        code = str(value).strip()[:24]
        area = Area.objects.select_related("subdivision").filter(pk=code).first()
        if area is None:
            raise ValidationError(_("No area has the code %(code)s."), code="invalid_choice",
                                  params={"code": code})
        return area


def areas_of(subdivision_code: str | None) -> Any:
    """The areas an enterprise of this subdivision may lie in: its own and, for a Philippine
    region, those of its provinces."""
    if not subdivision_code:
        return Area.objects.none()
    return area_list(subdivision_code).order_by("name")


class EnterpriseForm(forms.ModelForm):
    """Every field an office may set; size class and identifier type are computed."""

    area = AreaField(queryset=Area.objects.none(), required=False,
                     label=_label(Enterprise, "area"),
                     help_text=_("The regency or city (municipality, district) of the "
                                 "enterprise, among those of its province."))

    year_established = forms.IntegerField(label=_label(Enterprise, "year_established"),
                                          required=False)
    employees = forms.IntegerField(label=_label(Enterprise, "employees"), required=False)
    annual_turnover = forms.DecimalField(label=_label(Enterprise, "annual_turnover"),
                                         required=False, decimal_places=2)
    assets = forms.DecimalField(label=_label(Enterprise, "assets"), required=False,
                                decimal_places=2,
                                help_text=_("In Indonesia this stands for business capital "
                                            "for businesses set up in 2021 or later."))
    currency = forms.CharField(label=_label(Enterprise, "currency"), required=False,
                               max_length=20,
                               help_text=_("ISO 4217 code; the country's currency if empty."))
    # Typed the local way ("0812-3456-7890"); stored as E.164.
    phone = forms.CharField(label=_label(Enterprise, "phone"), required=False, max_length=40)
    whatsapp = forms.CharField(label=_label(Enterprise, "whatsapp"), required=False,
                               max_length=40)
    export_markets = CountryCodesField(label=_label(Enterprise, "export_markets"))
    website = forms.URLField(label=_label(Enterprise, "website"), required=False, max_length=200,
                             assume_scheme="https")

    class Meta:
        model = Enterprise
        fields = ENTERPRISE_FIELDS
        error_messages = {
            "subdivision": {"invalid_choice": _(
                "Unknown province or state code, or one outside your area.")},
            "country": {"invalid_choice": _(
                "The registry holds enterprises of Brunei, Indonesia, Malaysia and the "
                "Philippines; this country is not one of them.")},
        }
        widgets = {"consent_at": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "country" in self.fields:
            # Narrow, not replace: the admin has already limited the choices to the user's area.
            self.fields["country"].queryset = self.fields["country"].queryset.filter(
                is_bimp_eaga=True)
        if "area" in self.fields:
            self._offer_areas()

    def _subdivision_code(self) -> str | None:
        """The province the areas are offered for: the one posted, else the record's."""
        if self.is_bound and "subdivision" in self.fields:
            posted = self.data.get(self.add_prefix("subdivision"))
            if isinstance(posted, str) and posted.strip():
                return posted.strip().upper()[:10]
        return self.instance.subdivision_id or None

    def _offer_areas(self) -> None:
        field = self.fields["area"]
        code = self._subdivision_code()
        if code:
            field.queryset = areas_of(code)
        elif "subdivision" in self.fields:
            # A new record: the areas of the provinces this user may choose (the admin has
            # limited those to the user's own).
            field.queryset = Area.objects.filter(
                subdivision__in=self.fields["subdivision"].queryset).order_by("name")
        if self.instance.regency and not self.instance.area_id:
            field.help_text = _("Its source wrote “%(text)s”, which matched no area: choose "
                                "the area it means.") % {"text": self.instance.regency}

    # Field checks that need no other field.

    def clean_year_established(self) -> int | None:
        value = self.cleaned_data.get("year_established")
        validators.check_year_established(value)
        return value

    def clean_employees(self) -> int | None:
        value = self.cleaned_data.get("employees")
        validators.check_employees(value)
        return value

    def clean_annual_turnover(self) -> Decimal | None:
        value = self.cleaned_data.get("annual_turnover")
        validators.check_amount(value, label=_("Annual turnover"))
        return value

    def clean_assets(self) -> Decimal | None:
        value = self.cleaned_data.get("assets")
        validators.check_amount(value, label=_("Assets"))
        return value

    # Checks that need the country.

    def _country(self) -> Country | None:
        if "country" in self.fields:
            return self.cleaned_data.get("country")
        return self.instance.country if self.instance.country_id else None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        country = self._country()
        if country is None:
            return data  # the country's own error says why; the rest depends on it
        self._clean_subdivision(country, data)
        self._clean_area(data)
        self._clean_registration_id(country, data)
        for name in ("phone", "whatsapp"):
            value = data.get(name)
            if name in self.fields and value:
                try:
                    data[name] = normalize_phone(value, country=country.code,
                                                 mobile_only=name == "whatsapp")
                except ValidationError as exc:
                    self.add_error(name, exc)
        if "currency" in self.fields:
            if data.get("currency"):
                try:
                    data["currency"] = validators.check_currency(data["currency"])
                except ValidationError as exc:
                    self.add_error("currency", exc)
            else:
                data["currency"] = country.currency
        self._clean_size(country, data)
        return data

    def _clean_subdivision(self, country: Country, data: dict[str, Any]) -> None:
        subdivision = data.get("subdivision")
        if "subdivision" in self.fields and subdivision is not None \
                and subdivision.country_id != country.code:
            self.add_error("subdivision", ValidationError(
                _("%(subdivision)s is in %(other)s, not in %(country)s."), code="wrong_country",
                params={"subdivision": subdivision, "other": subdivision.country,
                        "country": country}))

    def _clean_area(self, data: dict[str, Any]) -> None:
        area = data.get("area")
        if area is None or "area" not in self.fields:
            return
        subdivision = data.get("subdivision") if "subdivision" in self.fields \
            else self.instance.subdivision
        if subdivision is None:
            return  # the province's own error says why
        # The area's subdivision came with it (AreaField): no query to say where it lies.
        if subdivision.code not in (area.subdivision_id, area.subdivision.parent_id):
            self.add_error("area", ValidationError(
                _("%(area)s lies in %(province)s, not in %(chosen)s."), code="other_province",
                params={"area": area.name, "province": area.subdivision.display_name,
                        "chosen": subdivision.display_name}))

    def _clean_registration_id(self, country: Country, data: dict[str, Any]) -> None:
        if "registration_id" not in self.fields or not data.get("registration_id"):
            return
        try:
            normalized = validate_registration_id(country.code, data["registration_id"])
        except ValidationError as exc:
            self.add_error("registration_id", exc)
            return
        data["registration_id"] = normalized.compact
        self.instance.registration_scheme = normalized.scheme
        taken = Enterprise.objects.filter(country=country, registration_id=normalized.compact)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("registration_id", ValidationError(
                _("An enterprise with registration number %(number)s is already registered in "
                  "%(country)s."), code="duplicate",
                params={"number": normalized.display, "country": country}))

    def _figure(self, data: dict[str, Any], name: str) -> Any:
        return data.get(name) if name in self.fields else getattr(self.instance, name)

    def _clean_size(self, country: Country, data: dict[str, Any]) -> None:
        figures = ("annual_turnover", "assets", "employees", "year_established")
        if any(name in self.errors for name in figures):
            return
        try:
            result = validators.size_of(
                country=country.code,
                year_established=self._figure(data, "year_established"),
                annual_turnover=self._figure(data, "annual_turnover"),
                assets=self._figure(data, "assets"),
                employees=self._figure(data, "employees"),
                sector_kind=self._figure(data, "sector_kind") or "services",
            )
        except SizeFigureError as exc:
            field, error = validators.size_error(exc)
            self.add_error(field if field in self.fields else None, error)
            return
        # Stored in English: the basis is a record, shown as written like other history.
        with translation.override("en"):
            basis = str(result.basis)
            if result.rule:
                basis = f"{result.rule}: {basis}"
        self.instance.size_class = result.size_class or ""
        self.instance.size_basis = basis[:200]


class EnterpriseOwnerForm(EnterpriseForm):
    class Meta(EnterpriseForm.Meta):
        fields = OWNER_FIELDS


# --- Certification --------------------------------------------------------------------------


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["kind", "number", "issuer", "valid_from", "valid_until"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}),
                   "valid_until": forms.DateInput(attrs={"type": "date"})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("valid_from", "valid_until"):
            day = data.get(name)
            if day is not None and not 1900 <= day.year <= MAX_CERTIFICATE_YEAR:
                self.add_error(name, ValidationError(
                    _("%(date)s is not a plausible certificate date."), code="implausible",
                    params={"date": day.isoformat()}))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start and "valid_until" not in self.errors:
            self.add_error("valid_until", ValidationError(
                _("The certificate cannot expire (%(end)s) before it becomes valid (%(start)s)."),
                code="dates_reversed", params={"start": start.isoformat(),
                                               "end": end.isoformat()}))
        return data


class CertificationAdminForm(CertificationForm):
    """The admin's variant: the enterprise is chosen (among those of the user's area)."""

    class Meta(CertificationForm.Meta):
        fields = ["enterprise", *CertificationForm.Meta.fields]


# --- Product --------------------------------------------------------------------------------

PRODUCT_FIELDS = ["name", "description", "language", "hs_code", "gtin", "unit", "min_order",
                  "monthly_capacity", "price_min", "price_max", "currency", "certifications",
                  "is_published"]


class ProductForm(forms.ModelForm):
    """A product of one enterprise (given to the form, or chosen in the admin's variant)."""

    hs_code = HSCodeField()
    # Wider than the stored 14 digits: spaces and hyphens as printed are dropped in clean_gtin.
    gtin = forms.CharField(
        label=_label(Product, "gtin"), required=False, max_length=40,
        help_text=Product._meta.get_field("gtin").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    min_order = forms.DecimalField(label=_label(Product, "min_order"), required=False,
                                   decimal_places=2)
    monthly_capacity = forms.DecimalField(label=_label(Product, "monthly_capacity"),
                                          required=False, decimal_places=2)
    price_min = forms.DecimalField(label=_label(Product, "price_min"), required=False,
                                   decimal_places=2)
    price_max = forms.DecimalField(label=_label(Product, "price_max"), required=False,
                                   decimal_places=2)
    currency = forms.CharField(label=_label(Product, "currency"), required=False, max_length=20,
                               help_text=_("ISO 4217 code; the enterprise's currency if empty."))

    class Meta:
        model = Product
        fields = PRODUCT_FIELDS

    def __init__(self, *args: Any, enterprise: Enterprise | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if enterprise is None and self.instance.enterprise_id:
            enterprise = self.instance.enterprise
        self.enterprise = enterprise
        if enterprise is not None and "certifications" in self.fields \
                and "enterprise" not in self.fields:
            self.fields["certifications"].queryset = Certification.objects.filter(
                enterprise=enterprise)

    def clean_gtin(self) -> str:
        # Spaces and hyphens as printed under a barcode are dropped; the check digit is checked.
        return normalise_gtin(self.cleaned_data.get("gtin"))

    def clean_min_order(self) -> Decimal | None:
        value = self.cleaned_data.get("min_order")
        validators.check_quantity(value, label=_("The minimum order"))
        return value

    def clean_monthly_capacity(self) -> Decimal | None:
        value = self.cleaned_data.get("monthly_capacity")
        validators.check_quantity(value, label=_("The monthly capacity"))
        return value

    def clean_price_min(self) -> Decimal | None:
        value = self.cleaned_data.get("price_min")
        validators.check_amount(value, label=_("The lowest price"))
        return value

    def clean_price_max(self) -> Decimal | None:
        value = self.cleaned_data.get("price_max")
        validators.check_amount(value, label=_("The highest price"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        enterprise = data.get("enterprise") if "enterprise" in self.fields else self.enterprise
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", ValidationError(
                _("The highest price (%(high)s) is below the lowest price (%(low)s)."),
                code="price_range", params={"low": f"{low:,}", "high": f"{high:,}"}))
        if data.get("currency"):
            try:
                data["currency"] = validators.check_currency(data["currency"])
            except ValidationError as exc:
                self.add_error("currency", exc)
        elif enterprise is not None and (low is not None or high is not None):
            data["currency"] = enterprise.currency
        certifications = data.get("certifications")
        if enterprise is not None and certifications:
            foreign = [c for c in certifications if c.enterprise_id != enterprise.pk]
            if foreign:
                self.add_error("certifications", ValidationError(
                    _("Only the enterprise's own certifications can be attached to its "
                      "products."), code="foreign_certification"))
        return data

    def _post_clean(self) -> None:
        if "enterprise" not in self.fields and self.enterprise is not None:
            self.instance.enterprise = self.enterprise
        super()._post_clean()


class ProductAdminForm(ProductForm):
    """The admin's variant: the enterprise is a field; certifications are that enterprise's."""

    class Meta(ProductForm.Meta):
        fields = ["enterprise", *PRODUCT_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        enterprise = self.enterprise
        if enterprise is None and self.is_bound:
            chosen = self.data.get(self.add_prefix("enterprise"))
            if isinstance(chosen, str) and chosen.isdigit():
                # The field's queryset is already limited to the user's enterprises.
                enterprise = self.fields["enterprise"].queryset.filter(pk=int(chosen)).first()
        self.fields["certifications"].queryset = (
            Certification.objects.filter(enterprise=enterprise) if enterprise is not None
            else Certification.objects.none())
