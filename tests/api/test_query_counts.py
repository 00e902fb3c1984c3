"""List endpoints run a fixed number of queries, however many rows a page holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import bearer
from tests.factories import buyer, make_certification, make_enterprise, make_product

pytestmark = pytest.mark.django_db


def queries_for(client, path: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **kwargs)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_rows(n: int) -> None:
    for _ in range(n):
        enterprise = make_enterprise()
        make_certification(enterprise)
        make_product(enterprise)


@pytest.mark.parametrize(
    "path", ["/api/v1/enterprises?page_size=100", "/api/v1/products?page_size=100"]
)
def test_query_count_does_not_grow_with_rows(client, path):
    headers = bearer(buyer())
    add_rows(2)
    few = queries_for(client, path, headers=headers)
    add_rows(8)
    many = queries_for(client, path, headers=headers)
    assert many == few


def test_hs_code_search_query_count_is_bounded(client):
    assert queries_for(client, "/api/v1/hs-codes?level=6&page_size=100") <= 4
