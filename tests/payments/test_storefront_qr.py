import io

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from etalase.payments import emv, selectors, services
from etalase.payments.models import MerchantQR
from tests.factories import make_enterprise, officer_of, owner_of

STATIC_QRIS = (
    "00020101021126630014ID.SPINPAY.WWW011893600816343100062402121314310006240303UMI51440014"
    "ID.CO.QRIS.WWW0215ID10200384314890303UMI5204839853033605802ID5904SPIN6013Jakarta Pusat"
    "61051034062140103***0703A0163045CDD"
)
DYNAMIC_QRIS = (
    "00020101021226610014COM.GO-JEK.WWW01189360091432343267810210G2343267810303UBE51440014"
    "ID.CO.QRIS.WWW0215ID20190143816000303UBE5204581253033605802ID5910Starbucks 6013JAKARTA "
    "PUSAT610510210540839000.006239502801202104130502044NMWVA6P4CID0703A0363049A04"
)

pytestmark = pytest.mark.django_db


def _png(payload: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=6)
    return buffer.getvalue()


def test_owner_registers_a_pasted_static_qr():
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    qr = services.merchant_qr_register(actor=owner, enterprise=enterprise, payload=STATIC_QRIS)
    assert (qr.scheme, qr.merchant_name, qr.merchant_city, qr.currency) == (
        "QRIS",
        "SPIN",
        "Jakarta Pusat",
        "360",
    )


def test_owner_registers_a_photo_of_the_code():
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    qr = services.merchant_qr_register(actor=owner, enterprise=enterprise, image=_png(STATIC_QRIS))
    assert qr.payload == STATIC_QRIS


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (STATIC_QRIS[:-4] + "FFFF", "invalid_qr"),
        (DYNAMIC_QRIS, "dynamic_qr"),
        ("", "empty"),
    ],
)
def test_bad_codes_are_refused_and_nothing_is_stored(payload, code):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    with pytest.raises(ValidationError) as info:
        services.merchant_qr_register(actor=owner, enterprise=enterprise, payload=payload)
    assert info.value.error_list[0].code == code
    assert not MerchantQR.objects.exists()


def test_a_qr_of_another_country_is_refused():
    enterprise = make_enterprise("MY-12")
    owner = owner_of(enterprise)
    with pytest.raises(ValidationError) as info:
        services.merchant_qr_register(actor=owner, enterprise=enterprise, payload=STATIC_QRIS)
    assert info.value.error_list[0].code == "country_mismatch"


def test_only_the_owner_publishes_where_its_money_goes():
    enterprise = make_enterprise("ID-SA")
    with pytest.raises(PermissionDenied):
        services.merchant_qr_register(
            actor=officer_of("ID-SA"), enterprise=enterprise, payload=STATIC_QRIS
        )
    other_owner = owner_of(make_enterprise("ID-SA"))
    with pytest.raises(PermissionDenied):
        services.merchant_qr_register(actor=other_owner, enterprise=enterprise, payload=STATIC_QRIS)


def test_storefront_shows_who_can_pay_from_abroad():
    enterprise = make_enterprise("ID-SA")
    services.merchant_qr_register(
        actor=owner_of(enterprise), enterprise=enterprise, payload=STATIC_QRIS
    )
    shown = selectors.storefront_qr(enterprise)
    schemes = [p["scheme"] for p in shown["payers"]]
    assert schemes[0] == "QRIS"  # home scheme first
    assert "DuitNow" in schemes and "PromptPay" in schemes
    assert "<svg" in shown["svg"]


def test_edit_page_registers_and_shows_the_qr(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(enterprise))
    url = reverse("payments:merchant_qr", args=[enterprise.pk])
    response = client.post(url, {"payload": STATIC_QRIS}, follow=True)
    assert response.status_code == 200
    assert b"Pay from Malaysia with a DuitNow-enabled app" in response.content
    assert b"exchange rate is set by your own payment provider" in response.content


def test_edit_page_reports_the_tag_that_is_wrong(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(enterprise))
    url = reverse("payments:merchant_qr", args=[enterprise.pk])
    response = client.post(url, {"payload": STATIC_QRIS[:-4] + "FFFF"})
    assert response.status_code == 200
    assert b"63:" in response.content
    assert not MerchantQR.objects.exists()


def test_edit_page_refuses_a_script_uploaded_as_a_picture(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(enterprise))
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("qr.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(reverse("payments:merchant_qr", args=[enterprise.pk]), {"image": upload})
    assert response.status_code == 200
    assert b"&lt;script&gt;" not in response.content or b"<script>alert" not in response.content
    assert not MerchantQR.objects.exists()


def test_edit_page_of_another_enterprise_is_not_found(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(make_enterprise("ID-SA")))
    response = client.get(reverse("payments:merchant_qr", args=[enterprise.pk]))
    assert response.status_code == 404


def test_payment_request_builds_a_dynamic_qr_with_the_amount(client):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    services.merchant_qr_register(actor=owner, enterprise=enterprise, payload=STATIC_QRIS)
    client.force_login(owner)
    response = client.get(
        reverse("payments:payment_request", args=[enterprise.pk]), {"amount": "125000.50"}
    )
    payload = response.context["payload"]
    parsed = emv.parse(payload)
    assert parsed.valid and parsed.amount == "125000.50" and parsed.point_of_initiation == "12"


@pytest.mark.parametrize("amount", ["-1", "0", "abc", "1e99", "12.345"])
def test_payment_request_refuses_bad_amounts(client, amount):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    services.merchant_qr_register(actor=owner, enterprise=enterprise, payload=STATIC_QRIS)
    client.force_login(owner)
    response = client.get(
        reverse("payments:payment_request", args=[enterprise.pk]), {"amount": amount}
    )
    assert response.status_code == 200
    assert "payload" not in response.context
    assert response.context["form"].errors


def test_qr_image_is_served_for_public_enterprises_only(client):
    enterprise = make_enterprise("ID-SA")
    services.merchant_qr_register(
        actor=owner_of(enterprise), enterprise=enterprise, payload=STATIC_QRIS
    )
    png = client.get(reverse("payments:merchant_qr_image", args=[enterprise.pk, "png"]))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    enterprise.consent = "pending"
    enterprise.save()
    assert (
        client.get(reverse("payments:merchant_qr_image", args=[enterprise.pk, "svg"])).status_code
        == 404
    )


def test_the_storefront_qr_is_in_the_enterprise_api_record(client):
    enterprise = make_enterprise("ID-SA")
    services.merchant_qr_register(actor=owner_of(enterprise), enterprise=enterprise,
                                  payload=STATIC_QRIS)
    record = client.get(f"/api/v1/enterprises/{enterprise.pk}").json()["payment_qr"]
    assert record["payload"] == STATIC_QRIS and record["scheme"] == "QRIS"
    assert "DuitNow" in record["payable_from"]
    listed = client.get("/api/v1/enterprises").json()["items"][0]
    assert listed["payment_qr"]["merchant_name"] == "SPIN"


def test_an_enterprise_without_qr_has_null_in_the_api(client):
    enterprise = make_enterprise("ID-SA")
    assert client.get(f"/api/v1/enterprises/{enterprise.pk}").json()["payment_qr"] is None


def test_the_storefront_page_shows_the_qr_with_its_merchant_and_payers(client):
    from etalase.catalog import links

    enterprise = make_enterprise("ID-SA")
    services.merchant_qr_register(actor=owner_of(enterprise), enterprise=enterprise,
                                  payload=STATIC_QRIS)
    page = client.get(links.storefront_url(enterprise)).content.decode()
    assert "<svg" in page and "SPIN · Jakarta Pusat" in page
    assert "Pay from Malaysia with a DuitNow-enabled app" in page
