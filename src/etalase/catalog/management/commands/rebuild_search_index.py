"""`etalase rebuild_search_index`: refill the gallery's full-text index from the tables.

Triggers keep the index in sync on every write; run this after restoring a dump, after
loading data with triggers disabled, or nightly so that expired certifications drop
out of the certification facet.
"""

import time

from django.core.management.base import BaseCommand

from etalase.catalog import search


class Command(BaseCommand):
    help = "Rebuild the full-text search index of public products."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = search.rebuild()
        self.stdout.write(
            f"Indexed {count} public products in {time.perf_counter() - started:.1f} s."
        )
