"""Gallery search at 100k products: server time beside raw FTS time and a bare request.

    .venv/bin/python bench/gallery.py [--products 100000] [--enterprises 20000] [--queries 200]
                                      [--database PATH] [--postgres postgres://…]

Seeds a temporary SQLite database with `etalase seed_demo` (or reuses `--database`, seeded
when empty), runs 200 varied queries (one word, two words, other languages, typos, with
facets, other sorts, later pages) through the whole Django stack, and prints p50/p95 of

  * server   — GET /gallery/?… through Django's handler (middleware, search, template),
  * raw FTS  — the one ranked full-text statement of the same query (MATCH + bm25 / ts_rank),
  * bare     — GET of a view that returns "ok" (the cost of any request),

the ratio server / (raw + bare), and the gallery page weight (HTML + CSS + JS, gzip). With
`--postgres URL` (an empty database it may fill) the same runs on PostgreSQL. `--cpu` times
with the process's CPU clock: on a machine busy with other work the wall clock measures
the queue for the CPU too.
Then the product page and the enterprise storefront of 200 random public products, each
cold, beside the primary-key lookup of the product's row.
Budgets (issue 4): p95 ≤ 30 ms, ≤ 3 × (raw FTS + bare request), page ≤ 60 KB; design §5:
product / enterprise page p95 ≤ 15 ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE_WORD = [
    "kakao", "cocoa", "cacao", "kopi", "coffee", "kape", "seaweed", "copra", "kelapa", "niyog",
    "coconut", "rotan", "rattan", "yantok", "madu", "honey", "pulot", "vanili", "vanilla",
    "cengkih", "cloves", "lada", "pepper", "paminta", "jahe", "ginger", "luya", "kunyit",
    "turmeric", "batik", "banig", "tikar", "mangga", "mango", "pisang", "saging", "nanas",
    "pinya", "udang", "shrimp", "hipon", "teripang", "gamat", "charcoal", "arang", "furniture",
    "mebel", "kasoy", "cashew", "gajus", "nutmeg", "pala", "cinnamon", "kanela", "ikan",
    "dilis", "bilis", "teri", "anchovy", "sugar", "gula", "kerajinan", "handicraft", "organik",
]
TWO_WORDS = [
    "rumput laut", "biji kakao", "kopi sangrai", "minyak kelapa", "coconut oil", "gula aren",
    "palm sugar", "ikan asin", "dried fish", "kayu manis", "sarang burung", "bird nest",
    "damong dagat", "rumpai laut", "kain batik", "ukiran kayu", "wood carving", "jambu mete",
    "mangga kering", "dried mango", "udang beku", "frozen shrimp", "sea cucumber",
    "anyaman rotan", "kopi arabika", "cocoa beans", "kopi luwak", "tuyong dilis",
]
TYPOS = ["kakoa", "cofee", "seawed", "vanila", "cinamon", "rotam", "pineaple", "turmerik",
         "gingerr", "cashw"]
SUBDIVISIONS = ["ID-SA", "ID-ST", "ID-SN", "ID-SG", "ID-GO", "ID-KB", "ID-KT", "ID-KS", "ID-KI",
                "ID-KU", "ID-MA", "ID-MU", "ID-PA", "ID-PB", "MY-12", "MY-13", "MY-15", "PH-14",
                "PH-11", "PH-10", "BN-BM"]
OTHER_FILTERS = [{"country": "ID"}, {"country": "MY"}, {"country": "PH"}, {"country": "BN"},
                 {"certification": "halal"}, {"verified": "1"}, {"size_class": "micro"},
                 {"export_status": "exporting"}, {"hs_chapter": "09"}]


def queries(count: int, seed: int = 4) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    kinds = ["one", "one", "two", "two", "one+province", "two+province", "one+facet", "typo",
             "one+sort", "one+page2", "browse+province"]
    while len(out) < count:
        kind = kinds[len(out) % len(kinds)]
        params: dict[str, str] = {}
        if kind.startswith("one"):
            params["q"] = rng.choice(ONE_WORD)
        elif kind.startswith("two"):
            params["q"] = rng.choice(TWO_WORDS)
        elif kind == "typo":
            params["q"] = rng.choice(TYPOS)
        if "province" in kind:
            params["subdivision"] = rng.choice(SUBDIVISIONS)
        if kind == "one+facet":
            params.update(rng.choice(OTHER_FILTERS))
        if kind == "one+sort":
            params["sort"] = rng.choice(["newest", "name"])
        if kind == "one+page2":
            params["page"] = "2"
        out.append(params)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- The measuring process (one per database) ------------------------------------------------


def worker(args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["ETALASE_DEV"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "etalase.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))

    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = "gallery_urls"
    from django.core.management import call_command, get_commands
    from django.db import connection
    from django.test import Client

    from etalase.catalog import search
    from etalase.catalog.models import Product
    from etalase.catalog.search import synonyms
    from etalase.catalog.search.query import build_plan, simplify
    from etalase.catalog.search.types import SearchFilters

    report: dict = {"vendor": connection.vendor, "clock": "CPU" if args.cpu else "wall"}
    if connection.vendor == "postgresql":
        # The server's cache decides whether a broad match reads its pages from memory.
        with connection.cursor() as cursor:
            cursor.execute("SHOW shared_buffers")
            report["server"] = f"shared_buffers {cursor.fetchone()[0]}"
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if search.install():  # an index of an older shape (a reused database): bring it up to date
        search.rebuild()
    report["migrate_s"] = round(time.perf_counter() - started, 1)
    if not Product.objects.exists():
        started = time.perf_counter()
        if "seed_demo" in get_commands():
            call_command("seed_demo", enterprises=args.enterprises, products=args.products,
                         seed=1, stdout=open(os.devnull, "w"))  # noqa: SIM115
        else:
            raise SystemExit("seed_demo is not available: nothing to measure")
        report["seed_s"] = round(time.perf_counter() - started, 1)
    report["products"] = Product.objects.count()
    report["indexed"] = search.popular_goods and _indexed(connection)

    client = Client()
    qs = queries(args.queries)
    engine = search.backend()

    clock = time.process_time if args.cpu else time.perf_counter

    def raw(params: dict[str, str]) -> float:
        plan = build_plan(params.get("q", ""), synonyms.index(), engine.count_terms)
        filters = SearchFilters.from_mapping(params)
        # The expression the search itself gives the engine (phrases that another
        # alternative covers left out).
        sql, sql_params = _raw_statement(engine, simplify(plan.node), filters)
        t0 = clock()
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            cursor.fetchall()
        return (clock() - t0) * 1000

    def server(params: dict[str, str]) -> tuple[float, int]:
        t0 = clock()
        response = client.get("/gallery/", params)
        elapsed = (clock() - t0) * 1000
        assert response.status_code == 200, response.status_code
        return elapsed, len(response.content)

    def bare() -> float:
        t0 = clock()
        client.get("/bench-bare/")
        return (clock() - t0) * 1000

    from django.core.cache import cache

    for params in qs[:20]:  # warm: connection, synonym list, templates, reference names
        server(params), raw(params), bare()
    # Warm: the same 200 queries again, the facet counts and popular goods now cached
    # (valid until the next write to the index).
    warm_ms = [server(params)[0] for params in qs]
    server_ms, raw_ms, bare_ms, by_kind = [], [], [], {}
    for params in qs:
        cache.clear()  # cold: every count computed anew, as after a write
        s, _size = server(params)
        server_ms.append(s)
        raw_ms.append(raw(params))
        bare_ms.append(bare())
        kind = ("typo" if params.get("q") in TYPOS else
                ("two words" if " " in params.get("q", "") else
                 ("browse" if not params.get("q") else "one word")))
        kind += " + facet" if len(params) > 1 and "sort" not in params and "page" not in params \
            else ""
        by_kind.setdefault(kind, []).append(s)

    report.update(_detail_pages(client, clock, connection))

    report["transfer"] = _transfer()
    html = client.get("/gallery/", {"q": "kakao", "subdivision": "ID-SA"}).content
    static = ROOT / "src" / "etalase" / "static" / "etalase"
    css = (static / "site.css").read_bytes() + (
        ROOT / "src/etalase/catalog/static/catalog/gallery.css").read_bytes()
    js = (static / "htmx.min.js").read_bytes()
    report.update({
        "server_p50": statistics.median(server_ms), "server_p95": pct(server_ms, 95),
        "warm_p50": statistics.median(warm_ms), "warm_p95": pct(warm_ms, 95),
        "raw_p50": statistics.median(raw_ms), "raw_p95": pct(raw_ms, 95),
        "bare_p50": statistics.median(bare_ms), "bare_p95": pct(bare_ms, 95),
        "by_kind": {k: (statistics.median(v), pct(v, 95), len(v)) for k, v in by_kind.items()},
        "html_gz": len(gzip.compress(html)), "css_gz": len(gzip.compress(css)),
        "js_gz": len(gzip.compress(js)), "html_raw": len(html),
    })
    print("REPORT " + json.dumps(report))


def _detail_pages(client, clock, connection, count: int = 200) -> dict:
    """Product pages and storefronts of `count` random public products (design §5: p95 ≤ 15
    ms), each fetched cold and timed beside the primary-key lookup of its row."""
    from django.core.cache import cache

    from etalase.catalog.links import product_url, storefront_url
    from etalase.catalog.models import Product

    ids = list(Product.objects.published().values_list("id", flat=True).order_by("id"))
    chosen = random.Random(7).sample(ids, min(count, len(ids)))
    products = Product.objects.select_related("enterprise").in_bulk(chosen)
    times: dict[str, list[float]] = {"product": [], "storefront": [], "pk_lookup": []}
    for number, pk in enumerate(chosen):
        product = products[pk]
        for kind, url in (("product", product_url(product)),
                          ("storefront", storefront_url(product.enterprise))):
            cache.clear()
            t0 = clock()
            response = client.get(url)
            elapsed = (clock() - t0) * 1000
            assert response.status_code == 200, (url, response.status_code)
            if number >= 10:  # the first few warm templates and connections
                times[kind].append(elapsed)
        t0 = clock()
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product WHERE id = %s", [pk])
            cursor.fetchall()
        times["pk_lookup"].append((clock() - t0) * 1000)
    return {f"{kind}_p{p}": (statistics.median(v) if p == 50 else pct(v, p))
            for kind, v in times.items() for p in (50, 95)}


def _transfer() -> dict:
    """Bytes sent for a first visit of home, search, product and storefront (bench/transfer.py),
    the whole site's URLconf served over a socket as under `make run`."""
    from django.conf import settings
    from django.urls import clear_url_caches
    from transfer import measure_site

    from etalase.catalog.links import product_url, storefront_url
    from etalase.catalog.models import Product

    product = Product.objects.published().select_related("enterprise").order_by("id").first()
    paths = {"home": "/", "search": "/gallery/?q=kopi", "product": product_url(product),
             "storefront": storefront_url(product.enterprise)}
    settings.ROOT_URLCONF, previous = "etalase.urls", settings.ROOT_URLCONF
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    clear_url_caches()
    try:
        pages, floor = measure_site(paths, "/robots.txt")
    finally:
        settings.ROOT_URLCONF = previous
        clear_url_caches()
    return {"pages": pages, "floor": floor}


def _indexed(connection) -> int:
    from etalase.catalog.search import postgres_fts, sqlite_fts

    table = sqlite_fts.FTS if connection.vendor == "sqlite" else postgres_fts.TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def _raw_statement(engine, node, filters):
    """The single ranked statement a search runs, without facets, counts or Django."""
    if engine.__name__.endswith("sqlite_fts"):
        match = engine.match_expression(node, filters)
        order = "ORDER BY rank" if node is not None else "ORDER BY rowid DESC"
        return (f"SELECT rowid FROM {engine.FTS} WHERE {engine.FTS} MATCH %s {order} LIMIT 24",
                [match])
    where, params = engine._where(node, filters)
    if node is None:
        return (f"SELECT product_id FROM {engine.TABLE} WHERE {where} "
                "ORDER BY product_id DESC LIMIT 24", params)
    return (f"SELECT product_id FROM {engine.TABLE} WHERE {where} ORDER BY "
            "ts_rank(document, to_tsquery('simple', %s)) DESC LIMIT 24",
            [*params, engine.render(node)])


# --- The driver ----------------------------------------------------------------------------------


def run(database_url: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--worker", "--database-url", database_url,
               "--products", str(args.products), "--enterprises", str(args.enterprises),
               "--queries", str(args.queries)] + (["--cpu"] if args.cpu else [])
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("REPORT "):
            return json.loads(line[len("REPORT "):])
    sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
    raise SystemExit(f"the {database_url.split(':')[0]} run failed")


def show(report: dict) -> None:
    name = report["vendor"]
    print(f"\n== {name}: {report['products']:,} products ({report['indexed']:,} public, indexed)"
          + (f", seeded in {report['seed_s']} s" if "seed_s" in report else "")
          + (f"; server {report['server']}" if "server" in report else ""))
    print(f"{report['clock'] + ' time':14}{'p50 ms':>9}{'p95 ms':>9}")
    for label, key in (("server (cold)", "server"), ("server (warm)", "warm"),
                       ("raw FTS", "raw"), ("bare request", "bare")):
        print(f"{label:14}{report[key + '_p50']:9.2f}{report[key + '_p95']:9.2f}")
    for label, (p50, p95, n) in sorted(report["by_kind"].items()):
        print(f"  {label:24}{p50:9.2f}{p95:9.2f}   ({n} queries)")
    ratio50 = report["server_p50"] / (report["raw_p50"] + report["bare_p50"])
    ratio95 = report["server_p95"] / (report["raw_p95"] + report["bare_p95"])
    print(f"server / (raw + bare): p50 {ratio50:.1f}×, p95 {ratio95:.1f}×   (budget ≤ 3×)")
    verdict = "within" if report["server_p95"] <= 30 else "OVER"
    print(f"server p95 {report['server_p95']:.1f} ms (cold): {verdict} the 30 ms budget")
    for label, key in (("product page", "product"), ("storefront", "storefront"),
                       ("pk lookup", "pk_lookup")):
        print(f"{label:14}{report[key + '_p50']:9.2f}{report[key + '_p95']:9.2f}"
              + ("" if key == "pk_lookup" else
                 f"   (budget p95 ≤ 15 ms: {'ok' if report[key + '_p95'] <= 15 else 'OVER'})"))
    total = report["html_gz"] + report["css_gz"] + report["js_gz"]
    print(f"page weight (gzip): HTML {report['html_gz'] / 1024:.1f} KB + CSS "
          f"{report['css_gz'] / 1024:.1f} KB + JS {report['js_gz'] / 1024:.1f} KB = "
          f"{total / 1024:.1f} KB (budget ≤ 60 KB; HTML uncompressed "
          f"{report['html_raw'] / 1024:.1f} KB)")
    if "transfer" in report:
        from transfer import show as show_transfer

        show_transfer(report["transfer"]["pages"], report["transfer"]["floor"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database", help="SQLite file to reuse (seeded when empty)")
    parser.add_argument("--postgres-only", action="store_true", help="skip the SQLite run")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""),
                        help="also run on this (empty or reusable) PostgreSQL database")
    parser.add_argument("--cpu", action="store_true",
                        help="time with the process's CPU clock instead of the wall clock "
                             "(a fair figure on a machine busy with other work; PostgreSQL's "
                             "own work is then not counted)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    database = args.database or str(Path(tempfile.mkdtemp(prefix="etalase-bench-")) / "g.db")
    if not args.postgres_only:
        print(f"SQLite database: {database}")
        show(run(f"sqlite:///{database}", args))
    if args.postgres:
        show(run(args.postgres, args))
    else:
        print("\n(PostgreSQL: pass --postgres postgres://user@host:port/db to measure it too.)")


if __name__ == "__main__":
    main()
