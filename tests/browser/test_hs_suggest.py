"""HS suggestion in Chromium: an owner types a product's name in Filipino on the product
form; suggestions appear as they type and "Use" fills the HS code field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_intake import sign_in
from tests.factories import make_enterprise, owner_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_types_a_name_and_uses_the_suggested_code(page, live_site, screenshot_dir):
    enterprise = make_enterprise("PH-CEB", legal_name="Cebu Seafood Traders")
    path = reverse("enterprises:product_create", args=[enterprise.pk])
    sign_in(page, owner_of(enterprise), path)
    page.locator("#id_name").fill("Malalaking hipon na nagyelo")
    suggestion = page.locator("[data-hs-suggest] li").first
    suggestion.wait_for()
    assert "0306.17" in suggestion.inner_text()
    suggestion.get_by_role("button").click()
    assert page.locator("#id_hs_code").input_value() == "0306.17"
    assert "0306.17" in page.locator("[data-hs-status]").inner_text()
    page.locator("[data-hs-suggest]").screenshot(path=str(screenshot_dir / "hs-suggest.png"))
