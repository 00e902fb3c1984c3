"""A quote's trade terms for machines: Incoterms 2020 with its named place, and the unit as a
UN/CEFACT Rec 20 code, in the API and on the page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from etalase.accounts.models import ApiToken
from etalase.matching.models import Incoterm, Quote
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db
BASE = "/api/v1/matching"


def bearer(user) -> dict:
    _token, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _inquiry(client, world) -> int:
    r = open_request(world, cocoa_request(world, visibility="private"))
    answered = client.post(f"{BASE}/requests/{r.pk}/respond",
                           {"enterprise_id": world.a.pk, "body": "Kami bisa kirim 25 t."},
                           content_type="application/json", **bearer(world.owner_a))
    assert answered.status_code == 201, answered.content
    return answered.json()["id"]


def _quote(**extra) -> dict:
    return {"price": "3100", "currency": "USD", "quantity": "20", "unit": "t",
            "lead_time_days": 30, "incoterm": "FOB",
            "valid_until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(), **extra}


def test_incoterms_2020_has_its_eleven_rules():
    assert Incoterm.values == ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB",
                               "CFR", "CIF"]


def test_a_quote_carries_its_named_place_and_rec20_unit(client, world):
    inquiry_id = _inquiry(client, world)
    created = client.post(f"{BASE}/inquiries/{inquiry_id}/quotes",
                          _quote(incoterm_place="  Pelabuhan Tanjung Perak, Surabaya "),
                          content_type="application/json", **bearer(world.owner_a))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["incoterm"], body["incoterm_place"]) == ("FOB", "Pelabuhan Tanjung Perak, "
                                                                 "Surabaya")
    assert (body["unit"], body["unit_code"]) == ("t", "TNE")
    listed = client.get(f"{BASE}/quotes", **bearer(world.buyer)).json()["items"]
    assert listed[0]["unit_code"] == "TNE"
    client.force_login(world.buyer)
    page = client.get(reverse("matching:inquiry_detail", args=[inquiry_id]))
    assert "FOB</abbr> Pelabuhan Tanjung Perak" in page.content.decode()


@pytest.mark.parametrize("extra", [{"incoterm": "FOB2000"}, {"incoterm": "DAT"},
                                   {"incoterm_place": "x" * 101}, {"unit": "bushel"}])
def test_terms_outside_the_rules_are_refused(client, world, extra):
    inquiry_id = _inquiry(client, world)
    refused = client.post(f"{BASE}/inquiries/{inquiry_id}/quotes", _quote(**extra),
                          content_type="application/json", **bearer(world.owner_a))
    assert refused.status_code == 422
    assert not Quote.objects.exists()


def test_a_request_gives_its_unit_as_a_rec20_code(client, world):
    r = open_request(world, cocoa_request(world, visibility="public"))
    body = client.get(f"{BASE}/requests/{r.pk}", **bearer(world.buyer)).json()
    assert body["unit_code"] == {"t": "TNE", "kg": "KGM"}[body["unit"]]


def test_the_quote_form_on_the_page_takes_the_named_place(client, world):
    inquiry_id = _inquiry(client, world)
    client.force_login(world.owner_a)
    form = client.get(reverse("matching:inquiry_detail", args=[inquiry_id])).content.decode()
    assert 'name="incoterm_place"' in form
    sent = client.post(reverse("matching:inquiry_quote", args=[inquiry_id]),
                       _quote(incoterm="DAP", incoterm_place="Kota Kinabalu"))
    assert sent.status_code == 302
    quote = Quote.objects.get()
    assert (quote.incoterm, quote.incoterm_place, quote.unit) == ("DAP", "Kota Kinabalu", "t")
