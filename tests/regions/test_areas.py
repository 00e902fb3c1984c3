import pytest

from etalase.regions.areas import COUNTRIES, read_areas
from etalase.regions.models import Area

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_area_of_the_csv_is_loaded(country):
    rows = read_areas(country)
    assert Area.objects.filter(country_id=country).count() == len(rows)


def test_api_lists_the_areas_of_a_subdivision(client):
    response = client.get("/api/v1/regions/subdivisions/id-sa/areas")
    assert response.status_code == 200
    areas = {a["code"]: a for a in response.json()}
    assert len(areas) == 15
    assert areas["ID-71.02"] == {
        "code": "ID-71.02", "name": "Kabupaten Minahasa", "kind": "regency",
        "kind_label": "regency (kabupaten)", "official_code": "71.02", "subdivision": "ID-SA",
        "parent": None,
    }
