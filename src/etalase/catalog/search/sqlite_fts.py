# ruff: noqa: S608 - SQL text is built from this module's constants only; every value
# that comes from a request is passed as a query parameter.
"""SQLite FTS5 backend of the search module: queries over the index of `sqlite_schema`.

Text matches are FTS5 MATCH expressions (bm25 weighted by column, see `RANK`); facet
filters are tokens of the `tags` column inside the same expression; facet counts and
the sort by name read the compact `catalog_search_facet` table; browsing without words
reads that table alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from etalase.catalog.search import held_keys
from etalase.catalog.search.facets import sum_facet_groups
from etalase.catalog.search.query import AllOf, AnyOf, Node
from etalase.catalog.search.sqlite_schema import (
    FACET,
    FTS,
    TAG,
    TEXT_COLUMNS,
    VOCAB,
    area_tag,
    data_version,
    install,
    rebuild,
    uninstall,
)
from etalase.catalog.search.types import RawResult, SearchFilters
from etalase.enterprises.models import CertificationKind, ExportStatus, SizeClass

__all__ = ["area_counts", "count_terms", "data_version", "install", "popular_hs_codes",
           "public_count", "rebuild", "search", "uninstall"]


# --- Queries ------------------------------------------------------------------


def render(node: Node) -> str:
    """A plan in FTS5 syntax. Tokens are letters and digits only, so quoting is safe.

    Only the `tags` column holds words starting with TAG, so only a phrase with such a word
    needs the filter to the text columns ("xqall" typed in the box must not match every
    product). A column filter over the whole expression costs FTS5 a position check of
    every candidate row (~30% of the time of a broad search).
    """
    if isinstance(node, tuple):
        phrase = '"' + " ".join(node) + '"'
        if any(token.startswith(TAG) for token in node):
            return f"{TEXT_COLUMNS} : {phrase}"
        return phrase
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(render(n) for n in node.options) + ")"
    if isinstance(node, AllOf):
        return "(" + " AND ".join(render(n) for n in node.parts) + ")"
    raise TypeError(node)


def _tag(value: str) -> str:
    return TAG + "".join(ch for ch in value.lower() if ch.isalnum())


def filter_tags(filters: SearchFilters) -> list[str]:
    tags = []
    if filters.country:
        tags.append(_tag("c" + filters.country))
    if filters.subdivision:
        code = filters.subdivision
        tags.append(f"({_tag('s' + code)} OR {_tag('r' + code)})")
    if filters.area:
        tags.append(area_tag(filters.area))
    if filters.hs_chapter:
        tags.append(_tag("h" + filters.hs_chapter))
    if filters.certification:
        tags.append(_tag("k" + filters.certification))
    if filters.size_class:
        tags.append(_tag("z" + filters.size_class))
    if filters.export_status:
        tags.append(_tag("e" + filters.export_status))
    if filters.verified:
        tags.append(_tag("v"))
    return tags


def match_expression(node: Node | None, filters: SearchFilters) -> str:
    tags = filter_tags(filters)
    if node is None:
        tags = tags or [_tag("all")]  # every indexed product carries this token
    parts = [f"tags : ({' AND '.join(tags)})"] if tags else []
    if node is not None:
        parts.insert(0, render(node))
    return " AND ".join(parts)


_PAGE_SQL = {
    "relevance": f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rank LIMIT %s OFFSET %s",
    "newest": f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rowid DESC "
              "LIMIT %s OFFSET %s",
    "name": f"SELECT f.id FROM {FTS} JOIN {FACET} f ON f.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s ORDER BY f.sort_name, f.id LIMIT %s OFFSET %s",
}


def count_terms(words: Iterable[str]) -> dict[str, int]:
    words = [w for w in set(words) if not w.startswith(TAG)]
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(words), 900):
            chunk = words[start : start + 900]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT term, doc FROM {VOCAB} WHERE term IN ({marks})", chunk)
            found.update(dict(cursor.fetchall()))
    return found


# bm25 costs ~2–10 µs a matching row (column sizes and hits of every phrase of every row
# are read): at 100k products, 1,000 matches of a two-word query with its synonyms take
# ~10 ms, 2,000 ~20 ms, 10,000 the whole budget of a page. Above this many matches the
# ranking is done in tiers, see `_ranked_page`.
RANK_LIMIT = 1000


def _count(cursor, match: str, cap: int | None = None) -> int:
    """The number of matches, or `cap` when there are at least that many (FTS5 stops
    there: counting 8,500 name matches costs ~9 ms, the first 1,000 ~1 ms)."""
    if cap is None:
        cursor.execute(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", [match])
    else:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s "
                       "LIMIT %s)", [match, cap])
    return cursor.fetchone()[0]


def _page(cursor, sort: str, match: str, limit: int, offset: int) -> list[int]:
    if limit <= 0:
        return []
    cursor.execute(_PAGE_SQL[sort], [match, limit, offset])
    return [row[0] for row in cursor.fetchall()]


def _ranked_page(cursor, node: Node, filters: SearchFilters, total: int, limit: int,
                 offset: int) -> list[int]:
    """One page by relevance, with bm25 over at most RANK_LIMIT rows.

    Up to RANK_LIMIT matches: plain bm25. Beyond: products whose *name* matches come
    first — ranked by bm25 when they are at most RANK_LIMIT, else newest first (when
    thousands of names say "kakao", recency orders them as well as bm25 would) — then
    the products that match elsewhere only (description, HS names), newest first.
    """
    match = match_expression(node, filters)
    if total <= RANK_LIMIT:
        return _page(cursor, "relevance", match, limit, offset)
    tags = filter_tags(filters)
    in_name = f"name : {render(node)}" + (f" AND tags : ({' AND '.join(tags)})" if tags else "")
    # Only whether the names are more than RANK_LIMIT matters, and how many they are when
    # the page reaches past them; a count beyond both would be wasted work.
    named = _count(cursor, in_name, cap=max(RANK_LIMIT, offset + limit) + 1)
    ids: list[int] = []
    if offset < named:
        ids = _page(cursor, "relevance" if named <= RANK_LIMIT else "newest", in_name,
                    limit, offset)
    rest_offset = max(0, offset - named)
    rest = f"({match}) NOT ({in_name})"
    return ids + _page(cursor, "newest", rest, limit - len(ids), rest_offset)


def _browse_page(cursor, filters: SearchFilters, sort: str, limit: int, offset: int
                 ) -> list[int]:
    where, params = facet_where(filters)
    order = "f.sort_name, f.id" if sort == "name" else "f.id DESC"
    cursor.execute(f"SELECT f.id FROM {FACET} f WHERE {where} ORDER BY {order} "
                   "LIMIT %s OFFSET %s", [*params, limit, offset])
    return [row[0] for row in cursor.fetchall()]


def search(node: Node | None, filters: SearchFilters, *, sort: str, offset: int, limit: int,
           with_facets: bool = True) -> RawResult:
    match = match_expression(node, filters)
    if node is None and sort == "relevance":
        sort = "newest"
    with connection.cursor() as cursor:
        if with_facets:
            facets = _facets(cursor, node, filters, match)
            total = sum(facets["country"].values())
        elif node is None:
            facets = {}
            where, params = facet_where(filters)
            cursor.execute(f"SELECT count(*) FROM {FACET} f WHERE {where}", params)
            total = cursor.fetchone()[0]
        else:
            facets = {}
            total = _count(cursor, match)
        if node is None:
            ids = _browse_page(cursor, filters, sort, limit, offset)
        elif sort == "relevance":
            ids = _ranked_page(cursor, node, filters, total, limit, offset)
        else:
            ids = _page(cursor, sort, match, limit, offset)
    return RawResult(ids=ids, total=total, facets=facets)


_FACET_GROUPS = "SELECT f.fkey, count(*) FROM {source} GROUP BY 1"
# One sorting pass over the matches, then the combinations are summed per facet in Python
# (measured 5× cheaper than one GROUP BY per facet over a materialized CTE).
FACETS_OF_MATCH = _FACET_GROUPS.format(
    source=f"{FTS} JOIN {FACET} f ON f.id = {FTS}.rowid WHERE {FTS} MATCH %s")


_TAG_FACETS = {  # tag prefix -> facet, for counting from the vocabulary
    "c": "country", "s": "subdivision", "h": "hs_chapter", "z": "size_class",
    "e": "export_status", "k": "certification", "v": "verified",
}


def _facets(cursor, node: Node | None, filters: SearchFilters, match: str
            ) -> dict[str, dict[str, int]]:
    from etalase.catalog.search.cache import cached

    if node is None and not filters.active:
        return _facets_from_vocabulary(cursor)

    def count() -> dict[str, dict[str, int]]:
        # The matching ids in one text: fetching 17,000 rows one by one costs ~8 ms in
        # Python, group_concat and split ~2 ms.
        cursor.execute(f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s", [match])
        counts = held_keys.count(cursor.fetchone()[0], facet_keys(cursor))
        if counts is None:  # a product newer than the keys held (another process wrote)
            cursor.execute(FACETS_OF_MATCH, [match])
            counts = sum_facet_groups(cursor.fetchall())
        return counts

    # The same query again before any write reuses the counts.
    return cached(("facets", match, filters), count)


_KEYS_SQL = (f"SELECT id, country || '|' || subdivision || '|' || chapter, size_class || '|' "
             f"|| export_status || '|' || verified || '|' || certs FROM {FACET}")


def facet_keys(cursor) -> held_keys.Keys:
    """The facet values of every indexed product, held per process (see `held_keys`)."""
    return held_keys.read(cursor, _KEYS_SQL, data_version())


def facet_where(filters: SearchFilters) -> tuple[str, list]:
    """The filters over the facet table (browsing without words needs no FTS lookup)."""
    clauses, params = ["1"], []
    for column, value in (("country", filters.country), ("chapter", filters.hs_chapter),
                          ("size_class", filters.size_class),
                          ("export_status", filters.export_status)):
        if value:
            clauses.append(f"f.{column} = %s")
            params.append(value)
    if filters.subdivision:
        clauses.append("(f.subdivision = %s OR f.region = %s)")
        params += [filters.subdivision, filters.subdivision]
    if filters.area:
        clauses.append("f.area = %s")
        params.append(filters.area)
    if filters.certification:
        clauses.append("instr(f.certs, %s) > 0")
        params.append(f" {filters.certification} ")
    if filters.verified:
        clauses.append("f.verified = 1")
    return " AND ".join(clauses), params


def _facets_from_vocabulary(cursor) -> dict[str, dict[str, int]]:
    """Counts over the whole gallery: the document count of each facet token, no scan."""
    from etalase.catalog.search.cache import cached

    return cached(("gallery-facets",), lambda: _vocabulary_facets(cursor))


def _vocabulary_facets(cursor) -> dict[str, dict[str, int]]:
    cursor.execute(f"SELECT term, doc FROM {VOCAB} WHERE term >= %s AND term < %s",
                   [TAG, _next_prefix(TAG)])
    facets: dict[str, dict[str, int]] = {name: {} for name in _TAG_FACETS.values()}
    total = 0
    for term, count in cursor.fetchall():
        if term == TAG + "all":
            total = count
            continue
        decoded = _decode_tag(term[len(TAG):])
        if decoded:
            facets[decoded[0]][decoded[1]] = count
    facets["verified"] = {"1": facets["verified"].get("1", 0)}
    facets["verified"]["0"] = total - facets["verified"]["1"]
    return facets


_STRIPPED = {
    "k": {k.replace("_", ""): k for k in CertificationKind.values},
    "z": {k: k for k in SizeClass.values},
    "e": {k.replace("_", ""): k for k in ExportStatus.values},
}


def _decode_tag(tag: str) -> tuple[str, str] | None:
    kind, rest = tag[:1], tag[1:]
    facet = _TAG_FACETS.get(kind)
    if facet is None:
        return None
    if kind == "c":
        return facet, rest.upper()
    if kind == "s":
        return facet, f"{rest[:2]}-{rest[2:]}".upper()
    if kind == "h":
        return facet, rest
    if kind == "v":
        return facet, "1"
    value = _STRIPPED[kind].get(rest)
    return (facet, value) if value else None


def _next_prefix(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def area_counts(subdivisions: list[str]) -> dict[str | None, int]:
    """Indexed (public) products of these subdivisions per area (None: no area), read from
    the facet table's (subdivision, area) index alone."""
    if not subdivisions:
        return {}
    marks = ", ".join(["%s"] * len(subdivisions))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT area, count(*) FROM {FACET} WHERE subdivision IN ({marks}) "
                       "GROUP BY area", list(subdivisions))
        return dict(cursor.fetchall())


def public_count() -> int:
    """The number of indexed (that is, public) products: the compact facet table's rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FACET}")
        return cursor.fetchone()[0]


def popular_hs_codes(limit: int) -> list[tuple[str, int]]:
    """The HS subheadings with the most public products, from the vocabulary (no scan)."""
    with connection.cursor() as cursor:
        prefix = TAG + "p"
        cursor.execute(
            f"SELECT term, doc FROM {VOCAB} WHERE term >= %s AND term < %s ORDER BY doc DESC "
            "LIMIT %s",
            [prefix, _next_prefix(prefix), limit],
        )
        return [(term[len(prefix):], doc) for term, doc in cursor.fetchall()]

