import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from etalase.api import api

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/regions/countries",
    "/api/v1/regions/countries/{code}",
    "/api/v1/regions/subdivisions",
    "/api/v1/regions/subdivisions/{code}",
    "/api/v1/hs-codes",
    "/api/v1/hs-codes/{code}",
    "/api/v1/enterprises",
    "/api/v1/enterprises/{enterprise_id}",
    "/api/v1/products",
    "/api/v1/products/{product_id}",
]


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_lists_every_read_path(schema):
    assert set(PATHS) <= set(schema["paths"])


def test_openapi_documents_the_caller_dependent_blocks(schema):
    enterprise = schema["components"]["schemas"]["EnterpriseOut"]["properties"]
    assert "null for anonymous callers" in enterprise["contact"]["description"]
    assert "owner" in enterprise["management"]["description"]
    # The contact fields live only in the nested block, never at the top level.
    assert not {"phone", "whatsapp", "email", "registration_id"} & set(enterprise)


def test_openapi_documents_page_size_ceiling_and_languages(schema):
    params = {p["name"]: p for p in schema["paths"]["/api/v1/products"]["get"]["parameters"]}
    assert params["page_size"]["schema"]["maximum"] == 100
    lang = params["lang"]["schema"]["anyOf"][0]
    assert lang["enum"] == ["en", "id", "ms", "fil"]


def test_docs_page_renders(client):
    assert client.get("/api/v1/docs").status_code == 200


def test_django_validation_error_becomes_422_with_its_messages():
    request = RequestFactory().get("/api/v1/x")
    response = api.on_exception(request, ValidationError({"phone": ["Not a phone number."]}))
    assert response.status_code == 422
    assert b"Not a phone number." in response.content
    response = api.on_exception(request, ValidationError("Too big."))
    assert response.status_code == 422 and b"Too big." in response.content


def test_permission_denied_becomes_403_json():
    request = RequestFactory().get("/api/v1/x")
    response = api.on_exception(request, PermissionDenied("Not your province."))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert b"Not your province." in response.content
