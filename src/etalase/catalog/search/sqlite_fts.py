# ruff: noqa: S608 - SQL text is built from this module's constants only; every value
# that comes from a request is passed as a query parameter.
"""SQLite FTS5 backend: one FTS table of public products, kept in sync by triggers.

* `catalog_product_fts` (FTS5, rowid = product id) — indexed text only: `name` (name and
  translations), `enterprise` (names, city, province), `hs_text` (HS descriptions of
  subheading, heading and chapter, and their names in the four languages), `body`
  (descriptions), `tags` (facet tokens such as `xqsidsa`);
* `catalog_search_facet` (rowid = product id) — the facet values and sort key of each
  indexed product in a compact table: counting facets over 10,000 matches reads small
  rows there instead of the FTS table's stored text (measured: ~20× less I/O).

Facet filters are tokens of the `tags` column inside the MATCH expression, so a search
in one province is one FTS lookup (the measured 0.6 ms rather than 13–20 ms when the
province is filtered outside the FTS table).

Only public products are indexed (published, of a published and consented enterprise):
the triggers re-run the SELECTs below, whose WHERE clause is the publication rule.
`install()` is idempotent: migrations and `post_migrate` call it again, because SQLite
drops a table's triggers whenever Django rebuilds that table in a migration; it also
replaces an index of an older shape (`SCHEMA_VERSION`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from etalase.catalog.search.query import AllOf, AnyOf, Node
from etalase.catalog.search.types import RawResult, SearchFilters
from etalase.enterprises.models import (
    PUBLIC_CONSENTS,
    CertificationKind,
    ExportStatus,
    SizeClass,
)

SCHEMA_VERSION = "2"
FTS = "catalog_product_fts"
VOCAB = "catalog_product_fts_vocab"
FACET = "catalog_search_facet"
META = "catalog_search_meta"
TAG = "xq"  # prefix of facet tokens; no word of the four languages starts with it
TEXT_COLUMNS = "{name enterprise hs_text body}"
# bm25 weights, in column order: a hit in the name counts most.
RANK = "bm25(10.0, 3.0, 2.0, 1.0, 0.0)"

_CONSENTS = ", ".join(f"'{c}'" for c in PUBLIC_CONSENTS)
_HS_CODES = "(p.hs_code_id, substr(p.hs_code_id, 1, 4), substr(p.hs_code_id, 1, 2))"
_VALID_CERTS = (
    "FROM enterprises_certification c WHERE c.enterprise_id = e.id "
    "AND (c.valid_until IS NULL OR c.valid_until >= date('now'))"
)
_FROM = f"""
FROM catalog_product p
JOIN enterprises_enterprise e ON e.id = p.enterprise_id
LEFT JOIN regions_subdivision s ON s.code = e.subdivision_id
WHERE p.is_published AND e.is_published AND e.consent IN ({_CONSENTS}) AND {{where}}
"""

# The text of each public product. `{where}` narrows it to the rows a trigger refreshes.
TEXT_SELECT = f"""
SELECT p.id,
  p.name || coalesce(' ' || (SELECT group_concat(t.name, ' ')
      FROM catalog_producttranslation t WHERE t.product_id = p.id), ''),
  e.legal_name || ' ' || e.trade_name || ' ' || e.regency || ' ' || coalesce(s.name, ''),
  coalesce((SELECT group_concat(x, ' ') FROM (
      SELECT h.description AS x FROM catalog_hscode h WHERE h.code IN {_HS_CODES}
      UNION ALL
      SELECT ht.name FROM catalog_hscodetranslation ht WHERE ht.hs_code_id IN {_HS_CODES})), ''),
  p.description || coalesce(' ' || (SELECT group_concat(t.description, ' ')
      FROM catalog_producttranslation t WHERE t.product_id = p.id), ''),
  '{TAG}all {TAG}c' || lower(e.country_id)
    || ' {TAG}s' || lower(replace(e.subdivision_id, '-', ''))
    || coalesce(' {TAG}r' || lower(replace(s.parent_id, '-', '')), '')
    || ' {TAG}h' || substr(p.hs_code_id, 1, 2) || ' {TAG}p' || p.hs_code_id
    || CASE WHEN e.size_class <> '' THEN ' {TAG}z' || e.size_class ELSE '' END
    || ' {TAG}e' || replace(e.export_status, '_', '')
    || CASE WHEN e.verified_at IS NOT NULL THEN ' {TAG}v' ELSE '' END
    || coalesce(' ' || (SELECT group_concat(k, ' ') FROM (
        SELECT DISTINCT '{TAG}k' || replace(c.kind, '_', '') AS k {_VALID_CERTS})), '')
{_FROM}"""
TEXT_COLUMNS_INSERT = "rowid, name, enterprise, hs_text, body, tags"

FACET_SELECT = f"""
SELECT p.id, e.country_id, e.subdivision_id, s.parent_id, substr(p.hs_code_id, 1, 2),
  p.hs_code_id, e.size_class, e.export_status,
  CASE WHEN e.verified_at IS NOT NULL THEN 1 ELSE 0 END,
  ' ' || coalesce((SELECT group_concat(kind, ' ') FROM (
        SELECT DISTINCT c.kind {_VALID_CERTS})), '') || ' ',
  lower(p.name), p.enterprise_id
{_FROM}"""
FACET_COLUMNS = (
    "id, country, subdivision, region, chapter, hs, size_class, export_status, verified, "
    "certs, sort_name, enterprise_id"
)


def _insert(where: str) -> str:
    return (f"INSERT INTO {FTS}({TEXT_COLUMNS_INSERT}) {TEXT_SELECT.format(where=where)};"
            f"INSERT INTO {FACET}({FACET_COLUMNS}) {FACET_SELECT.format(where=where)};")


def _delete(ids_sql: str) -> str:
    return (f"DELETE FROM {FTS} WHERE rowid IN ({ids_sql});"
            f"DELETE FROM {FACET} WHERE id IN ({ids_sql});")


def _refresh(where: str) -> str:
    """Re-index the products that `where` (over catalog_product p) selects."""
    return _delete(f"SELECT p.id FROM catalog_product p WHERE {where}") + _insert(where)


def _hs_range(code: str) -> str:
    # Products under an HS code or its heading/chapter: a range scan on the hs_code index.
    return f"(p.hs_code_id >= {code} AND p.hs_code_id < {code} || ':')"


_ENTERPRISE_COLUMNS = (
    "legal_name", "trade_name", "regency", "country_id", "subdivision_id", "size_class",
    "export_status", "verified_at", "is_published", "consent",
)
_ENTERPRISE_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _ENTERPRISE_COLUMNS)
_PRODUCT_COLUMNS = ("name", "description", "hs_code_id", "is_published", "enterprise_id")
_PRODUCT_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _PRODUCT_COLUMNS)

TRIGGERS: dict[str, str] = {
    "catalog_search_product_ins": f"""AFTER INSERT ON catalog_product BEGIN
        {_insert("p.id = NEW.id")} END""",
    "catalog_search_product_upd": f"""AFTER UPDATE ON catalog_product
        WHEN {_PRODUCT_CHANGED} BEGIN
        {_delete("OLD.id")} {_insert("p.id = NEW.id")} END""",
    "catalog_search_product_del": f"""AFTER DELETE ON catalog_product BEGIN
        {_delete("OLD.id")} END""",
    "catalog_search_translation_ins": f"""AFTER INSERT ON catalog_producttranslation BEGIN
        {_refresh("p.id = NEW.product_id")} END""",
    "catalog_search_translation_upd": f"""AFTER UPDATE ON catalog_producttranslation BEGIN
        {_refresh("p.id IN (OLD.product_id, NEW.product_id)")} END""",
    "catalog_search_translation_del": f"""AFTER DELETE ON catalog_producttranslation BEGIN
        {_refresh("p.id = OLD.product_id")} END""",
    "catalog_search_enterprise_upd": f"""AFTER UPDATE ON enterprises_enterprise
        WHEN {_ENTERPRISE_CHANGED} BEGIN
        {_refresh("p.enterprise_id = NEW.id")} END""",
    "catalog_search_certification_ins": f"""AFTER INSERT ON enterprises_certification BEGIN
        {_refresh("p.enterprise_id = NEW.enterprise_id")} END""",
    "catalog_search_certification_upd": f"""AFTER UPDATE ON enterprises_certification BEGIN
        {_refresh("p.enterprise_id IN (OLD.enterprise_id, NEW.enterprise_id)")} END""",
    "catalog_search_certification_del": f"""AFTER DELETE ON enterprises_certification BEGIN
        {_refresh("p.enterprise_id = OLD.enterprise_id")} END""",
    "catalog_search_hsname_ins": f"""AFTER INSERT ON catalog_hscodetranslation BEGIN
        {_refresh(_hs_range("NEW.hs_code_id"))} END""",
    "catalog_search_hsname_upd": f"""AFTER UPDATE ON catalog_hscodetranslation
        WHEN OLD.name IS NOT NEW.name OR OLD.hs_code_id IS NOT NEW.hs_code_id BEGIN
        {_refresh(_hs_range("NEW.hs_code_id"))} END""",
    "catalog_search_hsname_del": f"""AFTER DELETE ON catalog_hscodetranslation BEGIN
        {_refresh(_hs_range("OLD.hs_code_id"))} END""",
    "catalog_search_hscode_upd": f"""AFTER UPDATE ON catalog_hscode
        WHEN OLD.description IS NOT NEW.description BEGIN
        {_refresh(_hs_range("NEW.code"))} END""",
}

CREATE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        name, enterprise, hs_text, body, tags, tokenize = 'unicode61 remove_diacritics 2')""",
    f"INSERT INTO {FTS}({FTS}, rank) VALUES ('rank', '{RANK}')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab({FTS}, 'row')",
    f"""CREATE TABLE IF NOT EXISTS {FACET} (
        id INTEGER PRIMARY KEY, country TEXT NOT NULL, subdivision TEXT NOT NULL, region TEXT,
        chapter TEXT NOT NULL, hs TEXT NOT NULL, size_class TEXT NOT NULL,
        export_status TEXT NOT NULL, verified INTEGER NOT NULL, certs TEXT NOT NULL,
        sort_name TEXT NOT NULL, enterprise_id INTEGER NOT NULL)""",
    f"CREATE TABLE IF NOT EXISTS {META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]


def _schema_version(cursor) -> str | None:
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [META])
    if not cursor.fetchone()[0]:
        return None
    cursor.execute(f"SELECT value FROM {META} WHERE key = 'schema'")
    row = cursor.fetchone()
    return row[0] if row else None


def install(cursor) -> bool:
    """Create what is missing; True when the index must be (re)filled."""
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'catalog_search_%'"
    )
    triggers_present = cursor.fetchone()[0]
    current = _schema_version(cursor)
    if current != SCHEMA_VERSION:
        uninstall(cursor)  # an older shape (or none): start again
    for statement in CREATE:
        cursor.execute(statement)
    cursor.execute(f"INSERT OR REPLACE INTO {META} (key, value) VALUES ('schema', %s)",
                   [SCHEMA_VERSION])
    for name, body in TRIGGERS.items():
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"CREATE TRIGGER {name} {body}")
    return current != SCHEMA_VERSION or triggers_present != len(TRIGGERS)


def uninstall(cursor) -> None:
    for name in TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in (VOCAB, FTS, FACET, META):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def rebuild(cursor) -> int:
    cursor.execute(f"DELETE FROM {FTS}")
    cursor.execute(f"DELETE FROM {FACET}")
    cursor.execute(f"INSERT INTO {FTS}({TEXT_COLUMNS_INSERT}) {TEXT_SELECT.format(where='1')}")
    cursor.execute(f"INSERT INTO {FACET}({FACET_COLUMNS}) {FACET_SELECT.format(where='1')}")
    cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
    cursor.execute(f"SELECT count(*) FROM {FACET}")
    return cursor.fetchone()[0]


# --- Queries ------------------------------------------------------------------


def render(node: Node) -> str:
    """A plan in FTS5 syntax. Tokens are letters and digits only, so quoting is safe."""
    if isinstance(node, tuple):
        return '"' + " ".join(node) + '"'
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
        parts.insert(0, f"{TEXT_COLUMNS} : {render(node)}")
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


# bm25 costs ~2–4 µs a matching row (column sizes and hits of every row are read): 10,000
# matches take 20–40 ms, the whole budget of a page. Above this many matches the ranking
# is done in tiers, see `_ranked_page`.
RANK_LIMIT = 2000


def _count(cursor, match: str) -> int:
    cursor.execute(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", [match])
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
    named = _count(cursor, in_name)
    ids: list[int] = []
    if offset < named:
        ids = _page(cursor, "relevance" if named <= RANK_LIMIT else "newest", in_name,
                    limit, offset)
    rest_offset = max(0, offset - named)
    rest = f"({match}) NOT ({in_name})"
    return ids + _page(cursor, "newest", rest, limit - len(ids), rest_offset)


def search(node: Node | None, filters: SearchFilters, *, sort: str, offset: int, limit: int,
           with_facets: bool = True) -> RawResult:
    match = match_expression(node, filters)
    if node is None and sort == "relevance":
        sort = "newest"
    with connection.cursor() as cursor:
        if with_facets:
            facets = _facets(cursor, node, filters, match)
            total = sum(facets["country"].values())
        else:
            facets = {}
            total = _count(cursor, match)
        if sort == "relevance" and node is not None:
            ids = _ranked_page(cursor, node, filters, total, limit, offset)
        else:
            ids = _page(cursor, sort, match, limit, offset)
    return RawResult(ids=ids, total=total, facets=facets)


_CERT_VALUES = " UNION ALL ".join(f"SELECT '{k}' AS kind" for k in CertificationKind.values)

FACETS_SQL = f"""
WITH m AS MATERIALIZED (
    SELECT f.country, f.subdivision, f.chapter, f.size_class, f.export_status, f.verified,
           f.certs
    FROM {FTS} JOIN {FACET} f ON f.id = {FTS}.rowid WHERE {FTS} MATCH %s
)
SELECT 'country', country, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'subdivision', subdivision, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'hs_chapter', chapter, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'size_class', size_class, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'export_status', export_status, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'verified', verified, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'certification', k.kind, count(*)
    FROM m JOIN ({_CERT_VALUES}) k ON instr(m.certs, ' ' || k.kind || ' ') > 0 GROUP BY 2
"""

_TAG_FACETS = {  # tag prefix -> facet, for counting from the vocabulary
    "c": "country", "s": "subdivision", "h": "hs_chapter", "z": "size_class",
    "e": "export_status", "k": "certification", "v": "verified",
}


def _facets(cursor, node: Node | None, filters: SearchFilters, match: str
            ) -> dict[str, dict[str, int]]:
    if node is None and not filters.active:
        return _facets_from_vocabulary(cursor)
    cursor.execute(FACETS_SQL, [match])
    facets: dict[str, dict[str, int]] = {}
    for facet, value, count in cursor.fetchall():
        facets.setdefault(facet, {})[str(value)] = count
    facets.setdefault("country", {})
    return facets


def _facets_from_vocabulary(cursor) -> dict[str, dict[str, int]]:
    """Counts over the whole gallery: the document count of each facet token, no scan."""
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
