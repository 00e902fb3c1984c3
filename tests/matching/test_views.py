"""The pages: posting a request (with and without JavaScript), the match list, the MSME's
list, and hostile input everywhere."""

import pytest
from django.urls import reverse

from etalase.matching.models import MatchDecision, SourcingRequest
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def form_data(**overrides):
    data = {"title": "cocoa beans", "hs_codes": "1801.00", "unit": "t",
            "quantity_per_month": "20", "quantity_per_delivery": "20", "currency": "USD",
            "price_min": "2800", "price_max": "3400", "incoterm": "FOB",
            "required_certifications": ["halal"], "preferred_countries": ["ID"],
            "preferred_subdivisions": ["ID-SA"], "visibility": "public"}
    data.update(overrides)
    return data


def test_buyer_posts_a_request_without_javascript_and_sees_ranked_matches(client, world):
    client.force_login(world.buyer)
    response = client.post(reverse("matching:request_create"), form_data(open="1"))
    assert response.status_code == 302
    r = SourcingRequest.objects.get()
    assert r.status == "open" and r.hs_code_list == ["180100"]
    assert r.organisation == world.buyer_org and r.created_by == world.buyer
    page = client.get(response["Location"]).content.decode()
    assert page.index("UD Kakao Minahasa") < page.index("Kakao Sulsel") < page.index(
        "CV Coklat Lama") < page.index("Koperasi Kakao Bolmong")
    assert "HS 1801.00 exact" in page and "verified by ID-SA office" in page
    assert "halal expired" in page
    assert "capacity 8 t/month &lt; 20 t needed (40%)" in page


def test_codes_ticked_in_the_search_as_you_type_list_are_taken(client, world):
    client.force_login(world.buyer)
    client.post(reverse("matching:request_create"),
                form_data(hs_codes="", hs_pick=["180100", "090111"]))
    assert SourcingRequest.objects.get().hs_code_list == ["090111", "180100"]


def test_hs_options_fragment_searches_names_in_the_readers_language(client, world):
    response = client.get(reverse("matching:hs_options"), {"q": "kakao"},
                          HTTP_ACCEPT_LANGUAGE="id")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="180100"' in body and "<html" not in body
    by_code = client.get(reverse("matching:hs_options"), {"q": "1801"}).content.decode()
    assert 'value="180100"' in by_code
    kept = client.get(reverse("matching:hs_options"), {"q": "kopi", "hs_pick": ["180100"]})
    assert 'value="180100" checked' in kept.content.decode()


@pytest.mark.parametrize("q", [XSS, "x" * 10_000, "\x00\x07kakao", "%' OR 1=1 --", ""])
def test_hs_options_survive_hostile_queries(client, q):
    response = client.get(reverse("matching:hs_options"), {"q": q, "hs_pick": ["<b>", "1" * 50]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>" not in body and "<img" not in body and "<b>" not in body


@pytest.mark.parametrize(("field", "value", "message"), [
    ("hs_codes", "abc, 1801.00", "Not HS codes"),
    ("hs_codes", "989898", "Unknown HS codes"),
    ("hs_codes", ", ".join(["1801"] * 3 + [f"{c:02d}" for c in range(1, 12)]), "At most"),
    ("title", "x" * 201, "at most 200"),
    ("currency", "XYZ", "ISO 4217"),
    ("price_max", "100", "below the lower"),
    ("quantity_per_month", "-5", "greater than or equal"),
    ("quantity_per_month", "1e999", "number"),
    ("deadline", "2001-01-01", "in the past"),
    ("preferred_subdivisions", ["ZZ-99"], "valid choice"),
    ("required_certifications", ["bribe"], "valid choice"),
    ("incoterm", "FOB2", "valid choice"),
])
def test_the_request_form_refuses_hostile_values(client, world, field, value, message):
    client.force_login(world.buyer)
    response = client.post(reverse("matching:request_create"), form_data(**{field: value}))
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not SourcingRequest.objects.exists()


def test_titles_and_descriptions_are_rendered_escaped(client, world):
    r = cocoa_request(world, title=f"cocoa {XSS}", description=XSS)
    r = open_request(world, r)
    for user, name in ((world.buyer, "request_detail"), (world.owner_a, "request_detail")):
        client.force_login(user)
        body = client.get(reverse(f"matching:{name}", args=[r.pk])).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;" in body
    client.force_login(world.owner_a)
    listing = client.get(reverse("matching:requests")).content.decode()
    assert "&lt;script&gt;" in listing and "<script>alert" not in listing
    mine = client.get(reverse("matching:for_me")).content.decode()
    assert "&lt;script&gt;" in mine and "<script>alert" not in mine


def test_only_buyers_post_and_only_the_owner_edits(client, world):
    client.force_login(world.owner_a)
    assert client.get(reverse("matching:request_create")).status_code == 403
    r = cocoa_request(world)
    client.force_login(world.other_buyer)
    assert client.get(reverse("matching:request_edit", args=[r.pk])).status_code == 404
    assert client.post(reverse("matching:request_status", args=[r.pk]),
                       {"status": "open"}).status_code == 404
    assert client.post(reverse("matching:match_decide", args=[r.pk, world.a.pk]),
                       {"action": "exclude"}).status_code == 404
    r.refresh_from_db()
    assert r.status == "draft" and not MatchDecision.objects.exists()


def test_the_buyer_edits_excludes_and_pins_from_the_page(client, world):
    r = cocoa_request(world)
    client.force_login(world.buyer)
    response = client.post(reverse("matching:request_edit", args=[r.pk]),
                           form_data(title="fermented cocoa beans", hs_codes="1801"))
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.title == "fermented cocoa beans" and r.hs_code_list == ["1801"]
    client.post(reverse("matching:match_decide", args=[r.pk, world.a.pk]), {"action": "exclude"})
    client.post(reverse("matching:match_decide", args=[r.pk, world.b.pk]),
                {"action": "pin", "pin": "1"})
    page = client.get(reverse("matching:request_detail", args=[r.pk])).content.decode()
    assert page.index("Koperasi Kakao Bolmong") < page.index("Kakao Sulsel")
    assert "1 excluded supplier" in page
    # Out of range and unknown enterprises are refused.
    client.post(reverse("matching:match_decide", args=[r.pk, world.c.pk]),
                {"action": "pin", "pin": "999"})
    assert not MatchDecision.objects.filter(enterprise=world.c).exists()
    assert client.post(reverse("matching:match_decide", args=[r.pk, 99999999]),
                       {"action": "exclude"}).status_code == 404


def test_status_transitions_follow_the_rules(client, world):
    r = cocoa_request(world)
    client.force_login(world.buyer)
    client.post(reverse("matching:request_status", args=[r.pk]), {"status": "awarded"})
    r.refresh_from_db()
    assert r.status == "draft"  # draft -> awarded is not a transition
    client.post(reverse("matching:request_status", args=[r.pk]), {"status": "open"})
    r.refresh_from_db()
    assert r.status == "open" and r.published_at is not None
    client.post(reverse("matching:request_status", args=[r.pk]), {"status": "x" * 500})
    r.refresh_from_db()
    assert r.status == "open"


def test_the_msme_page_lists_fitting_requests_with_a_respond_action(client, world):
    r = open_request(world, cocoa_request(world, visibility="private"))
    client.force_login(world.owner_a)
    body = client.get(reverse("matching:for_me")).content.decode()
    assert r.title in body and "Respond" in body and "HS 1801.00 exact" in body
    client.force_login(world.owner_f)
    assert r.title not in client.get(reverse("matching:for_me")).content.decode()


def test_the_request_list_shows_each_role_its_own(client, world):
    mine = open_request(world, cocoa_request(world, title="our cocoa"))
    client.force_login(world.buyer)
    body = client.get(reverse("matching:requests")).content.decode()
    assert "our cocoa" in body and "Post a sourcing request" in body
    client.force_login(world.owner_a)
    body = client.get(reverse("matching:requests")).content.decode()
    assert mine.title in body and "Post a sourcing request" not in body


def test_a_request_that_cannot_open_is_kept_as_a_draft_with_the_reason(client, world):
    client.force_login(world.buyer)
    response = client.post(reverse("matching:request_create"),
                           form_data(title="20 t", hs_codes="", open="1"), follow=True)
    r = SourcingRequest.objects.get()
    assert r.status == "draft"
    assert "Give at least one HS code" in response.content.decode()
