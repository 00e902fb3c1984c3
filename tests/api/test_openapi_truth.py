"""The OpenAPI document tells the truth: what schemathesis found once, pinned down."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client: Client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def test_every_operation_documents_its_shared_statuses(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert "Retry-After" in operation["responses"]["429"]["headers"], (method, path)
            if operation.get("security"):
                assert "401" in codes, (method, path)
            if any(p["in"] == "path" for p in operation.get("parameters", [])):
                assert {"404", "422"} <= codes, (method, path)
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                assert {"400", "422"} <= codes, (method, path)


def test_the_bearer_scheme_is_documented_and_optional_where_anonymous_may_read(schema):
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    products = schema["paths"]["/api/v1/products"]["get"]
    assert products["security"] == [{"bearer": []}, {}]


def test_binary_answers_declare_their_content_types(schema):
    ics = schema["paths"]["/api/v1/matching/events/{pk}/calendar.ics"]["get"]
    assert set(ics["responses"]["200"]["content"]) == {"text/calendar"}
    files = schema["paths"]["/api/v1/matching/attachments/{pk}"]["get"]
    assert "application/pdf" in files["responses"]["200"]["content"]


def test_a_refused_submission_and_a_malformed_one_are_both_documented_422(schema):
    refused = schema["paths"]["/api/v1/submissions"]["post"]["responses"]["422"]
    shapes = refused["content"]["application/json"]["schema"]["anyOf"]
    assert {s["$ref"].rsplit("/", 1)[1] for s in shapes} == {"SummaryOut", "ErrorOut"}


def test_an_unmatched_api_path_answers_json_404(client):
    for path in ("/api/v1/matching/requests/abc", "/api/v1/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}
    # The site's pages keep their HTML 404.
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("q", ["xqall", "]\U000f17a5XQ\x94\nE", "xq kakao", "pelatihan xq"])
def test_resource_search_with_the_catalogues_facet_prefix_is_not_a_500(client, q):
    """The catalogue's FTS renderer limits words starting with its facet prefix to the
    catalogue's columns; the learning index has other columns (it answered 500)."""
    response = client.get("/api/v1/learning/resources", {"q": q})
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.parametrize("body", ["[null, null]", "[]", '"x"', "0", "null"])
def test_a_body_that_is_not_an_object_is_refused(client, body):
    from etalase.accounts.models import ApiToken
    from tests.factories import make_user

    _token, key = ApiToken.issue(user=make_user(), name="system")
    response = client.post("/api/v1/matching/notifications/read", body,
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("value", [0, 1, "yes", "true", None])
def test_a_yes_or_no_is_a_json_boolean(client, world, value):
    from tests.api.matching_world import BASE, post, token
    from tests.matching.conftest import cocoa_request

    sourcing_request = cocoa_request(world)
    response = post(client, f"{BASE}/requests/{sourcing_request.pk}/matches/{world.a.pk}",
                    {"excluded": value} if value is not None else {"clear_pin": 1},
                    token(world.buyer))
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("price, status", [
    ("1250.50", 201), (1250.5, 201), (0.001, 201), ("", 422), ("1e5", 422), ("-1", 422),
    (-1, 422), ("12345678901234567", 422), (True, 422),
])
def test_a_price_is_taken_as_documented(client, world, price, status):
    from etalase.matching import messaging
    from tests.api.matching_world import BASE, post, token

    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="Halo")
    response = post(client, f"{BASE}/inquiries/{inquiry.pk}/quotes", {
        "price": price, "currency": "IDR", "quantity": "20", "unit": "t",
        "lead_time_days": 14, "valid_until": "2027-01-31", "incoterm": "FOB"},
        token(world.owner_a))
    assert response.status_code == status, response.content


def test_country_and_currency_codes_are_documented_as_the_iso_lists(schema):
    fields = schema["components"]["schemas"]["RequestIn"]["properties"]
    countries = fields["preferred_countries"]["items"]["enum"]
    assert {"ID", "MY", "PH", "BN", "SG"} <= set(countries) and "AA" not in countries
    currency = fields["currency"]["anyOf"][0]["enum"]
    assert {"IDR", "idr", "MYR", "PHP", "BND"} <= set(currency) and "ZZZ" not in currency
