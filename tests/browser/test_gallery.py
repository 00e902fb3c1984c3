"""The gallery in Chromium: a buyer's search on a phone, and an owner adding a product."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.catalog.test_gallery_support import site_urls  # noqa: F401
from tests.factories import make_enterprise, make_product, owner_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("site_urls")]

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's default


def _same_host_only(page, live_site: str) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_search_in_indonesian_filter_by_province_open_a_product_switch_language(
        page, live_site):
    sa = make_enterprise("ID-SA", legal_name="Koperasi Nelayan Minahasa")
    sn = make_enterprise("ID-SN", legal_name="CV Laut Biru")
    seaweed = make_product(sa, name="Dried seaweed for carrageenan", description="Sun-dried.",
                           hs_code_id="121221", language="en")
    make_product(sn, name="Eucheuma cottonii", description="Dried seaweed.",
                 hs_code_id="121221", language="en")
    make_product(sa, name="Biji kakao fermentasi", hs_code_id="180100")
    requests = _same_host_only(page, live_site)

    page.goto("/gallery/")
    page.get_by_label(re.compile("Search products")).fill("rumput laut")
    page.get_by_role("button", name="Search").click()
    cards = page.locator(".pcard")
    cards.first.wait_for()
    page.wait_for_function("document.querySelectorAll('.pcard').length === 2")
    assert "kakao" not in page.locator("#results").inner_text().lower()
    assert re.search(r"q=rumput(\+|%20)laut", page.url)  # htmx keeps the address shareable

    page.locator("details.facets summary").click()  # folded on a phone
    page.locator(".facet").get_by_role("link", name=re.compile("Sulawesi Utara")).click()
    page.wait_for_function("document.querySelectorAll('.pcard').length === 1")
    assert "subdivision=ID-SA" in page.url
    page.get_by_role("link", name="Dried seaweed for carrageenan").click()
    page.wait_for_url(re.compile(rf"/gallery/{seaweed.pk}-"))
    assert page.locator("h1").inner_text() == "Dried seaweed for carrageenan"

    page.get_by_label("Language").select_option("id")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"
    assert "rumput laut" in page.locator(".facts").inner_text()  # the HS name in Indonesian
    assert page.viewport_size["width"] <= 400
    # Nothing was fetched from another host: fonts, scripts and styles are the site's own.
    assert all(url.startswith(live_site) for url in requests), [
        u for u in requests if not u.startswith(live_site)]


def test_the_gallery_works_without_javascript(browser, live_site):
    make_product(make_enterprise("ID-SA"), name="Kopi arabika Toraja", hs_code_id="090111")
    context = browser.new_context(java_script_enabled=False, base_url=live_site,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto("/gallery/")
        page.get_by_label(re.compile("Search products")).fill("coffee")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"q=coffee"))
        assert page.locator(".pcard").count() == 1
        page.get_by_role("link", name="Kopi arabika Toraja").click()
        assert page.locator("h1").inner_text() == "Kopi arabika Toraja"
    finally:
        context.close()


def _jpeg(path) -> str:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (120, 70, 20)).save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def test_an_owner_adds_a_product_with_a_photo_and_sees_it_in_the_gallery(page, live_site,
                                                                          tmp_path):
    enterprise = make_enterprise("ID-SA", legal_name="CV Rempah Minahasa")
    owner = owner_of(enterprise, email="owner@rempah.test")

    page.goto("/accounts/login/?next=/manage/")
    page.get_by_label("E-mail").fill(owner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/manage/$"))

    page.get_by_role("link", name="Add a product").click()
    page.get_by_label(re.compile(r"^Name:?$")).fill("Pala Siau kering")
    page.get_by_label(re.compile(r"^HS code:?$")).fill("0908.11")
    page.get_by_label("Price from").fill("150000")
    page.get_by_label("Name in English").fill("Dried Siau nutmeg")
    page.locator("main form.stack-form").get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/manage/products/\d+/$"))

    page.get_by_label("Photo (JPEG, PNG or WebP)").set_input_files(_jpeg(tmp_path / "pala.jpg"))
    page.get_by_label(re.compile("What the photo shows")).fill("Nutmeg seeds on a tray")
    page.get_by_role("button", name="Upload photo").click()
    page.wait_for_load_state()
    assert "The photo was added." in page.locator(".messages").inner_text()

    page.goto("/gallery/?q=nutmeg")
    # Shown in the viewer's language: the English name the owner gave.
    card = page.locator(".pcard").filter(has_text="Dried Siau nutmeg")
    card.wait_for()
    image = card.locator("img")
    assert image.get_attribute("alt") == "Nutmeg seeds on a tray"
    assert image.get_attribute("src").endswith(".webp")
    assert image.get_attribute("loading") == "lazy"
