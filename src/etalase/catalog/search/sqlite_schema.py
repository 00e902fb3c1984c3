# ruff: noqa: S608 - SQL text is built from this module's constants only; every value
# that comes from a request is passed as a query parameter.
"""SQLite FTS5 index of public products: its tables, its triggers, install and rebuild.

* `catalog_product_fts` (FTS5, rowid = product id) — indexed text only: `name` (name and
  translations), `enterprise` (names, city as written and as the official area, province),
  `hs_text` (HS descriptions of
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

from django.db import connection

from etalase.enterprises.models import PUBLIC_CONSENTS

SCHEMA_VERSION = "6"  # 6: the enterprise's area (column, tag, name in the text)
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
LEFT JOIN regions_area a ON a.code = e.area_id
WHERE p.is_published AND e.is_published AND e.consent IN ({_CONSENTS}) AND {{where}}
"""

# An area code as a tag's word: "ID-71.02" -> "id7102" (the characters an area code may hold
# besides letters and digits, see types.AREA_CODE, are dropped, as `area_tag` does).
AREA_TAG_SQL = "lower(replace(replace(e.area_id, '-', ''), '.', ''))"


def area_tag(code: str) -> str:
    """The tag word of an area code, as AREA_TAG_SQL writes it into the index."""
    return TAG + "a" + code.replace("-", "").replace(".", "").lower()


# The text of each public product. `{where}` narrows it to the rows a trigger refreshes.
TEXT_SELECT = f"""
SELECT p.id,
  p.name || coalesce(' ' || (SELECT group_concat(t.name, ' ')
      FROM catalog_producttranslation t WHERE t.product_id = p.id), ''),
  e.legal_name || ' ' || e.trade_name || ' ' || e.regency || ' ' || coalesce(a.name, '')
    || ' ' || coalesce(s.name, ''),
  coalesce((SELECT group_concat(x, ' ') FROM (
      SELECT h.description AS x FROM catalog_hscode h WHERE h.code IN {_HS_CODES}
      UNION ALL
      SELECT ht.name FROM catalog_hscodetranslation ht WHERE ht.hs_code_id IN {_HS_CODES})), ''),
  p.description || coalesce(' ' || (SELECT group_concat(t.description, ' ')
      FROM catalog_producttranslation t WHERE t.product_id = p.id), ''),
  '{TAG}all {TAG}c' || lower(e.country_id)
    || ' {TAG}s' || lower(replace(e.subdivision_id, '-', ''))
    || coalesce(' {TAG}r' || lower(replace(s.parent_id, '-', '')), '')
    || coalesce(' {TAG}a' || {AREA_TAG_SQL}, '')
    || coalesce(' {TAG}h' || substr(p.hs_code_id, 1, 2) || ' {TAG}p' || p.hs_code_id, '')
    || CASE WHEN e.size_class <> '' THEN ' {TAG}z' || e.size_class ELSE '' END
    || ' {TAG}e' || replace(e.export_status, '_', '')
    || CASE WHEN e.verified_at IS NOT NULL THEN ' {TAG}v' ELSE '' END
    || coalesce(' ' || (SELECT group_concat(k, ' ') FROM (
        SELECT DISTINCT '{TAG}k' || replace(c.kind, '_', '') AS k {_VALID_CERTS})), '')
{_FROM}"""
TEXT_COLUMNS_INSERT = "rowid, name, enterprise, hs_text, body, tags"

_CERTS = (f"' ' || coalesce((SELECT group_concat(kind, ' ') FROM (SELECT DISTINCT c.kind "
          f"{_VALID_CERTS})), '') || ' '")
_VERIFIED = "CASE WHEN e.verified_at IS NOT NULL THEN 1 ELSE 0 END"
# A product without an HS code (kept unpublished by intake until one is chosen) is never
# indexed; should one be published, its chapter is empty rather than NULL (a NULL would
# fail the facet table's NOT NULL and with it the write that published the product).
_CHAPTER = "coalesce(substr(p.hs_code_id, 1, 2), '')"
FACET_SELECT = f"""
SELECT p.id, e.country_id, e.subdivision_id, s.parent_id, {_CHAPTER},
  coalesce(p.hs_code_id, ''), e.size_class, e.export_status, {_VERIFIED}, {_CERTS},
  lower(p.name), p.enterprise_id,
  e.country_id || '|' || e.subdivision_id || '|' || {_CHAPTER} || '|'
    || e.size_class || '|' || e.export_status || '|' || {_VERIFIED} || '|' || {_CERTS},
  e.area_id
{_FROM}"""
# `fkey` holds all facet values of a product in one text ("ID|ID-SA|18|micro|ready|1|
#  halal organic "): counting facets groups by this one column (measured 2–3× faster
# than by seven).
FACET_COLUMNS = (
    "id, country, subdivision, region, chapter, hs, size_class, export_status, verified, "
    "certs, sort_name, enterprise_id, fkey, area"
)

# Every change draws a new random version: cached figures (popular goods, whole-gallery
# facets) are keyed by it. Random rather than a counter: a rolled-back write restores the
# old value, and a counter would then hand out the same number again for other data.
_BUMP = f"UPDATE {META} SET value = lower(hex(randomblob(8))) WHERE key = 'version';"


def _insert(where: str) -> str:
    return (f"INSERT INTO {FTS}({TEXT_COLUMNS_INSERT}) {TEXT_SELECT.format(where=where)};"
            f"INSERT INTO {FACET}({FACET_COLUMNS}) {FACET_SELECT.format(where=where)};{_BUMP}")


def _delete(ids_sql: str) -> str:
    return (f"DELETE FROM {FTS} WHERE rowid IN ({ids_sql});"
            f"DELETE FROM {FACET} WHERE id IN ({ids_sql});{_BUMP}")


def _refresh(where: str) -> str:
    """Re-index the products that `where` (over catalog_product p) selects."""
    return _delete(f"SELECT p.id FROM catalog_product p WHERE {where}") + _insert(where)


def _hs_range(code: str) -> str:
    # Products under an HS code or its heading/chapter: a range scan on the hs_code index.
    return f"(p.hs_code_id >= {code} AND p.hs_code_id < {code} || ':')"


def _has_products(enterprise_id: str) -> str:
    # Any product, published or not: the refresh itself applies the publication rule.
    return f"EXISTS (SELECT 1 FROM catalog_product WHERE enterprise_id = {enterprise_id})"


_ENTERPRISE_COLUMNS = (
    "legal_name", "trade_name", "regency", "area_id", "country_id", "subdivision_id",
    "size_class", "export_status", "verified_at", "is_published", "consent",
)
_ENTERPRISE_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _ENTERPRISE_COLUMNS)
_PRODUCT_COLUMNS = ("name", "description", "hs_code_id", "is_published", "enterprise_id")
_PRODUCT_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _PRODUCT_COLUMNS)

# A new product that is not public (unpublished, or of an enterprise whose consent is pending
# or not published, as most of an import's products are) has nothing to index: the insert
# trigger skips it instead of running both SELECTs for nothing (~70 µs a row of an import).
_PUBLIC_NEW_PRODUCT = (
    "NEW.is_published AND EXISTS (SELECT 1 FROM enterprises_enterprise e "
    f"WHERE e.id = NEW.enterprise_id AND e.is_published AND e.consent IN ({_CONSENTS}))"
)

TRIGGERS: dict[str, str] = {
    "catalog_search_product_ins": f"""AFTER INSERT ON catalog_product
        WHEN {_PUBLIC_NEW_PRODUCT} BEGIN
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
    # An enterprise without products has nothing in the index: an import registering
    # thousands of new enterprises with their certifications skips the refresh (4x the
    # cost of the insert itself, measured) instead of deleting and selecting nothing.
    "catalog_search_certification_ins": f"""AFTER INSERT ON enterprises_certification
        WHEN {_has_products("NEW.enterprise_id")} BEGIN
        {_refresh("p.enterprise_id = NEW.enterprise_id")} END""",
    "catalog_search_certification_upd": f"""AFTER UPDATE ON enterprises_certification
        WHEN {_has_products("OLD.enterprise_id")} OR {_has_products("NEW.enterprise_id")} BEGIN
        {_refresh("p.enterprise_id IN (OLD.enterprise_id, NEW.enterprise_id)")} END""",
    "catalog_search_certification_del": f"""AFTER DELETE ON enterprises_certification
        WHEN {_has_products("OLD.enterprise_id")} BEGIN
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
        sort_name TEXT NOT NULL, enterprise_id INTEGER NOT NULL, fkey TEXT NOT NULL,
        area TEXT)""",
    f"CREATE INDEX IF NOT EXISTS {FACET}_country ON {FACET} (country)",
    f"CREATE INDEX IF NOT EXISTS {FACET}_subdivision ON {FACET} (subdivision)",
    f"CREATE INDEX IF NOT EXISTS {FACET}_region ON {FACET} (region)",
    # Browsing one area (gallery ?area=), and counting a province's products per area
    # (its page) from the index alone.
    f"CREATE INDEX IF NOT EXISTS {FACET}_area ON {FACET} (area)",
    f"CREATE INDEX IF NOT EXISTS {FACET}_subdivision_area ON {FACET} (subdivision, area)",
    f"CREATE INDEX IF NOT EXISTS {FACET}_chapter ON {FACET} (chapter)",
    f"CREATE INDEX IF NOT EXISTS {FACET}_sort_name ON {FACET} (sort_name, id)",
    f"CREATE TABLE IF NOT EXISTS {META} (key TEXT PRIMARY KEY, value NOT NULL)",
    f"INSERT OR IGNORE INTO {META} (key, value) VALUES ('version', lower(hex(randomblob(8))))",
]


def _schema_version(cursor) -> str | None:
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [META])
    if not cursor.fetchone()[0]:
        return None
    cursor.execute(f"SELECT value FROM {META} WHERE key = 'schema'")
    row = cursor.fetchone()
    return row[0] if row else None


def _ready(cursor) -> bool:
    """Whether the tables the index reads have their present shape. Not yet while the
    migrations that make them are still to run (a new database: catalog's 0004 runs before
    the areas exist); `on_post_migrate` installs and fills the index once they have run."""
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = %s",
                   ["regions_area"])
    if not cursor.fetchone()[0]:
        return False
    cursor.execute("SELECT count(*) FROM pragma_table_info('enterprises_enterprise') "
                   "WHERE name = 'area_id'")
    return bool(cursor.fetchone()[0])


def install(cursor) -> bool:
    """Create what is missing; True when the index must be (re)filled. Nothing is made
    before the tables it reads are ready (see `_ready`)."""
    if not _ready(cursor):
        return False
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
    if not _ready(cursor):
        return 0
    cursor.execute(f"DELETE FROM {FTS}")
    cursor.execute(f"DELETE FROM {FACET}")
    cursor.execute(f"INSERT INTO {FTS}({TEXT_COLUMNS_INSERT}) {TEXT_SELECT.format(where='1')}")
    cursor.execute(f"INSERT INTO {FACET}({FACET_COLUMNS}) {FACET_SELECT.format(where='1')}")
    cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
    cursor.execute(_BUMP)
    cursor.execute(f"SELECT count(*) FROM {FACET}")
    return cursor.fetchone()[0]


def data_version() -> str | None:
    """A value that changes with every write to the index (None: unknown, do not cache)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {META} WHERE key = 'version'")
        row = cursor.fetchone()
    return str(row[0]) if row else None
