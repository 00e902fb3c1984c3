import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_areas_are_listed_and_searchable_but_read_only(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    url = reverse("admin:regions_area_changelist")
    page = client.get(url, {"q": "Minahasa"})
    assert page.status_code == 200
    assert b"Kabupaten Minahasa Utara" in page.content and b"Kota Makassar" not in page.content
    assert client.get(reverse("admin:regions_area_add")).status_code == 403
    change = client.get(reverse("admin:regions_area_change", args=["ID-71.02"]))
    assert change.status_code == 200 and b'name="name"' not in change.content
