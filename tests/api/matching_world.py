"""Helpers of the matching API tests (their data set is the `world` fixture, conftest.py)."""

from etalase.accounts.models import ApiToken

BASE = "/api/v1/matching"


def token(user) -> dict:
    _token, key = ApiToken.issue(user=user, name="test system")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url: str, data, headers: dict):
    return client.post(url, data, content_type="application/json", **headers)
