"""Open data at 20k enterprises / 100k products: the release (queries + suppression), the
open-data page, the Data Package, the DCAT catalogue and an aggregate CSV, beside a floor
measured in the same run (the public enterprises' count, one indexed query).

Uses an already seeded and migrated SQLite database (`etalase migrate` then
`etalase seed_demo --enterprises 20000 --products 100000 --seed 7`). A share of the
enterprises is marked as having agreed to open data (--listed, default 0.3) inside a
transaction that is rolled back, so that the record-level bounds take part.

    .venv/bin/python bench/opendata.py --database /path/to/seeded.sqlite3 [--runs 7]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--listed", type=float, default=0.3)
    args = parser.parse_args()
    env = {**os.environ, "ETALASE_DEV": "1", "DATABASE_URL": f"sqlite:///{args.database}",
           "ETALASE_HOME": tempfile.mkdtemp(), "DJANGO_SETTINGS_MODULE": "etalase.settings"}
    os.environ.update(env)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.db import transaction
    from django.test import Client

    from etalase.enterprises.models import Enterprise
    from etalase.insights import opendata_release, suppression

    def median_ms(call) -> float:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    client = Client()

    def get(path: str):
        def call():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return call

    with transaction.atomic():
        step = max(1, round(1 / args.listed)) if args.listed else 0
        if step:
            ids = list(Enterprise.objects.public().values_list("id", flat=True)[::step])
            Enterprise.objects.filter(id__in=ids).update(open_data_consent=True)
        public = Enterprise.objects.public().count()
        floor = median_ms(lambda: Enterprise.objects.public().count())
        rounds = []
        original = suppression.intervals

        def counted(*a, **k):
            rounds.append(1)
            return original(*a, **k)

        suppression.intervals = counted
        release = opendata_release.build()
        suppression.intervals = original
        print(f"public enterprises: {public:,}; listed in the open data: "
              f"{Enterprise.objects.public().filter(open_data_consent=True).count():,}")
        print(f"floor (count of public enterprises): {floor:.1f} ms")
        print(f"release: {len(release.by_subdivision)} provinces, {len(release.by_area)} areas, "
              f"{len(release.by_sector)} sectors; {release.withheld} figures withheld; "
              f"{len(rounds)} bound computations")
        for label, call in (
            ("release (queries + suppression)", opendata_release.build),
            ("open-data page", get("/insights/open-data/")),
            ("by_area.csv", get("/insights/open-data/by_area.csv")),
            ("datapackage.json", get("/insights/open-data/datapackage.json")),
            ("catalog.rdf", get("/insights/open-data/catalog.rdf")),
        ):
            figure = median_ms(call)
            print(f"{label}: median {figure:.0f} ms ({figure / floor:.0f}x the floor)")
        transaction.set_rollback(True)
    synthetic(suppression)


def synthetic(suppression, seed: int = 7) -> None:
    """The demo's areas are all large enough, so suppression has no work there: the same
    algorithm on a made-up release of 4 countries × 15 provinces × 3–25 areas where a third
    of the areas hold 1–2 enterprises and 30 % of the figures are partly listed."""
    import random

    rng = random.Random(seed)
    cells, sums, countries = {}, [], []
    for country in range(4):
        subs = []
        for sub in range(15):
            areas = []
            for area in range(rng.randint(3, 25)):
                value = rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 20, 60, 200])
                known = rng.randint(0, value) if rng.random() < 0.3 else 0
                key = ("area", country, sub, area)
                cells[key] = suppression.Cell(value, known, floor=1, sensitive=value < 3)
                areas.append(key)
            unknown = ("unknown", country, sub)
            cells[unknown] = suppression.Cell(rng.choice([0, 0, 1, 3, 10]), publishable=False)
            key = ("subdivision", country, sub)
            cells[key] = suppression.Cell(sum(cells[a].value for a in [*areas, unknown]),
                                          sum(cells[a].known for a in areas), floor=1)
            sums.append(suppression.Sum(key, (*areas, unknown)))
            subs.append(key)
        cells[("country", country)] = suppression.Cell(sum(cells[s].value for s in subs),
                                                       fixed=True)
        sums.append(suppression.Sum(("country", country), tuple(subs)))
        countries.append(("country", country))
    start = time.perf_counter()
    withheld = suppression.protect(cells, sums)
    elapsed = (time.perf_counter() - start) * 1000
    left = suppression.exposed(cells, withheld, suppression.intervals(cells, withheld, sums))
    primary = sum(1 for cell in cells.values() if cell.sensitive)
    print(f"synthetic release: {len(cells)} cells, {primary} small, "
          f"{sum(1 for k in withheld if cells[k].publishable) - primary} complements, "
          f"{len(left)} left exposed; protect() {elapsed:.0f} ms")


if __name__ == "__main__":
    main()
