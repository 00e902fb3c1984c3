"""Secretariat dashboard render time at 20k enterprises and 100k products (budget ≤ 200 ms).

Seeds the demo into a temporary SQLite database (or reuses --database, migrating it first so
the indexes the dashboard relies on exist), then renders the dashboard page through Django's
test client as the secretariat, and prints the median and p95 of the server time (wall and
CPU: the client runs in this process) beside a bare request of the same machine, then the
CPU time of each panel's query and of the page around them, the meeting reports (regional PDF
and XLSX, budget 5 s each; a country's and a province's), and the same page for a country
and a province.

    .venv/bin/python bench/insights.py [--enterprises 20000 --products 100000] [--database F]
    .venv/bin/python bench/insights.py --postgres postgres://user@host:port/db

With --postgres the same runs on that PostgreSQL database instead, which must be seeded
already (it is migrated first, like --database). The CPU figures are this process's: the
server's own work is in the wall time only.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--products", type=int, default=100_000)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database", help="an already seeded SQLite file")
    where.add_argument(
        "--postgres", metavar="URL", help="an already seeded PostgreSQL database (postgres://…)"
    )
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    db = Path(args.database) if args.database else tmp / "insights.sqlite3"
    env = {
        **os.environ,
        "ETALASE_DEV": "1",
        "DATABASE_URL": args.postgres or f"sqlite:///{db}",
        "ETALASE_HOME": str(tmp),
        "DJANGO_SETTINGS_MODULE": "etalase.settings",
    }
    subprocess.run([sys.executable, "-m", "etalase", "migrate", "-v0"], env=env, check=True)
    if not (args.database or args.postgres):
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "etalase",
                "seed_demo",
                "--enterprises",
                str(args.enterprises),
                "--products",
                str(args.products),
                "--seed",
                "7",
            ],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(
            f"seeded {args.enterprises:,} enterprises / {args.products:,} products in "
            f"{time.perf_counter() - started:.1f} s"
        )
    os.environ.update(env)
    import django

    django.setup()
    from django.test import Client

    from etalase.accounts.models import User
    from etalase.enterprises.models import Enterprise
    from tests.factories import grant

    user, _ = User.objects.get_or_create(email="bench-secretariat@bench.test")
    if not user.roles.exists():
        grant(user, "secretariat")
    client = Client()
    client.force_login(user)

    def timed(path: str) -> tuple[list[float], list[float]]:
        wall, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, response.status_code
        return sorted(wall), sorted(cpu)

    def p95(times: list[float]) -> float:
        return times[int(0.95 * (len(times) - 1))]

    timed("/insights/")  # warm caches
    dashboard, dashboard_cpu = timed("/insights/")
    bare, _cpu = timed("/robots.txt")
    print(f"== {_describe_database()}")
    print(f"enterprises in database: {Enterprise.objects.count():,}")
    verdict = "ok" if p95(dashboard) <= 200 else "OVER"
    print(
        f"secretariat dashboard: median {statistics.median(dashboard):.0f} ms, "
        f"p95 {p95(dashboard):.0f} ms (budget 200 ms: {verdict}); "
        f"CPU median {statistics.median(dashboard_cpu):.0f} ms, p95 {p95(dashboard_cpu):.0f} ms"
    )
    print(
        f"bare request (robots.txt): median {statistics.median(bare):.1f} ms; ratio "
        f"{statistics.median(dashboard) / statistics.median(bare):.0f}x"
    )
    panels(client, args.runs)
    reports(client, bare, max(3, args.runs // 3))
    for code in ("ID", "ID-SA"):
        wall, cpu = timed(f"/insights/?area={code}")
        print(
            f"dashboard of {code}: median {statistics.median(wall):.0f} ms, "
            f"p95 {p95(wall):.0f} ms; CPU median {statistics.median(cpu):.0f} ms"
        )


def reports(client, bare: list[float], runs: int) -> None:
    """The meeting reports (issue 19) downloaded as the secretariat: the regional PDF and
    XLSX (budget 5 s each), then a country's and a province's, beside the bare request
    measured in this run; sizes and page counts so that a faster but emptier file shows."""
    floor = statistics.median(bare)
    for path, label in (
        ("/insights/report.pdf", "regional PDF"),
        ("/insights/report.xlsx", "regional XLSX"),
        ("/insights/report.pdf?area=ID", "PDF of ID"),
        ("/insights/report.xlsx?area=ID", "XLSX of ID"),
        ("/insights/report.pdf?area=ID-SA", "PDF of ID-SA"),
    ):
        wall, cpu, size = [], [], 0
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200, response.status_code
            size = len(response.content)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", response.content))
        budget = ""
        if label.startswith("regional"):
            budget = f" (budget 5 s: {'ok' if max(wall) <= 5 else 'OVER'})"
        print(
            f"{label}: median {statistics.median(wall):.2f} s, max {max(wall):.2f} s{budget}; "
            f"CPU median {statistics.median(cpu):.2f} s; {size / 1024:.0f} KiB"
            + (f", {pages} pages" if pages else "")
            + f"; {statistics.median(wall) * 1000 / floor:.0f}x the bare request ({floor:.1f} ms)"
        )


def _describe_database() -> str:
    """The vendor and database the figures are of (PostgreSQL: its server and version)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"{connection.vendor} {settings['NAME']}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    where = f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}"
    return (
        f"{connection.vendor} {settings['NAME']} on {where} (server {version}; CPU figures "
        "are this process's, the server's work is in the wall time only)"
    )


def panels(client, runs: int) -> None:
    """CPU time of each of the page's queries and of what the page adds around them: each
    round times the page, then every panel, so that the rest (page minus panels) compares
    figures taken moments apart; medians over `runs` rounds."""
    from etalase.insights import activity, selectors
    from etalase.insights.scope import REGION, Area

    area = Area("region", REGION, REGION)
    summary = selectors.enterprise_summary(area)
    parts = {
        "enterprise_summary (headline, provinces, size, export, quality)": lambda: (
            selectors.enterprise_summary(area)
        ),
        "headline: products published": lambda: selectors.headline(area, summary),
        "by_subdivision (names)": lambda: selectors.by_subdivision(area, summary),
        "by_sector": lambda: selectors.by_sector(area),
        "by_certification": lambda: selectors.by_certification(area),
        "growth": lambda: selectors.growth(area),
        "data_quality (names)": lambda: selectors.data_quality(area, summary),
        "quality_offenders": lambda: selectors.quality_offenders(area),
        "pending_submissions": lambda: selectors.pending_submissions(area),
        "activity (funnel, training)": lambda: activity.sections(area),
    }
    times: dict[str, list[float]] = {name: [] for name in parts}
    walls: dict[str, list[float]] = {name: [] for name in parts}
    rest = []
    for _ in range(runs):
        start = time.process_time()
        client.get("/insights/")
        page = (time.process_time() - start) * 1000
        spent = 0.0
        for name, run in parts.items():
            start, start_wall = time.process_time(), time.perf_counter()
            run()
            times[name].append((time.process_time() - start) * 1000)
            walls[name].append((time.perf_counter() - start_wall) * 1000)
            spent += times[name][-1]
        rest.append(page - spent)
    # On a server database the queries' own work is not in this process's CPU time: the
    # wall time beside it shows it (and the queue for a core).
    from django.db import connection

    wall = connection.vendor != "sqlite"
    print("per panel, CPU median" + (" (wall median):" if wall else ":"))
    for name, values in times.items():
        beside = f" ({statistics.median(walls[name]):6.1f})" if wall else ""
        print(f"  {statistics.median(values):6.1f}{beside} ms  {name}")
    print(f"  {statistics.median(rest):6.1f} ms  the rest (charts, template, middleware)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
