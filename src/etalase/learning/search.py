# ruff: noqa: S608 - SQL text is built from this module's constants only; every value
# that comes from a request is passed as a query parameter.
"""Full-text search of information resources, on the gallery's search machinery.

Reused from `etalase.catalog.search` (its public building blocks):
- `text.tokenize` / `text.query_tokens` — the same folding (lower case, accents removed)
  and the same bounds on hostile queries;
- `query.build_plan` with `synonyms.index()` — a query in one language finds texts in
  another ("kakao" finds a cocoa export guide);
- `sqlite_fts.render` / `postgres_fts.render` — the plan in FTS5 / tsquery syntax.

Its product index itself (tables, triggers, facets) is specific to products, so the
resource index is this module's own, mirroring that approach:
- SQLite: an FTS5 table `learning_resource_fts` (rowid = resource id) holding the
  published resources' `search_text`, refreshed by `reindex()` in the services'
  transactions, ranked with bm25;
- PostgreSQL: a GIN index on `to_tsvector('simple', search_text)` of the resource table
  itself (no copy to keep in sync), ranked with ts_rank.
`search_text` is built in Python (`document_text`) already folded, so both engines see
the tokens `text.tokenize` produces. Typo correction is not applied to resources (a
few hundred documents; the synonyms carry the cross-language part).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from etalase.catalog.search import synonyms
from etalase.catalog.search.query import build_plan
from etalase.catalog.search.text import tokenize

FTS = "learning_resource_fts"
PG_INDEX = "learning_resource_search_gin"
MAX_HITS = 1000


def document_text(parts: Iterable[str]) -> str:
    """The folded words of every text of a resource, as both engines index them."""
    return " ".join(" ".join(tokenize(part or "")) for part in parts if part)


def install(conn=None) -> None:
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
                "text, tokenize = 'unicode61 remove_diacritics 2')"
            )
        elif conn.vendor == "postgresql":
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON learning_resource "
                "USING gin (to_tsvector('simple', search_text))"
            )


def uninstall(conn=None) -> None:
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
        elif conn.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def reindex(resource_ids: Iterable[int] | None = None) -> None:
    """Refresh the SQLite index for these resources (all when None). PostgreSQL: no-op."""
    if connection.vendor != "sqlite":
        return
    install()
    with connection.cursor() as cursor:
        if resource_ids is None:
            cursor.execute(f"DELETE FROM {FTS}")
            cursor.execute(
                f"INSERT INTO {FTS}(rowid, text) SELECT id, search_text FROM learning_resource "
                "WHERE is_published"
            )
            return
        ids = [int(i) for i in resource_ids]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({marks})", chunk)
            cursor.execute(
                f"INSERT INTO {FTS}(rowid, text) SELECT id, search_text FROM learning_resource "
                f"WHERE is_published AND id IN ({marks})",
                chunk,
            )


def _known(words: Iterable[str]) -> dict[str, int]:
    # No typo correction here: every word counts as known, so the plan keeps it as typed.
    return dict.fromkeys(words, 1)


def matching_ids(query: str) -> list[int] | None:
    """Ids of published resources matching `query`, best first; None when the query is
    empty (no text filter), [] when it can match nothing (only stop words, punctuation)."""
    if not (query or "").strip():
        return None
    plan = build_plan(query, synonyms.index(), _known)
    if plan.node is None:
        return []
    if connection.vendor == "sqlite":
        from etalase.catalog.search.sqlite_fts import render
        from etalase.catalog.search.sqlite_schema import TEXT_COLUMNS

        install()
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rank LIMIT %s"
        # The catalogue's renderer limits a word starting with its facet prefix ("xq…") to
        # the catalogue's text columns; this table has one column, and no facets to avoid.
        params: list = [render(plan.node).replace(f"{TEXT_COLUMNS} : ", ""), MAX_HITS]
    elif connection.vendor == "postgresql":
        from etalase.catalog.search.postgres_fts import render

        sql = (
            "SELECT id FROM learning_resource WHERE is_published AND "
            "to_tsvector('simple', search_text) @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank(to_tsvector('simple', search_text), to_tsquery('simple', %s)) "
            "DESC, id DESC LIMIT %s"
        )
        rendered = render(plan.node)
        params = [rendered, rendered, MAX_HITS]
    else:  # another database: every word must appear (no ranking)
        from etalase.learning.models import Resource

        queryset = Resource.objects.published()
        for token in plan.tokens:
            queryset = queryset.filter(search_text__contains=token)
        return list(queryset.values_list("id", flat=True)[:MAX_HITS])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
