"""Sustained load on the public pages through gunicorn on loopback (≥ 300 req/s, 0 errors, 5 min).

    .venv/bin/python bench/load.py [--database FILE] [--duration 300] [--threads 2]
                                   [--connections 16] [--generator auto|wrk|python]

Uses a seeded SQLite file (`--database`, a copy: the bench migrates it) or seeds a fresh one
into a temporary folder (`etalase migrate`, then `etalase seed_demo --enterprises 20000
--products 100000 --seed 1`), collects the static files for WhiteNoise, and starts
`gunicorn etalase.wsgi -w 2` (sync workers) on a free port of 127.0.0.1 with the production
settings: DEBUG=0, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, and only the two documented
switches for plain http (SECURE_SSL_REDIRECT=0, SESSION_COOKIE_SECURE=0). It builds a mix of
real URLs read from the database — 40% gallery searches (one and two words in the four
languages, with and without a facet, page 2, some with `hl=`), 40% product pages, 10%
storefronts, 10% other (gallery home, province pages) — checks that each answers 200, and
drives it with wrk (a Lua script cycling through the list, each thread from its own offset;
2 threads, 16 connections) for `--duration` seconds. Prints

  * a reference: the same wrk against /robots.txt (the cheapest page through Django), 15 s,
  * the mix: requests/s, its ratio to the reference, non-2xx/3xx responses and socket errors,
    latency p50/p90/p99/max (wrk's own histogram, from its Lua `done()`),
  * beside each run, the CPU gunicorn's master and workers used (from /proc: cores, and ms a
    request), wrk's, and what other work on the machine took (/proc/stat; all share the
    2 cores), and the req/s the server's CPU a request would allow on free cores,
  * per kind of page: one short wrk pass per kind (search / product / storefront / other),
    statuses counted in Lua `response()` (which costs wrk some CPU: the overall figure is
    from the run without it),
  * the load average at start and end (the machine is shared), what gunicorn wrote to
    stderr (tracebacks, "database is locked", worker timeouts), and the verdict
    "≥ 300 req/s with 0 errors for N s".

The search module caches its counts per worker for 60 s, so the mix's searches are mostly
warm, as on a busy gallery; each worker recomputes them once a minute. Without wrk
(`apt-get install wrk`), a Python generator (threads, http.client) runs instead: it shares
the 2 cores with the server and holds the GIL, so its figures are a floor.
Budget (design §5): ≥ 300 requests/s with 0 errors for 5 minutes; measured limit: a templated
page 620 req/s (gunicorn, 2 workers), the search page 220–420 req/s.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
KINDS = ("search", "product", "storefront", "other")
WEIGHTS = {"search": 40, "product": 40, "storefront": 10, "other": 10}  # per 100 requests
BUDGET_RPS = 300

# Queries as visitors of each language type them (page language from `hl` on some).
QUERIES = {  # "|" between queries
    "en": "cocoa|coffee|seaweed|honey|rattan|pepper|dried fish|coconut oil|palm sugar|cashew",
    "id": "kakao|kopi|madu|rotan|lada|rumput laut|ikan asin|minyak kelapa|gula aren|kopi arabika",
    "ms": "gajus|gamat|kelapa|bilis|rumpai laut|ikan bilis|sarang burung|kain batik",
    "fil": "kape|niyog|pulot|paminta|luya|saging|damong dagat|tuyong dilis",
}
FACETS = [
    {"subdivision": "ID-SA"},
    {"subdivision": "MY-12"},
    {"subdivision": "ID-KI"},
    {"country": "PH"},
    {"certification": "halal"},
]


# --- Real URLs from the database (a child process with the server's settings) -----------------


def list_urls(seed: int) -> None:
    """Print `URLS {json}`: canonical product, storefront and province URLs of public rows."""
    import django

    django.setup()
    from django.db.models import Count

    from etalase.catalog import links
    from etalase.catalog.models import Product
    from etalase.enterprises.models import Enterprise

    rng = random.Random(seed)
    ids = sorted(Product.objects.published().values_list("id", flat=True))
    chosen = rng.sample(ids, min(200, len(ids)))
    products = [links.product_url(p) for p in Product.objects.filter(id__in=chosen).only("name")]
    with_products = sorted(
        Enterprise.objects.public()
        .filter(products__is_published=True)
        .values_list("id", flat=True)
        .distinct()
    )
    chosen = rng.sample(with_products, min(50, len(with_products)))
    storefronts = [
        links.storefront_url(e)
        for e in Enterprise.objects.filter(id__in=chosen).only("slug", "trade_name", "legal_name")
    ]
    provinces = [
        row["subdivision"]
        for row in Enterprise.objects.public()
        .values("subdivision")
        .annotate(n=Count("id"))
        .order_by("-n", "subdivision")[:8]
    ]
    print(
        "URLS "
        + json.dumps(
            {
                "products": products,
                "storefronts": storefronts,
                "provinces": [links.province_url(code) for code in provinces],
            }
        )
    )


def search_urls(rng: random.Random) -> list[str]:
    urls = []
    for language, words in QUERIES.items():
        for i, q in enumerate(words.split("|")):
            urls.append("/gallery/?" + urlencode({"q": q}))
            urls.append("/gallery/?" + urlencode({"q": q, **rng.choice(FACETS)}))
            if i % 2 == 0:
                urls.append("/gallery/?" + urlencode({"q": q, "page": 2}))
            if i % 3 == 0 and language != "en":
                urls.append("/gallery/?" + urlencode({"q": q, "hl": language}))
    return urls


def build_mix(found: dict, rng: random.Random) -> tuple[list[tuple[str, str]], dict]:
    """(kind, path) in a shuffled cycle of 500 requests weighted as WEIGHTS."""
    distinct = {
        "search": search_urls(rng),
        "product": found["products"],
        "storefront": found["storefronts"],
        "other": [
            "/gallery/",
            "/gallery/?hl=id",
            "/gallery/?hl=ms",
            "/gallery/?hl=fil",
            *found["provinces"],
            found["provinces"][0] + "?hl=id",
        ],
    }
    mix = []
    for kind, urls in distinct.items():
        urls = urls[:]
        rng.shuffle(urls)
        mix += [(kind, urls[i % len(urls)]) for i in range(WEIGHTS[kind] * 5)]
    rng.shuffle(mix)
    return mix, distinct


# --- The server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 30) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if get(port, "/robots.txt", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer in 90 s:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    """SIGTERM to the master (it stops its workers), then SIGKILL to its process group."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # its own session: only gunicorn's processes
    server.wait()


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its children (gunicorn's master and workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields: state, ppid, …
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def stderr_summary(text: str) -> list[str]:
    patterns = {
        "tracebacks": r"^Traceback ",
        '"database is locked"': r"database is locked",
        "500s (Internal Server Error)": r"Internal Server Error",
        "worker timeouts or deaths": r"WORKER TIMEOUT|Worker \(pid:\d+\) (was sent|exited)",
        "warnings (Not Found, Bad Request, …)": r"^(Not Found|Bad Request|Forbidden|Gone):",
    }
    found = [f"{len(re.findall(p, text, re.M))} {name}" for name, p in patterns.items()]
    lines = [line for line in text.splitlines() if line.strip()]
    return [", ".join(found), *lines[-8:]] if lines else [", ".join(found)]


# --- The load generators ---------------------------------------------------------------------

LUA = """
-- Cycle through the paths of args[1]; thread t of args[2] starts at its share of the list.
local threads, created = {}, 0
function setup(thread)
  created = created + 1
  thread:set("tid", created)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  i = math.floor((tid - 1) * #paths / tonumber(args[2]))
  statuses = {}
end

function request()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
-- RESPONSE
function done(summary, latency, requests)
  local merged, counts = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + n
    end
  end
  for status, n in pairs(merged) do
    counts[#counts + 1] = string.format('"%d": %d', status, n)
  end
  local p = {}
  for _, q in ipairs({50, 75, 90, 99, 99.9}) do
    p[#p + 1] = string.format('"p%s": %.1f', q, latency:percentile(q))
  end
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "max": %d, %s}, "statuses": {%s}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency.mean, latency.max, table.concat(p, ", "), table.concat(counts, ", ")))
end
"""
COUNT_STATUSES = """
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
"""


def run_wrk(
    port: int,
    paths: list[str],
    seconds: int,
    args: argparse.Namespace,
    folder: Path,
    statuses: bool = False,
) -> dict:
    name = f"load-{len(list(folder.glob('paths-*')))}"
    listing = folder / f"paths-{name}.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = folder / f"{name}.lua"
    script.write_text(LUA.replace("-- RESPONSE", COUNT_STATUSES if statuses else ""))
    command = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        f"{args.timeout}s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
        "--",
        str(listing),
        str(args.threads),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for line in done.stdout.splitlines():
        if line.startswith("JSON "):
            report = json.loads(line[5:])
            break
    else:
        raise SystemExit(f"wrk gave no figures:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    report["statuses"] = {int(k): v for k, v in report["statuses"].items()}
    report["generator_cpu"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return report


def run_python(
    port: int,
    paths: list[str],
    seconds: int,
    args: argparse.Namespace,
    folder: Path,
    statuses: bool = False,
) -> dict:
    """Threads with http.client (keep-alive when the server allows it): the same figures."""
    deadline = time.perf_counter() + seconds
    latencies: list[list[float]] = []
    counts: list[dict[int, int]] = []
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    lock = threading.Lock()
    received = [0]

    def client(offset: int) -> None:
        mine, status_counts, size = [], {}, 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
        i = offset
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                size += len(response.read())
            except TimeoutError:
                kind = "timeout"
            except (OSError, http.client.HTTPException):
                kind = "read"
            else:
                mine.append((time.perf_counter() - started) * 1e6)
                status_counts[response.status] = status_counts.get(response.status, 0) + 1
                if response.status > 399:
                    with lock:
                        errors["status"] += 1
                continue
            with lock:
                errors[kind] += 1
            connection.close()
        connection.close()
        with lock:
            latencies.append(mine)
            counts.append(status_counts)
            received[0] += size

    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    clients = [
        threading.Thread(target=client, args=(n * len(paths) // args.connections,))
        for n in range(args.connections)
    ]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    every = sorted(x for mine in latencies for x in mine) or [0.0]
    merged: dict[int, int] = {}
    for status_counts in counts:
        for status, n in status_counts.items():
            merged[status] = merged.get(status, 0) + n

    def pct(p: float) -> float:
        return every[min(len(every) - 1, round(p / 100 * (len(every) - 1)))]

    return {
        "requests": sum(merged.values()),
        "duration_us": elapsed * 1e6,
        "bytes": received[0],
        "errors": errors,
        "statuses": merged,
        "latency_us": {
            "mean": sum(every) / len(every),
            "max": every[-1],
            **{f"p{q}": pct(q) for q in (50, 75, 90, 99, 99.9)},
        },
        "generator_cpu": (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime),
    }


# --- The driver ----------------------------------------------------------------------------------


def machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all cores since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(fields) - fields[3] - fields[4], sum(fields)  # minus idle and iowait


def measured(load, server: subprocess.Popen, paths: list[str], seconds: int, **kw) -> dict:
    """One load run, with the CPU the server, the generator and the rest of the machine used."""
    cpu, (busy, total) = tree_cpu(server.pid), machine_ticks()
    report = load(paths=paths, seconds=seconds, **kw)
    busy_after, total_after = machine_ticks()
    report["server_cpu"] = tree_cpu(server.pid) - cpu
    report["busy_cores"] = (busy_after - busy) / max(1, total_after - total) * os.cpu_count()
    return report


def ms(report: dict, p: str) -> str:
    return f"{report['latency_us'][p] / 1000:.1f}"


def rps(report: dict) -> float:
    return report["requests"] / (report["duration_us"] / 1e6)


def socket_errors(report: dict) -> int:
    return sum(v for k, v in report["errors"].items() if k != "status")


def figures(report: dict) -> str:
    e = report["errors"]
    return (
        f"{rps(report):6.1f} req/s; non-2xx/3xx {e['status']}, socket errors "
        f"{socket_errors(report)} (connect {e['connect']}, read {e['read']}, write "
        f"{e['write']}, timeout {e['timeout']}); latency p50 {ms(report, 'p50')} / p90 "
        f"{ms(report, 'p90')} / p99 {ms(report, 'p99')} ms, max {ms(report, 'max')} ms"
    )


def cpu_figures(report: dict) -> str:
    seconds = report["duration_us"] / 1e6
    server, generator = report["server_cpu"] / seconds, report["generator_cpu"] / seconds
    others = max(0.0, report["busy_cores"] - server - generator)
    per_request = (report["server_cpu"] + report["generator_cpu"]) / max(1, report["requests"])
    return (
        f"CPU: gunicorn {server:.2f} cores "
        f"({report['server_cpu'] / max(1, report['requests']) * 1000:.2f} ms a request), "
        f"generator {generator:.2f}, other work on the machine {others:.2f} "
        f"(of {os.cpu_count()} cores): ≈ {os.cpu_count() / max(per_request, 1e-9):.0f} req/s "
        "if the cores were free"
    )


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min; {os.cpu_count()} cores)"


def ensure_wrk() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True, check=False)
    return shutil.which("wrk") is not None


def etalase(env: dict, *command: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "etalase", *command], env=env, check=True, stdout=subprocess.DEVNULL
    )


def server_env(database: Path, folder: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "etalase.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "ETALASE_HOME": str(folder),
        "DEBUG": "0",
        "ETALASE_DEV": "0",
        # The production settings' documented switches for plain http (loopback, no TLS).
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "STATIC_ROOT": str(folder / "staticfiles"),
        "MEDIA_ROOT": str(folder / "media"),
    }


def prepare(database: Path, env: dict, args: argparse.Namespace) -> None:
    """Migrate (cheap when current), seed when empty, collect the static files."""
    started = time.perf_counter()
    etalase(env, "migrate", "--noinput")
    print(f"database: {database} (migrate {time.perf_counter() - started:.1f} s)")
    with sqlite3.connect(database) as db:
        count = db.execute("SELECT count(*) FROM catalog_product").fetchone()[0]
    if not count:
        started = time.perf_counter()
        etalase(
            env,
            "seed_demo",
            "--enterprises",
            str(args.enterprises),
            "--products",
            str(args.products),
            "--seed",
            "1",
        )
        print(
            f"seeded {args.enterprises:,} enterprises / {args.products:,} products in "
            f"{time.perf_counter() - started:.0f} s"
        )
    with sqlite3.connect(database) as db:
        products, enterprises = db.execute(
            "SELECT (SELECT count(*) FROM catalog_product),"
            " (SELECT count(*) FROM enterprises_enterprise)"
        ).fetchone()
    print(f"data: {products:,} products, {enterprises:,} enterprises")
    etalase(env, "collectstatic", "--noinput")


def start_server(env: dict, folder: Path, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    log = folder / "gunicorn.log"
    command = [
        str(BIN / "gunicorn"),
        "etalase.wsgi",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    with log.open("w") as out:
        # Its own session, so that stop() can kill exactly its process group.
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_up(server, port, log)
    except BaseException:
        stop(server)
        raise
    print(
        f"server: gunicorn etalase.wsgi -w {workers} (sync workers) on 127.0.0.1:{port}; DEBUG=0, "
        "production settings with SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 (plain http), "
        "static files collected for WhiteNoise"
    )
    return server, port


def url_mix(port: int, env: dict, seed: int) -> list[tuple[str, str]]:
    """The weighted cycle of (kind, path), every distinct URL checked for a 200 once."""
    found = subprocess.run(
        [sys.executable, __file__, "--list-urls", "--seed", str(seed)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = json.loads(next(x for x in found.splitlines() if x.startswith("URLS "))[5:])
    mix, distinct = build_mix(found, random.Random(seed))
    timed, failed = [], set()
    for kind, urls in distinct.items():
        for path in dict.fromkeys(urls):
            status, took = get(port, path)
            timed.append((took, kind, path))
            if status != 200:
                failed.add(path)
                print(f"  {status} {path}: left out of the mix")
    mix = [(kind, path) for kind, path in mix if path not in failed]
    shares = ", ".join(
        f"{k} {sum(1 for x, _ in mix if x == k)} ({len(set(distinct[k]) - failed)} distinct)"
        for k in KINDS
    )
    print(f"URL mix: a cycle of {len(mix)} requests — {shares}; each answered 200 once")
    print(
        "slowest at that check (one cold request each): "
        + "; ".join(
            f"{took:.0f} ms {path}" for took, _kind, path in sorted(timed, reverse=True)[:3]
        )
    )
    return mix


def generator(args: argparse.Namespace):
    wanted = args.generator
    if wanted == "python" or (wanted == "auto" and not ensure_wrk()):
        why = "as asked" if wanted == "python" else "wrk unavailable"
        print(
            f"generator: Python threads + http.client, {args.connections} connections ({why}: "
            f"it shares the {os.cpu_count()} cores with the server and holds the GIL, so the "
            "figures are a floor)"
        )
        return run_python
    if not ensure_wrk():
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    version = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    print(
        f"generator: {version.stdout.split(' [')[0]}, {args.threads} threads, "
        f"{args.connections} connections, timeout {args.timeout} s (on the same cores)"
    )
    return run_wrk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a seeded SQLite file (give a copy: it is migrated)")
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=300, help="seconds of the mix")
    parser.add_argument("--reference-duration", type=int, default=15)
    parser.add_argument("--kind-duration", type=int, default=15, help="seconds of each kind")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--timeout", type=int, default=5, help="seconds before a timeout error")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--list-urls", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.list_urls:
        list_urls(args.seed)
        return

    print(f"load average at start: {load_average()}")
    folder = Path(tempfile.mkdtemp(prefix="etalase-bench-load-"))
    database = Path(args.database).resolve() if args.database else folder / "load.sqlite3"
    env = server_env(database, folder)
    server = None
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # as Ctrl-C: `finally` runs
    try:
        prepare(database, env, args)
        server, port = start_server(env, folder, args.workers)
        mix = url_mix(port, env, args.seed)
        load = generator(args)
        common = {"port": port, "args": args, "folder": folder}

        reference = measured(load, server, ["/robots.txt"], args.reference_duration, **common)
        print(f"\nreference, /robots.txt, {args.reference_duration} s: {figures(reference)}")
        print(f"  {cpu_figures(reference)}")

        result = measured(load, server, [p for _, p in mix], args.duration, **common)
        print(f"\nmix, {args.duration} s: {figures(result)}")
        print(
            f"  {rps(result) / rps(reference):.2f} of the robots.txt reference; "
            f"{result['requests']:,} requests, "
            f"{result['bytes'] / max(1, result['requests']) / 1024:.1f} KB each"
        )
        print(f"  {cpu_figures(result)}")

        print(
            f"\nper kind, {args.kind_duration} s each, one kind at a time"
            + (
                " (statuses counted in Lua response(), which costs wrk a little CPU):"
                if load is run_wrk
                else ":"
            )
        )
        for kind in KINDS:
            paths = [p for k, p in mix if k == kind]
            report = measured(load, server, paths, args.kind_duration, statuses=True, **common)
            statuses = ", ".join(f"{s}: {n:,}" for s, n in sorted(report["statuses"].items()))
            print(f"  {kind:<10} {figures(report)}")
            print(f"  {'':<10} {cpu_figures(report)}; statuses {statuses}")
    except KeyboardInterrupt:
        print("\ninterrupted")
        raise SystemExit(130) from None
    finally:
        if server is not None:
            stop(server)
            text = (folder / "gunicorn.log").read_text(errors="replace")
            print("\ngunicorn stderr: " + "\n  ".join(stderr_summary(text)))
        print(f"load average at end: {load_average()}")
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    errors = result["errors"]["status"] + socket_errors(result)
    verdict = "ok" if rps(result) >= BUDGET_RPS and errors == 0 else "OVER"
    print(
        f"≥ {BUDGET_RPS} req/s with 0 errors for {args.duration} s: {verdict} "
        f"({rps(result):.0f} req/s, {errors} errors)"
    )


if __name__ == "__main__":
    main()
