"""`Enterprise.has_published_product` follows the products on every path that writes them."""

import datetime as dt

import pytest
from django.db.models import Exists, OuterRef

from etalase.catalog.models import Product
from etalase.demo.builder import build_demo
from etalase.enterprises.models import Enterprise
from etalase.insights import selectors
from etalase.insights.scope import resolve_area
from tests.factories import make_enterprise, make_product, officer_of

pytestmark = pytest.mark.django_db


def _flag(enterprise: Enterprise) -> bool:
    return Enterprise.objects.values_list("has_published_product", flat=True).get(pk=enterprise.pk)


def _flags_match_the_products() -> None:
    published = Product.objects.filter(enterprise=OuterRef("pk"), is_published=True)
    rows = Enterprise.objects.annotate(expected=Exists(published)).values_list(
        "has_published_product", "expected"
    )
    assert [flag for flag, _expected in rows] == [expected for _flag, expected in rows]


def test_publishing_withdrawing_and_deleting_a_product():
    enterprise = make_enterprise("ID-SA")
    assert _flag(enterprise) is False
    product = make_product(enterprise, is_published=False)
    assert _flag(enterprise) is False
    product.is_published = True
    product.save()
    assert _flag(enterprise) is True
    product.is_published = False
    product.save(update_fields=["is_published"])
    assert _flag(enterprise) is False
    product.is_published = True
    product.save()
    product.delete()
    assert _flag(enterprise) is False


def test_a_product_moved_to_another_enterprise_updates_both():
    first, second = make_enterprise("ID-SA"), make_enterprise("ID-SA")
    product = make_product(first)
    product.enterprise = second
    product.save()
    assert (_flag(first), _flag(second)) == (False, True)


def test_saving_a_stale_enterprise_instance_does_not_write_an_old_value_back():
    enterprise = make_enterprise("ID-SA")
    make_product(enterprise)  # the instance in hand still says False
    enterprise.trade_name = "Renamed"
    enterprise.save()
    assert _flag(enterprise) is True


def test_the_officer_sees_its_own_change_at_once():
    enterprise = make_enterprise("ID-SA")
    product = make_product(enterprise, is_published=False)
    area = resolve_area(officer_of("ID-SA"), None)
    assert selectors.data_quality(area)[0]["failures"]["products"] == 1
    product.is_published = True
    product.save()
    assert selectors.data_quality(area)[0]["failures"]["products"] == 0


def test_the_demo_seed_fills_the_flag(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo(enterprises=40, products=120, seed=7, today=dt.date(2025, 6, 30))
    assert Enterprise.objects.filter(has_published_product=True).exists()
    _flags_match_the_products()
