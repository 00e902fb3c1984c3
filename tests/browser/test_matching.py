"""The issue's acceptance check for supply-chain matching, in Chromium: a buyer posts a
request (HS code picked with the search-as-you-type), sees ranked matches with reasons and
sends an inquiry; the owner replies with a quote; both see the status change."""

import re

import pytest

from etalase.catalog.search import synonyms
from etalase.matching.models import Inquiry, Quote, SourcingRequest
from tests.matching.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's default


def sign_in(page, user, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def sign_out(page) -> None:
    page.locator("nav.main-nav").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_buyer_posts_sees_matches_inquires_owner_quotes_both_see_the_status(page,
                                                                           screenshot_dir):
    synonyms.reset()
    world = build_world()

    # 1. The buyer posts the request; the HS code comes from the search-as-you-type.
    sign_in(page, world.buyer, "/sourcing/new/")
    page.get_by_label("What do you need?").fill("cocoa beans")
    page.get_by_label("Find HS codes by name").fill("kakao")
    option = page.get_by_test_id("hs-option-180100")
    option.wait_for()
    option.check()
    page.get_by_label("Quantity per month").fill("20")
    page.locator("#id_unit").select_option("t")
    page.get_by_label("Halal").check()
    page.locator("#id_preferred_subdivisions").select_option("ID-SA")
    page.get_by_role("button", name="Save and open to suppliers").click()
    page.wait_for_url(re.compile(r"/sourcing/\d+/$"))
    request = SourcingRequest.objects.get()
    assert request.hs_code_list == ["180100"] and request.status == "open"

    # 2. Ranked matches, each with its reasons.
    matches = page.get_by_test_id("match")
    assert matches.count() == 5
    first = matches.nth(0)
    assert "UD Kakao Minahasa" in first.inner_text()
    reasons = first.locator(".reasons").inner_text()
    assert "HS 1801.00 exact" in reasons and "verified by ID-SA office" in reasons
    assert "halal expired" in matches.nth(2).inner_text()  # CV Coklat Lama ranks third
    assert "capacity 8 t/month < 20 t needed (40%)" in matches.nth(3).inner_text()
    page.screenshot(path=str(screenshot_dir / "matching-matches.png"), full_page=True)

    # 3. The buyer sends an inquiry to the best match.
    first.get_by_test_id("contact").click()
    page.get_by_label("Message").fill("Can you ship 20 t a month from March?")
    page.get_by_test_id("send-inquiry").click()
    page.wait_for_url(re.compile(r"/sourcing/inquiries/\d+/$"))
    assert page.get_by_test_id("inquiry-status").inner_text() == "New"
    inquiry = Inquiry.objects.get()
    sign_out(page)

    # 4. The owner sees the inquiry, replies and quotes.
    sign_in(page, world.owner_a, "/sourcing/inquiries/")
    page.get_by_role("link", name="cocoa beans").click()
    assert "Can you ship 20 t a month" in page.get_by_test_id("thread").inner_text()
    page.get_by_label("Message").fill("Yes, 25 t a month, halal certified.")
    page.get_by_test_id("reply").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("inquiry-status").inner_text() == "In talks"
    page.get_by_label("Price per unit").fill("3100")
    page.get_by_label("Currency").fill("USD")
    assert page.locator("#id_quantity").input_value() == "20.00"  # from the request
    page.get_by_label("Lead time (days)").fill("30")
    page.get_by_test_id("send-quote").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("inquiry-status").inner_text() == "Quoted"
    assert Quote.objects.get().inquiry == inquiry
    page.screenshot(path=str(screenshot_dir / "matching-quote-owner.png"), full_page=True)
    sign_out(page)

    # 5. The buyer sees the quote and the new status, and closes the deal.
    sign_in(page, world.buyer, f"/sourcing/inquiries/{inquiry.pk}/")
    assert page.get_by_test_id("inquiry-status").inner_text() == "Quoted"
    assert "3100" in page.get_by_test_id("quote").inner_text().replace(",", "")
    page.get_by_label("Move to").select_option("won")
    page.get_by_test_id("set-status").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("inquiry-status").inner_text() == "Won"
    sign_out(page)

    # 6. The owner sees it too.
    sign_in(page, world.owner_a, f"/sourcing/inquiries/{inquiry.pk}/")
    assert page.get_by_test_id("inquiry-status").inner_text() == "Won"
