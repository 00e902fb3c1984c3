"""Year established, employees, turnover and assets."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

from etalase.enterprises import validators as registry
from etalase.intake import cells
from etalase.intake.checks import as_message
from etalase.intake.results import message

_BOUND_MESSAGES = {
    "about": gettext_noop("“%(value)s” is an estimate; %(number)s was kept."),
    "at_least": gettext_noop("“%(value)s” is a lower bound; %(number)s was kept."),
    "at_most": gettext_noop("“%(value)s” is an upper bound; %(number)s was kept."),
}


class FigureChecks:
    def _check_figures(self, row, values, problem, warning=None) -> None:
        raw = row.get("year_established")
        if raw is not None:
            try:
                year = self.parse_year(raw)
                self.check_year(year)
                values["year_established"] = year
            except cells.CellError:
                problem(
                    "year_established",
                    "not_a_year",
                    message(
                        gettext_noop(
                            "“%(value)s” is not a year (write e.g. 2019, 12/03/2019 or "
                            "12 Maret 2019)."
                        ),
                        value=cells.text(raw)[:40],
                    ),
                    raw,
                )
            except ValidationError as exc:
                problem("year_established", exc.code or "invalid", as_message(exc), raw)
        raw = row.get("employees")
        if raw is not None:
            try:
                amount = self.parse_amount(raw)
                employees = _whole(amount.value)
                registry.check_employees(employees)
                values["employees"] = employees
                if amount.bound:
                    self._tell_bound("employees", raw, amount, employees, warning)
            except cells.CellError as exc:
                problem(
                    "employees",
                    exc.code,
                    message(
                        gettext_noop("“%(value)s” is not a whole number of people."),
                        value=cells.text(raw)[:40],
                    ),
                    raw,
                )
            except ValidationError as exc:
                problem("employees", exc.code or "invalid", as_message(exc), raw)
        for name in ("annual_turnover", "assets"):
            raw = row.get(name)
            if raw is None:
                continue
            try:
                amount = self.parse_amount(raw)
                expected = self._currency_of(name)
                if amount.currency and amount.currency != expected:
                    problem(
                        name,
                        "other_currency",
                        message(
                            gettext_noop(
                                "“%(value)s” is in %(currency)s; write the amount in "
                                "%(expected)s."
                            ),
                            value=cells.text(raw)[:40],
                            currency=amount.currency,
                            expected=expected,
                        ),
                        raw,
                    )
                    continue
                number = amount.value
                if number is not None:  # the header's unit: "Omzet (Rp juta)" is × 10**6
                    number *= self.map.scale_of(name)
                registry.check_amount(number, label=self.labels[name])
                values[name] = number.quantize(Decimal("0.01")) if number is not None else None
                if amount.bound:
                    self._tell_bound(name, raw, amount, values[name], warning)
            except cells.CellError as exc:
                problem(name, exc.code, _amount_message(exc.code, raw), raw)
            except ValidationError as exc:
                problem(name, exc.code or "invalid", as_message(exc), raw)

    def _currency_of(self, name: str) -> str:
        """The currency a field's amounts are in: its header's (`Omzet (US$)`, which the
        column map warns about once), else the country's. Asked per cell: found once."""
        known = self.__dict__.setdefault("_amount_currencies", {})
        if name not in known:
            index = self.columns.get(name)
            columns = getattr(self.map, "columns", None) or ()
            found = columns[index].currency if index is not None and index < len(columns) else ""
            known[name] = found or self.currency
        return known[name]

    def _tell_bound(self, name, raw, amount: cells.Amount, kept, warning) -> None:
        """`± 100 jt`, `> 50 juta`: the figure is kept, and the row says it was a bound."""
        if amount.bound and warning is not None:
            warning(
                name,
                "amount_bound",
                message(
                    _BOUND_MESSAGES[amount.bound], value=cells.text(raw)[:40], number=f"{kept}"
                ),
                raw,
            )


def _whole(number: Decimal | None) -> int | None:
    if number is None:
        return None
    if number != number.to_integral_value():
        raise cells.CellError("not_a_whole_number")
    return int(number)


def _amount_message(code: str, raw):
    if code == "amount_in_words":
        return message(
            gettext_noop(
                "“%(value)s” is an amount in words; write it in figures (e.g. 1000000, "
                "Rp 1.000.000 or 1 juta)."
            ),
            value=cells.text(raw)[:60],
        )
    return message(
        gettext_noop("“%(value)s” is not an amount (write e.g. 1500000, Rp 1.500.000 or 1,5 M)."),
        value=cells.text(raw)[:40],
    )
