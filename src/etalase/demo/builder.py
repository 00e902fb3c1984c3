"""Build the demo registry: enterprises, certifications and products over the focus areas.

Rows are made in Python (``registry``, ``products``) from one ``random.Random(seed)``, so a seed
gives the same data on every run (dates are offsets from ``today``, which the caller may pin),
and written in one transaction by ``writer``: no query per row, which is what lets 20,000
enterprises and 100,000 products load in well under a minute. Nothing goes through model
``save()``, so simple_history records no history for demo rows (there is none to record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from etalase.catalog.models import Product, ProductTranslation
from etalase.demo import pictures
from etalase.demo.registry import DemoBuilder
from etalase.demo.users import Account, DemoAccounts, ensure_demo_accounts, ensure_demo_owner
from etalase.demo.writer import TableWriter, reset_sequences, search_index_paused
from etalase.enterprises.models import Certification, Enterprise, EnterpriseTranslation


@dataclass
class DemoResult:
    enterprises: int = 0
    products: int = 0
    certifications: int = 0
    translations: int = 0
    accounts: list[Account] = field(default_factory=list)
    owner_enterprise: str = ""
    index_seconds: float = 0.0  # of the time, rebuilding the gallery's search index
    pictures: int = 0  # products given a drawn picture (demo.pictures)


def build_demo(*, enterprises: int, products: int, seed: int, batch_size: int = 1000,
               today: dt.date | None = None, users_only: bool = False) -> DemoResult:
    """Write the demo accounts and (unless ``users_only``) the registry, in one transaction."""
    today = today or timezone.localdate()
    result = DemoResult()
    with transaction.atomic():
        accounts = ensure_demo_accounts(today=today)
        if not users_only:
            with search_index_paused() as index:
                _build_registry(result, accounts, enterprises=enterprises, products=products,
                                seed=seed, batch_size=batch_size, today=today)
            result.index_seconds = index.rebuild_seconds
            result.pictures = pictures.add_pictures()
        owned = ensure_demo_owner(accounts=accounts)
        result.owner_enterprise = owned.display_name if owned else ""
        result.accounts = accounts.accounts
        if not users_only:
            _seed_other_parts(seed=seed, today=today)
    return result


def _seed_other_parts(*, seed: int, today: dt.date) -> None:
    """Programmes, resources and buyers' sourcing requests, so every page has something."""
    import random

    from etalase.learning import demo as learning_demo
    from etalase.matching import demo as matching_demo

    learning_demo.seed(random.Random(seed), today=today)
    matching_demo.seed(random.Random(seed + 1), today=today)


def _build_registry(result: DemoResult, accounts: DemoAccounts, *, enterprises: int,
                    products: int, seed: int, batch_size: int, today: dt.date) -> None:
    used: dict[str, set[str]] = {}
    for country, registration_id in Enterprise.objects.values_list("country_id",
                                                                   "registration_id"):
        used.setdefault(country, set()).add(registration_id)
    builder = DemoBuilder(seed=seed, today=today, accounts=accounts, used_ids=used)
    now = timezone.now()
    tables = {model: TableWriter(model, batch_size=batch_size, now=now) for model in (
        Enterprise, Certification, EnterpriseTranslation, Enterprise.hs_chapters.through,
        Product, ProductTranslation, Product.certifications.through)}
    rows = []
    for index in range(enterprises):
        enterprise, goods, town = builder.enterprise(index)
        tables[Enterprise].add(enterprise)
        certifications = builder.certifications(enterprise, goods)
        for certification in certifications:
            tables[Certification].add(certification)
        translation = builder.translation(enterprise, town, goods)
        if translation:
            tables[EnterpriseTranslation].add(translation)
        rows.append((enterprise, goods, town, certifications))

    counts = builder.product_counts([row[0] for row in rows], products)
    chapters = tables[Enterprise.hs_chapters.through]
    for (enterprise, goods, town, certifications), count in zip(rows, counts, strict=True):
        province = builder.by_code[enterprise["subdivision_id"]].name
        made = builder.products.make(enterprise, goods, town, certifications, count,
                                     province=province, tables=tables)
        for chapter in sorted({g.chapter for g in goods} | made):
            chapters.add({"enterprise_id": enterprise["id"], "hscode_id": chapter})
    for table in tables.values():
        table.flush()
    reset_sequences(list(tables))
    # Rows went in as plain SQL, past the signals that keep this derived flag.
    from etalase.insights import published

    published.refresh()

    result.enterprises = tables[Enterprise].count
    result.products = tables[Product].count
    result.certifications = tables[Certification].count
    result.translations = tables[EnterpriseTranslation].count + tables[ProductTranslation].count
