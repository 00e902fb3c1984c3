"""The matching API: the buyer's requests and matches, the MSME's answers, inquiries and
quotes — under the same rules as the pages, and refusing hostile input."""

import datetime as dt

import pytest
from django.utils import timezone

from etalase.accounts.models import ApiToken
from etalase.matching.models import Inquiry, MatchDecision, SourcingRequest
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db
BASE = "/api/v1/matching"


def bearer(user) -> dict:
    _token, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


REQUEST = {"title": "cocoa beans", "hs_codes": ["1801.00"], "unit": "t",
           "quantity_per_month": "20", "required_certifications": ["halal"],
           "preferred_subdivisions": ["ID-SA"], "currency": "usd", "incoterm": "FOB",
           "destination_country": "ID", "visibility": "private"}


def test_a_buyers_system_posts_opens_and_reads_the_ranked_matches(client, world):
    headers = bearer(world.buyer)
    created = post(client, f"{BASE}/requests", REQUEST, headers)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["hs_codes"] == ["180100"]
    assert body["currency"] == "USD" and body["buyer"] == "PT Cokelat Nusantara"
    assert body["destination_country"] == "ID" and body["buyer_verified"] is True
    pk = body["id"]
    opened = post(client, f"{BASE}/requests/{pk}/status", {"status": "open"}, headers)
    assert opened.json()["status"] == "open"
    matches = client.get(f"{BASE}/requests/{pk}/matches", **headers).json()
    assert [(m["enterprise_id"], m["score"]) for m in matches["matches"]] == [
        (world.a.pk, 109), (world.d.pk, 96), (world.c.pk, 94), (world.b.pk, 90),
        (world.e.pk, 31)]
    assert matches["matches"][0]["reasons"][0] == "HS 1801.00 exact"
    decided = post(client, f"{BASE}/requests/{pk}/matches/{world.a.pk}", {"excluded": True},
                   headers)
    assert decided.status_code == 204
    again = client.get(f"{BASE}/requests/{pk}/matches", **headers).json()
    assert [m["enterprise_id"] for m in again["excluded"]] == [world.a.pk]
    patched = client.patch(f"{BASE}/requests/{pk}", {"title": "fermented cocoa beans"},
                           content_type="application/json", **headers)
    assert patched.status_code == 200 and patched.json()["hs_codes"] == ["180100"]


def test_msme_reads_fitting_requests_responds_and_quotes(client, world):
    r = open_request(world, cocoa_request(world, visibility="private"))
    headers = bearer(world.owner_a)
    fitting = client.get(f"{BASE}/requests/fitting", {"enterprise_id": world.a.pk}, **headers)
    assert [item["id"] for item in fitting.json()] == [r.pk]
    assert client.get(f"{BASE}/requests/fitting", {"enterprise_id": world.c.pk},
                      **headers).status_code == 404  # not its enterprise
    answered = post(client, f"{BASE}/requests/{r.pk}/respond",
                    {"enterprise_id": world.a.pk, "body": "We can supply 25 t."}, headers)
    assert answered.status_code == 201
    inquiry_id = answered.json()["id"]
    quote = post(client, f"{BASE}/inquiries/{inquiry_id}/quotes", {
        "price": "3100", "currency": "USD", "quantity": "20", "unit": "t",
        "lead_time_days": 30, "valid_until": (timezone.localdate() + dt.timedelta(days=30))
        .isoformat(), "incoterm": "FOB"}, headers)
    assert quote.status_code == 201, quote.content
    buyer_view = client.get(f"{BASE}/inquiries/{inquiry_id}", **bearer(world.buyer)).json()
    assert buyer_view["status"] == "quoted"
    assert [m["body"] for m in buyer_view["messages"]] == ["We can supply 25 t."]


def test_a_buyer_writes_to_a_gallery_enterprise_and_both_move_the_pipeline(client, world):
    headers = bearer(world.buyer)
    started = post(client, f"{BASE}/inquiries", {"enterprise_id": world.f.pk,
                                                 "product_id": world.f_product.pk,
                                                 "body": "1 t of arabica?"}, headers)
    assert started.status_code == 201
    pk = started.json()["id"]
    reply = post(client, f"{BASE}/inquiries/{pk}/messages", {"body": "Yes."},
                 bearer(world.owner_f))
    assert reply.status_code == 201 and reply.json()["side"] == "supplier"
    moved = post(client, f"{BASE}/inquiries/{pk}/status", {"status": "sample_sent"},
                 bearer(world.owner_f))
    assert moved.json()["status"] == "sample_sent"
    refused = post(client, f"{BASE}/inquiries/{pk}/status", {"status": "sample_sent"}, headers)
    assert refused.status_code == 422  # the buyer does not send samples
    listed = client.get(f"{BASE}/inquiries", **headers).json()["items"]
    assert [i["id"] for i in listed] == [pk]


def test_writes_need_a_token_not_a_session_cookie(client, world):
    client.force_login(world.buyer)
    assert client.post(f"{BASE}/requests", REQUEST, content_type="application/json"
                       ).status_code == 401
    assert client.get(f"{BASE}/requests").status_code == 200  # reads may use the session
    assert not SourcingRequest.objects.exists()


def test_only_buyers_post_and_only_the_owner_changes(client, world):
    assert post(client, f"{BASE}/requests", REQUEST, bearer(world.owner_a)).status_code == 403
    r = cocoa_request(world)
    other = bearer(world.other_buyer)
    assert client.patch(f"{BASE}/requests/{r.pk}", {"title": "mine now"},
                        content_type="application/json", **other).status_code == 404
    assert post(client, f"{BASE}/requests/{r.pk}/status", {"status": "open"},
                other).status_code == 404
    assert post(client, f"{BASE}/requests/{r.pk}/matches/{world.a.pk}", {"excluded": True},
                other).status_code == 404
    assert post(client, f"{BASE}/inquiries", {"enterprise_id": world.a.pk, "body": "x",
                                              "request_id": r.pk}, other).status_code == 404
    r.refresh_from_db()
    assert r.title == "cocoa beans" and r.status == "draft"
    assert not MatchDecision.objects.exists() and not Inquiry.objects.exists()


@pytest.mark.parametrize("change", [
    {"title": ""}, {"title": "x" * 201}, {"hs_codes": ["18a1"]}, {"hs_codes": ["989898"]},
    {"hs_codes": ["1801"] * 11}, {"quantity_per_month": "-1"}, {"quantity_per_month": "abc"},
    {"price_min": "10", "price_max": "5"}, {"currency": "US"}, {"currency": "ZZZ"},
    {"incoterm": "FOB2"}, {"destination_country": "XX"}, {"destination_country": "<b>"},
    {"required_certifications": ["bribe"]}, {"preferred_countries": ["XX"]},
    {"preferred_subdivisions": ["ID-XX"]}, {"size_classes": ["huge"]},
    {"visibility": "secret"}, {"unit": "barrel"}, {"deadline": "yesterday"},
    {"quantity_per_month": "1" * 40}, {"description": "x" * 5001},
    {"preferred_countries": ["ID"] * 31},
])
def test_hostile_request_bodies_are_refused(client, world, change):
    response = post(client, f"{BASE}/requests", {**REQUEST, **change}, bearer(world.buyer))
    assert response.status_code in (400, 422), response.content
    assert not SourcingRequest.objects.exists()


@pytest.mark.parametrize("path", [
    "/requests/0", "/requests/99999999999999999999999", "/requests/abc",
    "/requests/1/matches", "/inquiries/-1", "/inquiries/1/quotes",
])
def test_unknown_or_malformed_ids_answer_404(client, world, path):
    assert client.get(f"{BASE}{path}", **bearer(world.buyer)).status_code == 404


def test_titles_come_back_as_data_not_markup(client, world):
    r = cocoa_request(world, title="<script>alert(1)</script>")
    body = client.get(f"{BASE}/requests/{r.pk}", **bearer(world.buyer))
    assert body["Content-Type"].startswith("application/json")
    assert body.json()["title"] == "<script>alert(1)</script>"
