"""The storefront: profile, products, verification badge and the privacy of contact details."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from etalase.catalog import links
from etalase.enterprises.models import Consent
from tests.catalog.test_gallery_support import fast_passwords, site_urls  # noqa: F401
from tests.factories import (
    buyer,
    focal_point_of,
    make_certification,
    make_enterprise,
    make_product,
    make_user,
    officer_of,
    owner_of,
    secretariat,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_urls", "fast_passwords")]

PHONE = "+6281234567890"
WHATSAPP = "+6281298765432"
EMAIL = "sales@kakao-minahasa.example"


@pytest.fixture
def enterprise():
    return make_enterprise("ID-SA", legal_name="Koperasi Kakao Minahasa", phone=PHONE,
                           whatsapp=WHATSAPP, email=EMAIL, contact_person="Ibu Maria Lumi",
                           website="https://kakao.example")


def _page(client, enterprise, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(links.storefront_url(enterprise))
    assert response.status_code == 200
    return response.content.decode()


def _shows_contact(html: str) -> bool:
    found = [EMAIL in html, PHONE in html, "Ibu Maria Lumi" in html]
    assert all(found) or not any(found), found  # all or nothing
    return all(found)


@pytest.mark.parametrize(("who", "sees"), [
    ("anonymous", False),
    ("signed_in_without_role", False),
    ("owner_of_another_enterprise", False),
    ("buyer", True),
    ("officer_of_another_province", True),
    ("officer", True),
    ("focal_point", True),
    ("secretariat", True),
    ("owner", True),
])
def test_contact_details_per_role(client, enterprise, who, sees):
    user = {
        "anonymous": lambda: None,
        "signed_in_without_role": make_user,
        "owner_of_another_enterprise": lambda: owner_of(make_enterprise("ID-SA")),
        "buyer": buyer,
        "officer_of_another_province": lambda: officer_of("ID-KI"),
        "officer": lambda: officer_of("ID-SA"),
        "focal_point": lambda: focal_point_of("ID"),
        "secretariat": secretariat,
        "owner": lambda: owner_of(enterprise),
    }[who]()
    html = _page(client, enterprise, user)
    assert _shows_contact(html) is sees
    assert ("https://wa.me/6281298765432" in html) is sees
    assert ("Sign in to contact" in html) is not sees
    assert "https://kakao.example" in html  # the website is a public channel


def test_contact_details_never_leak_through_json_ld_or_meta(client, enterprise):
    html = _page(client, enterprise)
    for secret in (EMAIL, PHONE, WHATSAPP, "6281298765432"):
        assert secret not in html


def test_whatsapp_link_is_click_to_chat_with_a_greeting(client, enterprise):
    html = _page(client, enterprise, buyer())
    link = re.search(r'href="(https://wa\.me/[^"]+)"', html).group(1)
    assert link.startswith("https://wa.me/6281298765432?text=Hello%20Koperasi%20Kakao%20Minahasa")


def test_verification_badge_names_the_office_and_the_date(client, enterprise):
    enterprise.verified_at = dt.datetime(2025, 3, 14, 9, 0, tzinfo=dt.UTC)
    enterprise.verified_by_office = "Dinas Koperasi dan UKM Sulawesi Utara"
    enterprise.save()
    html = _page(client, enterprise)
    badge = re.search(r'data-testid="verified">(.*?)</p>', html, re.S).group(1)
    assert "Dinas Koperasi dan UKM Sulawesi Utara" in badge
    assert "2025" in badge and "Mar" in badge


def test_unverified_enterprises_say_so(client, enterprise):
    assert "Not yet verified" in _page(client, enterprise)


def test_products_listed_are_the_public_ones_and_the_owner_sees_hidden_ones(client, enterprise):
    make_product(enterprise, name="Biji kakao fermentasi")
    make_product(enterprise, name="Nib kakao rahasia", is_published=False)
    html = _page(client, enterprise)
    assert "Biji kakao fermentasi" in html and "Nib kakao rahasia" not in html
    html = _page(client, enterprise, owner_of(enterprise))
    assert "Nib kakao rahasia" in html and "hidden" in html


def test_valid_certifications_are_shown_expired_ones_are_not(client, enterprise):
    make_certification(enterprise, kind="halal", valid_until=dt.date(2099, 1, 1))
    make_certification(enterprise, kind="organic", valid_from=dt.date(2010, 1, 1),
                       valid_until=dt.date(2012, 1, 1))
    html = _page(client, enterprise)
    assert "Halal" in html and "Organic" not in html


@pytest.mark.parametrize("consent", [Consent.PENDING])
def test_a_storefront_without_consent_is_not_public(client, consent):
    enterprise = make_enterprise("ID-SA", consent=consent)
    assert client.get(links.storefront_url(enterprise)).status_code == 404
    client.force_login(buyer())
    assert client.get(links.storefront_url(enterprise)).status_code == 404
    client.force_login(officer_of("ID-SA"))
    html = client.get(links.storefront_url(enterprise)).content.decode()
    assert "not public" in html


def test_an_unpublished_storefront_is_not_public(client):
    enterprise = make_enterprise("ID-SA", is_published=False)
    assert client.get(links.storefront_url(enterprise)).status_code == 404
    client.force_login(owner_of(enterprise))
    assert client.get(links.storefront_url(enterprise)).status_code == 200


def test_storefront_urls_are_canonical(client, enterprise):
    response = client.get(f"/e/{enterprise.pk}/")
    assert response.status_code == 301
    assert response["Location"] == links.storefront_url(enterprise)
    assert client.get(f"/e/{enterprise.pk + 999}-x/").status_code == 404


def test_organization_json_ld(client, enterprise):
    import json

    html = _page(client, enterprise)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["name"] == "Koperasi Kakao Minahasa"
    assert data["address"]["addressCountry"] == "ID"
    assert "email" not in data and "telephone" not in data


def test_the_storefront_names_its_area_and_links_to_the_areas_gallery(client):
    import json

    enterprise = make_enterprise("ID-SA", legal_name="Kopi Manado", regency="Manado",
                                 area_id="ID-71.71")
    html = _page(client, enterprise)
    assert 'data-area="ID-71.71">Kota Manado</a>' in html
    assert "/gallery/?area=ID-71.71" in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["address"]["addressLocality"] == "Kota Manado"


def test_without_an_area_the_storefront_shows_the_locality_as_written(client):
    enterprise = make_enterprise("ID-SA", regency="Kecamatan Wori", area_id=None)
    html = _page(client, enterprise)
    assert "Kecamatan Wori" in html and "data-area=" not in html
