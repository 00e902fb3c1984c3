"""`GET /api/v1/hs-codes/suggest` and `etalase hs_suggest`: the same object, specific errors."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

URL = "/api/v1/hs-codes/suggest"


@pytest.mark.django_db
def test_api_suggests_with_label_in_the_requested_language(client):
    response = client.get(URL, {"q": "hipon na nagyelo", "lang": "fil"})
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["suggestions"]
    top = body["suggestions"][0]
    assert top["code"] == "030617"
    assert top["label"] == "Frozen na hipon"
    assert top["matched"] == ["hipon", "nagyelo"]
    assert 1 <= len(body["suggestions"]) <= 5


@pytest.mark.django_db
def test_api_label_follows_accept_language_without_lang(client):
    response = client.get(URL, {"q": "sarang burung walit"}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.json()["suggestions"][0]["label"] == "Sarang burung walet"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "empty"),
        ({"q": ""}, "empty"),
        ({"q": "kopi " * 2048}, "too_long"),
        ({"q": "<script>alert(1)</script>"}, "markup"),
        ({"q": "xqzvw blorft"}, "no_match"),
        ({"q": "1 kg"}, "no_words"),
    ],
)
def test_api_refuses_unusable_names_with_a_message(client, params, code):
    response = client.get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_api_refuses_an_unknown_language(client):
    assert client.get(URL, {"q": "kopi", "lang": "xx"}).status_code == 422


@pytest.mark.django_db
def test_api_error_message_in_the_request_language(client):
    response = client.get(URL, {"q": "", "lang": "id"})
    assert response.status_code == 422
    assert response.headers["Content-Language"] == "id"


@pytest.mark.django_db
def test_openapi_documents_the_suggestion(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/hs-codes/suggest" in paths


def test_command_prints_one_json_object(capsys):
    call_command("hs_suggest", "kopi robusta biji mentah", "--lang", "id", "--format", "json")
    out = capsys.readouterr().out
    body = json.loads(out)
    assert list(body) == ["suggestions"]
    assert body["suggestions"][0] == {
        "code": "090111", "label": "Biji kopi mentah", "score": 1.0,
        "matched": ["kopi", "robusta", "biji", "mentah"],
    }
    assert all(s["code"].isdigit() and len(s["code"]) == 6 for s in body["suggestions"])


def test_command_text_format(capsys):
    call_command("hs_suggest", "tablea", "--lang", "fil")
    assert capsys.readouterr().out.startswith("1803.10")


def test_command_reports_a_bad_name():
    with pytest.raises(CommandError, match="empty"):
        call_command("hs_suggest", "  ", "--format", "json")
