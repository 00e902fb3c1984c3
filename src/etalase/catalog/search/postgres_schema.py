# ruff: noqa: S608 - SQL text is built from this module's constants only; every value
# that comes from a request is passed as a query parameter.
"""PostgreSQL index of the search module: a tsvector table of public products with GIN
indexes, its triggers, install and rebuild (the queries are in `postgres_fts`).

Table `catalog_productsearch` (one row per public product): `document` is a weighted
tsvector (A name and translations, B enterprise and place, C HS names in the four
languages, D descriptions) built with the `simple` configuration over `etalase_fold`
(lower case, accents removed by `unaccent` when the extension can be created, every
non-alphanumeric character a space — the same tokens as `text.tokenize` in Python).
`name_document` holds the names alone (the weight-A part, which GIN cannot pick out of
`document`), with its own GIN index. Facet values are plain columns, filtered in the WHERE
clause next to the GIN match.

Statement-level triggers with transition tables refresh the rows a write touched, so a
bulk insert of 100k products costs one refresh, not 100k. `catalog_searchvocab` holds
every indexed word, for typo correction.

The statements are plain SQL (`to_tsquery`, `ts_rank`), what Django's SearchQuery and
SearchRank compile to: the index is not a Django model, so that `makemigrations` sees
the same models on both databases.
"""

from __future__ import annotations

from django.db import connection

from etalase.enterprises.models import PUBLIC_CONSENTS

TABLE = "catalog_productsearch"
VOCAB = "catalog_searchvocab"
# Drawn on every change of the index; cached figures are keyed by its last value. A
# sequence never rolls back nor repeats, so a key is never reused for other data.
VERSION = "catalog_search_version"
_BUMP = f"PERFORM nextval('{VERSION}');"
_CONSENTS = ", ".join(f"'{c}'" for c in PUBLIC_CONSENTS)
_HS = "(p.hs_code_id, left(p.hs_code_id, 4), left(p.hs_code_id, 2))"


def _vector(text_sql: str, weight: str) -> str:
    return f"setweight(to_tsvector('simple', etalase_fold({text_sql})), '{weight}')"


_TRANSLATED = (
    "coalesce((SELECT string_agg(t.{field}, ' ') FROM catalog_producttranslation t "
    "WHERE t.product_id = p.id), '')"
)
# The names' vector is made once (LATERAL) for both columns: weight A of `document`, and
# `name_document` as it is.
DOC_SELECT = f"""
SELECT p.id,
  setweight(n.names, 'A')
  || {_vector("e.legal_name || ' ' || e.trade_name || ' ' || e.regency || ' ' "
              "|| coalesce(a.name, '') || ' ' || coalesce(s.name, '')", "B")}
  || {_vector(f'''coalesce((SELECT string_agg(u.x, ' ') FROM (
        SELECT h.description AS x FROM catalog_hscode h WHERE h.code IN {_HS}
        UNION ALL SELECT ht.name FROM catalog_hscodetranslation ht
        WHERE ht.hs_code_id IN {_HS}) u), '')''', "C")}
  || {_vector("p.description || ' ' || " + _TRANSLATED.format(field="description"), "D")},
  e.country_id, e.subdivision_id, s.parent_id, coalesce(left(p.hs_code_id, 2), ''),
  coalesce(p.hs_code_id, ''),
  e.size_class, e.export_status, e.verified_at IS NOT NULL,
  ARRAY(SELECT DISTINCT c.kind::text FROM enterprises_certification c
        WHERE c.enterprise_id = e.id AND (c.valid_until IS NULL OR c.valid_until >= current_date)),
  lower(p.name), p.enterprise_id, n.names, e.area_id
FROM catalog_product p
JOIN enterprises_enterprise e ON e.id = p.enterprise_id
LEFT JOIN regions_subdivision s ON s.code = e.subdivision_id
LEFT JOIN regions_area a ON a.code = e.area_id
CROSS JOIN LATERAL (SELECT to_tsvector('simple', etalase_fold(
  p.name || ' ' || {_TRANSLATED.format(field="name")})) AS names) n
WHERE p.is_published AND e.is_published AND e.consent IN ({_CONSENTS})
"""
_COLUMNS = (
    "product_id, document, country, subdivision, region, chapter, hs, size_class, "
    "export_status, verified, certs, sort_name, enterprise_id, name_document, area"
)

CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        product_id bigint PRIMARY KEY,
        document tsvector NOT NULL,
        country varchar(2) NOT NULL,
        subdivision varchar(10) NOT NULL,
        region varchar(10),
        chapter varchar(2) NOT NULL,
        hs varchar(6) NOT NULL,
        size_class varchar(10) NOT NULL,
        export_status varchar(12) NOT NULL,
        verified boolean NOT NULL,
        certs text[] NOT NULL,
        sort_name text NOT NULL,
        enterprise_id bigint NOT NULL
    )""",
    # The name (and its translations) alone, with its own GIN index: the weight-A part of
    # `document`, which the document's index cannot answer (GIN keeps no weights, so a
    # name-only match rechecked every document of its words: ~55 ms for a two-word request
    # at 100k products, ~4 ms here). Added to an index of an older shape by `install`.
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS name_document tsvector",
    # The enterprise's second-level area (issue 13): a filter of the gallery and the counts
    # of a province's page. Added to an older index by `install`, which then refills it.
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS area varchar(24)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_area ON {TABLE} (area)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_subdivision_area ON {TABLE} (subdivision, area)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_document ON {TABLE} USING gin (document)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_name ON {TABLE} USING gin (name_document)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_subdivision ON {TABLE} (subdivision)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_region ON {TABLE} (region)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_country ON {TABLE} (country)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_enterprise ON {TABLE} (enterprise_id)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_sort_name ON {TABLE} (sort_name, product_id)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_hs ON {TABLE} (hs)",
    f"CREATE TABLE IF NOT EXISTS {VOCAB} (term text PRIMARY KEY)",
    f"CREATE SEQUENCE IF NOT EXISTS {VERSION}",
    f"""CREATE OR REPLACE FUNCTION catalog_search_refresh(ids bigint[]) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
        {_BUMP}
        DELETE FROM {TABLE} WHERE product_id = ANY(ids);
        INSERT INTO {TABLE} ({_COLUMNS}) {DOC_SELECT} AND p.id = ANY(ids);
        INSERT INTO {VOCAB} (term)
            SELECT DISTINCT v.lexeme FROM {TABLE} d, unnest(d.document) v
            WHERE d.product_id = ANY(ids)
            ON CONFLICT DO NOTHING;
    END $$""",
]

_ENTERPRISE_COLUMNS = (
    "legal_name", "trade_name", "regency", "area_id", "country_id", "subdivision_id",
    "size_class", "export_status", "verified_at", "is_published", "consent",
)
_HS_PRODUCTS = ("SELECT p.id FROM catalog_product p, {rows} r "
                "WHERE left(p.hs_code_id, length(r.{col})) = r.{col}")

# name -> (table, events, body using transition tables old_rows / new_rows)
_TRIGGERS: dict[str, tuple[str, str, str]] = {
    "product_ins": ("catalog_product", "INSERT",
                    "PERFORM catalog_search_refresh(ARRAY(SELECT id FROM new_rows));"),
    "product_upd": ("catalog_product", "UPDATE",
                    f"DELETE FROM {TABLE} WHERE product_id IN (SELECT id FROM old_rows);"
                    "PERFORM catalog_search_refresh(ARRAY(SELECT id FROM new_rows));"),
    "product_del": ("catalog_product", "DELETE",
                    f"DELETE FROM {TABLE} WHERE product_id IN (SELECT id FROM old_rows);{_BUMP}"),
    "translation_ins": ("catalog_producttranslation", "INSERT",
                        "PERFORM catalog_search_refresh(ARRAY(SELECT product_id FROM new_rows));"),
    "translation_upd": ("catalog_producttranslation", "UPDATE",
                        "PERFORM catalog_search_refresh(ARRAY(SELECT product_id FROM new_rows "
                        "UNION SELECT product_id FROM old_rows));"),
    "translation_del": ("catalog_producttranslation", "DELETE",
                        "PERFORM catalog_search_refresh(ARRAY(SELECT product_id FROM old_rows));"),
    "enterprise_upd": ("enterprises_enterprise", "UPDATE",
                       "PERFORM catalog_search_refresh(ARRAY(SELECT p.id FROM catalog_product p "
                       "JOIN new_rows n ON n.id = p.enterprise_id JOIN old_rows o ON o.id = n.id "
                       "WHERE (" + ", ".join(f"o.{c}" for c in _ENTERPRISE_COLUMNS) + ") "
                       "IS DISTINCT FROM (" + ", ".join(f"n.{c}" for c in _ENTERPRISE_COLUMNS)
                       + ")));"),
    "certification_ins": ("enterprises_certification", "INSERT",
                          "PERFORM catalog_search_refresh(ARRAY(SELECT p.id FROM catalog_product p "
                          "WHERE p.enterprise_id IN (SELECT enterprise_id FROM new_rows)));"),
    "certification_upd": ("enterprises_certification", "UPDATE",
                          "PERFORM catalog_search_refresh(ARRAY(SELECT p.id FROM catalog_product p "
                          "WHERE p.enterprise_id IN (SELECT enterprise_id FROM new_rows "
                          "UNION SELECT enterprise_id FROM old_rows)));"),
    "certification_del": ("enterprises_certification", "DELETE",
                          "PERFORM catalog_search_refresh(ARRAY(SELECT p.id FROM catalog_product p "
                          "WHERE p.enterprise_id IN (SELECT enterprise_id FROM old_rows)));"),
    "hsname_ins": ("catalog_hscodetranslation", "INSERT",
                   "PERFORM catalog_search_refresh(ARRAY("
                   + _HS_PRODUCTS.format(rows="new_rows", col="hs_code_id") + "));"),
    "hsname_upd": ("catalog_hscodetranslation", "UPDATE",
                   "PERFORM catalog_search_refresh(ARRAY("
                   + _HS_PRODUCTS.format(rows="new_rows", col="hs_code_id") + "));"),
    "hsname_del": ("catalog_hscodetranslation", "DELETE",
                   "PERFORM catalog_search_refresh(ARRAY("
                   + _HS_PRODUCTS.format(rows="old_rows", col="hs_code_id") + "));"),
    "hscode_upd": ("catalog_hscode", "UPDATE",
                   "PERFORM catalog_search_refresh(ARRAY("
                   + _HS_PRODUCTS.format(rows="new_rows", col="code") + "));"),
}


def _trigger_sql(name: str, table: str, event: str, body: str) -> list[str]:
    transitions = {
        "INSERT": "REFERENCING NEW TABLE AS new_rows",
        "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "REFERENCING OLD TABLE AS old_rows",
    }[event]
    function = f"catalog_search_t_{name}"
    return [
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {body} RETURN NULL; END $$""",
        f"DROP TRIGGER IF EXISTS {function} ON {table}",
        f"CREATE TRIGGER {function} AFTER {event} ON {table} {transitions} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


# TRUNCATE fires no DELETE trigger (Django's test flush truncates): empty the index too.
_TRUNCATE_TABLES = ("catalog_product", "enterprises_enterprise")
_TRUNCATE_SQL = [
    f"""CREATE OR REPLACE FUNCTION catalog_search_t_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN TRUNCATE {TABLE}; {_BUMP} RETURN NULL; END $$""",
    *(statement for table in _TRUNCATE_TABLES for statement in (
        f"DROP TRIGGER IF EXISTS catalog_search_t_truncate ON {table}",
        f"CREATE TRIGGER catalog_search_t_truncate AFTER TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_t_truncate()",
    )),
]


def _create_fold(cursor) -> None:
    """`etalase_fold(text)`: unaccent when the extension is there, else lower case only."""
    cursor.execute("SAVEPOINT etalase_unaccent")
    try:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("RELEASE SAVEPOINT etalase_unaccent")
        inner = "unaccent('unaccent'::regdictionary, coalesce(t, ''))"
    except Exception:  # no extension (a managed database): accents stay in the index
        cursor.execute("ROLLBACK TO SAVEPOINT etalase_unaccent")
        inner = "coalesce(t, '')"
    cursor.execute(
        "CREATE OR REPLACE FUNCTION etalase_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE "
        f"PARALLEL SAFE AS $$ SELECT regexp_replace(lower({inner}), '[^[:alnum:]]+', ' ', 'g') $$"
    )


def _ready(cursor) -> bool:
    """Whether the tables the index reads have their present shape: not yet while the
    migrations that make them are still to run (a new database: catalog's 0004 runs before
    the areas exist); `on_post_migrate` installs and fills the index once they have run."""
    cursor.execute(
        "SELECT to_regclass('regions_area') IS NOT NULL AND EXISTS (SELECT 1 FROM "
        "information_schema.columns WHERE table_name = 'enterprises_enterprise' "
        "AND column_name = 'area_id' AND table_schema = current_schema())"
    )
    return bool(cursor.fetchone()[0])


def install(cursor) -> bool:
    """Create what is missing; True when the index must be (re)filled (new, or of an older
    shape: without `name_document` or `area`). Nothing is made before the tables it reads
    are ready (see `_ready`)."""
    if not _ready(cursor):
        return False
    cursor.execute(
        "SELECT to_regclass(%s) IS NULL OR (SELECT count(*) FROM information_schema.columns "
        "WHERE table_name = %s AND column_name IN ('name_document', 'area') "
        "AND table_schema = current_schema()) < 2",
        [TABLE, TABLE],
    )
    missing = cursor.fetchone()[0]
    _create_fold(cursor)
    for statement in CREATE:
        cursor.execute(statement)
    for name, (table, event, body) in _TRIGGERS.items():
        for statement in _trigger_sql(name, table, event, body):
            cursor.execute(statement)
    for statement in _TRUNCATE_SQL:
        cursor.execute(statement)
    return bool(missing)


def uninstall(cursor) -> None:
    for name, (table, _event, _body) in _TRIGGERS.items():
        cursor.execute(f"DROP TRIGGER IF EXISTS catalog_search_t_{name} ON {table}")
        cursor.execute(f"DROP FUNCTION IF EXISTS catalog_search_t_{name}()")
    for table in _TRUNCATE_TABLES:
        cursor.execute(f"DROP TRIGGER IF EXISTS catalog_search_t_truncate ON {table}")
    cursor.execute("DROP FUNCTION IF EXISTS catalog_search_t_truncate()")
    cursor.execute("DROP FUNCTION IF EXISTS catalog_search_refresh(bigint[])")
    cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    cursor.execute(f"DROP TABLE IF EXISTS {VOCAB}")
    cursor.execute(f"DROP SEQUENCE IF EXISTS {VERSION}")
    _version_seen.discard(str(connection.settings_dict.get("NAME")))


def rebuild(cursor) -> int:
    if not _ready(cursor):
        return 0
    cursor.execute(f"TRUNCATE {TABLE}")
    cursor.execute(f"SELECT nextval('{VERSION}')")
    cursor.execute(f"INSERT INTO {TABLE} ({_COLUMNS}) {DOC_SELECT}")
    cursor.execute(f"TRUNCATE {VOCAB}")
    cursor.execute(
        f"INSERT INTO {VOCAB} (term) SELECT DISTINCT v.lexeme FROM {TABLE} d, unnest(d.document) v"
    )
    cursor.execute(f"ANALYZE {TABLE}")
    cursor.execute(f"SELECT count(*) FROM {TABLE}")
    return cursor.fetchone()[0]


# Databases (by name) whose version sequence this process has seen: a search asks for the
# version up to three times, and the sequence, once made, stays until `uninstall`.
_version_seen: set[str] = set()


def data_version() -> str | None:
    """The index's version (see VERSION), None before the index exists."""
    name = str(connection.settings_dict.get("NAME"))
    with connection.cursor() as cursor:
        if name not in _version_seen:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [VERSION])
            if not cursor.fetchone()[0]:
                return None
            _version_seen.add(name)
        cursor.execute(f"SELECT last_value, is_called FROM {VERSION}")
        value, called = cursor.fetchone()
    return f"{value}:{called}"
