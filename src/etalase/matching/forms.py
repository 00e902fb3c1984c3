"""Forms of the matching pages. They check shape; the services check meaning and access."""

from __future__ import annotations

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.catalog.models import Unit
from etalase.enterprises.models import CertificationKind, SizeClass
from etalase.matching.models import Incoterm, InquiryStatus, Visibility
from etalase.matching.models.requests import ReportReason
from etalase.matching.services import parse_hs_codes
from etalase.regions.models import Country, Subdivision

MONEY = {"max_digits": 16, "decimal_places": 2, "min_value": 0}
QUANTITY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


def _currency(value: str) -> str:
    value = (value or "").strip().upper()
    if value and pycountry.currencies.get(alpha_3=value) is None:
        raise ValidationError(_("Not an ISO 4217 currency code (e.g. USD, IDR, MYR)."))
    return value


class SourcingRequestForm(forms.Form):
    title = forms.CharField(label=_("What do you need?"), max_length=200,
                            help_text=_("The goods' name, e.g. “fermented cocoa beans”: it is "
                                        "matched in English, Indonesian, Malay and Filipino."))
    description = forms.CharField(label=_("Description"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    hs_codes = forms.CharField(
        label=_("HS codes"), required=False, max_length=200,
        help_text=_("2, 4 or 6 digits, separated by commas (e.g. 1801.00, 0901). With "
                    "JavaScript, search by name below and tick the codes."))
    quantity_per_delivery = forms.DecimalField(label=_("Quantity per delivery"),
                                               required=False, **QUANTITY)
    quantity_per_month = forms.DecimalField(label=_("Quantity per month"), required=False,
                                            **QUANTITY)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, initial=Unit.TONNE)
    price_min = forms.DecimalField(label=_("Target price from (per unit)"), required=False,
                                   **MONEY)
    price_max = forms.DecimalField(label=_("Target price to (per unit)"), required=False,
                                   **MONEY)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3,
                               initial="USD")
    incoterm = forms.ChoiceField(label=_("Incoterm (2020)"), required=False,
                                 choices=[("", "—"), *Incoterm.choices])
    destination_country = forms.ModelChoiceField(
        label=_("Destination country"), required=False, queryset=Country.objects.order_by(
            "name"), to_field_name="code")
    required_certifications = forms.MultipleChoiceField(
        label=_("Required certifications"), required=False, choices=CertificationKind.choices,
        widget=forms.CheckboxSelectMultiple)
    preferred_countries = forms.MultipleChoiceField(
        label=_("Preferred countries"), required=False, widget=forms.CheckboxSelectMultiple)
    preferred_subdivisions = forms.MultipleChoiceField(
        label=_("Preferred provinces / states"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}))
    size_classes = forms.MultipleChoiceField(
        label=_("Work with enterprises of size"), required=False, choices=SizeClass.choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any size."))
    deadline = forms.DateField(label=_("Deadline for offers"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices,
                                   initial=Visibility.PUBLIC, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_countries"].choices = list(
            Country.objects.filter(is_bimp_eaga=True).order_by("name")
            .values_list("code", "name"))
        self.fields["preferred_subdivisions"].choices = [
            (s.code, f"{s.name} ({s.code})") for s in
            Subdivision.objects.focus_areas().order_by("country_id", "name")]

    def picks(self) -> list[str]:
        """Codes ticked in the search-as-you-type list (checkboxes named hs_pick)."""
        values = self.data.getlist("hs_pick") if hasattr(self.data, "getlist") else []
        return [str(v)[:10] for v in values[:20]]

    def clean_currency(self) -> str:
        return _currency(self.cleaned_data.get("currency", ""))

    def clean(self) -> dict:
        data = super().clean()
        try:
            data["hs_code_list"] = parse_hs_codes([data.get("hs_codes", ""), *self.picks()])
        except ValidationError as exc:
            self.add_error("hs_codes", exc)
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The upper price is below the lower one."))
        if (low is not None or high is not None) and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the prices."))
        deadline = data.get("deadline")
        if deadline and deadline < timezone.localdate():
            self.add_error("deadline", _("The deadline is in the past."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in (
            "title", "description", "quantity_per_delivery", "quantity_per_month", "unit",
            "price_min", "price_max", "currency", "incoterm", "destination_country",
            "required_certifications", "preferred_countries", "preferred_subdivisions",
            "size_classes", "deadline", "visibility")}
        fields["description"] = fields["description"] or ""
        fields["currency"] = fields["currency"] or ""
        fields["incoterm"] = fields["incoterm"] or ""
        return fields

    @classmethod
    def initial_from(cls, sourcing_request) -> dict:
        initial = {name: getattr(sourcing_request, name) for name in (
            "title", "description", "quantity_per_delivery", "quantity_per_month", "unit",
            "price_min", "price_max", "currency", "incoterm", "required_certifications",
            "preferred_countries", "preferred_subdivisions", "size_classes", "deadline",
            "visibility")}
        initial["destination_country"] = sourcing_request.destination_country_id
        initial["hs_codes"] = ", ".join(
            f"{c[:4]}.{c[4:]}" if len(c) == 6 else c for c in sourcing_request.hs_code_list)
        return initial


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("exclude", "exclude"), ("include", "include"),
                                        ("pin", "pin"), ("unpin", "unpin")])
    pin = forms.IntegerField(required=False, min_value=1, max_value=50)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by matching.attachments."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data[:10]]
        return [super().clean(data, initial)] if data else []


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=_("Attach photos or PDF (up to 3)"), required=False)

    def uploaded(self, files) -> list:
        return list(self.cleaned_data.get("files") or [])


class QuoteForm(forms.Form):
    price = forms.DecimalField(label=_("Price per unit"), **MONEY)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    quantity = forms.DecimalField(label=_("Quantity"), **QUANTITY)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=0,
                                        max_value=3650)
    valid_until = forms.DateField(label=_("Valid until"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    incoterm = forms.ChoiceField(label=_("Incoterm (2020)"), choices=Incoterm.choices)
    incoterm_place = forms.CharField(
        label=_("Named place or port"), required=False, max_length=100,
        help_text=_("Where the Incoterms rule applies, e.g. FOB Surabaya, DAP Kota Kinabalu."))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean_currency(self) -> str:
        value = _currency(self.cleaned_data.get("currency", ""))
        if not value:
            raise ValidationError(_("Give the currency."))
        return value


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=InquiryStatus.choices)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ReportReason.choices)
    note = forms.CharField(label=_("What is wrong?"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    mode = forms.ChoiceField(label=_("Mode"), choices=[("onsite", _("On site")),
                                                       ("online", _("Online"))])
    venue = forms.CharField(label=_("Venue or meeting link"), required=False, max_length=300)
    subdivision = forms.ModelChoiceField(label=_("Province / state"), required=False,
                                         queryset=Subdivision.objects.none())
    starts_at = forms.DateTimeField(label=_("Meetings start"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Meetings end"),
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    slot_minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=5,
                                      max_value=240, initial=20)
    tables = forms.IntegerField(label=_("Meetings at the same time"), min_value=1,
                                max_value=200, initial=5)

    def __init__(self, *args, subdivisions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if subdivisions is not None:
            self.fields["subdivision"].queryset = subdivisions

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end is before the start."))
        return data


class JointOfferForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    members = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = list(choices)
