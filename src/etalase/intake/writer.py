"""Writing checked rows into the registry: upsert on the registration identifier.

Callers wrap the whole run in one transaction, so a crash or a kill leaves the
registry as it was. Unchanged rows are not touched; fields an owner edited by hand
are kept unless the officer decided for the file's value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from etalase.catalog.models import Product
from etalase.enterprises.identity import fingerprint_of
from etalase.enterprises.models import Certification, Consent, Enterprise
from etalase.insights import published
from etalase.intake.sqlrows import Rows, enterprise_rows_in, update
from etalase.intake.validation import REGISTRY_FIELDS, RowResult

UPDATABLE = [
    *REGISTRY_FIELDS, "size_basis", "registration_scheme", "source", "identity_fingerprint"
]
_CREATABLE = frozenset([*UPDATABLE, "registration_id"])


@dataclass
class WriteContext:
    country: str
    currency: str
    actor: Model | None
    source: str  # e.g. "submission 12" or "cli import"
    decisions: dict | None = None  # {"row": {"field": "file"|"owner"}}


class _History:
    """History rows as django-simple-history writes them: the record's columns, then who,
    when, why and what ("+" created, "~" changed)."""

    def __init__(self, ctx: WriteContext, now) -> None:
        model = Enterprise.history.model
        self.rows = Rows(model, now=now)
        actor = ctx.actor
        if actor is None:  # as bulk_history_create: the signed-in user of the request, if any
            actor = model.get_default_history_user(Enterprise())
        self.now = now
        self.who = {
            "history_date": self.rows.preps["history_date"](now),
            "history_change_reason": ctx.source,
            "history_user_id": actor.pk if actor is not None else None,
        }
        self.tracked = model.tracked_fields
        self.pending: list[tuple] = []

    def add(self, row: dict, kind: str) -> None:
        """`row`: the record's prepared row (Rows.row of Enterprise), with its id."""
        self.pending.append(self.rows.params({**row, **self.who, "history_type": kind}))

    def add_record(self, record: Model, kind: str) -> None:
        """A history row of a model instance as it is in memory."""
        # Every field through its own preparation, as bulk_history_create does (a file field
        # is stored as its name): updates are few beside creates, so exactness over speed.
        values = {
            f.attname: f.get_db_prep_save(getattr(record, f.attname), connection)
            for f in self.tracked
        }
        self.add({**self.rows.defaults, **values}, kind)

    def write(self) -> None:
        self.rows.insert(self.pending)
        self.pending = []


class ConcurrentChange(Exception):
    """Another import registered one of our identifiers meanwhile: re-check and retry."""


def write_chunk(results: Iterable[RowResult], ctx: WriteContext) -> None:
    results = [r for r in results if r.action in ("create", "update")]
    creates = [r for r in results if r.action == "create"]
    updates = [r for r in results if r.action == "update"]
    now = timezone.now()
    history = _History(ctx, now)
    if creates:
        _create(creates, ctx, now, history)
    if updates:
        _apply_updates(updates, ctx, history)
    history.write()
    _add_certifications(results, now)
    _add_products(results, ctx, now)
    # Products written in bulk SQL fire no signal: recompute the enterprises' derived flag
    # (what the dashboards count as "has a published product") in one UPDATE.
    published.refresh({r.enterprise_id for r in results if r.product})


def _create(creates: list[RowResult], ctx: WriteContext, now, history: _History) -> None:
    table = Rows(Enterprise, now=now)
    rows = [table.row(_new_enterprise(r, ctx)) for r in creates]
    floor = _last_id()
    # An identifier another import registered since the comparison fails the unique
    # constraint (IntegrityError): the caller compares again and retries, as on ConcurrentChange.
    table.insert(table.params(row) for row in rows)
    # The database numbered the rows; read the numbers back by registration number (unique
    # per country) or, for records without one, by fingerprint among the rows just written
    # (unique in a checked file: the same fingerprint twice is refused as a duplicate).
    by_number = _ids_of(ctx.country, "registration_id",
                        [row["registration_id"] for row in rows if row["registration_id"]], floor)
    by_key = _ids_of(ctx.country, "identity_fingerprint",
                     [row["identity_fingerprint"] for row in rows if not row["registration_id"]],
                     floor)
    for result, row in zip(creates, rows, strict=True):
        pk = (by_number.get(row["registration_id"]) if row["registration_id"]
              else by_key.get(row["identity_fingerprint"]))
        if pk is None:  # another import wrote the same record meanwhile
            raise ConcurrentChange
        result.enterprise_id = row["id"] = pk
        history.add(row, "+")


def _last_id() -> int:
    return Enterprise.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _ids_of(country: str, column: str, values: list[str], floor: int) -> dict[str, int]:
    """`column` value -> id of the records above `floor` (the rows this chunk wrote)."""
    found: dict[str, int] = {}
    for value, pk, number in enterprise_rows_in(
        [column, "id", "registration_id"], column, values, country=country, id_above=floor
    ):
        if column == "identity_fingerprint" and number:
            continue  # a numbered record of the same name, place and phone: not this one
        if found.setdefault(value, pk) != pk:
            raise ConcurrentChange  # two new records of one fingerprint
    return found


def _new_enterprise(result: RowResult, ctx: WriteContext) -> dict:
    values = {k: v for k, v in result.values.items() if k in _CREATABLE}
    return {
        "country_id": ctx.country,
        "currency": ctx.currency,
        "source": ctx.source[:100],
        # Data sent by an office is not shown publicly until the owner agrees (PDP law).
        "consent": Consent.PENDING.value,
        "language": "id"
        if ctx.country == "ID"
        else ("ms" if ctx.country in ("MY", "BN") else "en"),
        **values,
    }


def _apply_updates(updates: list[RowResult], ctx: WriteContext, history: _History) -> None:
    by_id = Enterprise.objects.in_bulk([r.enterprise_id for r in updates])
    changed: list[Enterprise] = []
    fields: set[str] = set()
    decisions = ctx.decisions or {}
    for result in updates:
        enterprise = by_id.get(result.enterprise_id)
        if enterprise is None:
            raise ConcurrentChange
        row_decisions = decisions.get(str(result.row), {})
        owner_fields = set(enterprise.owner_edited_fields or [])
        for name in result.diff:
            # The owner's own edit wins unless the officer chose the file's value.
            if name in owner_fields and row_decisions.get(name) != "file":
                continue
            setattr(enterprise, name, result.values[name])
            fields.add(name)
            if name == "size_class" and "size_basis" in result.values:
                enterprise.size_basis = result.values["size_basis"]
                fields.add("size_basis")
        key = fingerprint_of(enterprise)
        if key != enterprise.identity_fingerprint:
            enterprise.identity_fingerprint = key
            fields.add("identity_fingerprint")
        enterprise.source = ctx.source[:100]
        changed.append(enterprise)
    if changed and fields:
        # As bulk_update_with_history: every listed field of every object, then one history
        # row per object (also for an object whose only change was kept as the owner's).
        update(Enterprise, changed, [*sorted(fields), "source"])
        for enterprise in changed:
            history.add_record(enterprise, "~")


def _add_certifications(results: list[RowResult], now) -> None:
    wanted = {r.enterprise_id: r.certifications for r in results if r.certifications}
    if not wanted:
        return
    # Only enterprises that were already registered can hold certifications.
    known = [r.enterprise_id for r in results if r.certifications and r.action == "update"]
    held = (
        set(
            Certification.objects.filter(enterprise_id__in=known).values_list(
                "enterprise_id", "kind"
            )
        )
        if known
        else set()
    )
    table = Rows(Certification, now=now)
    table.insert(
        table.params(table.row({"enterprise_id": eid, "kind": kind, "issuer": ""}))
        for eid, kinds in wanted.items()
        for kind in kinds
        if (eid, kind) not in held
    )


def _with_confirmed_code(result: RowResult, decisions: dict) -> dict:
    """A product that came without an HS code takes the suggested subheading the officer
    confirmed in the preview (intake.services.submission_decide checked it)."""
    code = decisions.get(str(result.row), {}).get("hs_code")
    if result.product.get("hs_code_id") or not code:
        return result.product
    return {**result.product, "hs_code_id": code}


def _add_products(results: list[RowResult], ctx: WriteContext, now) -> None:
    decisions = ctx.decisions or {}
    wanted = {r.enterprise_id: _with_confirmed_code(r, decisions) for r in results if r.product}
    if not wanted:
        return
    known = [r.enterprise_id for r in results if r.product and r.action == "update"]
    have = (
        set(Product.objects.filter(enterprise_id__in=known).values_list("enterprise_id", "name"))
        if known
        else set()
    )
    table = Rows(Product, now=now)
    language = "id" if ctx.country == "ID" else "en"
    table.insert(
        table.params(
            table.row(
                {
                    "enterprise_id": eid,
                    "name": p["name"],
                    "hs_code_id": p["hs_code_id"],
                    "national_tariff_code": p.get("national_tariff_code", ""),
                    # Without an HS code a product is kept, not shown, until one is chosen.
                    "is_published": p["hs_code_id"] is not None,
                    "currency": ctx.currency,
                    "language": language,
                }
            )
        )
        for eid, p in wanted.items()
        if (eid, p["name"]) not in have
    )
