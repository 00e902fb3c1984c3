"""Fetch the ECB's latest euro reference rates for the visitor-currency prices.

Run by an operator (or a scheduled job), never during a request. The file is checked by
loading it before it replaces the one in use, so a broken download never reaches a page.
"""

from __future__ import annotations

import os
import tempfile
import urllib.request
from pathlib import Path

import currency_converter
from django.core.management.base import BaseCommand, CommandError

from etalase.trade import currency

MAX_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = "Download the ECB euro reference rates used to show prices in other currencies."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default=currency_converter.SINGLE_DAY_ECB_URL,
                            help="where to download the rates (default: the ECB's daily file)")
        parser.add_argument("--from-file", default="",
                            help="install this local rates file instead of downloading")

    def handle(self, *args, url: str, from_file: str, **options) -> None:
        suffix = Path(from_file).suffix.lower() if from_file else ".zip"
        if suffix not in (".zip", ".csv"):
            raise CommandError("a rates file is a .zip or a .csv")
        target = currency.rates_dir() / f"eurofxref{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=suffix)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(self._read(url, from_file))
            try:
                checked = currency_converter.CurrencyConverter(tmp)
            except Exception as exc:  # the library raises plain errors on a bad file
                raise CommandError(f"not a rates file: {exc}") from exc
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        last = max(bound.last_date for bound in checked.bounds.values())
        self.stdout.write(f"rates of {last.isoformat()} for {len(checked.currencies)} "
                          f"currencies installed in {target}")

    def _read(self, url: str, from_file: str) -> bytes:
        if from_file:
            return Path(from_file).read_bytes()[:MAX_BYTES]
        if not url.startswith("https://"):
            raise CommandError("the rates URL must be https")
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (https only)
            return response.read(MAX_BYTES)
