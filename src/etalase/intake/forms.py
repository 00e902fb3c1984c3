"""Forms of the submission pages: upload, column mapping, review, consent."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.intake import readers
from etalase.intake.columns import how_label
from etalase.intake.selectors import MappedColumn
from etalase.intake.template import COLUMNS, EXPORT_WORDS, SECTOR_WORDS
from etalase.regions.models import Subdivision

FIELD_LABELS = {
    "legal_name": _("Business name"),
    "trade_name": _("Trade name / brand"),
    "registration_id": _("Registration number (NIB / SSM / SEC / DTI)"),
    "subdivision": _("Province / state"),
    "regency": _("Regency / city"),
    "address": _("Address"),
    "contact_person": _("Contact person"),
    "phone": _("Phone"),
    "whatsapp": _("WhatsApp"),
    "email": _("E-mail"),
    "website": _("Website"),
    "year_established": _("Year established"),
    "employees": _("Employees"),
    "annual_turnover": _("Annual turnover"),
    "assets": _("Assets"),
    "sector": _("Sector"),
    "product": _("Main product"),
    "hs_code": _("HS code of the product"),
    "certifications": _("Certifications"),
    "export_status": _("Export status"),
    "export_markets": _("Export markets"),
    "description": _("Description"),
    # Recognised, so that they are not taken for something else; the registry keeps none.
    "npwp": _("Tax number (NPWP / TIN)"),
    "district": _("District (kecamatan / barangay)"),
    "postal_code": _("Postal code"),
    "latitude": _("Latitude"),
    "longitude": _("Longitude"),
}
MAPPABLE = [column.field for column in COLUMNS]
# Only the name: most micro enterprises have no registration number.
REQUIRED_COLUMNS = ("legal_name",)


class UploadForm(forms.Form):
    office = forms.ModelChoiceField(queryset=Subdivision.objects.none(),
                                    label=_("Province of the office"), empty_label=None)
    # Empty files pass the form so that the importer refuses them with its own reason.
    file = forms.FileField(label=_("File (XLSX or CSV)"), allow_empty_file=True, max_length=255)

    def __init__(self, *args, offices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = readers.max_upload_bytes()
        if upload.size > limit:
            # The importer's own words (readers.open_table), before the file is even kept.
            raise forms.ValidationError(
                _("The file is %(size)d MB; the limit is %(limit)d MB. Split it into smaller "
                  "files.") % {"size": upload.size // (1024 * 1024),
                               "limit": limit // (1024 * 1024)},
                code="file_too_large")
        return upload


class MappingForm(forms.Form):
    """One select per column of the file, plus values that hold for every row."""

    const_subdivision = forms.ModelChoiceField(
        queryset=Subdivision.objects.none(), required=False, to_field_name="code",
        label=_("All rows: province / state"), empty_label=_("— from the file —"))
    const_regency = forms.CharField(required=False, max_length=120,
                                    label=_("All rows: regency / city"))
    const_sector = forms.ChoiceField(required=False, label=_("All rows: sector"))
    const_export_status = forms.ChoiceField(required=False, label=_("All rows: export status"))

    CONSTANTS = ("subdivision", "regency", "sector", "export_status")

    def __init__(self, *args, columns: list[MappedColumn], office: Subdivision,
                 language: str, constants: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.columns = [c for c in columns if not c.identity]
        self.identity_columns = [c for c in columns if c.identity]
        choices = [("", _("— ignore this column —"))] + [
            (name, FIELD_LABELS[name]) for name in MAPPABLE]
        for column in self.columns:
            self.fields[f"col_{column.index}"] = forms.ChoiceField(
                choices=choices, required=False, label=column.header or _("(no header)"),
                initial=column.field if column.field in MAPPABLE else "")
        self.fields["const_subdivision"].queryset = Subdivision.objects.filter(
            code=office.code) | Subdivision.objects.filter(parent=office)
        words = language if language in SECTOR_WORDS else "en"
        self.fields["const_sector"].choices = [("", _("— from the file —"))] + [
            (w, w) for w in SECTOR_WORDS[words]]
        self.fields["const_export_status"].choices = [("", _("— from the file —"))] + [
            (w, w) for w in EXPORT_WORDS[words]]
        for name, value in (constants or {}).items():
            if name in self.CONSTANTS:
                self.fields[f"const_{name}"].initial = value

    def column_fields(self):
        return [self[f"col_{column.index}"] for column in self.columns]

    def column_rows(self, samples: dict[int, list[str]], described: list[dict]) -> list[dict]:
        """Each mappable column with its select, the first values under its header and how
        it was recognised (ColumnMap.describe), for the mapping page."""
        by_index = {entry["index"]: entry for entry in described}
        return [{"field": self[f"col_{column.index}"], "column": column,
                 "samples": samples.get(column.index, []),
                 "how": how_label(by_index[column.index]) if column.index in by_index else ""}
                for column in self.columns]

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for column in self.columns:
            name = data.get(f"col_{column.index}") or ""
            if name and name in chosen:
                self.add_error(f"col_{column.index}", _(
                    "“%(field)s” is already taken by the column “%(other)s”.")
                    % {"field": FIELD_LABELS[name], "other": chosen[name]})
            elif name:
                chosen[name] = column.header
        for name in REQUIRED_COLUMNS:
            if name not in chosen:
                raise forms.ValidationError(
                    _("Choose the column that holds: %(field)s.") % {"field": FIELD_LABELS[name]})
        return data

    def mapping(self) -> tuple[dict[int, str | None], dict[str, str]]:
        fields = {c.index: self.cleaned_data.get(f"col_{c.index}") or None for c in self.columns}
        constants = {}
        for name in self.CONSTANTS:
            value = self.cleaned_data.get(f"const_{name}")
            if isinstance(value, Subdivision):
                value = value.code
            if value:
                constants[name] = value
        return fields, constants


def parse_decisions(data) -> dict[str, dict[str, str]]:
    """`d-<row>-<field>` = file | owner, and `d-<row>-identity` = same:<id> | same-row:<n> |
    different → {"row": {"field": choice}} (checked by the service)."""
    decisions: dict[str, dict[str, str]] = {}
    for key in list(data.keys())[:5000]:
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] == "d" and parts[1].isdigit():
            decisions.setdefault(parts[1], {})[parts[2][:40]] = str(data.get(key))[:30]
    return decisions


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What must the office correct?"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class InviteForm(forms.Form):
    channel = forms.ChoiceField(choices=[("email", _("E-mail")), ("whatsapp", _("WhatsApp"))])


class PaperConsentForm(forms.Form):
    date = forms.DateField(label=_("Date the owner signed"),
                           widget=forms.DateInput(attrs={"type": "date"}))

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if date < dt.date(2000, 1, 1):
            raise forms.ValidationError(_("The date is too far in the past."))
        return date


class ClaimSignupForm(forms.Form):
    """A new account for an owner who follows a claim link without one."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput,
                                max_length=128)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput,
                                max_length=128)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail exists already: sign in instead."))
        return email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(email=data.get("email", ""),
                                    full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class AgreeForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I checked this profile and agree that it is shown publicly on Etalase."))
