"""learning.demo.seed: deterministic programmes and resources, once."""

import datetime as dt
import random

import pytest

from etalase.learning import demo
from etalase.learning.models import TIME_ZONE_NAMES, Programme, ProgrammeKind, Resource
from etalase.learning.resource_views import find_resources

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def test_seed_makes_programmes_and_resources_once():
    made = demo.seed(random.Random(7), today=TODAY)
    assert made == {"programmes": 20, "resources": 15}
    assert Programme.objects.published().count() == 20
    assert set(Programme.objects.values_list("kind", flat=True)) == set(ProgrammeKind.values)
    assert set(Programme.objects.values_list("time_zone", flat=True)) <= TIME_ZONE_NAMES
    assert Resource.objects.published().count() == 15
    assert find_resources(query="kakao", category="", tag="")  # indexed for search
    assert demo.seed(random.Random(7), today=TODAY) == {"programmes": 0, "resources": 0}
    assert Programme.objects.count() == 20


def test_seed_is_deterministic():
    demo.seed(random.Random(3), today=TODAY)
    first = list(Programme.objects.order_by("id").values_list("title", "starts_at"))
    Programme.objects.all().delete()
    Resource.objects.all().delete()
    demo.seed(random.Random(3), today=TODAY)
    assert list(Programme.objects.order_by("id").values_list("title", "starts_at")) == first


def test_seed_enrols_the_demo_owner_when_present():
    from etalase.demo.users import ensure_demo_accounts, ensure_demo_owner
    from tests.factories import make_enterprise

    make_enterprise("ID-SA")
    accounts = ensure_demo_accounts(today=TODAY)
    ensure_demo_owner(accounts=accounts)
    demo.seed(random.Random(1), today=TODAY)
    from etalase.learning.models import Enrolment

    enrolment = Enrolment.objects.get()
    assert enrolment.attended is True and enrolment.enrolled_by.email.startswith("owner@")
