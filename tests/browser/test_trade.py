"""Export checklist in Chromium: from a product page to the checklist and its PDF, and a
price shown in the visitor's currency (no JavaScript needed for either)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etalase.catalog.links import product_url
from tests.catalog.test_gallery_support import site_urls  # noqa: F401
from tests.factories import make_enterprise, make_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("site_urls")]


def test_rattan_chair_from_the_philippines_to_korea_checklist_and_pdf(page, live_site,
                                                                       screenshot_dir):
    enterprise = make_enterprise("PH-CEB", legal_name="Cebu Rattan Crafts")
    chair = make_product(enterprise, name="Rattan lounge chair", hs_code_id="940153",
                         language="en", is_published=True, price_min=None, price_max=None)
    page.goto(product_url(chair))
    form = page.get_by_test_id("export-form")
    form.get_by_label("Export this product to").select_option("KR")
    form.get_by_role("button", name="See what it takes").click()
    page.wait_for_url(re.compile(r"/trade/export/\?hs=940153&origin=PH&destination=KR"))
    assert "from Philippines to South Korea" in page.locator("h1").inner_text()
    rcep = page.locator('[data-testid="agreement"][data-code="RCEP"]')
    assert "CTH" in rcep.inner_text() and "RVC 40" in rcep.inner_text()
    assert "TradeNet" in rcep.inner_text() and "Source:" in rcep.inner_text()
    assert page.get_by_test_id("requirement").count() == 2
    page.screenshot(path=str(screenshot_dir / "trade-checklist-phone.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_test_id("pdf-fil").click()
    download = download_info.value
    assert download.suggested_filename == "export-checklist-940153-PH-KR-fil.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 3000


def test_cocoa_price_in_the_visitors_currency(page, live_site, screenshot_dir):
    cocoa = make_product(make_enterprise("ID-SA"), is_published=True)
    page.goto(product_url(cocoa))
    page.get_by_label("Show prices also in").select_option("MYR")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_load_state()
    price = page.get_by_test_id("visitor-price").inner_text()
    assert "MYR" in price or "RM" in price
    assert re.search(r"rate of \d{4}-\d{2}-\d{2}", price) and "European Central Bank" in price
    page.screenshot(path=str(screenshot_dir / "trade-price-phone.png"), full_page=True)
