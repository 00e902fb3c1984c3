"""The Learning section of accounts.permissions."""

import pytest

from etalase.accounts import permissions
from etalase.regions.models import Subdivision
from tests.factories import (
    buyer,
    focal_point_of,
    make_enterprise,
    make_user,
    officer_of,
    owner_of,
    secretariat,
)
from tests.learning.helpers import make_programme

pytestmark = pytest.mark.django_db


def subs(*codes):
    return list(Subdivision.objects.filter(code__in=codes).select_related("parent__parent"))


def test_can_target_programme_by_role():
    officer, focal, sec = officer_of("ID-SA"), focal_point_of("ID"), secretariat()
    assert permissions.can_target_programme(officer, countries=[], subdivisions=subs("ID-SA"))
    assert not permissions.can_target_programme(officer, countries=["ID"], subdivisions=[])
    assert not permissions.can_target_programme(officer, countries=[], subdivisions=[])
    assert permissions.can_target_programme(focal, countries=["ID"], subdivisions=[])
    assert permissions.can_target_programme(focal, countries=[], subdivisions=subs("ID-KI"))
    assert not permissions.can_target_programme(focal, countries=[], subdivisions=[])
    assert permissions.can_target_programme(sec, countries=[], subdivisions=[])
    for nobody in (make_user(), owner_of(make_enterprise()), buyer()):
        assert not permissions.can_create_programme(nobody)
        assert not permissions.can_target_programme(nobody, countries=["ID"], subdivisions=[])


def test_region_officer_covers_provinces_inside():
    officer = officer_of("ID-SL")  # Sulawesi holds Sulawesi Utara
    assert permissions.can_target_programme(officer, countries=[], subdivisions=subs("ID-SA"))
    programme = make_programme(office_subdivision="ID-SA")
    assert permissions.can_change_programme(officer, programme)
    assert not permissions.can_change_programme(officer_of("ID-SA"),
                                                 make_programme(office_subdivision="ID-SL"))


def test_managed_querysets_match_the_object_checks():
    programmes = [make_programme(office_subdivision="ID-SA", office_country="ID"),
                  make_programme(office_subdivision="ID-KI", office_country="ID"),
                  make_programme(office_country="PH"), make_programme()]
    for user in (officer_of("ID-SA"), officer_of("ID-SL"), focal_point_of("ID"),
                 focal_point_of("PH"), secretariat(), make_user()):
        managed = set(permissions.programmes_managed_by(user).values_list("pk", flat=True))
        assert managed == {p.pk for p in programmes if permissions.can_change_programme(user, p)}
