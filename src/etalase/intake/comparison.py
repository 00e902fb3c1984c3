"""A chunk of checked rows against the registry: create, update, unchanged or refused."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_noop

from etalase.enterprises import validators as registry
from etalase.enterprises.models import Enterprise
from etalase.enterprises.size_classes import SizeFigureError
from etalase.intake.checks import as_message
from etalase.intake.results import Problem, RowResult, message
from etalase.intake.sqlrows import enterprise_rows_in

# Registry fields an import may set; compared field by field for the preview diff.
REGISTRY_FIELDS = [
    "legal_name",
    "trade_name",
    "subdivision_id",
    "area_id",
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
        """Decide create / update / unchanged for a chunk, with two queries: a row is the
        registered enterprise of its registration number, else of its fingerprint (name,
        place, phone) — or one the officer confirmed as the same."""
        live = [r for r in results if r.action != "rejected"]
        ids = [r.values["registration_id"] for r in live if "registration_id" in r.values]
        confirmed = {r.row: same for r in live if (same := self._confirmed_same(r)) is not None}
        columns = ("id", "registration_id", "identity_fingerprint", "owner_edited_fields",
                   *REGISTRY_FIELDS)
        records = Enterprise.objects.filter(country_id=self.country)
        # Plain values, not model instances: a re-sent file compares every row. Numbers are
        # first looked up bare (the ORM's IN prepares each of 2,000 parameters, ~10 µs a row)
        # and read whole only where registered.
        registered = list({number for (number,) in enterprise_rows_in(
            ["registration_id"], "registration_id", ids, country=self.country)})
        by_id = {e["registration_id"]: e for e in records.filter(
            registration_id__in=registered).exclude(registration_id="").values(*columns)
        } if registered else {}
        # Fingerprints only of rows their number did not find, and read whole only where one
        # is registered (a new file's chunk costs one bare lookup, not 2,000 model values).
        keys = list({key for (key,) in enterprise_rows_in(
            ["identity_fingerprint"], "identity_fingerprint",
            [r.values["identity_fingerprint"] for r in live
             if r.values.get("registration_id") not in by_id],
            country=self.country)})
        by_key: dict[str, dict] = {}
        if keys:
            for e in records.filter(identity_fingerprint__in=keys).values(*columns):
                by_key.setdefault(e["identity_fingerprint"], e)
        by_pk = {e["id"]: e for e in records.filter(pk__in=confirmed.values()).values(*columns)
                 } if confirmed else {}
        for result in results:
            if result.action == "rejected":
                continue
            current = self._registered(result, by_id, by_key, by_pk.get(confirmed.get(result.row)))
            if current is None:
                result.action = "create"
                if "registration_id" not in result.values and not self._decided(result):
                    result.matches = [*result.matches, *self.duplicates.in_registry(
                        name=result.values["legal_name"],
                        place=result.values.get("area_id") or result.values["subdivision_id"],
                    )]
                continue
            result.enterprise_id = current["id"]
            if not self.in_office(current["subdivision_id"]):
                result.problems.append(
                    Problem(
                        result.row,
                        self.map.header_of("registration_id"),
                        "registration_id",
                        "registered_elsewhere",
                        message(
                            gettext_noop(
                                "This identifier is registered in %(sub)s, outside your area; ask "
                                "that office to update it."
                            ),
                            sub=current["subdivision_id"],
                        ),
                    )
                )
                result.action = "rejected"
                continue
            owner_edited = current["owner_edited_fields"] or []
            if "registration_id" in result.values and not current["registration_id"]:
                # A record that had no number gains the one the file gives.
                result.diff["registration_id"] = ["", result.values["registration_id"]]
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

    @staticmethod
    def _registered(result: RowResult, by_id: dict, by_key: dict, confirmed: dict | None):
        """The registered record this row is, if any."""
        if confirmed is not None:
            return confirmed
        number = result.values.get("registration_id")
        if number:
            current = by_id.get(number)
            if current is not None:
                return current
        current = by_key.get(result.values["identity_fingerprint"])
        # A record with another registration number is another enterprise of the same name.
        if current is not None and number and current["registration_id"]:
            return None
        return current

    def _decided(self, result: RowResult) -> str:
        return (self.decisions.get(str(result.row)) or {}).get("identity", "")

    def _confirmed_same(self, result: RowResult) -> int | None:
        """The enterprise the officer said this row is ("same:<id>"), if any."""
        decided = self._decided(result)
        if decided.startswith("same:") and decided[5:].isdigit():
            return int(decided[5:])
        return None

    def classify_size(self, result: RowResult) -> None:
        """The row's size class from its figures (or its row refused for an impossible one):
        decided with the row's checks, before the registry is asked."""
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
                    as_message(error),
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
