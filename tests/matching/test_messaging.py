"""Inquiries, messages, quotes, the pipeline both sides see, notifications, the quote's QR."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from etalase.matching import messaging, services
from etalase.matching.models import Inquiry, Notification, Quote
from etalase.payments import emv
from etalase.payments.services import merchant_qr_register
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db

QRIS = (  # a static QRIS of tests/payments/test_emv.py (rupiah: currency 360)
    "00020101021126630014ID.SPINPAY.WWW011893600816343100062402121314310006240303"
    "UMI51440014ID.CO.QRIS.WWW0215ID10200384314890303UMI5204839853033605802ID5904SPIN6013"
    "Jakarta Pusat61051034062140103***0703A0163045CDD"
)


def quote_fields(**overrides):
    fields = dict(price=Decimal("45000"), currency="IDR", quantity=Decimal(1000), unit="kg",
                  lead_time_days=14, valid_until=timezone.localdate() + dt.timedelta(days=30),
                  incoterm="FOB")
    fields.update(overrides)
    return fields


@pytest.fixture
def cocoa(world):
    return open_request(world, cocoa_request(world))


def test_buyer_writes_supplier_replies_both_sides_see_the_pipeline(
        client, world, cocoa, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a,
                                          body="Can you ship 20 t monthly?",
                                          sourcing_request=cocoa)
    assert inquiry.status == "new" and inquiry.subject == cocoa.title
    # The owner is told in the app and by e-mail; the buyer (who acted) is not.
    assert Notification.objects.filter(user=world.owner_a, kind="inquiry").count() == 1
    assert not Notification.objects.filter(user=world.buyer).exists()
    assert [m.to for m in mail.outbox] == [[world.owner_a.email]]
    with django_capture_on_commit_callbacks(execute=True):
        messaging.message_post(actor=world.owner_a, inquiry=inquiry, body="Yes, from March.")
    inquiry.refresh_from_db()
    assert inquiry.status == "in_talks"  # the other side answered
    assert Notification.objects.filter(user=world.buyer).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        messaging.quote_create(actor=world.owner_a, inquiry=inquiry, **quote_fields())
    inquiry.refresh_from_db()
    assert inquiry.status == "quoted"
    for user in (world.buyer, world.owner_a):
        client.force_login(user)
        page = client.get(reverse("matching:inquiry_detail", args=[inquiry.pk])).content.decode()
        assert 'aria-current="step" data-testid="inquiry-status">Quoted' in page
    messaging.inquiry_set_status(actor=world.buyer, inquiry=inquiry, status="won")
    client.force_login(world.owner_a)
    page = client.get(reverse("matching:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert 'data-testid="inquiry-status">Won' in page


def test_a_second_inquiry_about_the_same_request_continues_the_thread(world, cocoa):
    first = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="one",
                                    sourcing_request=cocoa)
    again = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="two",
                                    sourcing_request=cocoa)
    assert first.pk == again.pk and first.messages.count() == 2
    reply = messaging.request_respond(actor=world.owner_a, sourcing_request=cocoa,
                                      enterprise=world.a, body="three")
    assert reply.pk == first.pk and Inquiry.objects.count() == 1


def test_msme_responds_to_a_request_and_the_buyer_answers(world, cocoa):
    inquiry = messaging.request_respond(actor=world.owner_a, sourcing_request=cocoa,
                                        enterprise=world.a, body="We can supply.")
    assert inquiry.opened_by_side == "supplier" and inquiry.organisation == world.buyer_org
    messaging.message_post(actor=world.buyer, inquiry=inquiry, body="Send a sample.")
    inquiry.refresh_from_db()
    assert inquiry.status == "in_talks"
    messaging.inquiry_set_status(actor=world.owner_a, inquiry=inquiry, status="sample_sent")
    inquiry.refresh_from_db()
    assert inquiry.status == "sample_sent"


def test_an_msme_may_not_respond_for_another_enterprise_or_to_what_it_cannot_see(world, cocoa):
    with pytest.raises(PermissionDenied):
        messaging.request_respond(actor=world.owner_a, sourcing_request=cocoa,
                                  enterprise=world.c, body="not mine")
    coffee_only = open_request(world, cocoa_request(world, title="kopi", hs_codes=["090111"],
                                                    visibility="private"))
    with pytest.raises(PermissionDenied):
        messaging.request_respond(actor=world.owner_a, sourcing_request=coffee_only,
                                  enterprise=world.a, body="I do cocoa")


def test_a_buyer_contacts_any_public_enterprise_from_the_gallery(client, world):
    client.force_login(world.buyer)
    url = reverse("matching:inquiry_create")
    assert client.get(url, {"enterprise": world.f.pk, "product": world.f_product.pk}
                      ).status_code == 200
    response = client.post(url, {"enterprise": world.f.pk, "product": world.f_product.pk,
                                 "body": "Price for 1 t of arabica?"})
    inquiry = Inquiry.objects.get()
    assert response["Location"] == reverse("matching:inquiry_detail", args=[inquiry.pk])
    assert inquiry.product == world.f_product and inquiry.request is None


@pytest.mark.parametrize("params", [
    {"enterprise": "abc"}, {"enterprise": "99999999999999999999999"}, {"enterprise": "-1"},
    {"enterprise": "ENTERPRISE_C", "product": "PRODUCT_A"},
    {"enterprise": "ENTERPRISE_A", "request": "OTHER_REQUEST"},
])
def test_inquiry_form_refuses_foreign_or_malformed_ids(client, world, cocoa, params):
    theirs = services.sourcing_request_create(actor=world.other_buyer,
                                              organisation=world.other_org, hs_codes=["180100"],
                                              title="theirs")
    values = {"ENTERPRISE_C": world.c.pk, "PRODUCT_A": world.a_product.pk,
              "ENTERPRISE_A": world.a.pk, "OTHER_REQUEST": theirs.pk}
    params = {k: values.get(v, v) for k, v in params.items()}
    client.force_login(world.buyer)
    assert client.get(reverse("matching:inquiry_create"), params).status_code == 404
    assert client.post(reverse("matching:inquiry_create"), {**params, "body": "x"}
                       ).status_code == 404
    assert not Inquiry.objects.exists()


def test_msmes_cannot_start_inquiries_and_hidden_enterprises_cannot_be_contacted(client, world):
    client.force_login(world.owner_a)
    assert client.get(reverse("matching:inquiry_create"),
                      {"enterprise": world.f.pk}).status_code == 403
    world.f.is_published = False
    world.f.save()
    with pytest.raises(PermissionDenied):
        messaging.inquiry_start(actor=world.buyer, enterprise=world.f, body="hello")


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_empty_or_oversized_messages_are_refused(world, cocoa, body):
    with pytest.raises(ValidationError):
        messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body=body,
                                sourcing_request=cocoa)
    assert not Inquiry.objects.exists()


def test_messages_render_escaped(client, world, cocoa):
    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a,
                                      body="<script>alert(1)</script>", sourcing_request=cocoa)
    client.force_login(world.owner_a)
    page = client.get(reverse("matching:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


@pytest.mark.parametrize(("override", "field"), [
    ({"currency": "ZZZ"}, "currency"), ({"unit": "barrel"}, "unit"),
    ({"incoterm": "FOO"}, "incoterm"),
    ({"valid_until": dt.date(2001, 1, 1)}, "valid_until"),
    ({"price": Decimal("-1")}, "price"),
    ({"lead_time_days": 99999}, "lead_time_days"),
])
def test_quotes_refuse_bad_values(world, cocoa, override, field):
    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="q",
                                      sourcing_request=cocoa)
    with pytest.raises(ValidationError) as caught:
        messaging.quote_create(actor=world.owner_a, inquiry=inquiry, **quote_fields(**override))
    assert field in caught.value.message_dict
    assert not Quote.objects.exists()


def test_the_quote_carries_a_dynamic_qr_with_its_amount(client, world, cocoa):
    merchant_qr_register(actor=world.owner_a, enterprise=world.a, payload=QRIS)
    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="q",
                                      sourcing_request=cocoa)
    quote = messaging.quote_create(actor=world.owner_a, inquiry=inquiry, **quote_fields())
    parsed = emv.parse(quote.qr_payload)
    assert not parsed.errors
    assert parsed.get("54").value == "45000000.00"  # 45,000 IDR × 1,000 kg
    assert parsed.get("01").value == "12"
    client.force_login(world.buyer)
    page = client.get(reverse("matching:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert "<svg" in page and "payment-qr" in page
    # In another currency than the merchant's, no QR (a rupiah QR cannot carry dollars).
    usd = messaging.quote_create(actor=world.owner_a, inquiry=inquiry,
                                 **quote_fields(currency="USD", price=Decimal("2.8")))
    assert usd.qr_payload == ""


def test_pages_post_replies_quotes_and_status(client, world, cocoa):
    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="hello",
                                      sourcing_request=cocoa)
    client.force_login(world.owner_a)
    detail = reverse("matching:inquiry_detail", args=[inquiry.pk])
    client.post(detail, {"body": "hello back"})
    response = client.post(reverse("matching:inquiry_quote", args=[inquiry.pk]), {
        "price": "45000", "currency": "idr", "quantity": "1000", "unit": "kg",
        "lead_time_days": "10", "valid_until": (timezone.localdate() + dt.timedelta(days=5))
        .isoformat(), "incoterm": "FOB", "note": "<b>net 30</b>"})
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.currency == "IDR"
    client.force_login(world.buyer)
    client.post(reverse("matching:inquiry_status", args=[inquiry.pk]), {"status": "won"})
    inquiry.refresh_from_db()
    assert inquiry.status == "won"
    page = client.get(detail).content.decode()
    assert "&lt;b&gt;net 30&lt;/b&gt;" in page
    # The buyer cannot quote; the supplier cannot mark won.
    assert client.post(reverse("matching:inquiry_quote", args=[inquiry.pk]),
                       {"price": "1"}).status_code == 404
    client.force_login(world.owner_a)
    client.post(reverse("matching:inquiry_status", args=[inquiry.pk]), {"status": "in_talks"})
    inquiry.refresh_from_db()
    assert inquiry.status == "won"  # concluded


def test_opening_a_thread_marks_its_notifications_read(client, world, cocoa):
    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="hello",
                                      sourcing_request=cocoa)
    assert Notification.objects.filter(user=world.owner_a, read_at=None).count() == 1
    client.force_login(world.owner_a)
    client.get(reverse("matching:inquiry_detail", args=[inquiry.pk]))
    assert Notification.objects.filter(user=world.owner_a, read_at=None).count() == 0
    page = client.get(reverse("matching:notifications")).content.decode()
    assert "New inquiry from PT Cokelat Nusantara" in page
