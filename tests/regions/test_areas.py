import pytest

from etalase.regions.areas import COUNTRIES, read_areas
from etalase.regions.models import Area

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_area_of_the_csv_is_loaded(country):
    rows = read_areas(country)
    assert Area.objects.filter(country_id=country).count() == len(rows)
