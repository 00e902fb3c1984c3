"""Gallery and product pages: render, filter, escape, languages, SEO tags, privacy."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from etalase.catalog import links
from etalase.enterprises.models import Consent
from etalase.trade import currency
from etalase.web import formatting
from tests.catalog.test_gallery_support import fast_passwords, site_urls  # noqa: F401
from tests.factories import buyer, make_enterprise, make_product, officer_of, owner_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_urls", "fast_passwords")]

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_gallery_without_a_query_lists_products_and_popular_goods(client):
    product = make_product(name="Biji kakao Sulawesi")
    html = _html(client.get(reverse("catalog:gallery")))
    assert "Biji kakao Sulawesi" in html
    assert links.product_url(product) in html
    assert "Popular goods" in html


def test_gallery_search_in_indonesian_finds_the_english_product(client):
    product = make_product(name="Dried seaweed", description="", hs_code_id="121229")
    html = _html(client.get(reverse("catalog:gallery"), {"q": "rumput laut"},
                            HTTP_ACCEPT_LANGUAGE="id"))
    assert "Dried seaweed" in html
    assert 'lang="id"' in html
    assert links.product_url(product) in html


def test_facet_links_filter_and_keep_the_query(client):
    make_product(make_enterprise("ID-SA"), name="Kakao A")
    make_product(make_enterprise("ID-SN"), name="Kakao B")
    html = _html(client.get(reverse("catalog:gallery"), {"q": "kakao"}))
    assert "?q=kakao&amp;subdivision=ID-SN" in html
    html = _html(client.get(reverse("catalog:gallery"), {"q": "kakao", "subdivision": "ID-SN"}))
    assert "Kakao B" in html and "Kakao A" not in html
    assert 'name="subdivision" value="ID-SN"' in html  # kept by the search form


def test_htmx_requests_get_only_the_results_fragment(client):
    make_product(name="Kakao A")
    response = client.get(reverse("catalog:gallery"), {"q": "kakao"},
                          HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    html = _html(response)
    assert "<html" not in html
    assert "Kakao A" in html
    assert 'hx-swap-oob="true"' in html
    assert "HX-Request" in response["Vary"]


def test_zero_results_show_suggestions(client):
    make_product(name="Madu hutan", description="", hs_code_id="040900")
    html = _html(client.get(reverse("catalog:gallery"), {"q": "madu sapi"}))
    assert 'data-testid="no-results"' in html
    assert "?q=madu" in html


def test_a_typo_says_what_was_searched(client):
    make_product(name="Kakao fermentasi", description="")
    html = _html(client.get(reverse("catalog:gallery"), {"q": "kakoa"}))
    assert "Kakao fermentasi" in html
    assert "<em>kakao</em>" in html


@pytest.mark.parametrize("params", [
    {"q": XSS}, {"q": "x" * 10000}, {"page": "-1"}, {"page": "abc"}, {"sort": XSS},
    {"subdivision": XSS}, {"hs_chapter": "18' OR '1'='1"}, {"verified": XSS},
    {"q": "kakao", "page": "999999"},
])
def test_hostile_query_strings_render_escaped(client, params):
    make_product(name="Kakao A")
    html = _html(client.get(reverse("catalog:gallery"), params))
    assert "<script>alert" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")


def test_names_and_descriptions_are_escaped_everywhere(client):
    enterprise = make_enterprise(legal_name=f"PT {XSS}", description=XSS)
    product = make_product(enterprise, name=f"Kakao {XSS}", description=f"kakao {XSS}")
    for url in (reverse("catalog:gallery") + "?q=kakao", links.product_url(product),
                links.storefront_url(enterprise), reverse("regions:province", args=["ID-SA"])):
        html = _html(client.get(url))
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url


def test_json_ld_cannot_be_broken_out_of(client):
    product = make_product(name='Kakao</script><script>alert(1)</script>',
                           description="a & b <!-- c")
    html = _html(client.get(links.product_url(product)))
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "Product"
    assert data["name"] == 'Kakao</script><script>alert(1)</script>'
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["manufacturer"]["@type"] == "Organization"


def test_product_page_shows_the_facts(client):
    product = make_product(name="Biji kakao fermentasi")
    html = _html(client.get(links.product_url(product), HTTP_ACCEPT_LANGUAGE="fil"))
    assert "1801.00" in html
    assert "butil ng kakaw" in html  # the HS name in the viewer's language
    # IDR 45,000–52,000 in US dollars at the ECB reference rate, with that rate's date.
    low, high = (currency.convert(Decimal(v), "IDR", "USD") for v in (45_000, 52_000))
    shown = formatting.money_range(low.amount, high.amount, "USD", "fil")
    assert f"≈ {shown}" in html and shown.startswith("$")
    assert formatting.date_local(low.rate_date, language="fil") in html
    assert links.storefront_url(product.enterprise) in html


def test_product_url_redirects_to_its_canonical_slug(client):
    product = make_product(name="Kopi Toraja")
    response = client.get(reverse("catalog:product_short", args=[product.pk]))
    assert response.status_code == 301
    assert response["Location"] == links.product_url(product)
    response = client.get(reverse("catalog:product", args=[product.pk, "old-name"]) + "?hl=id")
    assert response["Location"] == links.product_url(product) + "?hl=id"


def test_unpublished_products_are_hidden_from_the_public_but_not_from_their_owner(client):
    product = make_product(name="Kakao rahasia", is_published=False)
    assert client.get(links.product_url(product)).status_code == 404
    client.force_login(owner_of(product.enterprise))
    html = _html(client.get(links.product_url(product)))
    assert "not public" in html


def test_products_of_enterprises_without_consent_are_hidden(client):
    product = make_product(make_enterprise(consent=Consent.PENDING))
    assert client.get(links.product_url(product)).status_code == 404
    client.force_login(buyer())
    assert client.get(links.product_url(product)).status_code == 404
    client.force_login(officer_of("ID-SA"))
    assert client.get(links.product_url(product)).status_code == 200


def test_hreflang_canonical_and_opengraph(client):
    product = make_product(name="Kopi Toraja")
    url = links.product_url(product)
    html = _html(client.get(url + "?hl=ms"))
    assert f'<link rel="canonical" href="http://testserver{url}?hl=ms">' in html
    for code in ("en", "id", "ms", "fil"):
        assert f'hreflang="{code}" href="http://testserver{url}?hl={code}"' in html
    assert f'hreflang="x-default" href="http://testserver{url}"' in html
    assert '<meta property="og:type" content="product">' in html
    assert '<meta property="og:locale" content="ms_MY">' in html
    assert '<html lang="ms">' in html


def test_the_hl_parameter_switches_the_language_of_one_page(client):
    make_product()
    html = _html(client.get(reverse("catalog:gallery") + "?hl=id"))
    assert '<html lang="id">' in html
    html = _html(client.get(reverse("catalog:gallery") + "?hl=xx"))
    assert '<html lang="en">' in html


def test_robots_and_sitemap(client):
    product = make_product(name="Kopi Toraja")
    hidden = make_product(name="Kopi rahasia", is_published=False)
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    assert "Disallow: /manage/" in robots.content.decode()
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-products.xml" in index
    products = client.get("/sitemap-products.xml").content.decode()
    assert links.product_url(product) in products
    assert links.product_url(hidden) not in products
    assert links.storefront_url(product.enterprise) in client.get(
        "/sitemap-enterprises.xml").content.decode()
    assert "/p/ID-SA/" in client.get("/sitemap-provinces.xml").content.decode()


def test_the_sitemap_index_dates_each_section_by_its_newest_public_record(client):
    import datetime as dt

    from django.core.cache import cache

    from etalase.catalog.models import Product

    old = make_product(name="Kopi lama")
    hidden = make_product(name="Kopi rahasia", is_published=False)
    Product.objects.filter(pk=old.pk).update(updated_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    # A hidden product's newer change is not a change of the public section.
    Product.objects.filter(pk=hidden.pk).update(updated_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    cache.clear()  # the index is cached for an hour
    index = client.get("/sitemap.xml").content.decode()
    section = re.search(r"<loc>[^<]*sitemap-products\.xml</loc>\s*<lastmod>([^<]+)</lastmod>",
                        index)
    assert section and section.group(1).startswith("2026-03-01"), index


def test_province_page(client):
    enterprise = make_enterprise("ID-SA", legal_name="Koperasi Kakao Minahasa")
    make_product(enterprise, name="Biji kakao")
    make_product(make_enterprise("ID-SN"), name="Kopi")
    html = _html(client.get(reverse("regions:province", args=["ID-SA"])))
    assert "Koperasi Kakao Minahasa" in html
    assert "Biji kakao" in html and ">Kopi<" not in html
    assert "/gallery/?subdivision=ID-SA" in html
    assert client.get(reverse("regions:province", args=["id-sa"])).status_code == 301
    assert client.get(reverse("regions:province", args=["XX-99"])).status_code == 404


def test_gallery_page_weight_is_light(client):
    """HTML of a full page of 24 results stays far below the 60 KB (compressed) budget."""
    import gzip

    for i in range(30):
        make_product(name=f"Biji kakao {i}")
    html = _html(client.get(reverse("catalog:gallery"), {"q": "kakao"}))
    assert len(gzip.compress(html.encode())) < 15_000
    assert "https://" not in re.sub(r'(href|content)="https?://testserver[^"]*"', "", html).split(
        "</head>")[0]  # nothing in <head> loads from another host
