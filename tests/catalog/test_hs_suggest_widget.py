"""HS suggestion where a product is typed: the owner's product form, the sourcing request's
HS search, the intake preview (rows without an HS code) — server-side, without JavaScript."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from etalase.catalog.hs_suggest.widget import for_intake_row, suggestions_for
from etalase.catalog.models import Product
from etalase.intake.models import Submission
from tests.factories import focal_point_of, make_enterprise, make_product, officer_of, owner_of

pytestmark = pytest.mark.django_db


def test_suggestions_for_a_name_and_for_nothing():
    found, message = suggestions_for("udang vaname beku", "id")
    assert found[0]["dotted"] == "0306.17" and message == ""
    assert suggestions_for("", "id") == ([], "")
    found, message = suggestions_for("<b>kopi</b>", "id")
    assert found == [] and "<" in message  # the message names the refused characters


def test_intake_row_suggests_only_without_a_code():
    assert for_intake_row({"name": "biji kakao kering", "hs_code_id": None}, "id")["code"] \
        == "180100"
    assert for_intake_row({"name": "biji kakao kering", "hs_code_id": "180100"}, "id") is None
    assert for_intake_row(None, "id") is None
    assert for_intake_row({"name": "", "hs_code_id": None}, "id") is None


def test_product_form_lists_suggestions_for_the_name_as_suggested(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(enterprise))
    product = make_product(enterprise, name="Kerusi rotan antik", hs_code_id=None)
    html = client.get(reverse("enterprises:product_edit", args=[product.pk]),
                      HTTP_ACCEPT_LANGUAGE="ms").content.decode()
    assert "data-hs-suggest" in html and "catalog/hs_suggest" in html
    assert "9401.53" in html and "Kerusi rotan" in html
    assert 'data-target="id_hs_code"' in html and 'data-source="id_name"' in html


def test_product_form_without_javascript_suggests_after_a_save_without_code(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(enterprise))
    response = client.post(reverse("enterprises:product_create", args=[enterprise.pk]), {
        "name": "Hipon na nagyelo, malalaki", "language": "fil", "unit": "kg", "hs_code": "",
        "is_published": "on"})
    html = response.content.decode()
    if response.status_code == 302:  # an HS code is optional here: the edit page suggests
        html = client.get(response["Location"]).content.decode()
    assert "0306.17" in html
    assert not Product.objects.filter(enterprise=enterprise, hs_code_id="030617").exists()


def test_product_form_escapes_a_hostile_name(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(enterprise))
    product = make_product(enterprise, name="<script>alert(1)</script> kopi", hs_code_id=None)
    html = client.get(reverse("enterprises:product_edit", args=[product.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_sourcing_hs_search_puts_suggested_subheadings_first(client):
    response = client.get(reverse("matching:hs_options"), {"q": "kopi robusta biji mentah"},
                          HTTP_ACCEPT_LANGUAGE="id")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index('value="090111"') < body.index("</li>")  # the first option


def _office_upload() -> tuple[Client, Submission]:
    client = Client()
    client.force_login(officer_of("ID-SA"))
    content = ("Nama Usaha;NIB;Kabupaten/Kota;Produk Utama;Kode HS\n"
               "UD Kakao Baru;9120000000701;Minahasa;Biji kakao fermentasi kering;\n"
               "UD Kopi Baru;9120000000702;Minahasa;Kopi bubuk;090121\n"
               "UD Rotan Baru;9120000000703;Minahasa;Kursi rotan teras;\n")
    stream = io.BytesIO(content.encode())
    stream.name = "data.csv"
    client.post("/submissions/upload/", {"office": "ID-SA", "file": stream})
    return client, Submission.objects.latest("pk")


def test_intake_preview_marks_the_suggested_code_of_a_product_without_one():
    client, submission = _office_upload()
    html = client.get(f"/submissions/{submission.pk}/?section=create").content.decode()
    assert "1801.00" in html and "suggested" in html and "Confirm this HS code" in html
    row_with_code = html.split("UD Kopi Baru")[1].split("</tr>")[0]
    assert "hs-suggestion" not in row_with_code


def test_a_confirmed_suggestion_is_written_an_unconfirmed_one_is_not(
        django_capture_on_commit_callbacks):
    client, submission = _office_upload()
    url = f"/submissions/{submission.pk}/"
    client.post(url + "decisions/", {"d-2-hs_code": "180100"})  # the cocoa row
    # Not accepted: a code for a row that has one, an unknown code, markup.
    client.post(url + "decisions/", {"d-3-hs_code": "180100", "d-4-hs_code": "999998",
                                     "d-99-hs_code": "<b>"})
    submission.refresh_from_db()
    assert submission.decisions == {"2": {"hs_code": "180100"}}
    html = client.get(url + "?section=create").content.decode()
    assert "confirmed: the product is written with this code" in html
    client.post(url + "submit/")
    focal = Client()
    focal.force_login(focal_point_of("ID"))
    with django_capture_on_commit_callbacks(execute=True):
        focal.post(url + "accept/")
    submission.refresh_from_db()
    assert submission.status == "committed"
    products = dict(Product.objects.values_list("name", "hs_code_id"))
    assert products["Biji kakao fermentasi kering"] == "180100"
    assert products["Kursi rotan teras"] is None  # suggested, never confirmed
    assert products["Kopi bubuk"] == "090121"
