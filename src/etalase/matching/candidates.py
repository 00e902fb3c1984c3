# ruff: noqa: S608 - SQL text is built from table names (models' and the search module's
# constants) and this module's own fragments; every value is passed as a parameter.
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
3. `scoring.score` computes the exact score of those in Python (their reasons are made
   when read, `scoring.LaterReasons`).

The database's part is near its floor: on the demo's 100k products, the candidates' query
costs about 1.5–2× merely counting the candidate rows (8,543 for chapter 18); checking
each row's certificate is most of the difference (a probe per product).

Steps 1–2 only decide which products get an exact score; for any data set of at most
`CANDIDATES` relevant products (every test) the result is the same as scoring all.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q

from etalase.catalog.models import Product, ProductTranslation
from etalase.enterprises.models import PUBLIC_CONSENTS, Certification, Enterprise
from etalase.matching import terms
from etalase.matching.models import RequestHSCode
from etalase.matching.scoring import (
    UNIT_BASE,
    WEIGHTS,
    CertHeld,
    RequestProfile,
    SupplierProduct,
    TermPart,
    convert,
    node_matches,
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
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"
        return sql, [f"name : {render(node)}"]
    if vendor == "postgresql":
        from etalase.catalog.search.postgres_fts import TABLE, render

        # The names alone, with their own GIN index (weight-A matches on the whole
        # document were rechecked document by document: ~55 ms for 'kopi arabika').
        # Materialized: found first, the name matches are joined by primary key and sorted
        # (as a plain subquery the planner once sorted every public product by the coarse
        # score and probed their names in that order).
        where = "name_document @@ to_tsquery('simple', %s)"
        return (f"WITH named AS MATERIALIZED (SELECT product_id FROM {TABLE} WHERE {where}) "
                "SELECT product_id FROM named"), [render(node)]
    return None


def _with_children(codes: Iterable[str]) -> list[str]:
    """Preferred provinces and the provinces inside them (a Philippine region), so the
    region test needs no join."""
    codes = sorted(set(codes))
    if not codes:
        return []
    table = connection.ops.quote_name(Subdivision._meta.db_table)
    inside = _fetch(f"SELECT code FROM {table} WHERE parent_id IN ({_marks(codes)})", codes)
    return sorted(set(codes) | {row[0] for row in inside})


class _Sql:
    """A WHERE/CASE text with its parameters, built side by side (values never in text)."""

    def __init__(self) -> None:
        self.params: list[Any] = []

    def value(self, value: Any) -> str:
        self.params.append(value)
        return "%s"

    def values(self, values: Iterable[Any]) -> str:
        return "(" + ", ".join(self.value(v) for v in values) + ")"


def _tables() -> dict[str, str]:
    q = connection.ops.quote_name
    return {"p": q(Product._meta.db_table), "e": q(Enterprise._meta.db_table),
            "c": q(Certification._meta.db_table)}


def coarse_sql(profile: RequestProfile, *, today: dt.date, text_sql: tuple[str, list] | None,
               sizes: list[str], enterprise_ids: list[int] | None, limit: int
               ) -> tuple[str, list[Any]]:
    """The candidates' query: public products under the request's HS chapters (or whose
    name matches), ordered by the database-computable part of the score.

    Plain SQL (CASE, EXISTS, IN) that SQLite and PostgreSQL read alike: the ORM took
    ~10 ms to compile the same expression tree, a fifth of the budget."""
    t = _tables()
    sql = _Sql()  # the ORDER BY's parameters
    where_sql = _Sql()  # the WHERE's (which comes first in the text)
    ops = connection.ops
    day = ops.adapt_datefield_value(today)
    score: list[str] = []
    exact = [c for c in profile.hs_codes if len(c) == 6]
    headings = sorted({c[:4] for c in profile.hs_codes if len(c) >= 4})
    chapters = sorted({c[:2] for c in profile.hs_codes})

    def prefix(code: str, into: _Sql = sql) -> str:
        # A range on the index of hs_code_id: every code starting with "18" sorts between
        # "18" and "18:" (":" follows the digits).
        return (f"(p.hs_code_id >= {into.value(code)} AND "
                f"p.hs_code_id < {into.value(code + ':')})")

    whens = []
    if exact:
        whens.append(f"WHEN p.hs_code_id IN {sql.values(exact)} THEN {WEIGHTS['hs_exact']}")
    whens += [f"WHEN {prefix(h)} THEN {WEIGHTS['hs_heading']}" for h in headings]
    whens += [f"WHEN {prefix(c)} THEN {WEIGHTS['hs_chapter']}" for c in chapters]
    if whens:
        score.append(f"CASE {' '.join(whens)} ELSE 0 END")
    score.append(f"CASE WHEN e.verified_at IS NOT NULL THEN {WEIGHTS['verified']} ELSE 0 END")
    score.append(f"CASE WHEN e.export_status = {sql.value('exporting')} THEN "
                 f"{WEIGHTS['exporting']} WHEN e.export_status = {sql.value('ready')} THEN "
                 f"{WEIGHTS['export_ready']} ELSE 0 END")
    subs = _with_children(profile.preferred_subdivisions)
    countries = sorted(profile.preferred_countries
                       | {s.split("-")[0] for s in profile.preferred_subdivisions})
    region = []
    if subs:
        region.append(f"WHEN e.subdivision_id IN {sql.values(subs)} THEN "
                      f"{WEIGHTS['region_subdivision']}")
    if countries:
        region.append(f"WHEN e.country_id IN {sql.values(countries)} THEN "
                      f"{WEIGHTS['region_country']}")
    if region:
        score.append(f"CASE {' '.join(region)} ELSE 0 END")
    if profile.quantity_per_month and profile.unit in UNIT_BASE:
        dimension = UNIT_BASE[profile.unit][0]
        capacity = []
        for unit, (dim, _factor) in sorted(UNIT_BASE.items()):
            if dim != dimension:
                continue
            needed = ops.adapt_decimalfield_value(
                convert(profile.quantity_per_month, profile.unit, unit), 30, 10)
            capacity.append(f"WHEN p.unit = {sql.value(unit)} AND p.monthly_capacity >= "
                            f"{sql.value(needed)} THEN {WEIGHTS['capacity']}")
        score.append(f"CASE {' '.join(capacity)} ELSE 0 END")
    kinds = sorted(set(profile.required_certifications))
    for kind in kinds:
        share = round(WEIGHTS["certifications"] / len(kinds))
        score.append(
            f"CASE WHEN EXISTS (SELECT 1 FROM {t['c']} c WHERE c.enterprise_id = p.enterprise_id"
            f" AND c.kind = {sql.value(kind)} AND (c.valid_from IS NULL OR c.valid_from <= "
            f"{sql.value(day)}) AND (c.valid_until IS NULL OR c.valid_until >= "
            f"{sql.value(day)})) THEN {share} ELSE 0 END")
    where = []
    if chapters:
        where.append("(" + " OR ".join(prefix(c, where_sql) for c in chapters) + ")")
    else:
        where.append(f"p.id IN ({text_sql[0]})")
        where_sql.params += text_sql[1]
    where.append("p.is_published AND e.is_published AND e.consent IN "
                 + where_sql.values(PUBLIC_CONSENTS))
    if sizes:
        where.append(f"e.size_class IN {where_sql.values(sizes)}")
    if enterprise_ids is not None:
        where.append(f"p.enterprise_id IN {where_sql.values(enterprise_ids or [0])}")
    # Table names come from the models, every value is a parameter.
    text = (f"SELECT p.id FROM {t['p']} p JOIN {t['e']} e ON e.id = p.enterprise_id "
            f"WHERE {' AND '.join(where)} ORDER BY {' + '.join(score)} DESC, p.id "
            f"LIMIT {int(limit)}")
    return text, where_sql.params + sql.params


def candidate_ids(sourcing_request, profile: RequestProfile, *, today: dt.date,
                  enterprise_ids: Iterable[int] | None = None,
                  limit: int = CANDIDATES) -> list[int]:
    """The products worth an exact score: the best `limit` by the coarse score.

    With HS codes, the candidates are the products under their chapters (a range on the
    hs_code_id index); the title's words then score in Python. Without, the products whose
    name matches the title or a synonym (the full-text index). Asking the full-text index
    as well when HS codes are given was measured at 10–30 ms for a common good — most of
    the budget — to find the rare product filed under another chapter."""
    text_sql = None
    if not profile.hs_codes:
        text_sql = name_match_sql(sourcing_request.match_terms)
        if text_sql is None:
            return []
    sql, params = coarse_sql(
        profile, today=today, text_sql=text_sql, sizes=sorted(sourcing_request.size_classes
                                                              or ()),
        enterprise_ids=sorted(enterprise_ids) if enterprise_ids is not None else None,
        limit=limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


# --- Loading products as scoring inputs ------------------------------------------------

def _product_rows(product_ids: list[int], *, descriptions: bool = True) -> list[tuple]:
    """The scoring columns of these products, in one plain query (the ORM's per-row
    converters — aware datetimes, JSON — cost more than the query itself here)."""
    t = _tables()
    q = connection.ops.quote_name
    subdivisions = q(Subdivision._meta.db_table)
    marks = ", ".join(["%s"] * len(product_ids))
    description = "p.description" if descriptions else "''"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, p.enterprise_id, p.hs_code_id, p.name, {description}, "
            "p.monthly_capacity, p.unit, e.country_id, e.subdivision_id, s.parent_id, "
            "CASE WHEN e.verified_at IS NULL THEN 0 ELSE 1 END, e.verified_by_office, "
            f"e.export_status, e.export_markets FROM {t['p']} p "
            f"JOIN {t['e']} e ON e.id = p.enterprise_id "
            f"LEFT JOIN {subdivisions} s ON s.code = e.subdivision_id "
            f"WHERE p.id IN ({marks})", list(product_ids))
        return cursor.fetchall()


def _markets(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):  # SQLite keeps JSON as text; PostgreSQL decodes it
        try:
            value = json.loads(value)
        except ValueError:
            return ()
    return tuple(str(m) for m in (value or ()) if isinstance(m, str))


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _marks(values: list[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _translations(product_ids: list[int], column: str) -> dict[int, list[str]]:
    """One column ("name" or "description") of these products' translations, each
    product's in the order they were written. Plain SQL: the ORM's compiling of these
    small queries was a tenth of a ranking."""
    table = connection.ops.quote_name(ProductTranslation._meta.db_table)
    found: dict[int, list[str]] = {}
    for product_id, text in _fetch(
            f"SELECT product_id, {column} FROM {table} WHERE product_id IN "
            f"({_marks(product_ids)}) ORDER BY product_id, id", list(product_ids)):
        found.setdefault(product_id, []).append(text)
    return found


def _descriptions(product_ids: list[int]) -> dict[int, list[str]]:
    """Descriptions of these products, each language's."""
    table = connection.ops.quote_name(Product._meta.db_table)
    own = dict(_fetch(f"SELECT id, description FROM {table} WHERE id IN "
                      f"({_marks(product_ids)})", list(product_ids)))
    others = _translations(product_ids, "description")
    return {pid: [text, *others.get(pid, ())] for pid, text in own.items()}


def _certifications(enterprise_ids: list[int], kinds: list[str] | None
                    ) -> dict[int, list[CertHeld]]:
    """Certificates of these enterprises (only these kinds, unless None), in plain SQL."""
    table = connection.ops.quote_name(Certification._meta.db_table)
    sql = (f"SELECT enterprise_id, kind, valid_from, valid_until FROM {table} "
           f"WHERE enterprise_id IN ({_marks(enterprise_ids)})")
    params: list[Any] = list(enterprise_ids)
    if kinds:
        sql += f" AND kind IN ({_marks(kinds)})"
        params += kinds
    found: dict[int, list[CertHeld]] = {}
    for enterprise_id, kind, valid_from, valid_until in _fetch(sql + " ORDER BY id", params):
        found.setdefault(enterprise_id, []).append(
            CertHeld(kind, _date(valid_from), _date(valid_until)))
    return found


def _date(value: Any) -> dt.date | None:
    # SQLite hands dates back as ISO text, PostgreSQL as dates.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def supplier_products(product_ids: list[int], *, cert_kinds: Iterable[str] | None = None,
                      term_parts: Sequence[TermPart] | None = None) -> list[SupplierProduct]:
    """Scoring inputs for these products, in three or four queries. `cert_kinds`: only
    these certificates are loaded (None: all). `term_parts`: the words of the one request
    they will be scored for — then descriptions are read only for the products whose names
    miss one of them (a description counts only then, see `scoring._text`); the ranking
    spent a fifth of its time reading and splitting descriptions it never looked at."""
    if not product_ids:
        return []
    lazy = term_parts is not None
    rows = _product_rows(product_ids, descriptions=not lazy)
    names: dict[int, list[str]] = {}
    bodies: dict[int, list[str]] = {}
    if lazy:
        names = _translations(product_ids, "name")
        name_texts = {row[0]: terms.text_of(row[3], *names.get(row[0], ())) for row in rows}
        missing = [pid for pid, text in name_texts.items()
                   if any(not node_matches(part.node, text) for part in term_parts)]
        if missing:
            bodies = _descriptions(missing)
    else:
        names = _translations(product_ids, "name")
        bodies = _translations(product_ids, "description")
    certs: dict[int, list[CertHeld]] = {}
    kinds = None if cert_kinds is None else sorted(set(cert_kinds))
    if kinds is None or kinds:
        certs = _certifications(sorted({row[1] for row in rows}), kinds)
    out = []
    for (pid, eid, hs, name, description, capacity, unit, country, subdivision, parent,
         verified, office, export_status, markets) in rows:
        out.append(SupplierProduct(
            product_id=pid, enterprise_id=eid, hs_code=hs,
            name_text=name_texts[pid] if lazy else terms.text_of(name, *names.get(pid, ())),
            body_text=terms.text_of(*bodies.get(pid, ())) if lazy else terms.text_of(
                description, *bodies.get(pid, ())),
            monthly_capacity=Decimal(str(capacity)) if capacity is not None else None,
            unit=unit, country=country, subdivision=subdivision, subdivision_parent=parent or "",
            verified=bool(verified), verified_office=office or "",
            export_status=export_status, export_markets=_markets(markets),
            certifications=tuple(certs.get(eid, ())),
        ))
    out.sort(key=lambda p: p.product_id)
    return out


# --- Loading requests as scoring inputs -----------------------------------------------

REQUEST_COLUMNS = ("pk", "match_terms", "required_certifications", "quantity_per_month",
                   "unit", "preferred_countries", "preferred_subdivisions", "size_classes")


def _decoded(value: Any, cache: dict[Any, Any], make) -> Any:
    """`make(list)` of a JSON list column read raw (text on SQLite and, as Django sets it
    up, on PostgreSQL), made once per distinct text: requests repeat their lists ("[]",
    '["halal"]', '["ID-SA"]'), and thousands are read per page."""
    if not isinstance(value, str):  # a driver that decodes JSON itself
        return make(value or ())
    found = cache.get(value)
    if found is None:
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = []
        found = cache[value] = make(decoded if isinstance(decoded, list) else ())
    return found


def request_profiles(requests) -> list[tuple[int, tuple[str, ...], str, RequestProfile]]:
    """Scoring inputs of many requests, in the queryset's order and in two queries:
    (id, size classes, terms key, profile). The terms key is the stored text of the
    request's `match_terms` (`scoring.ProductsScorer` shares text points by it).

    The rows are read with a plain cursor: the ORM decoded five JSON columns per request
    one by one — most of the time of an MSME's page of 5,000 open requests."""
    sql, params = requests.values_list(*REQUEST_COLUMNS).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    codes: dict[int, list[str]] = {}
    link = connection.ops.quote_name(RequestHSCode._meta.db_table)
    for start in range(0, len(rows), 500):  # SQLite's limit on parameters, with room
        ids = [row[0] for row in rows[start:start + 500]]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT request_id, hs_code_id FROM {link} WHERE request_id IN "
                           f"({', '.join(['%s'] * len(ids))})", ids)
            for request_id, code in cursor.fetchall():
                codes.setdefault(request_id, []).append(code)
    tuples: dict[Any, tuple] = {}
    sets: dict[Any, frozenset] = {}
    parts: dict[Any, tuple] = {}
    out = []
    for pk, match_terms, certs, quantity, unit, countries, subs, sizes in rows:
        key = match_terms if isinstance(match_terms, str) else json.dumps(match_terms)
        if quantity is not None and not isinstance(quantity, Decimal):
            quantity = Decimal(str(quantity))  # SQLite hands decimals back as numbers
        out.append((pk, _decoded(sizes, tuples, tuple), key, RequestProfile(
            hs_codes=tuple(sorted(codes.get(pk, ()))),
            terms=_decoded(match_terms, parts, terms.parts_of),
            required_certifications=_decoded(certs, tuples, tuple),
            quantity_per_month=quantity, unit=unit,
            preferred_countries=_decoded(countries, sets, frozenset),
            preferred_subdivisions=_decoded(subs, sets, frozenset))))
    return out


def enterprise_products(enterprise_id: int) -> list[SupplierProduct]:
    """All public products of one enterprise (the MSME's side of the matching)."""
    ids = list(Product.objects.filter(enterprise_id=enterprise_id).published()
               .values_list("id", flat=True))
    return supplier_products(ids)


def public_enterprise_ids(ids: Iterable[int]) -> set[int]:
    return set(Enterprise.objects.public().filter(pk__in=list(ids)).values_list("pk", flat=True))
