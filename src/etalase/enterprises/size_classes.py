"""Official MSME size classes of Indonesia, Malaysia, the Philippines and Brunei.

The thresholds live in ``data/size_classes.json`` with the date each rule took effect, because
these rules change (the Philippines has a bill raising the micro ceiling) and a new rule should be
a data entry, not a code change. This module only knows how each country *combines* its criteria,
which is written in each country's rule and does not change with the amounts:

* Indonesia (PP 7/2021): business capital for businesses set up under the rule, annual sales for
  businesses that operated before it; sales are the default when given.
* Malaysia (SME Corp 2013): sales OR full-time staff; when they disagree the smaller size applies.
* Philippines (RA 9501): total assets by law; staff bands only when assets are unknown.
* Brunei (MOFE): at least two of revenue, staff and assets; otherwise revenue, then staff, then
  assets decide.

Amounts are in the country's own currency; converting is the caller's business.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

SizeClassName = Literal["micro", "small", "medium", "large"]
Text = str | Promise

SIZE_ORDER: tuple[SizeClassName, ...] = ("micro", "small", "medium", "large")
DATA_FILE = Path(__file__).with_name("data") / "size_classes.json"

# Lower-case labels: they are put inside sentences of the basis text.
CRITERION_LABELS: dict[str, Text] = {
    "annual_sales": _("annual sales"),
    "employees": _("employees"),
    "assets": _("total assets"),
    "capital": _("business capital"),
}
# Labels for error messages, which start with the figure's name.
FIGURE_LABELS: dict[str, Text] = {
    "annual_sales": _("Annual sales"),
    "employees": _("The number of employees"),
    "assets": _("Total assets"),
    "capital": _("Business capital"),
}


class SizeFigureError(ValueError):
    """A figure that cannot be classified: negative, not a number, or beyond any real business.

    Carries ``field``, ``code``, ``message`` and ``params`` so a form can re-raise it as a
    ``ValidationError`` on the right field with a translated message.
    """

    def __init__(self, field: str, code: str, message: Text, **params: Any) -> None:
        self.field = field
        self.code = code
        self.message = message
        self.params = params
        super().__init__(field, code)

    def __str__(self) -> str:
        return str(self.message) % self.params


@dataclass(frozen=True)
class Band:
    size_class: SizeClassName
    max: Decimal
    max_inclusive: bool


@dataclass(frozen=True)
class Scale:
    """One criterion's bands, micro to medium; anything above the last band is large."""

    bands: tuple[Band, ...]

    def classify(self, value: Decimal) -> SizeClassName:
        for band in self.bands:
            if value < band.max or (band.max_inclusive and value == band.max):
                return band.size_class
        return "large"


@dataclass(frozen=True)
class SizeRule:
    country: str
    name: str
    effective: dt.date | None  # None: start date unknown, treated as always in force
    combination: str
    currency: str
    # Scales by sector group, then criterion; rules without sectors use the group "*".
    scales: Mapping[str, Mapping[str, Scale]]
    sector_groups: Mapping[str, str] = field(default_factory=dict)
    priority: tuple[str, ...] = ()

    def scales_for(self, sector: str) -> Mapping[str, Scale]:
        if not self.sector_groups:
            return self.scales["*"]
        group = self.sector_groups.get(sector.strip().lower())
        if group is None:
            known = ", ".join(sorted(self.sector_groups))
            raise ValueError(
                f"Unknown sector {sector!r} for {self.country}; expected one of {known}")
        return self.scales[group]


@dataclass(frozen=True)
class SizeResult:
    """The class (or None), why, and under which rule."""

    size_class: SizeClassName | None
    basis: Text  # which criterion decided, or why no class could be given
    # The figure that decided: annual_sales, employees, assets or capital.
    criterion: str | None = None
    rule: str | None = None
    by_criterion: Mapping[str, SizeClassName] = field(default_factory=dict)

    @property
    def reason(self) -> Text | None:
        """Why there is no class; None when there is one."""
        return None if self.size_class else self.basis


@dataclass(frozen=True)
class _Data:
    rules: Mapping[str, tuple[SizeRule, ...]]
    max_amount: Mapping[str, Decimal]
    max_employees: int
    # (country, day) -> the rule in force: asked once per record classified, and an import
    # classifies every row of a file on one day.
    in_force: dict[tuple[str, dt.date], SizeRule | None] = field(default_factory=dict)


def _parse_scale(raw: Mapping[str, Any], medium_inclusive: bool | None, where: str) -> Scale:
    bands: list[Band] = []
    for expected, band in zip(SIZE_ORDER[:3], raw["bands"], strict=True):
        if band["class"] != expected:
            raise ValueError(f"{where}: bands must be micro, small, medium in that order")
        inclusive = band.get("max_inclusive", medium_inclusive if expected == "medium" else None)
        if not isinstance(inclusive, bool):
            raise ValueError(f"{where}: {expected} band needs max_inclusive (or the rule's flag)")
        bands.append(Band(expected, Decimal(str(band["max"])), inclusive))
    if any(lower.max >= upper.max for lower, upper in itertools.pairwise(bands)):
        raise ValueError(f"{where}: band ceilings must increase")
    return Scale(tuple(bands))


def _parse_rule(country: str, currency: str, raw: Mapping[str, Any]) -> SizeRule:
    where = f"{country} {raw['name']}"
    medium_inclusive = raw.get("medium_upper_inclusive")
    if "sectors" in raw:
        scales = {
            group: {c: _parse_scale(s, medium_inclusive, f"{where} {group} {c}")
                    for c, s in criteria.items()}
            for group, criteria in raw["sectors"].items()
        }
    else:
        scales = {"*": {c: _parse_scale(s, medium_inclusive, f"{where} {c}")
                        for c, s in raw["criteria"].items()}}
    if raw["combination"] not in _COMBINATIONS:
        raise ValueError(f"{where}: unknown combination {raw['combination']!r}")
    effective = dt.date.fromisoformat(raw["effective"]) if raw.get("effective") else None
    return SizeRule(
        country=country, name=raw["name"], effective=effective,
        combination=raw["combination"], currency=currency, scales=scales,
        sector_groups=dict(raw.get("sector_groups", {})),
        priority=tuple(raw.get("priority", ())),
    )


@lru_cache(maxsize=1)
def _data() -> _Data:
    """Read the thresholds once per process; they only change with a deployment."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    rules: dict[str, tuple[SizeRule, ...]] = {}
    max_amount: dict[str, Decimal] = {}
    for country, entry in raw["countries"].items():
        parsed = [_parse_rule(country, entry["currency"], r) for r in entry["rules"]]
        # Oldest first; a rule without a known start date counts as the oldest.
        parsed.sort(key=lambda r: r.effective or dt.date.min)
        rules[country] = tuple(parsed)
        max_amount[country] = Decimal(entry["max_plausible_amount"])
    return _Data(rules, max_amount, int(raw["max_plausible_employees"]))


def rule_for(country: str, on: dt.date | None = None) -> SizeRule | None:
    """The rule of ``country`` in force on ``on`` (default today), or None."""
    data = _data()
    key = (country.strip().upper(), on or timezone.localdate())
    if key not in data.in_force:
        in_force = [r for r in data.rules.get(key[0], ())
                    if r.effective is None or r.effective <= key[1]]
        data.in_force[key] = in_force[-1] if in_force else None
    return data.in_force[key]


def _as_amount(name: str, value: object, cap: Decimal | None, currency: str) -> Decimal | None:
    if value is None:
        return None
    label = FIGURE_LABELS[name]
    # bool is an int subclass; True as "1 rupiah" is a programming error, not a figure.
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
        raise SizeFigureError(name, "not_a_number", _("%(figure)s must be a number."),
                              figure=label)
    try:
        # A Decimal is taken as it is (an import's figures are parsed already).
        amount = value if type(value) is Decimal else Decimal(str(value).strip())
    except InvalidOperation:
        raise SizeFigureError(name, "not_a_number", _("%(figure)s must be a number."),
                              figure=label) from None
    if not amount.is_finite():
        raise SizeFigureError(name, "not_a_number", _("%(figure)s must be a finite number."),
                              figure=label)
    if amount < 0:
        raise SizeFigureError(name, "negative", _("%(figure)s cannot be negative."), figure=label)
    if cap is not None and amount > cap:
        raise SizeFigureError(
            name, "implausible",
            _("%(figure)s: %(value)s %(currency)s is more than the whole economy of the "
              "country produces in years; check the figure and the currency."),
            figure=label, value=f"{amount:,}", currency=currency)
    return amount


def _as_staff(value: object, cap: int) -> Decimal | None:
    if value is None:
        return None
    label = FIGURE_LABELS["employees"]
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise SizeFigureError("employees", "not_a_number",
                              _("%(figure)s must be a whole number."), figure=label)
    count = Decimal(value)
    if not count.is_finite() or count != count.to_integral_value():
        raise SizeFigureError("employees", "not_a_number",
                              _("%(figure)s must be a whole number."), figure=label)
    if count < 0:
        raise SizeFigureError("employees", "negative", _("%(figure)s cannot be negative."),
                              figure=label)
    if count > cap:
        raise SizeFigureError(
            "employees", "implausible",
            _("%(figure)s (%(value)s) is not plausible for one enterprise; check the figure."),
            figure=label, value=f"{count:,}")
    return count


def classify(
    *,
    country: str,
    annual_sales: Decimal | None = None,
    employees: int | None = None,
    assets: Decimal | None = None,
    capital: Decimal | None = None,
    sector: str = "services",
    established_before_rule: bool | None = None,
    on: dt.date | None = None,
) -> SizeResult:
    """Size class of an enterprise under its country's official rule in force on ``on``.

    ``established_before_rule`` only matters in Indonesia: True means the business operated
    before PP 7/2021 (classified by annual sales), False that it was set up under it (classified
    by capital); None uses sales when given, else capital. ``sector`` only matters in Malaysia.
    Raises SizeFigureError for a negative or impossible figure, whatever the country.
    """
    data = _data()
    code = country.strip().upper()
    currency = data.rules[code][0].currency if code in data.rules else ""
    cap = data.max_amount.get(code)
    figures: dict[str, Decimal] = {}
    for name, value in (("annual_sales", annual_sales), ("assets", assets),
                        ("capital", capital)):
        amount = _as_amount(name, value, cap, currency)
        if amount is not None:
            figures[name] = amount
    staff = _as_staff(employees, data.max_employees)
    if staff is not None:
        figures["employees"] = staff

    if code not in data.rules:
        return SizeResult(None, _("No official size rule is recorded for this country."))
    rule = rule_for(code, on)
    if rule is None:
        return SizeResult(None, _("No size rule of this country was in force on that date."))
    scales = rule.scales_for(sector)
    by_criterion = {name: scale.classify(figures[name])
                    for name, scale in scales.items() if name in figures}
    combine = _COMBINATIONS[rule.combination]
    result = combine(rule, by_criterion, established_before_rule)
    return SizeResult(result.size_class, result.basis, result.criterion, rule.name, by_criterion)


def _decided(by: Mapping[str, SizeClassName], criterion: str, basis: Text) -> SizeResult:
    return SizeResult(by[criterion], basis, criterion)


def _indonesia(rule: SizeRule, by: Mapping[str, SizeClassName],
               established_before_rule: bool | None) -> SizeResult:
    if established_before_rule is True:
        if "annual_sales" in by:
            return _decided(by, "annual_sales", _(
                "Annual sales, as the business operated before the rule took effect."))
        return SizeResult(None, _(
            "Annual sales are needed: a business that operated before the rule took effect is "
            "classified by its sales."))
    if established_before_rule is False:
        if "capital" in by:
            return _decided(by, "capital", _(
                "Business capital (excluding land and buildings), as the business was set up "
                "under the rule."))
        return SizeResult(None, _(
            "Business capital is needed: a business set up under the rule is classified by its "
            "capital, excluding land and buildings."))
    if "annual_sales" in by:
        return _decided(by, "annual_sales", _(
            "Annual sales (used when given; a business set up under the rule may be classified "
            "by its capital instead)."))
    if "capital" in by:
        return _decided(by, "capital", _(
            "Business capital (excluding land and buildings), as annual sales were not given."))
    return SizeResult(None, _("Annual sales or business capital are needed."))


def _malaysia(rule: SizeRule, by: Mapping[str, SizeClassName],
              established_before_rule: bool | None) -> SizeResult:
    if "annual_sales" in by and "employees" in by:
        sales, staff = by["annual_sales"], by["employees"]
        if sales == staff:
            return _decided(by, "annual_sales", _(
                "Annual sales and full-time employees give the same size."))
        smaller = "annual_sales" if SIZE_ORDER.index(sales) < SIZE_ORDER.index(staff) \
            else "employees"
        return _decided(by, smaller, format_lazy(
            _("Sales and employees give different sizes; the smaller size applies ({criterion})."),
            criterion=CRITERION_LABELS[smaller]))
    if "annual_sales" in by:
        return _decided(by, "annual_sales", _("Annual sales (employees not given)."))
    if "employees" in by:
        return _decided(by, "employees", _("Full-time employees (annual sales not given)."))
    return SizeResult(None, _("Annual sales or the number of full-time employees are needed."))


def _philippines(rule: SizeRule, by: Mapping[str, SizeClassName],
                 established_before_rule: bool | None) -> SizeResult:
    if "assets" in by:
        return _decided(by, "assets", _("Total assets excluding land, as the law defines."))
    if "employees" in by:
        return _decided(by, "employees", _(
            "Employees, as total assets were not given (statistics office bands)."))
    return SizeResult(None, _(
        "Total assets (excluding land) or the number of employees are needed; sales do not "
        "count in this country's rule."))


def _brunei(rule: SizeRule, by: Mapping[str, SizeClassName],
            established_before_rule: bool | None) -> SizeResult:
    given = [c for c in rule.priority if c in by]
    if not given:
        return SizeResult(None, _("Annual revenue, employees or total assets are needed."))
    votes = Counter(by[c] for c in given)
    winner, count = votes.most_common(1)[0]
    if count >= 2:
        # Report the highest-priority criterion among those that agree.
        agreeing = next(c for c in given if by[c] == winner)
        return SizeResult(winner, _("At least two of revenue, employees and assets agree."),
                          agreeing)
    first = given[0]
    if len(given) == 1:
        return _decided(by, first, format_lazy(_("Only {criterion} given."),
                                               criterion=CRITERION_LABELS[first]))
    return _decided(by, first, format_lazy(
        _("No two criteria agree, so {criterion} decide (revenue first, then employees, "
          "then assets)."), criterion=CRITERION_LABELS[first]))


_COMBINATIONS = {
    "capital_or_sales": _indonesia,
    "sales_or_staff_smaller": _malaysia,
    "assets_then_staff": _philippines,
    "two_of_three": _brunei,
}

