"""Field checks of the registry shared by forms, services and (later) the provincial import.

Each check raises a ``ValidationError`` whose message names the problem precisely: "cannot be
negative" rather than Django's generic "Ensure this value is greater than or equal to 0". The
country rules themselves live in ``identifiers``, ``phones`` and ``size_classes``; this module
only adapts them to field errors. The two form fields at the end parse what people type
(export markets "MY, SG"; HS codes "1801.00") for the forms of `enterprises.forms`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.catalog.models import HSCode
from etalase.enterprises.size_classes import SizeFigureError, SizeResult, classify

# Beyond these a figure is a typing error, not a big firm (the country rules have tighter
# per-country ceilings, checked by size_classes.classify).
MAX_EMPLOYEES = 1_000_000
MAX_AMOUNT = Decimal(10) ** 15
MAX_QUANTITY = Decimal(10) ** 11  # product capacity / minimum order, any unit
OLDEST_YEAR = 1800
# The Indonesian rule (PP 7/2021) classifies businesses set up under it by capital.
ID_CAPITAL_RULE_YEAR = 2021
# ISO 4217 codes that are not money an enterprise is paid in (test, gold, SDR, …).
NOT_MONEY = frozenset({"XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD",
                       "XDR", "XSU", "XUA"})

# size_classes names figures after the rules; the model after the registry.
SIZE_FIGURE_FIELDS = {"annual_sales": "annual_turnover", "capital": "assets",
                      "assets": "assets", "employees": "employees"}


def check_employees(value: int | None) -> None:
    if value is None:
        return
    if value < 0:
        raise ValidationError(_("The number of employees cannot be negative."), code="negative")
    if value > MAX_EMPLOYEES:
        raise ValidationError(
            _("%(value)s employees is not plausible for one enterprise (the limit is "
              "%(max)s); check the figure."),
            code="implausible", params={"value": f"{value:,}", "max": f"{MAX_EMPLOYEES:,}"})


def check_amount(value: Decimal | None, *, label: str) -> None:
    """A money amount (turnover, assets, price): not negative, not beyond any real business."""
    if value is None:
        return
    if value < 0:
        raise ValidationError(_("%(label)s cannot be negative."), code="negative",
                              params={"label": label})
    if value > MAX_AMOUNT:
        raise ValidationError(
            _("%(label)s of %(value)s is not plausible (more than 10^15); check the figure "
              "and the currency."),
            code="implausible", params={"label": label, "value": f"{value:,}"})


def check_quantity(value: Decimal | None, *, label: str) -> None:
    if value is None:
        return
    if value < 0:
        raise ValidationError(_("%(label)s cannot be negative."), code="negative",
                              params={"label": label})
    if value > MAX_QUANTITY:
        raise ValidationError(_("%(label)s of %(value)s is not plausible; check the figure."),
                              code="implausible", params={"label": label, "value": f"{value:,}"})


def check_year_established(value: int | None) -> None:
    if value is None:
        return
    this_year = timezone.localdate().year
    if value > this_year:
        raise ValidationError(
            _("The year established (%(year)s) is in the future; this year is %(now)s."),
            code="future", params={"year": value, "now": this_year})
    if value < OLDEST_YEAR:
        raise ValidationError(
            _("The year established must be %(min)s or later (%(year)s was given)."),
            code="too_old", params={"year": value, "min": OLDEST_YEAR})


def check_currency(value: str) -> str:
    """Return the ISO 4217 code upper-cased, or raise."""
    code = (value or "").strip().upper()
    if len(code) != 3 or not code.isalpha() or code in NOT_MONEY \
            or pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (for example IDR, MYR, PHP, "
              "BND, USD)."), code="invalid_currency", params={"value": value[:20]})
    return code


def size_of(*, country: str, year_established: int | None, annual_turnover: Decimal | None,
            assets: Decimal | None, employees: int | None, sector_kind: str,
            today: dt.date | None = None) -> SizeResult:
    """The size class of an enterprise from its registry fields.

    Indonesia: assets (excluding land and buildings) stand for business capital for businesses
    set up in 2021 or later, annual sales for older ones; when the preferred figure is missing
    the rule's default (sales if given) applies. Malaysia: the sector picks the scale.
    Raises SizeFigureError for a figure the country's rule finds impossible.
    """
    established_before_rule: bool | None = None
    capital = None
    if country == "ID":
        if year_established is not None and year_established >= ID_CAPITAL_RULE_YEAR:
            capital = assets
            established_before_rule = False if assets is not None else None
        elif year_established is not None:
            capital = assets
            established_before_rule = True if annual_turnover is not None else None
        else:
            capital = assets
        assets = None  # Indonesia's rule knows capital, not total assets
    return classify(country=country, annual_sales=annual_turnover, employees=employees,
                    assets=assets, capital=capital, sector=sector_kind or "services",
                    established_before_rule=established_before_rule, on=today)


def size_error(exc: SizeFigureError) -> tuple[str, ValidationError]:
    """The model field and error for a figure size_classes refused."""
    field = SIZE_FIGURE_FIELDS.get(exc.field, "__all__")
    return field, ValidationError(exc.message, code=exc.code, params=exc.params)


# --- Form fields that parse what people type -------------------------------------------


class CountryCodesField(forms.CharField):
    """A list of ISO 3166-1 alpha-2 codes, typed "MY, SG, JP" (or given as a list)."""

    default_error_messages = {
        "invalid_code": _("“%(value)s” is not an ISO 3166 country code (two letters, for "
                          "example MY, SG, JP)."),
        "too_many": _("At most %(max)d markets can be listed."),
        "too_long": _("The list of markets is too long (at most %(max)d characters)."),
    }
    MAX_CODES = 60

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if value in (None, "", [], ()):
            return []
        if isinstance(value, str):
            text = value.strip()
            if self.max_length is not None and len(text) > self.max_length:
                raise ValidationError(self.error_messages["too_long"], code="too_long",
                                      params={"max": self.max_length})
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except ValueError:
                    value = re.split(r"[\s,;\[\]\"']+", text)
            else:
                value = re.split(r"[\s,;]+", text)
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_code"], code="invalid_code",
                                  params={"value": str(value)[:20]})
        codes: list[str] = []
        for item in value:
            code = item.strip().upper() if isinstance(item, str) else ""
            if not code and isinstance(item, str):
                continue
            if not re.fullmatch(r"[A-Z]{2}", code) or pycountry.countries.get(
                    alpha_2=code) is None:
                raise ValidationError(self.error_messages["invalid_code"], code="invalid_code",
                                      params={"value": str(item)[:20]})
            if code not in codes:
                codes.append(code)
        if len(codes) > self.MAX_CODES:
            raise ValidationError(self.error_messages["too_many"], code="too_many",
                                  params={"max": self.MAX_CODES})
        return codes

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        # The length validators of CharField apply to the typed text, not to the list.
        return None


class HSCodeField(forms.CharField):
    """A 6-digit HS 2022 subheading, typed as people write it: 1801.00, 180100, 1801 00."""

    default_error_messages = {
        "not_digits": _("An HS code has digits only, for example 1801.00."),
        "not_subheading": _("Enter a 6-digit HS subheading, for example 1801.00 (“%(value)s” "
                            "has %(length)d digits)."),
        "unknown": _("HS code %(value)s does not exist in HS 2022."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("HS code"))
        kwargs.setdefault("help_text", _("6-digit subheading of HS 2022, e.g. 1801.00 for cocoa "
                                         "beans."))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, HSCode):
            return value.dotted
        if isinstance(value, str) and re.fullmatch(r"\d{6}", value):
            return f"{value[:4]}.{value[4:]}"
        return value

    def to_python(self, value: Any) -> HSCode | None:  # type: ignore[override]
        if isinstance(value, HSCode):
            return value
        text = super().to_python(value)
        if not text:
            return None
        digits = re.sub(r"[\s.\-]", "", text)
        if not digits.isdigit():
            raise ValidationError(self.error_messages["not_digits"], code="not_digits")
        if len(digits) != 6:
            raise ValidationError(self.error_messages["not_subheading"], code="not_subheading",
                                  params={"value": text, "length": len(digits)})
        found = HSCode.objects.filter(code=digits, level=6).first()
        if found is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown",
                                  params={"value": f"{digits[:4]}.{digits[4:]}"})
        return found

    def run_validators(self, value: Any) -> None:
        return None

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        old = initial.pk if isinstance(initial, HSCode) else (initial or None)
        return (new.pk if new else None) != old
