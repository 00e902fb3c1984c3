"""Limits of pagination and what hostile input gets back: a 4xx, never a crash."""

import pytest

from etalase.catalog.models import Product
from tests.factories import make_enterprise, make_product

pytestmark = pytest.mark.django_db

LIST_ENDPOINTS = [
    "/api/v1/enterprises",
    "/api/v1/products",
    "/api/v1/hs-codes",
    "/api/v1/regions/subdivisions",
]


@pytest.fixture
def products():
    enterprise = make_enterprise()
    return [make_product(enterprise, name=f"Product {i:02d}") for i in range(25)]


def test_default_page_and_page_count(get_json, products):
    page = get_json("/api/v1/products")
    assert (page["count"], page["page"], page["page_size"], page["pages"]) == (25, 1, 20, 2)
    assert len(page["items"]) == 20
    second = get_json("/api/v1/products?page=2")
    assert len(second["items"]) == 5
    assert not {i["id"] for i in page["items"]} & {i["id"] for i in second["items"]}


def test_largest_page_size_is_allowed(get_json, products):
    assert len(get_json("/api/v1/products?page_size=100")["items"]) == 25


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
@pytest.mark.parametrize(
    "query", ["page_size=101", "page_size=0", "page_size=-5", "page=0", "page=abc", "page_size=1e3"]
)
def test_bad_pagination_is_422(get_json, path, query):
    body = get_json(f"{path}?{query}", status=422)
    assert body["detail"][0]["loc"][0] == "query"


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
@pytest.mark.parametrize("page", ["1000000", "9223372036854775808", "9" * 40])
def test_huge_page_number_is_an_empty_page(get_json, products, path, page):
    body = get_json(f"{path}?page={page}")
    assert body["items"] == []
    assert body["count"] > 0


@pytest.mark.parametrize(
    "path",
    ["/api/v1/enterprises/{}", "/api/v1/products/{}"],
)
@pytest.mark.parametrize("bad_id", ["abc", "1.5", "-1", "0", "9223372036854775808", "1%27"])
def test_non_numeric_or_out_of_range_ids_are_422(get_json, path, bad_id):
    get_json(path.format(bad_id), status=422)


@pytest.mark.parametrize("path", ["/api/v1/enterprises/{}", "/api/v1/products/{}"])
def test_unknown_id_is_404(get_json, path):
    assert get_json(path.format(9223372036854775807), status=404) == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE catalog_product; --",
        '" OR "1"="1',
        "%%%",
        "_x_",
        "\\",
        "<script>alert(1)</script>",
        "كاكاو",
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/products", "/api/v1/enterprises", "/api/v1/hs-codes"])
def test_hostile_query_strings_just_find_nothing(client, products, path, q):
    response = client.get(path, {"q": q})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert Product.objects.count() == 25


def test_xss_in_stored_names_comes_back_as_json_data(client):
    make_product(name="<script>alert('x')</script>")
    response = client.get("/api/v1/products")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["items"][0]["name"] == "<script>alert('x')</script>"


@pytest.mark.parametrize("path", ["/api/v1/products", "/api/v1/enterprises", "/api/v1/hs-codes"])
@pytest.mark.parametrize("q", ["\x00", "cocoa\x00", "\x1b[31m"])
def test_control_characters_in_query_are_422(client, path, q):
    # PostgreSQL refuses NUL bytes and SQLite truncates a LIKE pattern at one.
    response = client.get(path, {"q": q})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


def test_like_wildcards_in_query_are_literal(get_json, products):
    # Every factory description holds "kadar air 7%": "%" and "_" match only themselves.
    assert get_json("/api/v1/products?q=7%25")["count"] == 25
    assert get_json("/api/v1/products?q=7_")["count"] == 0
    assert get_json("/api/v1/products?q=Product%2001")["count"] == 1
