"""Full-text search of the public gallery — one API, whichever database runs.

    from etalase.catalog import search
    result = search.search_products(query="kakao", filters={"subdivision": "ID-SA"},
                                    sort="relevance", page=1, per_page=24, language="id")

SQLite uses an FTS5 table (`sqlite_fts`), PostgreSQL a tsvector table with a GIN index
(`postgres_fts`); both are filled by database triggers on every write, so bulk inserts
and the admin stay in sync too. `rebuild()` refills the index from the tables (after
`seed_demo`, and from `etalase rebuild_search_index`).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.db import connection, transaction
from django.utils import translation

from etalase.catalog.search import synonyms
from etalase.catalog.search.query import QueryPlan, build_plan, corrected_text, simplify
from etalase.catalog.search.types import (
    FACETS,
    FILTERS,
    MAX_PAGE,
    MAX_PER_PAGE,
    SORTS,
    FacetValue,
    RawResult,
    SearchFilters,
)

__all__ = [
    "FACETS",
    "FILTERS",
    "SORTS",
    "FacetValue",
    "SearchFilters",
    "SearchResult",
    "area_code",
    "backend",
    "install",
    "popular_goods",
    "products_by_area",
    "rebuild",
    "search_products",
]


def backend(using: Any = None) -> ModuleType:
    vendor = (using or connection).vendor
    if vendor == "sqlite":
        from etalase.catalog.search import sqlite_fts

        return sqlite_fts
    if vendor == "postgresql":
        from etalase.catalog.search import postgres_fts

        return postgres_fts
    raise NotImplementedError(f"no full-text search backend for {vendor}")


@dataclass
class SearchResult:
    query: str
    filters: SearchFilters
    sort: str
    page: int
    per_page: int
    total: int
    ids: list[int]  # the products of this page, in rank order
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    corrections: dict[str, str] = field(default_factory=dict)
    corrected_query: str = ""
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    _products: list | None = field(default=None, repr=False, compare=False)

    @property
    def products(self) -> list:
        """Product instances of this page, in rank order, texts prefetched; loaded on first
        use (the gallery builds its cards from `ids` with `presenters.cards_for_ids`)."""
        if self._products is None:
            self._products = _load_products(self.ids)
        return self._products

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, math.ceil(self.total / self.per_page)))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _clamp(value: Any, low: int, high: int, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))


def search_products(
    *,
    query: str = "",
    filters: SearchFilters | Mapping[str, Any] | None = None,
    sort: str = "relevance",
    page: int | str = 1,
    per_page: int | str = 24,
    language: str | None = None,
    with_facets: bool = True,
) -> SearchResult:
    """Public products matching `query` and `filters`, one page of them, with facet counts."""
    if not isinstance(filters, SearchFilters):
        filters = SearchFilters.from_mapping(filters)
    if filters.area:
        # A code no area has is kept: it matches nothing.
        filters = dataclasses.replace(filters, area=area_code(filters.area) or filters.area)
    query = str(query or "").strip()
    sort = sort if sort in SORTS else "relevance"
    per_page = _clamp(per_page, 1, MAX_PER_PAGE, 24)
    page = _clamp(page, 1, MAX_PAGE, 1)
    language = language or translation.get_language() or "en"
    engine = backend()

    plan = build_plan(query, synonyms.index(), engine.count_terms)
    if query and plan.is_empty:
        # Only stop words or punctuation: nothing can match, say so rather than list all.
        raw = RawResult(ids=[], total=0, facets={})
    else:
        raw = engine.search(simplify(plan.node), filters, sort=sort,
                            offset=(page - 1) * per_page,
                            limit=per_page, with_facets=with_facets)
    result = SearchResult(
        query=query,
        filters=filters,
        sort=sort,
        page=page,
        per_page=per_page,
        total=raw.total,
        ids=raw.ids,
        corrections=plan.corrections,
        corrected_query=corrected_text(plan) if plan.corrections else "",
    )
    if with_facets:
        from etalase.catalog.search.facets import label_facets

        result.facets = label_facets(raw.facets, filters, language)
    if raw.total == 0 and query:
        result.suggestions = _suggestions(plan, filters, engine, language)
    return result


def area_code(code: str) -> str | None:
    """The code of the area as stored ("id-71.02" -> "ID-71.02"; "MY-12-KOTA-KINABALU" ->
    "MY-12-kota-kinabalu"), None when no area has it. The gallery and the API take a code
    whatever its case: the index's tag ignores case, its facet table and the registry do not."""
    from etalase.regions.models import Area

    for lookup in ("code", "code__iexact"):
        found = Area.objects.filter(**{lookup: code}).values_list("code", flat=True).first()
        if found:
            return found
    return None


def _load_products(ids: list[int]) -> list:
    if not ids:
        return []
    from etalase.catalog.models import Product

    rows = (
        Product.objects.filter(pk__in=ids)
        .select_related("enterprise__subdivision", "hs_code")
        .prefetch_related("translations", "images")
    )
    by_id = {p.pk: p for p in rows}
    return [by_id[i] for i in ids if i in by_id]


def _suggestions(plan: QueryPlan, filters: SearchFilters, engine: ModuleType, language: str
                 ) -> list[dict[str, Any]]:
    """What to try after zero results: without the filters, fewer words, popular goods."""
    # Only counts are wanted (limit=0: no page is read; on PostgreSQL the newest match of a
    # rare word walks the whole id index backwards, ~60 ms).
    out: list[dict[str, Any]] = []
    if plan.node is not None and filters.active:
        count = engine.search(simplify(plan.node), SearchFilters(), sort="newest", offset=0,
                              limit=0,
                              with_facets=False).total
        if count:
            out.append({"kind": "without_filters", "query": plan.text, "count": count})
    if len(plan.parts) > 1:
        for part, token_text in zip(plan.parts, plan.part_texts, strict=True):
            count = engine.search(simplify(part), filters, sort="newest", offset=0, limit=0,
                                  with_facets=False).total
            if count:
                out.append({"kind": "fewer_words", "query": token_text, "count": count})
    out.extend({"kind": "popular", **good} for good in popular_goods(language, limit=6))
    return out


def public_product_count() -> int:
    """How many products the gallery shows: its index holds exactly the public ones, kept
    by triggers in the writing transaction (a count over the product and enterprise tables
    costs ~17 ms at 100k products; the index's own table ~0.1 ms)."""
    if backend().data_version() is None:  # no index yet (before its migration)
        from etalase.catalog.models import Product

        return Product.objects.published().count()
    return backend().public_count()


def products_by_area(subdivisions: list[str]) -> dict[str | None, int]:
    """Public products of these subdivisions per second-level area (None: no area), from the
    index (cached until its next write, like the facets)."""
    from etalase.catalog.search.cache import cached

    codes = sorted(set(subdivisions))
    return cached(("areas", *codes), lambda: backend().area_counts(codes))


def popular_goods(language: str | None = None, *, limit: int = 8) -> list[dict[str, Any]]:
    """The goods with the most public products, named in `language` (for empty searches)."""
    from etalase.catalog.search.cache import cached

    language = language or translation.get_language() or "en"
    return cached(("popular", language, limit), lambda: _popular_goods(language, limit))


def _popular_goods(language: str, limit: int) -> list[dict[str, Any]]:
    counts = backend().popular_hs_codes(limit)
    names = _goods_names([code for code, _ in counts], language)
    return [{"hs_code": code, "query": short_name(names[code]), "label": names[code],
             "count": count}
            for code, count in counts if code in names]


# Names of goods by (HS code, language), per process: reference data that changes only when
# the nomenclature is reloaded, so it is kept as long as the synonym index (TTL_SECONDS).
# Reading them with the counts cost ~3 ms, after every write to the index.
_names: dict[tuple[str, str], str] = {}
_names_read_at = [0.0]


def _goods_names(codes: list[str], language: str) -> dict[str, str]:
    from etalase.catalog.models import HSCode

    now = time.monotonic()
    if now - _names_read_at[0] > synonyms.TTL_SECONDS:
        _names.clear()
        _names_read_at[0] = now
    missing = [code for code in codes if (code, language) not in _names]
    if missing:
        for hs in HSCode.objects.filter(code__in=missing).prefetch_related("translations"):
            _names[(hs.code, language)] = goods_name(hs, language)
    return {code: _names[(code, language)] for code in codes if (code, language) in _names}


def goods_name(hs: Any, language: str) -> str:
    """The everyday name of an HS code in `language` (the CSV's names), else its HS text."""
    wanted = language.split("-")[0]
    for row in hs.translations.all():
        if row.language_code.split("-")[0] == wanted:
            return row.name
    return hs.name_in(language)


def short_name(name: str) -> str:
    """A query people would type: "Cocoa beans (raw or roasted)" -> "Cocoa beans"."""
    for separator in (";", "(", "/", ","):
        head = name.split(separator, 1)[0].strip()
        if head:
            name = head
    return name[:60]


# --- Maintenance --------------------------------------------------------------


def install(using: Any = None) -> bool:
    """Create the index and its triggers where missing; True when something was created."""
    conn = using or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        return backend(conn).install(cursor)


def rebuild(using: Any = None) -> int:
    """Refill the index from the tables; returns the number of public products indexed."""
    conn = using or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        engine = backend(conn)
        engine.install(cursor)
        return engine.rebuild(cursor)


def on_post_migrate(sender, using: str = "default", **kwargs) -> None:
    """Re-create triggers a table rebuild dropped (SQLite), refilling the index if so."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor not in {"sqlite", "postgresql"}:
        return
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(conn).applied_migrations()
    if ("catalog", "0004_product_search") not in applied:
        return
    if install(conn):
        rebuild(conn)
