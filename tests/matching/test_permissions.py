"""Who sees what: requests, matches, conversations and quotes — in the pages and the API."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from etalase.accounts import permissions
from etalase.accounts.models import ApiToken
from etalase.matching import messaging, services
from tests.factories import officer_of, secretariat
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def private_cocoa(world):
    r = cocoa_request(world, visibility="private")
    r = open_request(world, r)
    return r


@pytest.fixture
def talk(world, private_cocoa):
    """A with a quote from A; C with a quote from C (same request, same buyer)."""
    inquiry_a = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="Hello A",
                                        sourcing_request=private_cocoa)
    inquiry_c = messaging.inquiry_start(actor=world.buyer, enterprise=world.c, body="Hello C",
                                        sourcing_request=private_cocoa)
    valid = timezone.localdate() + dt.timedelta(days=30)
    quote_a = messaging.quote_create(actor=world.owner_a, inquiry=inquiry_a,
                                     price=Decimal("3100"), currency="USD",
                                     quantity=Decimal(20), unit="t", lead_time_days=30,
                                     valid_until=valid, incoterm="FOB")
    quote_c = messaging.quote_create(actor=world.owner_c, inquiry=inquiry_c,
                                     price=Decimal("2900"), currency="USD",
                                     quantity=Decimal(20), unit="t", lead_time_days=20,
                                     valid_until=valid, incoterm="FOB")
    return inquiry_a, inquiry_c, quote_a, quote_c


# --- Requests -----------------------------------------------------------------------------


def test_a_buyer_never_sees_another_buyers_private_request(client, world, private_cocoa):
    client.force_login(world.other_buyer)
    detail = reverse("matching:request_detail", args=[private_cocoa.pk])
    assert client.get(detail).status_code == 404
    assert private_cocoa.title not in client.get(reverse("matching:requests")).content.decode()
    assert not permissions.can_view_sourcing_request(world.other_buyer, private_cocoa)
    headers = bearer(world.other_buyer)
    assert client.get(f"/api/v1/matching/requests/{private_cocoa.pk}",
                      **headers).status_code == 404
    listed = client.get("/api/v1/matching/requests", **headers).json()["items"]
    assert private_cocoa.pk not in [r["id"] for r in listed]


def test_a_buyer_never_sees_another_buyers_matches_even_of_a_public_request(client, world):
    public = cocoa_request(world)
    public = open_request(world, public)
    client.force_login(world.other_buyer)
    page = client.get(reverse("matching:request_detail", args=[public.pk]))
    assert page.status_code == 404  # another buyer's request is not for other buyers at all
    headers = bearer(world.other_buyer)
    assert client.get(f"/api/v1/matching/requests/{public.pk}/matches",
                      **headers).status_code == 404
    # The owning buyer gets them.
    mine = client.get(f"/api/v1/matching/requests/{public.pk}/matches", **bearer(world.buyer))
    assert mine.status_code == 200
    assert next(m["enterprise_id"] for m in mine.json()["matches"]) == world.a.pk


def test_msmes_see_matches_never(client, world, private_cocoa):
    client.force_login(world.owner_a)
    page = client.get(reverse("matching:request_detail", args=[private_cocoa.pk]))
    assert page.status_code == 200
    assert 'data-testid="matches"' not in page.content.decode()
    assert client.get(f"/api/v1/matching/requests/{private_cocoa.pk}/matches",
                      **bearer(world.owner_a)).status_code == 404


def test_a_private_request_reaches_only_the_suppliers_it_matches(client, world, private_cocoa):
    assert permissions.can_view_sourcing_request(world.owner_a, private_cocoa)  # cocoa
    assert not permissions.can_view_sourcing_request(world.owner_f, private_cocoa)  # coffee
    client.force_login(world.owner_f)
    assert client.get(reverse("matching:request_detail",
                              args=[private_cocoa.pk])).status_code == 404
    # Excluded by the buyer: no longer reached.
    services.match_decide(actor=world.buyer, sourcing_request=private_cocoa, enterprise=world.a,
                          excluded=True)
    assert not permissions.can_view_sourcing_request(world.owner_a, private_cocoa)


def test_drafts_held_requests_and_unverified_buyers_reach_no_msme(client, world):
    r = cocoa_request(world)
    assert not permissions.can_view_sourcing_request(world.owner_a, r)  # draft
    r = open_request(world, r)
    assert permissions.can_view_sourcing_request(world.owner_a, r)
    world.buyer_org.verified_at = None
    world.buyer_org.save()
    r.refresh_from_db()
    assert not permissions.can_view_sourcing_request(world.owner_a, r)
    world.buyer_org.verified_at = timezone.now()
    world.buyer_org.save()
    r.held_at = timezone.now()
    r.save()
    assert not permissions.can_view_sourcing_request(world.owner_a, r)
    assert permissions.can_view_sourcing_request(world.buyer, r)  # its own, held or not


def test_officials_see_requests_but_not_drafts_and_not_conversations(world, talk):
    officer = officer_of("ID-SA")
    inquiry_a = talk[0]
    assert permissions.can_view_sourcing_request(officer, inquiry_a.request)
    assert not permissions.can_view_inquiry(officer, inquiry_a)
    draft = cocoa_request(world, title="draft cocoa")
    assert not permissions.can_view_sourcing_request(officer, draft)
    assert permissions.can_view_inquiry(secretariat(), inquiry_a)


def test_anonymous_visitors_are_sent_to_sign_in(client, world, private_cocoa):
    for name, args in (("requests", []), ("request_detail", [private_cocoa.pk]),
                       ("inquiries", []), ("for_me", []), ("events", [])):
        response = client.get(reverse(f"matching:{name}", args=args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/matching/requests").status_code == 401


# --- Conversations and quotes ----------------------------------------------------------


def test_an_msme_never_sees_another_msmes_quotes(client, world, talk):
    inquiry_a, inquiry_c, _quote_a, quote_c = talk
    client.force_login(world.owner_c)
    assert client.get(reverse("matching:inquiry_detail", args=[inquiry_a.pk])).status_code == 404
    own = client.get(reverse("matching:inquiry_detail", args=[inquiry_c.pk])).content.decode()
    assert "2,900" in own or "2900" in own
    assert "3100" not in own and "3,100" not in own
    listing = client.get(reverse("matching:inquiries")).content.decode()
    assert "UD Kakao Minahasa" not in listing
    headers = bearer(world.owner_c)
    quotes = client.get("/api/v1/matching/quotes", **headers).json()["items"]
    assert [q["id"] for q in quotes] == [quote_c.pk]
    assert client.get(f"/api/v1/matching/inquiries/{inquiry_a.pk}/quotes",
                      **headers).status_code == 404
    assert client.get(f"/api/v1/matching/inquiries/{inquiry_a.pk}", **headers).status_code == 404
    # Nor can it write into the other thread.
    response = client.post(f"/api/v1/matching/inquiries/{inquiry_a.pk}/messages",
                           {"body": "hi"}, content_type="application/json", **headers)
    assert response.status_code == 404


def test_the_buyer_sees_all_quotes_of_its_conversations_another_buyer_none(client, world, talk):
    quotes = client.get("/api/v1/matching/quotes", **bearer(world.buyer)).json()["items"]
    assert {q["id"] for q in quotes} == {talk[2].pk, talk[3].pk}
    other = client.get("/api/v1/matching/quotes", **bearer(world.other_buyer)).json()["items"]
    assert other == []
    client.force_login(world.other_buyer)
    assert client.get(reverse("matching:inquiry_detail", args=[talk[0].pk])).status_code == 404


def test_only_the_supplier_quotes_and_only_its_side_moves_its_statuses(world, talk):
    inquiry_a = talk[0]
    with pytest.raises(PermissionDenied):
        messaging.quote_create(actor=world.buyer, inquiry=inquiry_a, price=Decimal(1),
                               currency="USD", quantity=Decimal(1), unit="t",
                               lead_time_days=1, valid_until=timezone.localdate(),
                               incoterm="FOB")
    with pytest.raises(ValidationError, match="cannot set"):
        messaging.inquiry_set_status(actor=world.owner_a, inquiry=inquiry_a, status="won")
    with pytest.raises(PermissionDenied, match="not part"):
        messaging.inquiry_set_status(actor=world.owner_c, inquiry=inquiry_a, status="lost")


def test_attachments_are_served_only_to_the_two_sides(client, world, private_cocoa):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("spec.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                             content_type="application/pdf")
    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="spec",
                                      sourcing_request=private_cocoa, files=[pdf])
    attachment = inquiry.messages.get().attachments.get()
    url = reverse("matching:attachment", args=[attachment.pk])
    client.force_login(world.owner_c)
    assert client.get(url).status_code == 404
    client.force_login(world.owner_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
