"""A buyer's sourcing request for another country shows each matched supplier's origin
document and duty situation for that destination."""

import pytest
from django.urls import reverse

from etalase.regions.models import Country
from etalase.trade import selectors
from tests.matching.conftest import build_world, cocoa_request


@pytest.fixture
def world(db):
    return build_world()


def test_matches_for_a_japanese_destination_show_documents_and_duty(client, world):
    japan = Country.objects.get(pk="JP")
    request = cocoa_request(world, destination_country=japan)
    client.force_login(world.buyer)
    html = client.get(reverse("matching:request_detail", args=[request.pk])).content.decode()
    assert 'data-testid="match-trade"' in html
    assert "AJCEP: Certificate of Origin Form AJ" in html
    assert "duty-free already (schedule 2024)" in html
    assert "/trade/export/?hs=180100&amp;origin=ID&amp;destination=JP" in html


def test_no_line_when_the_supplier_is_in_the_destination_country(db):
    assert selectors.brief("180100", "ID", "ID", language="en") is None
    assert selectors.brief("", "ID", "JP", language="en") is None
    found = selectors.brief("180100", "ID", "EU", language="en")
    assert found["documents"] == [] and found["duty"] is None
