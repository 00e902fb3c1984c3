import pytest

from tests.factories import make_product


@pytest.mark.django_db
def test_home_page_renders_published_counts(client):
    make_product()
    response = client.get("/")
    assert response.status_code == 200
    assert b"1 products from 1 enterprise" in response.content
