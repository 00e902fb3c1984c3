"""Time `etalase seed_demo` on a fresh SQLite database (issue 2: 100k products in < 60 s).

    .venv/bin/python bench/seed.py [--enterprises 20000] [--products 100000] [--seed 1]

Builds a temporary database (migrate is not timed), then times the seed alone and prints the
seconds, the rows per second, and the CPU seconds of the process (wall time on a busy machine
includes waiting for the CPU; CPU time does not).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the database and print its path")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="etalase-bench-seed-")
    database = Path(folder) / "seed.sqlite3"
    # Settings read the environment once, at django.setup(): set it first.
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["ETALASE_DEV"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "etalase.settings")
    sys.path.insert(0, str(ROOT / "src"))

    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrate: {time.perf_counter() - started:.1f} s (not counted)")

    from etalase.catalog.models import Product, ProductTranslation
    from etalase.enterprises.models import Certification, Enterprise, EnterpriseTranslation

    cpu = time.process_time()
    started = time.perf_counter()
    output = io.StringIO()
    call_command("seed_demo", enterprises=args.enterprises, products=args.products,
                 seed=args.seed, batch_size=args.batch_size, stdout=output)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu

    counts = {
        "enterprises": Enterprise.objects.count(),
        "products": Product.objects.count(),
        "certifications": Certification.objects.count(),
        "translations": EnterpriseTranslation.objects.count()
        + ProductTranslation.objects.count(),
        "product certifications": Product.certifications.through.objects.count(),
        "enterprise HS chapters": Enterprise.hs_chapters.through.objects.count(),
    }
    rows = sum(counts.values())
    print(f"seed_demo --enterprises {args.enterprises} --products {args.products} "
          f"--seed {args.seed}")
    for name, count in counts.items():
        print(f"  {name:<24} {count:>8,}")
    print("  " + output.getvalue().splitlines()[0])
    print(f"time: {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU "
          f"(budget 60 s for 20,000 enterprises and 100,000 products)")
    print(f"rows/s: {rows / seconds:,.0f} (all tables), "
          f"{counts['products'] / seconds:,.0f} products/s")
    if args.keep:
        print(f"database: {database}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.rmdir(folder)


if __name__ == "__main__":
    main()
