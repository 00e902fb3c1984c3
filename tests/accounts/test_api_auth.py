"""Bearer tokens for organisations' systems: a wrong token is refused, never anonymous."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from ninja.errors import AuthenticationError

from etalase.accounts import services
from etalase.accounts.api_auth import optional_auth, required_auth
from etalase.accounts.models import ApiToken
from tests.factories import buyer

API = "/api/v1/regions/countries"


def _request(header: str | None = None):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    request = RequestFactory().get(API, **extra)
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
def test_no_header_is_anonymous():
    request = _request()
    assert optional_auth(request) == "anonymous"
    assert required_auth(_request()) is None


@pytest.mark.django_db
def test_a_valid_token_signs_in_its_user_and_records_its_use():
    user = buyer()
    token, key = services.api_token_issue(user=user, name="ERP")
    request = _request(f"Bearer {key}")
    assert optional_auth(request) == user
    assert request.user == user
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    ["Bearer et_not-a-real-token", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "Bearer",
     "Bearer " + "x" * 10_000],
)
def test_malformed_or_unknown_tokens_are_refused(header):
    buyer()
    with pytest.raises(AuthenticationError):
        optional_auth(_request(header))


@pytest.mark.django_db
def test_a_revoked_token_is_refused():
    user = buyer()
    token, key = services.api_token_issue(user=user, name="ERP")
    assert services.api_token_revoke(user=user, token_id=token.pk)
    with pytest.raises(AuthenticationError):
        optional_auth(_request(f"Bearer {key}"))


@pytest.mark.django_db
def test_a_token_of_a_deactivated_user_is_refused():
    user = buyer()
    _token, key = services.api_token_issue(user=user, name="ERP")
    user.is_active = False
    user.save()
    with pytest.raises(AuthenticationError):
        optional_auth(_request(f"Bearer {key}"))


@pytest.mark.django_db
def test_the_stored_hash_itself_is_not_a_key():
    user = buyer()
    token, _key = services.api_token_issue(user=user, name="ERP")
    with pytest.raises(AuthenticationError):
        optional_auth(_request(f"Bearer {token.key_hash}"))


# --- Through the API ---------------------------------------------------------------


@pytest.mark.django_db
def test_api_answers_401_to_bad_and_revoked_tokens(client):
    user = buyer()
    token, key = services.api_token_issue(user=user, name="ERP")
    assert client.get(API).status_code == 200
    assert client.get(API, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert client.get(API, HTTP_AUTHORIZATION="Bearer et_wrong").status_code == 401
    assert client.get(API, HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==").status_code == 401
    services.api_token_revoke(user=user, token_id=token.pk)
    response = client.get(API, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
