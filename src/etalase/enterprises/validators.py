"""Field checks of the registry shared by forms, services and (later) the provincial import.

Each check raises a ``ValidationError`` whose message names the problem precisely: "cannot be
negative" rather than Django's generic "Ensure this value is greater than or equal to 0". The
country rules themselves live in ``identifiers``, ``phones`` and ``size_classes``; this module
only adapts them to field errors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pycountry
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
