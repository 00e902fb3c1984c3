"""An office forms a joint offer of MSMEs of its area for a request none can supply alone."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from etalase.matching import services
from etalase.matching.models import JointOffer, Notification
from tests.factories import officer_of
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(world):
    return open_request(world, cocoa_request(world, quantity_per_month=Decimal(40)))


def test_the_office_sees_the_proposal_of_its_area_and_forms_the_offer(client, world, big):
    officer = officer_of("ID-SA")
    client.force_login(officer)
    page = client.get(reverse("matching:request_detail", args=[big.pk])).content.decode()
    assert "Joint offer of MSMEs of your area" in page
    assert "Kakao Sulsel" not in page  # ID-SN is not this office's area
    response = client.post(reverse("matching:joint_offer_create", args=[big.pk]), {
        "name": "Sulut cocoa pool", "members": [world.a.pk, world.c.pk]})
    assert response.status_code == 302
    offer = JointOffer.objects.get()
    assert offer.total_capacity == Decimal(55) and offer.unit == "t"
    assert sorted(m.enterprise_id for m in offer.members.all()) == sorted([world.a.pk,
                                                                           world.c.pk])
    assert Notification.objects.filter(user=world.buyer, kind="joint_offer").exists()
    assert Notification.objects.filter(user=world.owner_a, kind="joint_offer").exists()
    client.force_login(world.buyer)
    page = client.get(reverse("matching:request_detail", args=[big.pk])).content.decode()
    assert "Sulut cocoa pool" in page and 'data-testid="pool"' in page


def test_offices_group_only_their_own_area_and_only_fitting_members(world, big):
    with pytest.raises(PermissionDenied):
        services.joint_offer_form(actor=officer_of("ID-KI"), sourcing_request=big,
                                  enterprise_ids=[world.a.pk, world.c.pk], name="x")
    with pytest.raises(PermissionDenied):
        services.joint_offer_form(actor=world.buyer, sourcing_request=big,
                                  enterprise_ids=[world.a.pk, world.c.pk], name="x")
    officer = officer_of("ID-SA")
    with pytest.raises(ValidationError):
        services.joint_offer_form(actor=officer, sourcing_request=big,
                                  enterprise_ids=[world.a.pk], name="alone")
    with pytest.raises(ValidationError):  # seaweed farmers do not fit cocoa
        services.joint_offer_form(actor=officer, sourcing_request=big,
                                  enterprise_ids=[world.a.pk, world.h.pk], name="mixed")
    assert not JointOffer.objects.exists()


def test_hostile_joint_offer_posts(client, world, big):
    client.force_login(officer_of("ID-SA"))
    for data in ({"name": "", "members": [world.a.pk, world.c.pk]},
                 {"name": "x", "members": ["abc", "-1"]},
                 {"name": "x" * 500, "members": [world.a.pk, world.c.pk]},
                 {"name": "x", "members": [99999999, world.a.pk]}):
        response = client.post(reverse("matching:joint_offer_create", args=[big.pk]), data)
        assert response.status_code in (302, 404)
    assert not JointOffer.objects.exists()
