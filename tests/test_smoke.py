import pytest

from tests.factories import make_product


@pytest.mark.django_db
def test_home_page_renders_published_counts(client):
    make_product()
    response = client.get("/")
    assert response.status_code == 200
    assert b'data-figure="products">1<' in response.content


@pytest.mark.django_db
def test_static_files_are_served(client):
    assert client.get("/static/etalase/site.css").status_code == 200
