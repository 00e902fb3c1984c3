"""Issue 15's acceptance check in Chromium: with the network switched off the owner fills the
product form and saves it, reloads, sees it waiting ("Waiting to send (1)"), goes back online,
and the product is saved exactly once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from etalase.catalog import services as catalog_services
from etalase.catalog.models import Product
from etalase.offline.models import AcceptedSubmission
from tests.factories import make_enterprise, make_product, officer_of, owner_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's default


def sign_in(page, user, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def field(page, name: str):
    return page.locator(f"form[data-outbox] [name={name}]")


def controlled(page) -> None:
    """Wait until the service worker runs and controls the page (and so keeps its copy)."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")


def test_a_product_saved_without_signal_waits_and_arrives_once(page, screenshot_dir):
    enterprise = make_enterprise("ID-SA", legal_name="UD Kakao Tondano")
    owner = owner_of(enterprise, full_name="Ibu Maria Wenas")
    form_path = reverse("enterprises:product_create", args=[enterprise.pk])
    sign_in(page, owner, form_path)
    controlled(page)
    page.reload()  # now through the worker, which keeps this page for offline use

    page.context.set_offline(True)
    field(page, "name").fill("Biji kakao fermentasi Tondano")
    field(page, "description").fill("Kakao fermentasi 5 hari, kadar air 7%.")
    field(page, "hs_code").fill("1801.00")
    field(page, "unit").select_option("kg")
    field(page, "price_min").fill("45000")
    field(page, "price_max").fill("52000")
    field(page, "name_en").fill("Fermented Tondano cocoa beans")
    page.get_by_role("button", name="Save", exact=True).click()
    outbox = page.get_by_test_id("outbox")
    assert outbox.get_by_role("heading").inner_text() == "Waiting to send (1)"
    assert "Saved on this phone" in outbox.inner_text()
    assert field(page, "name").input_value() == ""  # a blank form for the next product

    page.reload()  # still without signal: the kept page and the phone's outbox
    outbox = page.get_by_test_id("outbox")
    outbox.get_by_role("heading", name="Waiting to send (1)").wait_for()
    assert "Biji kakao fermentasi Tondano" in outbox.inner_text()
    page.screenshot(path=str(screenshot_dir / "offline-waiting.png"), full_page=True)
    assert not Product.objects.filter(enterprise=enterprise).exists()
    page.goto(reverse("accounts:account"))  # never opened on this phone: the offline page
    page.get_by_role("heading", name="No connection").wait_for()
    page.go_back()
    page.get_by_test_id("outbox").get_by_role("heading", name="Waiting to send (1)").wait_for()

    page.context.set_offline(False)  # the page sends on `online` (the worker on sync)
    page.wait_for_function("document.getElementById('outbox').hidden")
    products = Product.objects.filter(enterprise=enterprise)
    assert [p.name for p in products] == ["Biji kakao fermentasi Tondano"]
    assert products.get().price_min == 45000
    assert AcceptedSubmission.objects.filter(user=owner).count() == 1

    # Sending again what was sent (a lost answer, the worker and the page both trying) is
    # still one product: post the same form twice from the page itself (one after the other:
    # the test server's in-memory SQLite does not wait on a lock as a database server does).
    page.goto(form_path)
    field(page, "name").fill("Kakao bubuk Tondano")
    field(page, "hs_code").fill("1805.00")
    field(page, "unit").select_option("kg")
    sent = page.evaluate("""async () => {
        const form = document.querySelector('form[data-outbox]');
        const post = () => fetch(location.href, {method: 'POST', body: new FormData(form)});
        const a = await post();
        const b = await post();
        return [a.redirected, b.redirected, a.url === b.url];
    }""")
    assert sent == [True, True, True]
    assert sorted(Product.objects.filter(enterprise=enterprise).values_list("name", flat=True)
                  ) == ["Biji kakao fermentasi Tondano", "Kakao bubuk Tondano"]


def test_an_edit_made_offline_over_an_office_change_is_held_and_decided(page):
    enterprise = make_enterprise("ID-SA", legal_name="UD Kakao Tondano")
    product = make_product(enterprise, name="Biji kakao Tondano", unit="kg")
    owner = owner_of(enterprise)
    officer = officer_of("ID-SA")
    edit_path = reverse("enterprises:product_edit", args=[product.pk])
    sign_in(page, owner, edit_path)
    controlled(page)
    page.reload()

    page.context.set_offline(True)
    field(page, "name").fill("Biji kakao fermentasi Tondano")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_test_id("outbox").get_by_role("heading", name="Waiting to send (1)").wait_for()
    # Meanwhile the office renames it online.
    catalog_services.product_update(actor=officer, product=product,
                                    data={"name": "Kakao Tondano (kelas 1)"})

    page.context.set_offline(False)
    outbox = page.get_by_test_id("outbox")
    outbox.get_by_text("not accepted: open it to check").wait_for()
    product.refresh_from_db()
    assert product.name == "Kakao Tondano (kelas 1)"  # not overwritten silently
    outbox.get_by_role("link", name="Open").click()
    outbox.get_by_text("Filled in from the waiting list").wait_for()
    assert field(page, "name").input_value() == "Biji kakao fermentasi Tondano"
    page.get_by_role("button", name="Save", exact=True).click()

    conflicts = page.get_by_test_id("conflicts")
    row = conflicts.locator("tr[data-field=name]")
    assert "Kakao Tondano (kelas 1)" in row.inner_text()
    assert "Biji kakao fermentasi Tondano" in row.inner_text()
    row.get_by_label("mine").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(re.escape(edit_path) + "$"))
    page.get_by_text("The product was saved.").wait_for()
    product.refresh_from_db()
    assert product.name == "Biji kakao fermentasi Tondano"
    assert page.get_by_test_id("outbox").is_hidden()


def test_a_post_that_fails_on_a_signal_without_data_is_kept_by_the_worker(page):
    """The phone says it is online (a tower without data): the page posts, the worker's
    fetch fails, the worker keeps the form in the outbox and shows the page again."""
    enterprise = make_enterprise("ID-SA", legal_name="UD Kakao Tondano")
    owner = owner_of(enterprise)
    form_path = reverse("enterprises:product_create", args=[enterprise.pk])
    sign_in(page, owner, form_path)
    controlled(page)
    page.reload()
    page.context.set_offline(True)
    page.evaluate("Object.defineProperty(navigator, 'onLine', {get: () => true})")
    field(page, "name").fill("Pala Sangihe kering")
    field(page, "hs_code").fill("0908.11")
    field(page, "unit").select_option("kg")
    page.get_by_role("button", name="Save", exact=True).click()
    outbox = page.get_by_test_id("outbox")
    outbox.get_by_role("heading", name="Waiting to send (1)").wait_for()
    assert "Pala Sangihe kering" in outbox.inner_text()
    assert not Product.objects.filter(enterprise=enterprise).exists()
    page.context.set_offline(False)
    outbox.get_by_role("button", name="Send now").click()
    page.wait_for_function("document.getElementById('outbox').hidden")
    assert list(Product.objects.filter(enterprise=enterprise).values_list("name", flat=True)
                ) == ["Pala Sangihe kering"]
