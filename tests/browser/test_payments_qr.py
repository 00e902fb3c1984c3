"""The owner's payment-QR form in Chromium, with a Thai PromptPay code as banks issue it (no
merchant name or city) and a corrupted one: one plain sentence, the technical detail folded."""

import re

import pytest

from etalase.payments.models import MerchantQR
from tests.browser.test_matching import sign_in
from tests.factories import make_enterprise, owner_of
from tests.payments.test_issuer_samples import PROMPTPAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_registers_a_promptpay_code_after_a_corrupted_one(page, screenshot_dir):
    enterprise = make_enterprise("TH-10")
    path = f"/pay/enterprise/{enterprise.pk}/qr/"
    sign_in(page, owner_of(enterprise), path)

    # A code whose last digit was mistyped: refused once, in plain words.
    page.get_by_label("QR payload (the text inside your code)").fill(PROMPTPAY[:-1] + "0")
    page.get_by_role("button", name="Check and save").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "check digits do not match" in alert.inner_text()
    technical = alert.locator("details code").first
    assert not technical.is_visible()  # folded until asked for
    alert.locator("summary").click()
    assert re.search(r"63: CRC mismatch: expected 6197, found 6190", technical.inner_text())
    assert page.content().count("check digits do not match") == 1
    page.screenshot(path=str(screenshot_dir / "qr-refused.png"), full_page=True)

    # The code as the bank issued it: kept, with what it lacks said plainly.
    page.get_by_label("QR payload (the text inside your code)").fill(PROMPTPAY)
    page.get_by_role("button", name="Check and save").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    notes = page.locator(".qr-warnings")
    assert "Your code carries no shop name" in notes.inner_text()
    assert not notes.locator("details code").first.is_visible()
    assert "Pay from Vietnam with a VietQR-enabled app" in page.locator(".pay-qr").inner_text()
    assert MerchantQR.objects.get(enterprise=enterprise).scheme == "PromptPay"
    page.screenshot(path=str(screenshot_dir / "qr-promptpay.png"), full_page=True)
