"""Secretariat dashboard render time at 20k enterprises and 100k products (budget ≤ 200 ms).

Seeds the demo into a temporary SQLite database (or reuses --database), then renders the
dashboard page through Django's test client as the secretariat, and prints the median and
p95 of the server time beside a bare request of the same machine.

    .venv/bin/python bench/insights.py [--enterprises 20000 --products 100000] [--database F]
"""

import argparse
import os
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
    parser.add_argument("--database", help="an already seeded SQLite file")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    db = Path(args.database) if args.database else tmp / "insights.sqlite3"
    env = {
        **os.environ,
        "ETALASE_DEV": "1",
        "DATABASE_URL": f"sqlite:///{db}",
        "ETALASE_HOME": str(tmp),
        "DJANGO_SETTINGS_MODULE": "etalase.settings",
    }
    if not args.database:
        subprocess.run([sys.executable, "-m", "etalase", "migrate", "-v0"], env=env, check=True)
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

    def timed(path: str) -> list[float]:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        return sorted(times)

    timed("/insights/")  # warm caches
    dashboard = timed("/insights/")
    bare = timed("/robots.txt")
    p95 = dashboard[int(0.95 * (len(dashboard) - 1))]
    print(f"enterprises in database: {Enterprise.objects.count():,}")
    print(
        f"secretariat dashboard: median {statistics.median(dashboard):.0f} ms, "
        f"p95 {p95:.0f} ms (budget 200 ms: {'ok' if p95 <= 200 else 'OVER'})"
    )
    print(
        f"bare request (robots.txt): median {statistics.median(bare):.1f} ms; ratio "
        f"{statistics.median(dashboard) / statistics.median(bare):.0f}x"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
