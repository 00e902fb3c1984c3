"""`etalase check_figures`: the registry's derived figures recomputed from the rows.

    etalase check_figures               # text: one line per difference; exit 1 if any
    etalase check_figures --format json # {"differences": [...], "count": n}
    etalase check_figures --fix         # write the recomputed values, then check again

Exit code 0 when every stored figure is what the rows give, 1 when some differ (after
--fix: when some still differ).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser

from etalase.insights import figures


class Command(BaseCommand):
    help = ("Recompute the enterprises' derived figures (published-product flag, size class) "
            "from the rows and report any stored value that differs; --fix repairs them.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fix", action="store_true",
                            help="write the recomputed values, then check again")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, fix: bool = False, format: str = "text", **options) -> None:
        found = figures.differences()
        fixed = 0
        if fix and found:
            fixed = figures.fix(found)
            remaining = figures.differences()
        else:
            remaining = found
        if format == "json":
            self.stdout.write(json.dumps({
                "count": len(found),
                "differences": [d.as_dict() for d in found],
                "fixed_records": fixed,
                "remaining": len(remaining),
            }, default=str))
        else:
            for d in found:
                self.stdout.write(f"enterprise {d.enterprise_id}: {d.figure} stored "
                                  f"{d.stored!r}, the rows give {d.expected!r}")
            self.stdout.write(f"{len(found)} difference(s)"
                              + (f"; {fixed} record(s) repaired, {len(remaining)} remaining"
                                 if fix else ""))
        if remaining:
            raise SystemExit(1)
