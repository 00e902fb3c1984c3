"""A chunk of checked rows against the registry: create, update, unchanged or refused."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from etalase.enterprises import validators as registry
from etalase.enterprises.models import Enterprise
from etalase.enterprises.size_classes import SizeFigureError
from etalase.intake.results import Problem, RowResult

# Registry fields an import may set; compared field by field for the preview diff.
REGISTRY_FIELDS = [
    "legal_name",
    "trade_name",
    "subdivision_id",
    "regency",
    "address",
    "phone",
    "whatsapp",
    "email",
    "website",
    "contact_person",
    "year_established",
    "employees",
    "annual_turnover",
    "assets",
    "sector_kind",
    "export_status",
    "export_markets",
    "description",
    "size_class",
]


class RegistryComparison:
    def in_office(self, code: str) -> bool:
        """Whether the subdivision `code` lies in the office's area (asked once per code)."""
        inside = self._in_office.get(code)
        if inside is None:
            sub = self.subdivisions.by_code.get(code)  # a record of this country's
            inside = self._in_office[code] = self.office is None or self.office.contains(sub)
        return inside

    def compare(self, results: list[RowResult]) -> None:
        """Decide create / update / unchanged for a chunk, with one query."""
        ids = [r.values["registration_id"] for r in results if r.action != "rejected"]
        # Plain values, not model instances: a re-sent file compares every row.
        existing = {
            e["registration_id"]: e
            for e in Enterprise.objects.filter(
                country_id=self.country, registration_id__in=ids
            ).values("id", "registration_id", "owner_edited_fields", *REGISTRY_FIELDS)
        }
        for result in results:
            if result.action == "rejected":
                continue
            self._size(result)
            if result.action == "rejected":
                continue
            current = existing.get(result.values["registration_id"])
            if current is None:
                result.action = "create"
                continue
            result.enterprise_id = current["id"]
            if not self.in_office(current["subdivision_id"]):
                result.problems.append(
                    Problem(
                        result.row,
                        self.map.header_of("registration_id"),
                        "registration_id",
                        "registered_elsewhere",
                        _(
                            "This identifier is registered in %(sub)s, outside your area; ask that "
                            "office to update it."
                        )
                        % {"sub": current["subdivision_id"]},
                    )
                )
                result.action = "rejected"
                continue
            owner_edited = current["owner_edited_fields"] or []
            for name in REGISTRY_FIELDS:
                if name not in result.values:
                    continue
                old, new = current[name], result.values[name]
                if _same(old, new):
                    continue
                result.diff[name] = [_show(old), _show(new)]
                if name in owner_edited:
                    result.conflicts.append(name)
            result.action = "update" if result.diff else "unchanged"

    def _size(self, result: RowResult) -> None:
        values = result.values
        if not any(k in values for k in ("employees", "annual_turnover", "assets")):
            return
        year = values.get("year_established")
        self._size_inputs = (
            year is None,
            year is not None and year >= registry.ID_CAPITAL_RULE_YEAR,
            values.get("annual_turnover") is None,
            values.get("assets") is None,
            values.get("employees") is None,
            values.get("sector_kind", "manufacturing"),
        )
        try:
            size = registry.size_of(
                country=self.country,
                year_established=values.get("year_established"),
                annual_turnover=values.get("annual_turnover"),
                assets=values.get("assets"),
                employees=values.get("employees"),
                sector_kind=values.get("sector_kind", "manufacturing"),
                today=self.today,
            )
        except SizeFigureError as exc:
            name, error = registry.size_error(exc)
            result.problems.append(
                Problem(
                    result.row,
                    self.map.header_of(name),
                    name,
                    error.code or "implausible",
                    error.messages[0],
                )
            )
            result.action = "rejected"
            return
        if size.size_class:
            values["size_class"] = size.size_class
            values["size_basis"] = self._basis_text(size)

    def _basis_text(self, size) -> str:
        """The translated basis of a size class, remembered (a gettext costs ~10 µs a row).

        The rule picks the sentence from which criterion gave which class and, in Indonesia,
        from whether the business predates the rule (its year, and which figures are given);
        the figures themselves never enter it. So the sentence is remembered per rule and
        outcome, and per everything size_of reads but the figures' values."""
        key = (
            size.rule,
            size.criterion,
            size.size_class,
            tuple(sorted(size.by_criterion.items())),
            self._size_inputs,
        )
        text = self._basis_texts.get(key)
        if text is None:
            text = self._basis_texts[key] = str(size.basis)[:200]
        return text


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return old is not None and new is not None and Decimal(old) == Decimal(new)
        except (TypeError, ValueError):
            return False
    return (old or "") == (new or "")


def _show(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)
