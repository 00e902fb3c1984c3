"""The owner's QR form and the validators (`qr_validate`, the API) tried with codes as the
region's issuers issue them, and with corrupted ones."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from etalase.payments.models import MerchantQR
from tests.factories import make_enterprise, owner_of
from tests.payments.test_issuer_samples import (
    DUITNOW,
    PAYNOW,
    PROMPTPAY,
    QRIS,
    QRPH,
    SGQR,
    VIETQR,
    _corrupt_crc,
    _corrupt_indicator,
    _corrupt_length,
)

pytestmark = pytest.mark.django_db

STATIC = {  # a static code of each scheme, and a subdivision of its country
    "PromptPay": (PROMPTPAY, "TH-10"),
    "VietQR": (VIETQR, "VN-SG"),
    "SGQR": (SGQR, "SG-01"),
    "PayNow": (PAYNOW, "SG-01"),
    "QRIS": (QRIS, "ID-SA"),
    "DuitNow": (DUITNOW, "MY-14"),
    "QR Ph": (QRPH, "PH-00"),
}


def _post(client, subdivision: str, payload: str):
    enterprise = make_enterprise(subdivision)
    client.force_login(owner_of(enterprise))
    url = reverse("payments:merchant_qr", args=[enterprise.pk])
    return enterprise, client.post(url, {"payload": payload}, follow=True)


@pytest.mark.parametrize(("payload", "subdivision"), STATIC.values(), ids=STATIC.keys())
def test_the_storefront_form_accepts_each_schemes_code(client, payload, subdivision):
    enterprise, response = _post(client, subdivision, payload)
    assert response.status_code == 200
    qr = MerchantQR.objects.get(enterprise=enterprise)
    assert qr.payload == payload and qr.scheme


def test_the_owner_reads_why_a_promptpay_code_has_no_name_in_plain_words(client):
    _enterprise, response = _post(client, "TH-10", PROMPTPAY)
    page = response.content.decode()
    assert "Your code carries no shop name" in page
    assert "<details>" in page and "59: Tag 59 (merchant name) is missing" in page
    # The figure caption does not show an empty name and a lone separator.
    assert "<figcaption> · " not in page


def test_the_storefront_shows_who_pays_a_vietqr_code_from_abroad(client):
    enterprise, _response = _post(client, "VN-SG", VIETQR)
    from etalase.catalog import links

    page = client.get(links.storefront_url(enterprise)).content.decode()
    assert "Pay from Thailand with a PromptPay-enabled app" in page
    assert "Pay from Cambodia with a KHQR-enabled app" in page


@pytest.mark.parametrize("corrupt", [_corrupt_crc, _corrupt_length, _corrupt_indicator],
                         ids=["bad CRC", "bad length", "wrong format indicator"])
@pytest.mark.parametrize(("payload", "subdivision"), STATIC.values(), ids=STATIC.keys())
def test_the_storefront_form_refuses_corrupted_codes_once_in_plain_words(
    client, payload, subdivision, corrupt
):
    _enterprise, response = _post(client, subdivision, corrupt(payload))
    page = response.content.decode()
    assert not MerchantQR.objects.exists()
    alert = page.split('role="alert"', 1)[1].split("</div>", 1)[0]
    plain = alert.split("<details>", 1)[0]
    assert plain.count("<p>") == 1  # one sentence, shown once
    assert "CRC" not in plain and "Tag " not in plain
    assert "<summary>" in alert  # the technical findings are folded away
    assert page.count(plain.split("<p>", 1)[1].split("</p>", 1)[0]) == 1


def test_the_issue_18_crc_message_is_shown_once_and_folded(client):
    _enterprise, response = _post(client, "ID-SA", QRIS[:-4] + "0000")
    page = response.content.decode()
    assert page.count("check digits do not match") == 1
    details = page.split("<details>", 1)[1]
    assert "63: CRC mismatch: expected 5CDD, found 0000." in details


@pytest.mark.parametrize(("payload", "subdivision"), STATIC.values(), ids=STATIC.keys())
def test_qr_validate_json_lists_the_warnings(payload, subdivision):
    out = StringIO()
    call_command("qr_validate", payload, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["valid"] is True
    if payload in (PROMPTPAY, VIETQR):
        assert {(w["tag"], w["code"]) for w in data["warnings"]} == {
            ("52", "missing_tag"), ("59", "missing_tag"), ("60", "missing_tag")}
        assert all(w["message"] for w in data["warnings"])


def test_qr_validate_refuses_a_corrupted_code_with_exit_status_1():
    out = StringIO()
    with pytest.raises(SystemExit) as info:
        call_command("qr_validate", _corrupt_indicator(PROMPTPAY), "--format", "json", stdout=out)
    assert info.value.code == 1
    errors = json.loads(out.getvalue())["errors"]
    assert ("00", "invalid_format_indicator") in {(e["tag"], e["code"]) for e in errors}


def test_the_api_validator_returns_the_warnings_of_a_vietqr_code(client):
    response = client.post("/api/v1/payments/qr/validate", {"payload": VIETQR},
                           content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["valid"] and body["scheme"] == "VietQR"
    assert ("59", "missing_tag") in {(w["tag"], w["code"]) for w in body["warnings"]}
