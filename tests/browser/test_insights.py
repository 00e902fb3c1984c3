"""Each dashboard opened as its role in Chromium, with a screenshot of what it shows."""

import pytest

from tests.factories import (
    focal_point_of,
    make_certification,
    make_enterprise,
    make_product,
    officer_of,
    secretariat,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")


@pytest.mark.parametrize(
    ("make_user", "heading", "total"),
    [
        (lambda: officer_of("ID-SA", email="o@t.test"), "Sulawesi Utara", "2"),
        (lambda: focal_point_of("ID", email="f@t.test"), "Indonesia", "3"),
        (lambda: secretariat(email="s@t.test"), "BIMP-EAGA region", "4"),
    ],
)
def test_dashboard_opens_for_its_role(page, screenshot_dir, make_user, heading, total):
    first = make_enterprise("ID-SA", size_class="micro", export_status="exporting")
    make_enterprise("ID-SA", size_class="small")
    make_enterprise("ID-KI", size_class="medium")
    make_enterprise("MY-12", size_class="micro")
    make_product(first)
    make_certification(first, kind="halal")
    user = make_user()
    _sign_in(page, user.email)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/insights/")
    assert heading in page.locator("h1").inner_text()
    assert page.locator('[data-figure="total"]').inner_text() == total
    assert page.locator("section.chart-section svg").count() >= 5
    page.screenshot(path=str(screenshot_dir / f"dashboard-{user.email}.png"), full_page=True)
