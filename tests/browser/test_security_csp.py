"""The Content-Security-Policy in Chromium: pages run their scripts and styles with no
violation reported (inline code would be refused), htmx still swaps results, the API docs
render."""

from __future__ import annotations

import re

import pytest

from etalase.catalog.links import product_url, storefront_url
from tests.catalog.test_gallery_support import site_urls  # noqa: F401
from tests.factories import make_enterprise, make_product, officer_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("site_urls")]

DESKTOP = {"width": 1280, "height": 900}


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text)
            if "Content Security Policy" in m.text or m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


@pytest.fixture
def page(browser, live_site):
    """Like conftest's page, but with the site's CSP enforced (conftest's bypasses it)."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=live_site)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_pages_run_under_the_policy_without_violations(page, live_site, screenshot_dir):
    sa = make_enterprise("ID-SA", legal_name="Koperasi Nelayan Minahasa")
    seaweed = make_product(sa, name="Rumput laut kering", hs_code_id="121221")
    make_product(sa, name="Biji kakao fermentasi", hs_code_id="180100")
    problems = _watch(page)

    response = page.goto("/gallery/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    # gallery_facets.js (once inline) ran: on a wide screen the filters are open.
    assert page.locator("details.facets").evaluate("d => d.open")
    # htmx runs: typing loads results in place.
    page.get_by_label(re.compile("Search products")).fill("kakao")
    page.wait_for_url(re.compile(r"q=kakao"))
    page.locator(".pcard", has_text="Biji kakao").wait_for()
    page.screenshot(path=str(screenshot_dir / "csp-gallery.png"), full_page=True)

    for url in (product_url(seaweed), storefront_url(sa), "/accounts/login/", "/"):
        page.goto(url)
        # The site's stylesheet applies (a page without it would be unstyled).
        assert page.locator("body").evaluate("b => getComputedStyle(b).margin") == "0px"

    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info").wait_for()
    assert problems == []


def test_signed_in_pages_with_htmx_and_intake_styles_run_without_violations(page, live_site):
    officer = officer_of("ID-SA")
    problems = _watch(page)
    page.goto("/accounts/login/?next=/submissions/upload/")
    page.get_by_label("E-mail").fill(officer.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/submissions/upload/$"))
    page.goto("/submissions/")
    # intake.css (once an inline <style>) is loaded and its rules are in force.
    selectors = page.evaluate(
        "() => [...document.styleSheets].flatMap(s => [...s.cssRules])"
        ".map(r => r.selectorText).filter(Boolean)"
    )
    assert ".intake-figures" in selectors
    page.goto("/sourcing/")
    assert problems == []
