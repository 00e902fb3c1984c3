"""From the database to `scoring`'s plain values — and the pre-filter that keeps it fast.

Ranking one request against 100,000 products must take ≤ 50 ms (design §5), so the database
does the coarse work and Python scores only the best candidates:

1. candidates are public products whose HS code shares at least the chapter with one of the
   request's codes (an index range scan per code) — or, for a request without HS codes,
   those whose name matches a part of the title or one of its cross-language synonyms (the
   gallery's full-text index);
2. the database orders them by the part of the score it can compute cheaply (HS tier,
   required certifications valid today, capacity, region, verification, export) and
   returns the best `CANDIDATES`;
3. `scoring.score` computes the exact score and reasons of those in Python.

Steps 1–2 only decide which products get an exact score; for any data set of at most
`CANDIDATES` relevant products (every test) the result is the same as scoring all.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from etalase.catalog.models import Product, ProductTranslation
from etalase.enterprises.models import PUBLIC_CONSENTS, Certification, Enterprise
from etalase.matching import terms
from etalase.matching.scoring import (
    UNIT_BASE,
    WEIGHTS,
    CertHeld,
    RequestProfile,
    SupplierProduct,
    convert,
)
from etalase.regions.models import Subdivision

log = logging.getLogger(__name__)

CANDIDATES = 150  # products scored exactly per request (about 60–100 enterprises)


def request_profile(sourcing_request) -> RequestProfile:
    return RequestProfile(
        hs_codes=tuple(sourcing_request.hs_code_list),
        terms=terms.parts_of(sourcing_request.match_terms),
        required_certifications=tuple(sourcing_request.required_certifications or ()),
        quantity_per_month=sourcing_request.quantity_per_month,
        unit=sourcing_request.unit,
        preferred_countries=frozenset(sourcing_request.preferred_countries or ()),
        preferred_subdivisions=frozenset(sourcing_request.preferred_subdivisions or ()),
    )


def _valid_certificate(kind: str, today: dt.date) -> Exists:
    return Exists(Certification.objects.filter(
        enterprise_id=OuterRef("enterprise_id"), kind=kind,
    ).filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
     .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today)))


def _prefix(code: str) -> Q:
    # A range on the foreign key's own column (its index), not a join to catalog_hscode:
    # every code starting with "18" sorts between "18" and "18:" (":" follows the digits).
    return Q(hs_code_id__gte=code, hs_code_id__lt=code + ":")


def _hs_q(codes: Iterable[str]) -> Q:
    q = Q(pk__in=[])
    for chapter in sorted({code[:2] for code in codes}):
        q |= _prefix(chapter)
    return q


def name_match_sql(match_terms) -> tuple[str, list] | None:
    """SQL selecting ids of public products whose *name* (any language) contains a part of
    the title or one of its synonyms — the gallery's full-text index, asked directly.

    The search module's `search()` also counts every match for its pager (~140 ms for
    "cocoa beans" over 100k products), which the match list does not need; this asks the
    same index for ids only, as a subquery the database evaluates once.
    """
    node = terms.any_part_node(match_terms)
    if node is None:
        return None
    vendor = connection.vendor
    if vendor == "sqlite":
        from etalase.catalog.search.sqlite_fts import render
        from etalase.catalog.search.sqlite_schema import FTS

        # The table name is the search module's constant; the expression is a parameter.
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608
        return sql, [f"name : {render(node)}"]
    if vendor == "postgresql":
        from etalase.catalog.search.postgres_fts import TABLE, render

        # Weight A is the name in the search document; ':A' keeps only name matches.
        query = _LEXEME.sub(r"\1:A", render(node))
        where = "document @@ to_tsquery('simple', %s)"
        return f"SELECT product_id FROM {TABLE} WHERE {where}", [query]  # noqa: S608
    return None


_LEXEME = re.compile(r"('[^']*')")


def _text_q(match_terms) -> Q | None:
    found = name_match_sql(match_terms)
    if found is None:
        return None
    sql, params = found
    return Q(pk__in=RawSQL(sql, params))  # noqa: S611 - constant SQL text, values as params


def _public(queryset: QuerySet) -> QuerySet:
    # The publication rule of ProductQuerySet.published(), as joins rather than its
    # `enterprise IN (subquery)`: SQLite plans the joins over the HS index far better.
    return queryset.filter(is_published=True, enterprise__is_published=True,
                           enterprise__consent__in=PUBLIC_CONSENTS)


def _with_children(codes: Iterable[str]) -> list[str]:
    """Preferred provinces and the provinces inside them (a Philippine region), so the
    region test needs no join."""
    codes = sorted(set(codes))
    if not codes:
        return []
    inside = Subdivision.objects.filter(parent_id__in=codes).values_list("code", flat=True)
    return sorted(set(codes) | set(inside))


def coarse_order(queryset: QuerySet, profile: RequestProfile, *, today: dt.date) -> QuerySet:
    """Annotate the database-computable part of the score as `coarse`."""
    exact = [c for c in profile.hs_codes if len(c) == 6]
    headings = sorted({c[:4] for c in profile.hs_codes if len(c) >= 4})
    chapters = sorted({c[:2] for c in profile.hs_codes})
    hs_whens = []
    if exact:
        hs_whens.append(When(hs_code_id__in=exact, then=Value(WEIGHTS["hs_exact"])))
    for heading in headings:
        hs_whens.append(When(_prefix(heading), then=Value(WEIGHTS["hs_heading"])))
    for chapter in chapters:
        hs_whens.append(When(_prefix(chapter), then=Value(WEIGHTS["hs_chapter"])))
    parts = []
    if hs_whens:
        parts.append(Case(*hs_whens, default=Value(0)))
    parts.append(Case(When(enterprise__verified_at__isnull=False,
                           then=Value(WEIGHTS["verified"])), default=Value(0)))
    parts.append(Case(When(enterprise__export_status="exporting",
                           then=Value(WEIGHTS["exporting"])),
                      When(enterprise__export_status="ready", then=Value(WEIGHTS["export_ready"])),
                      default=Value(0)))
    subs = _with_children(profile.preferred_subdivisions)
    countries = sorted(profile.preferred_countries
                       | {s.split("-")[0] for s in profile.preferred_subdivisions})
    region = []
    if subs:
        region.append(When(enterprise__subdivision_id__in=subs,
                           then=Value(WEIGHTS["region_subdivision"])))
    if countries:
        region.append(When(enterprise__country_id__in=countries,
                           then=Value(WEIGHTS["region_country"])))
    if region:
        parts.append(Case(*region, default=Value(0)))
    if profile.quantity_per_month and profile.unit in UNIT_BASE:
        dimension = UNIT_BASE[profile.unit][0]
        full = Value(WEIGHTS["capacity"])
        capacity = [When(unit=unit, monthly_capacity__gte=convert(
                    profile.quantity_per_month, profile.unit, unit), then=full)
                    for unit, (dim, _factor) in sorted(UNIT_BASE.items()) if dim == dimension]
        parts.append(Case(*capacity, default=Value(0)))
    kinds = sorted(set(profile.required_certifications))
    for kind in kinds:
        share = round(WEIGHTS["certifications"] / len(kinds))
        parts.append(Case(When(_valid_certificate(kind, today), then=Value(share)),
                          default=Value(0)))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return queryset.annotate(coarse=total)


def candidate_ids(sourcing_request, profile: RequestProfile, *, today: dt.date,
                  enterprise_ids: Iterable[int] | None = None,
                  limit: int = CANDIDATES) -> list[int]:
    """The products worth an exact score: the best `limit` by the coarse score.

    With HS codes, the candidates are the products under their chapters (a range on the
    hs_code_id index); the title's words then score in Python. Without, the products whose
    name matches the title or a synonym (the full-text index). Asking the full-text index
    as well when HS codes are given was measured at 10–30 ms for a common good — most of
    the budget — to find the rare product filed under another chapter."""
    if profile.hs_codes:
        products = Product.objects.filter(_hs_q(profile.hs_codes))
    else:
        text = _text_q(sourcing_request.match_terms)
        if text is None:
            return []
        products = Product.objects.filter(text)
    products = _public(products)
    sizes = list(sourcing_request.size_classes or ())
    if sizes:
        products = products.filter(enterprise__size_class__in=sizes)
    if enterprise_ids is not None:
        products = products.filter(enterprise_id__in=list(enterprise_ids))
    ordered = coarse_order(products, profile, today=today)
    return list(ordered.order_by("-coarse", "id").values_list("id", flat=True)[:limit])


# --- Loading products as scoring inputs ------------------------------------------------

_FIELDS = ("id", "enterprise_id", "hs_code_id", "name", "description", "monthly_capacity",
           "unit", "enterprise__country_id", "enterprise__subdivision_id",
           "enterprise__subdivision__parent_id", "enterprise__verified_at",
           "enterprise__verified_by_office", "enterprise__export_status",
           "enterprise__export_markets")


def supplier_products(product_ids: list[int], *, cert_kinds: Iterable[str] | None = None
                      ) -> list[SupplierProduct]:
    """Scoring inputs for these products, in three queries. `cert_kinds`: only these
    certificates are loaded (None: all)."""
    if not product_ids:
        return []
    rows = list(Product.objects.filter(pk__in=product_ids).values_list(*_FIELDS))
    names: dict[int, list[str]] = {}
    bodies: dict[int, list[str]] = {}
    for product_id, name, description in ProductTranslation.objects.filter(
            product_id__in=product_ids).values_list("product_id", "name", "description"):
        names.setdefault(product_id, []).append(name)
        bodies.setdefault(product_id, []).append(description)
    certs: dict[int, list[CertHeld]] = {}
    kinds = None if cert_kinds is None else sorted(set(cert_kinds))
    if kinds is None or kinds:
        enterprise_ids = sorted({row[1] for row in rows})
        qs = Certification.objects.filter(enterprise_id__in=enterprise_ids)
        if kinds:
            qs = qs.filter(kind__in=kinds)
        for enterprise_id, kind, valid_from, valid_until in qs.values_list(
                "enterprise_id", "kind", "valid_from", "valid_until").order_by("id"):
            certs.setdefault(enterprise_id, []).append(CertHeld(kind, valid_from, valid_until))
    out = []
    for (pid, eid, hs, name, description, capacity, unit, country, subdivision, parent,
         verified_at, office, export_status, markets) in rows:
        out.append(SupplierProduct(
            product_id=pid, enterprise_id=eid, hs_code=hs,
            name_text=terms.text_of(name, *names.get(pid, ())),
            body_text=terms.text_of(description, *bodies.get(pid, ())),
            monthly_capacity=Decimal(capacity) if capacity is not None else None,
            unit=unit, country=country, subdivision=subdivision, subdivision_parent=parent or "",
            verified=verified_at is not None, verified_office=office or "",
            export_status=export_status,
            export_markets=tuple(str(m) for m in (markets or ()) if isinstance(m, str)),
            certifications=tuple(certs.get(eid, ())),
        ))
    out.sort(key=lambda p: p.product_id)
    return out


def enterprise_products(enterprise_id: int) -> list[SupplierProduct]:
    """All public products of one enterprise (the MSME's side of the matching)."""
    ids = list(_public(Product.objects.filter(enterprise_id=enterprise_id))
               .values_list("id", flat=True))
    return supplier_products(ids)


def public_enterprise_ids(ids: Iterable[int]) -> set[int]:
    return set(Enterprise.objects.public().filter(pk__in=list(ids)).values_list("pk", flat=True))
