"""Year established, employees, turnover and assets."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from etalase.enterprises import validators as registry
from etalase.intake import cells


class FigureChecks:
    def _check_figures(self, row, values, problem) -> None:
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
                    _("“%(value)s” is not a year.") % {"value": cells.text(raw)[:40]},
                    raw,
                )
            except ValidationError as exc:
                problem("year_established", exc.code or "invalid", exc.messages[0], raw)
        raw = row.get("employees")
        if raw is not None:
            try:
                employees = self.parse_int(raw)
                registry.check_employees(employees)
                values["employees"] = employees
            except cells.CellError as exc:
                problem(
                    "employees",
                    exc.code,
                    _("“%(value)s” is not a whole number of people.")
                    % {"value": cells.text(raw)[:40]},
                    raw,
                )
            except ValidationError as exc:
                problem("employees", exc.code or "invalid", exc.messages[0], raw)
        for name in ("annual_turnover", "assets"):
            raw = row.get(name)
            if raw is None:
                continue
            try:
                amount = self.parse_number(raw)
                registry.check_amount(amount, label=str(self.labels[name]))
                values[name] = amount.quantize(Decimal("0.01")) if amount is not None else None
            except cells.CellError:
                problem(
                    name,
                    "not_a_number",
                    _("“%(value)s” is not an amount (write e.g. 1500000, Rp 1.500.000 or 1,5 M).")
                    % {"value": cells.text(raw)[:40]},
                    raw,
                )
            except ValidationError as exc:
                problem(name, exc.code or "invalid", exc.messages[0], raw)
