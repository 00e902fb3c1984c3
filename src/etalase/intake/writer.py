"""Writing checked rows into the registry: upsert on the registration identifier.

Callers wrap the whole run in one transaction, so a crash or a kill leaves the
registry as it was. Unchanged rows are not touched; fields an owner edited by hand
are kept unless the officer decided for the file's value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from etalase.catalog.models import Product
from etalase.enterprises.models import Certification, Consent, Enterprise
from etalase.intake.validation import REGISTRY_FIELDS, RowResult

BATCH = 1000
UPDATABLE = [*REGISTRY_FIELDS, "size_basis", "registration_scheme", "source"]


@dataclass
class WriteContext:
    country: str
    currency: str
    actor: Model | None
    source: str  # e.g. "submission 12" or "cli import"
    decisions: dict | None = None  # {"row": {"field": "file"|"owner"}}


class ConcurrentChange(Exception):
    """Another import registered one of our identifiers meanwhile: re-check and retry."""


def write_chunk(results: Iterable[RowResult], ctx: WriteContext) -> None:
    results = [r for r in results if r.action in ("create", "update")]
    creates = [r for r in results if r.action == "create"]
    updates = [r for r in results if r.action == "update"]
    if creates:
        ids = [r.values["registration_id"] for r in creates]
        if Enterprise.objects.filter(country_id=ctx.country, registration_id__in=ids).exists():
            raise ConcurrentChange
        created = bulk_create_with_history(
            [_new_enterprise(r, ctx) for r in creates],
            Enterprise,
            batch_size=BATCH,
            default_user=ctx.actor,
            default_change_reason=ctx.source,
        )
        for result, enterprise in zip(creates, created, strict=True):
            result.enterprise_id = enterprise.pk
    if updates:
        _apply_updates(updates, ctx)
    _add_certifications(results)
    _add_products(results, ctx)


def _new_enterprise(result: RowResult, ctx: WriteContext) -> Enterprise:
    values = {k: v for k, v in result.values.items() if k in UPDATABLE or k == "registration_id"}
    return Enterprise(
        country_id=ctx.country,
        currency=ctx.currency,
        source=ctx.source[:100],
        # Data sent by an office is not shown publicly until the owner agrees (PDP law).
        consent=Consent.PENDING,
        language="id" if ctx.country == "ID" else ("ms" if ctx.country in ("MY", "BN") else "en"),
        **values,
    )


def _apply_updates(updates: list[RowResult], ctx: WriteContext) -> None:
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
        enterprise.source = ctx.source[:100]
        changed.append(enterprise)
    if changed and fields:
        bulk_update_with_history(
            changed,
            Enterprise,
            [*sorted(fields), "source"],
            batch_size=BATCH,
            default_user=ctx.actor,
            default_change_reason=ctx.source,
        )


def _add_certifications(results: list[RowResult]) -> None:
    wanted = {r.enterprise_id: r.certifications for r in results if r.certifications}
    if not wanted:
        return
    held = set(
        Certification.objects.filter(enterprise_id__in=wanted).values_list("enterprise_id", "kind")
    )
    Certification.objects.bulk_create(
        [
            Certification(enterprise_id=eid, kind=kind, issuer="")
            for eid, kinds in wanted.items()
            for kind in kinds
            if (eid, kind) not in held
        ],
        batch_size=BATCH,
    )


def _add_products(results: list[RowResult], ctx: WriteContext) -> None:
    wanted = {r.enterprise_id: r.product for r in results if r.product}
    if not wanted:
        return
    have = set(
        Product.objects.filter(enterprise_id__in=wanted).values_list("enterprise_id", "name")
    )
    Product.objects.bulk_create(
        [
            Product(
                enterprise_id=eid,
                name=p["name"],
                hs_code_id=p["hs_code_id"],
                currency=ctx.currency,
                language="id" if ctx.country == "ID" else "en",
            )
            for eid, p in wanted.items()
            if (eid, p["name"]) not in have
        ],
        batch_size=BATCH,
    )
