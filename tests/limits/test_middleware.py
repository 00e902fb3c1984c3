"""Hostile bursts against the limited actions: 429 with Retry-After, per address and per token."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from etalase.accounts import services
from etalase.limits.models import RateCounter
from tests.factories import buyer, make_user

LOGIN = "/accounts/login/"
API = "/api/v1/regions/countries"
ATTACKER = "203.0.113.7"
NEIGHBOUR = "198.51.100.9"


@pytest.fixture(autouse=True)
def _limits_on(settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = {}
    settings.RATE_LIMIT_TRUSTED_PROXIES = 0


def _sign_in(client: Client, address: str, n: int, **extra):
    return client.post(
        LOGIN, {"username": f"guess{n}@example.test", "password": "hunter2"},
        REMOTE_ADDR=address, **extra,
    )


@pytest.mark.django_db
def test_fifty_sign_ins_a_minute_from_one_address_are_refused_with_retry_after(client):
    make_user("ana@example.test")
    statuses = [_sign_in(client, ATTACKER, n).status_code for n in range(50)]
    assert statuses[:20] == [200] * 20  # the form again, with its error
    assert statuses[20:] == [429] * 30
    refused = _sign_in(client, ATTACKER, 99)
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.content.decode()
    assert 'data-testid="rate-limited"' in refused.content.decode()
    # Another address is not limited, and its right password still signs in.
    other = Client()
    response = other.post(
        LOGIN, {"username": "ana@example.test", "password": "correct-horse-battery"},
        REMOTE_ADDR=NEIGHBOUR,
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_refusal_page_is_in_the_users_language(client, settings):
    settings.RATE_LIMITS = {"signin": (1, 60)}
    _sign_in(client, ATTACKER, 1)
    response = _sign_in(client, ATTACKER, 2, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 429
    assert '<html lang="id"' in response.content.decode()


@pytest.mark.django_db
def test_reading_the_sign_in_form_is_not_counted(client, settings):
    settings.RATE_LIMITS = {"signin": (2, 60)}
    assert {client.get(LOGIN, REMOTE_ADDR=ATTACKER).status_code for _ in range(6)} == {200}
    assert _sign_in(client, ATTACKER, 1).status_code == 200


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, settings):
    settings.RATE_LIMITS = {"signin": (3, 60)}
    statuses = [
        _sign_in(client, ATTACKER, n, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, settings):
    settings.RATE_LIMITS = {"signin": (2, 60)}
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    first = [_sign_in(client, proxy, n, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}").status_code
             for n in range(3)]
    assert first == [200, 200, 429]
    # Another client behind the same proxy has its own count.
    assert _sign_in(client, proxy, 9, HTTP_X_FORWARDED_FOR=NEIGHBOUR).status_code == 200


@pytest.mark.django_db
def test_an_ipv6_client_is_counted_by_its_64_network(client, settings):
    settings.RATE_LIMITS = {"signin": (2, 60)}
    hopping = ["2001:db8:1:1::1", "2001:db8:1:1::2", "2001:db8:1:1:ffff::9"]
    assert [_sign_in(client, a, n).status_code for n, a in enumerate(hopping)] == [200, 200, 429]
    assert _sign_in(client, "2001:db8:1:2::1", 7).status_code == 200


def _limited_urls() -> list[str]:
    return [
        reverse("accounts:password_reset"),
        reverse("matching:inquiry_create"),
        reverse("matching:inquiry_detail", args=[987654]),
        reverse("matching:inquiry_quote", args=[987654]),
        reverse("matching:request_create"),
        reverse("matching:request_respond", args=[987654]),
        reverse("intake:upload"),
        reverse("enterprises:image_upload", args=[987654]),
        reverse("learning:attachment_add", args=[987654]),
        reverse("fieldcapture:submission", kwargs={"office_code": "ID-64"}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", _limited_urls())
def test_each_limited_action_refuses_a_burst_without_a_server_error(client, settings, url):
    settings.RATE_LIMITS = {rule: (2, 600) for rule in
                            ("password_reset", "message", "sourcing", "upload")}
    body = {"email": "ana@example.test", "body": "<script>alert(1)</script>" * 400}
    statuses = [client.post(url, body, REMOTE_ADDR=ATTACKER).status_code for _ in range(4)]
    assert all(s < 500 for s in statuses[:2]), statuses
    assert statuses[2:] == [429, 429]
    response = client.post(url, body, REMOTE_ADDR=ATTACKER)
    assert 1 <= int(response["Retry-After"]) <= 600
    assert client.post(url, body, REMOTE_ADDR=NEIGHBOUR).status_code != 429


@pytest.mark.django_db
def test_api_calls_are_limited_per_token(client, settings):
    settings.RATE_LIMITS = {"api_token": (5, 60), "api_address": (1000, 60)}
    _first, key_a = services.api_token_issue(user=buyer(), name="ERP")
    _second, key_b = services.api_token_issue(user=buyer(), name="Shop")
    statuses = [client.get(API, HTTP_AUTHORIZATION=f"Bearer {key_a}", REMOTE_ADDR=ATTACKER)
                .status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    refused = client.get(API, HTTP_AUTHORIZATION=f"Bearer {key_a}", REMOTE_ADDR=NEIGHBOUR)
    assert refused.status_code == 429  # the token is limited wherever it calls from
    assert refused["Content-Type"].startswith("application/json")
    assert "Too many requests" in json.loads(refused.content)["detail"]
    assert int(refused["Retry-After"]) >= 1
    # Another token from the same address is not.
    assert client.get(API, HTTP_AUTHORIZATION=f"Bearer {key_b}",
                      REMOTE_ADDR=ATTACKER).status_code == 200


@pytest.mark.django_db
def test_api_calls_are_limited_per_address_whatever_the_token(client, settings):
    settings.RATE_LIMITS = {"api_address": (4, 60)}
    headers = [{}, {"HTTP_AUTHORIZATION": "Bearer et_guess1"},
               {"HTTP_AUTHORIZATION": "Bearer et_guess2"}, {}, {}]
    statuses = [client.get(API, REMOTE_ADDR=ATTACKER, **h).status_code for h in headers]
    assert statuses == [200, 401, 401, 200, 429]
    assert client.get(API, REMOTE_ADDR=NEIGHBOUR).status_code == 200


@pytest.mark.django_db
def test_the_counts_live_in_the_database_and_no_token_is_stored(client, settings):
    settings.RATE_LIMITS = {"api_token": (5, 60)}
    client.get(API, HTTP_AUTHORIZATION="Bearer et_secret-value", REMOTE_ADDR=ATTACKER)
    buckets = list(RateCounter.objects.values_list("bucket", flat=True))
    assert len(buckets) == 2  # one for the address, one for the token
    assert not any("secret" in b or ATTACKER in b for b in buckets)


@pytest.mark.django_db
def test_switched_off_nothing_is_counted(client, settings):
    settings.RATE_LIMITS_ENABLED = False
    settings.RATE_LIMITS = {"signin": (1, 60)}
    assert {_sign_in(client, ATTACKER, n).status_code for n in range(3)} == {200}
    assert not RateCounter.objects.exists()
