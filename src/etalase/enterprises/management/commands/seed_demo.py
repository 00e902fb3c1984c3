"""`etalase seed_demo`: deterministic demo data and one account per role.

    etalase seed_demo --enterprises 400 --products 2000 --seed 1
    etalase seed_demo --if-empty        # what `make run` does: nothing when data exists
    etalase seed_demo --users-only      # only the demo accounts
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from etalase.demo.builder import build_demo
from etalase.demo.users import DEMO_PASSWORD, Account, existing_demo_accounts
from etalase.enterprises.models import Enterprise


def _count(value: str) -> int:
    number = int(value)
    if number < 0 or number > 10_000_000:
        raise ValueError(value)
    return number


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class Command(BaseCommand):
    help = "Load deterministic demo enterprises, products and one account per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enterprises", type=_count, default=400,
                            help="number of enterprises (default 400)")
        parser.add_argument("--products", type=_count, default=2000,
                            help="number of products (default 2000)")
        parser.add_argument("--seed", type=int, default=1,
                            help="random seed: the same seed gives the same data (default 1)")
        parser.add_argument("--batch-size", type=_count, default=1000,
                            help="rows per INSERT (capped by the database; default 1000)")
        parser.add_argument("--today", type=_day, default=None,
                            help="date the demo's dates count back from (YYYY-MM-DD; default "
                                 "today), to reproduce certificate and verification dates")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing when enterprises exist already")
        parser.add_argument("--users-only", action="store_true",
                            help="create only the demo accounts and organisations")

    def handle(self, *args, **options) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["if_empty"] and Enterprise.objects.exists():
            self.stdout.write("Enterprises exist already; demo data not loaded (--if-empty).")
            self._accounts_table(existing_demo_accounts())
            return
        started = time.perf_counter()
        try:
            result = build_demo(enterprises=options["enterprises"],
                                products=options["products"], seed=options["seed"],
                                batch_size=options["batch_size"], today=options["today"],
                                users_only=options["users_only"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(
            f"Demo data: {result.enterprises} enterprises, {result.products} products, "
            f"{result.certifications} certifications, {result.translations} translations "
            f"in {seconds:.1f} s (search index rebuild {result.index_seconds:.1f} s); "
            f"{result.pictures} products with a drawn picture."))
        self._accounts_table(result.accounts)
        if not result.owner_enterprise:
            self.stdout.write("  (owner@demo.etalase not created: no enterprise in ID-SA yet)")

    def _accounts_table(self, accounts: list[Account]) -> None:
        if not accounts:
            return
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        width = max(len(a.email) for a in accounts)
        role_width = max(len(a.role) for a in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.email:<{width}}  {account.role:<{role_width}}  "
                              f"{account.scope}")
