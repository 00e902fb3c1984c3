"""The issue's acceptance check in a real browser: the home page, every demo role signing in
and out, the switch to Indonesian, and how the page looks on a phone."""

import re

import pytest

from etalase.accounts.models import Role
from tests.factories import (
    buyer,
    focal_point_of,
    make_enterprise,
    make_product,
    officer_of,
    owner_of,
    secretariat,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's default


def make_role_user(role: str):
    name = f"Demo {role.replace('_', ' ')}"
    email = f"{role}@demo.test"
    if role == Role.MSME_OWNER:
        return owner_of(make_enterprise("ID-SA", legal_name="Kakao Minahasa"), full_name=name,
                        email=email)
    if role == Role.BUYER:
        return buyer(full_name=name, email=email)
    if role == Role.OFFICER:
        return officer_of("ID-SA", full_name=name, email=email)
    if role == Role.FOCAL_POINT:
        return focal_point_of("MY", full_name=name, email=email)
    return secretariat(full_name=name, email=email)


ROLE_LABELS = {
    Role.MSME_OWNER: ("MSME owner", "Kakao Minahasa"),
    Role.BUYER: ("Buyer", "PT Cokelat Nusantara"),
    Role.OFFICER: ("Provincial officer", "Sulawesi Utara (ID-SA)"),
    Role.FOCAL_POINT: ("National focal point", "Malaysia"),
    Role.SECRETARIAT: ("Regional secretariat", "all"),
}


def nav(page):
    return page.locator("nav.main-nav")


def test_visitor_sees_the_home_page_without_signing_in(page, live_site):
    make_product(make_enterprise("ID-SA"))
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto("/")

    assert page.locator("h1").inner_text() == "Products of the region's small businesses"
    assert page.locator('[data-figure="products"]').inner_text() == "1"
    assert nav(page).get_by_role("link", name="Sign in").is_visible()
    assert page.locator('[data-testid="roles"]').count() == 0
    assert page.locator("#country-PH").inner_text() == "Philippines"
    # Everything the page loads comes from the site itself (no CDN, no fonts, no trackers).
    assert requests and all(url.startswith(live_site) for url in requests), requests
    # htmx (vendored) is loaded only by the pages that use it (issue 18); the home page does not.
    assert page.evaluate("typeof window.htmx") == "undefined"
    assert not any(url.endswith("htmx.min.js") for url in requests)


def test_skip_link_is_the_first_stop_of_the_keyboard(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("role", list(ROLE_LABELS))
def test_each_role_signs_in_sees_its_roles_and_signs_out(page, role):
    user = make_role_user(role)
    role_label, scope = ROLE_LABELS[role]

    page.goto("/")
    nav(page).get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_test_id("who").inner_text() == user.full_name
    panel = page.get_by_test_id("roles")
    assert role_label in panel.inner_text()
    assert scope in panel.inner_text()
    assert nav(page).get_by_role("link", name="Sign in").count() == 0

    nav(page).get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert nav(page).get_by_role("link", name="Sign in").is_visible()
    assert page.get_by_test_id("who").count() == 0
    assert page.get_by_test_id("roles").count() == 0


def test_switch_to_indonesian_and_look_at_the_phone_layout(page, screenshot_dir):
    make_product(make_enterprise("ID-SA"))
    page.goto("/")

    page.select_option("#lang-select", "id")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "id"
    links = nav(page).get_by_role("link").all_inner_texts()
    assert "Beranda" in links and "Masuk" in links
    assert "Home" not in links and "Sign in" not in links
    assert page.locator("h1").inner_text() == "Produk usaha kecil di kawasan ini"
    assert page.locator("#lang-select").input_value() == "id"
    assert page.locator("#country-PH").inner_text() == "Filipina"

    # A phone-sized screen: nothing runs off the side.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    shot = screenshot_dir / "home-id-phone.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    # The choice sticks on the next page.
    nav(page).get_by_role("link", name="Masuk").click()
    assert page.locator("h1").inner_text() == "Masuk"
