# ruff: noqa: S608 - SQL text is built from this module's constants only; every value
# that comes from a request is passed as a query parameter.
"""PostgreSQL backend of the search module: queries over the index of `postgres_schema`.

Text matches are `to_tsquery` expressions over the weighted `document` (ranked with
`ts_rank`), name matches over `name_document`; facet filters are plain columns in the WHERE
clause next to the GIN match; facet counts count the matching ids against the facet values
held in memory (`held_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from etalase.catalog.search.postgres_schema import (
    TABLE,
    VOCAB,
    data_version,
    install,
    rebuild,
    uninstall,
)
from etalase.catalog.search.query import AllOf, AnyOf, Node
from etalase.catalog.search.types import RawResult, SearchFilters

__all__ = ["TABLE", "area_counts", "count_terms", "data_version", "install",
           "popular_hs_codes", "public_count", "rebuild", "render", "search", "uninstall"]


# --- Queries ------------------------------------------------------------------


def render(node: Node) -> str:
    """A plan as to_tsquery text. Tokens are letters and digits only, quoted as lexemes."""
    if isinstance(node, tuple):
        inner = " <-> ".join(f"'{token}'" for token in node)
        return f"({inner})" if len(node) > 1 else inner
    if isinstance(node, AnyOf):
        return "(" + " | ".join(render(n) for n in node.options) + ")"
    if isinstance(node, AllOf):
        return "(" + " & ".join(render(n) for n in node.parts) + ")"
    raise TypeError(node)


def _where(node: Node | None, filters: SearchFilters) -> tuple[str, list]:
    clauses: list[str] = []
    params: list = []
    if node is not None:
        clauses.append("document @@ to_tsquery('simple', %s)")
        params.append(render(node))
    if filters.country:
        clauses.append("country = %s")
        params.append(filters.country)
    if filters.subdivision:
        clauses.append("(subdivision = %s OR region = %s)")
        params += [filters.subdivision, filters.subdivision]
    if filters.area:
        clauses.append("area = %s")
        params.append(filters.area)
    if filters.hs_chapter:
        clauses.append("chapter = %s")
        params.append(filters.hs_chapter)
    if filters.certification:
        clauses.append("certs @> ARRAY[%s]::text[]")
        params.append(filters.certification)
    if filters.size_class:
        clauses.append("size_class = %s")
        params.append(filters.size_class)
    if filters.export_status:
        clauses.append("export_status = %s")
        params.append(filters.export_status)
    if filters.verified:
        clauses.append("verified")
    return (" AND ".join(clauses) or "TRUE"), params


TERM_COUNT_CAP = 1000


def count_terms(words: Iterable[str]) -> dict[str, int]:
    words = sorted(set(words))
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term FROM {VOCAB} WHERE term = ANY(%s)", [words])
        found = [row[0] for row in cursor.fetchall()]
        if len(found) > 10:
            return dict.fromkeys(found, 1)
        counts = {}
        for term in found:  # a handful: their counts rank the corrections
            # Counted up to TERM_COUNT_CAP (a common word's full count costs ~8 ms; two
            # spellings one edit apart that both exceed the cap tie, and sort by name).
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} "
                "WHERE document @@ to_tsquery('simple', %s) LIMIT %s) n",
                [f"'{term}'", TERM_COUNT_CAP],
            )
            counts[term] = cursor.fetchone()[0]
        return {term: count for term, count in counts.items() if count}


# One grouping by all facet values at once (like SQLite's `fkey`), summed per facet in Python.
FACETS_SQL = f"""
SELECT country || '|' || subdivision || '|' || chapter || '|' || size_class || '|'
       || export_status || '|' || verified::int || '|' || array_to_string(certs, ' '),
       count(*)
FROM {TABLE} WHERE {{where}} GROUP BY 1
"""


# As for SQLite: ranking every one of 10,000 matches costs more than the page's budget;
# above this many, products whose name matches come first (ranked while they are at most
# RANK_LIMIT, else newest first), then the others newest first.
RANK_LIMIT = 1000
_RANK = "ts_rank(document, to_tsquery('simple', %s)) DESC, product_id DESC"


def _ids(cursor, where: str, params: list, order: str, order_params: list, limit: int,
         offset: int) -> list[int]:
    if limit <= 0:
        return []
    cursor.execute(f"SELECT product_id FROM {TABLE} WHERE {where} ORDER BY {order} "
                   "LIMIT %s OFFSET %s", [*params, *order_params, limit, offset])
    return [row[0] for row in cursor.fetchall()]


def _ranked_page(cursor, node: Node, filters: SearchFilters, total: int, limit: int,
                 offset: int) -> list[int]:
    from etalase.catalog.search.cache import cached

    where, params = _where(node, filters)
    if total <= RANK_LIMIT:
        return _ids(cursor, where, params, _RANK, [render(node)], limit, offset)
    # The name is part of the document: a name match needs no document test (which, for a
    # phrase, rechecks every matching document: ~15 ms of a broad two-word query).
    filtered, filter_params = _where(None, filters)
    in_name = f"{filtered} AND name_document @@ to_tsquery('simple', %s)"
    name_params = [*filter_params, render(node)]
    # Counted only as far as the page needs (as SQLite's `_count` with its cap): counting
    # 8,000 name matches costs ~30 ms, and only whether they are more than RANK_LIMIT
    # matters, and how many when the page reaches past them. Cached like the facets of the
    # same query (~6 ms a broad query: the next page or visitor reads it back).
    cap = max(RANK_LIMIT, offset + limit) + 1

    def count_named() -> int:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {in_name} "
                       "LIMIT %s) n", [*name_params, cap])
        return cursor.fetchone()[0]

    named = cached(("named", in_name, tuple(name_params), cap), count_named)
    ids: list[int] = []
    if offset < named:
        order, order_params = ((_RANK, [render(node)]) if named <= RANK_LIMIT
                               else ("product_id DESC", []))
        ids = _ids(cursor, in_name, name_params, order, order_params, limit, offset)
    rest = f"{where} AND NOT name_document @@ to_tsquery('simple', %s)"
    return ids + _ids(cursor, rest, [*params, render(node)], "product_id DESC", [],
                      limit - len(ids), max(0, offset - named))


def _facets(cursor, where: str, params: list) -> dict[str, dict[str, int]]:
    from etalase.catalog.search import held_keys
    from etalase.catalog.search.facets import sum_facet_groups

    # The matching ids in one text, counted against the facet values held in memory
    # (measured at 100k products, 17,000 matches: ~22 ms + ~5 ms, GROUP BY ~45 ms).
    cursor.execute(f"SELECT string_agg(product_id::text, ',') FROM {TABLE} WHERE {where}",
                   params)
    counts = held_keys.count(cursor.fetchone()[0], facet_keys(cursor))
    if counts is None:  # a product newer than the keys held (another process wrote)
        cursor.execute(FACETS_SQL.format(where=where), params)
        counts = sum_facet_groups(cursor.fetchall())
    return counts


_KEYS_SQL = (f"SELECT product_id, country || '|' || subdivision || '|' || chapter, "
             f"size_class || '|' || export_status || '|' || verified::int || '| ' "
             f"|| array_to_string(certs, ' ') || ' ' FROM {TABLE}")


def facet_keys(cursor):
    """The facet values of every indexed product, held per process (see `held_keys`)."""
    from etalase.catalog.search import held_keys

    return held_keys.read(cursor, _KEYS_SQL, data_version())


def search(node: Node | None, filters: SearchFilters, *, sort: str, offset: int, limit: int,
           with_facets: bool = True) -> RawResult:
    from etalase.catalog.search.cache import cached

    where, params = _where(node, filters)
    if node is None and sort == "relevance":
        sort = "newest"
    with connection.cursor() as cursor:
        facets: dict[str, dict[str, int]] = {}
        if with_facets:
            facets = cached(("facets", where, tuple(params)), lambda: _facets(cursor, where,
                                                                            params))
            total = sum(facets["country"].values())
        else:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}", params)
            total = cursor.fetchone()[0]
        if sort == "relevance":
            ids = _ranked_page(cursor, node, filters, total, limit, offset)
        else:
            order = "product_id DESC" if sort == "newest" else "sort_name, product_id"
            ids = _ids(cursor, where, params, order, [], limit, offset)
    return RawResult(ids=ids, total=total, facets=facets)


def area_counts(subdivisions: list[str]) -> dict[str | None, int]:
    """Indexed (public) products of these subdivisions per area (None: no area)."""
    if not subdivisions:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT area, count(*) FROM {TABLE} WHERE subdivision = ANY(%s) "
                       "GROUP BY area", [list(subdivisions)])
        return dict(cursor.fetchall())


def public_count() -> int:
    """The number of indexed (that is, public) products."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return cursor.fetchone()[0]


def popular_hs_codes(limit: int) -> list[tuple[str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT hs, count(*) FROM {TABLE} GROUP BY hs ORDER BY 2 DESC, hs LIMIT %s", [limit]
        )
        return [(hs, count) for hs, count in cursor.fetchall()]
