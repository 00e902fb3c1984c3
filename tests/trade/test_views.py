"""Checklist page, PDF and API; the product page and owner form link to them."""

import pytest
from django.urls import reverse

from etalase.catalog.links import product_url
from tests.factories import make_enterprise, make_product, owner_of

pytestmark = pytest.mark.django_db
PAGE = "/trade/export/"
API = "/api/v1/export-checklist"


def test_page_shows_sourced_checklist_in_indonesian(client):
    response = client.get(PAGE, {"hs": "180100", "origin": "ID", "destination": "MY",
                                 "lang": "id"}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-code="ATIGA"' in html and "e-SKA" in html and "MAQIS" in html
    assert "Source:" in html or "Sumber:" in html
    assert "Tanaman dan produk tanaman" in html  # the data text in the page's language
    assert 'data-testid="gaps"' in html and 'data-testid="pdf-fil"' in html


@pytest.mark.parametrize(("params", "code"), [
    ({"hs": "", "origin": "ID", "destination": "MY"}, "required"),
    ({"hs": "180199", "origin": "ID", "destination": "MY"}, "unknown"),
    ({"hs": "x" * 10240, "origin": "ID", "destination": "MY"}, "too_long"),
    ({"hs": "180100", "origin": "QQ", "destination": "MY"}, "unknown_country"),
])
def test_page_bad_input_is_a_400_with_the_reason(client, params, code):
    response = client.get(PAGE, params)
    assert response.status_code == 400
    assert f'data-code="{code}"' in response.content.decode()


def test_empty_page_is_the_form(client):
    response = client.get(PAGE)
    assert response.status_code == 200 and b'data-testid="checklist-form"' in response.content


def test_rvc_calculator_on_the_page(client):
    response = client.get(PAGE, {"hs": "940153", "origin": "PH", "destination": "KR",
                                 "fob": "1000", "non_originating": "550",
                                 "regional_material": "300", "labour": "100", "profit": "50"})
    html = response.content.decode()
    assert "45.0 %" in html and "meets RVC 40 %" in html  # build-down
    bad = client.get(PAGE, {"hs": "940153", "origin": "PH", "destination": "KR",
                            "fob": "100", "non_originating": "500"})
    assert bad.status_code == 200 and "cannot be worth more" in bad.content.decode()


@pytest.mark.parametrize("language", ["en", "id", "ms", "fil"])
def test_pdf_in_four_languages(client, language):
    response = client.get(reverse("trade:checklist_pdf"), {
        "hs": "940153", "origin": "PH", "destination": "KR", "lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 3000
    assert f"-{language}.pdf" in response["Content-Disposition"]


def test_pdf_bad_input_is_400_text(client):
    response = client.get(reverse("trade:checklist_pdf"), {"hs": "<script>", "origin": "PH",
                                                           "destination": "KR"})
    assert response.status_code == 400 and b"<script>" not in response.content


def test_api_checklist(client):
    response = client.get(API, {"hs": "1801.00", "origin": "ID", "destination": "JP",
                                "value": "10000", "lang": "ms"})
    assert response.status_code == 200
    body = response.json()
    assert body["hs"]["code"] == "180100" and body["duty"]["schedule_year"] == 2024
    assert body["duty"]["saving"] == "0.00"
    assert {a["code"] for a in body["agreements"]} >= {"AJCEP", "RCEP"}
    assert body["versions"]["agreements"]["version"]


@pytest.mark.parametrize(("params", "field", "code"), [
    ({}, "hs", "required"),
    ({"hs": "999998", "origin": "ID", "destination": "MY"}, "hs", "unknown"),
    ({"hs": "9" * 10240, "origin": "ID", "destination": "MY"}, "hs", "too_long"),
    ({"hs": "180100", "origin": "ID", "destination": "XK1"}, "destination", "unknown_country"),
    ({"hs": "180100", "origin": "ID"}, "destination", "required"),
])
def test_api_bad_input_is_422_with_field_and_code(client, params, field, code):
    response = client.get(API, params)
    assert response.status_code == 422
    assert response.json()["detail"]["field"] == field
    assert response.json()["detail"]["code"] == code


def test_product_page_and_owner_form_link_to_the_checklist(client):
    enterprise = make_enterprise("ID-SA")
    product = make_product(enterprise, is_published=True)
    page = client.get(product_url(product))
    html = page.content.decode()
    assert 'data-testid="export-form"' in html and 'name="origin" value="ID"' in html
    client.force_login(owner_of(enterprise))
    form = client.get(reverse("enterprises:product_edit", args=[product.pk]))
    assert 'data-testid="export-form"' in form.content.decode()
