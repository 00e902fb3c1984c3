"""Who sees which enterprises, and which of their fields, through the API."""

import pytest
from django.utils import timezone

from etalase.enterprises.models import Consent
from tests.api.conftest import bearer
from tests.factories import (
    buyer,
    focal_point_of,
    make_certification,
    make_enterprise,
    make_user,
    officer_of,
    owner_of,
    secretariat,
)

pytestmark = pytest.mark.django_db

PRIVATE_VALUES = ("+6281234567890", "+6289900001111", "Ibu Sari", "Jl. Kakao 7")


def enterprise(subdivision: str = "ID-SA", **fields):
    defaults = dict(
        whatsapp="+6289900001111",
        contact_person="Ibu Sari",
        address="Jl. Kakao 7",
        owner_edited_fields=["phone"],
    )
    defaults.update(fields)
    return make_enterprise(subdivision, **defaults)


@pytest.fixture
def registry():
    """A public enterprise and one hidden for each reason, in two provinces."""
    return {
        "public": enterprise(legal_name="Kakao Minahasa"),
        "pending": enterprise(legal_name="Pending Consent", consent=Consent.PENDING),
        "unpublished_sa": enterprise(legal_name="Hidden SA", is_published=False),
        "unpublished_ki": enterprise("ID-KI", legal_name="Hidden KI", is_published=False),
        "public_ki": enterprise("ID-KI", legal_name="Terbuka KI"),
    }


def names(page: dict) -> set[str]:
    return {item["legal_name"] for item in page["items"]}


def test_anonymous_sees_public_enterprises_without_private_fields(client, registry):
    response = client.get("/api/v1/enterprises?page_size=100")
    assert response.status_code == 200
    page = response.json()
    assert names(page) == {"Kakao Minahasa", "Terbuka KI"}
    assert all(item["contact"] is None and item["management"] is None for item in page["items"])
    raw = response.content.decode()
    for value in (
        *PRIVATE_VALUES,
        registry["public"].registration_id,
        registry["public"].email,
        "owner_edited",
    ):
        assert value not in raw


def test_anonymous_gets_404_for_hidden_enterprises(get_json, registry):
    for key in ("pending", "unpublished_sa", "unpublished_ki"):
        get_json(f"/api/v1/enterprises/{registry[key].pk}", status=404)
    body = get_json(f"/api/v1/enterprises/{registry['public'].pk}")
    assert body["contact"] is None and body["management"] is None
    assert body["subdivision"] == "ID-SA" and body["subdivision_name"] == "Sulawesi Utara"


def test_signed_in_user_without_role_gets_public_fields_only(get_json, registry):
    headers = bearer(make_user())
    body = get_json(f"/api/v1/enterprises/{registry['public'].pk}", headers=headers)
    assert body["contact"] is None
    get_json(f"/api/v1/enterprises/{registry['pending'].pk}", status=404, headers=headers)


def test_buyer_token_gets_contact_details_but_not_management(get_json, registry):
    headers = bearer(buyer())
    public = registry["public"]
    body = get_json(f"/api/v1/enterprises/{public.pk}", headers=headers)
    assert body["contact"] == {
        "contact_person": "Ibu Sari",
        "phone": "+6281234567890",
        "whatsapp": "+6289900001111",
        "email": public.email,
        "address": "Jl. Kakao 7",
        "registration_id": public.registration_id,
        "registration_scheme": public.registration_scheme,
    }
    assert body["management"] is None
    # Contact details do not open hidden enterprises.
    get_json(f"/api/v1/enterprises/{registry['pending'].pk}", status=404, headers=headers)


def test_buyer_signed_in_by_session_gets_contact_details(client, registry):
    client.force_login(buyer())
    body = client.get(f"/api/v1/enterprises/{registry['public'].pk}").json()
    assert body["contact"]["phone"] == "+6281234567890"


def test_officer_sees_own_province_unpublished_but_not_another_province(get_json, registry):
    headers = bearer(officer_of("ID-SA"))
    own = get_json(f"/api/v1/enterprises/{registry['unpublished_sa'].pk}", headers=headers)
    assert own["management"]["is_published"] is False
    assert own["management"]["owner_edited_fields"] == ["phone"]
    assert own["contact"]["whatsapp"] == "+6289900001111"
    # Another province's unpublished enterprise: not found, as if it did not exist.
    get_json(f"/api/v1/enterprises/{registry['unpublished_ki'].pk}", status=404, headers=headers)
    # Another province's public enterprise: visible with contacts (an official), no management.
    other = get_json(f"/api/v1/enterprises/{registry['public_ki'].pk}", headers=headers)
    assert other["contact"] is not None and other["management"] is None
    listed = get_json("/api/v1/enterprises?page_size=100", headers=headers)
    assert names(listed) == {"Kakao Minahasa", "Pending Consent", "Hidden SA", "Terbuka KI"}


def test_focal_point_and_secretariat_reach(get_json, registry):
    listed = get_json("/api/v1/enterprises?page_size=100", headers=bearer(focal_point_of("ID")))
    assert len(listed["items"]) == 5
    assert (
        get_json("/api/v1/enterprises?country=MY", headers=bearer(focal_point_of("MY")))["count"]
        == 0
    )
    everything = get_json("/api/v1/enterprises?page_size=100", headers=bearer(secretariat()))
    assert everything["count"] == 5


def test_owner_sees_own_hidden_enterprise_and_only_its_own_contacts(get_json, registry):
    headers = bearer(owner_of(registry["unpublished_ki"]))
    own = get_json(f"/api/v1/enterprises/{registry['unpublished_ki'].pk}", headers=headers)
    assert own["contact"] is not None and own["management"] is not None
    listed = get_json("/api/v1/enterprises?page_size=100", headers=headers)
    by_name = {item["legal_name"]: item for item in listed["items"]}
    assert set(by_name) == {"Kakao Minahasa", "Terbuka KI", "Hidden KI"}
    assert by_name["Kakao Minahasa"]["contact"] is None
    assert by_name["Hidden KI"]["contact"] is not None
    get_json(f"/api/v1/enterprises/{registry['unpublished_sa'].pk}", status=404, headers=headers)


def test_public_fields_include_verification_and_certifications(get_json):
    verified = enterprise(verified_at=timezone.now(), verified_by_office="Dinas Koperasi Sulut")
    make_certification(verified, kind="halal")
    body = get_json(f"/api/v1/enterprises/{verified.pk}")
    assert body["verified"] is True and body["verified_by_office"] == "Dinas Koperasi Sulut"
    assert [(c["kind"], c["label"]) for c in body["certifications"]] == [("halal", "Halal")]


def test_bad_token_is_401_not_anonymous(get_json, registry):
    body = get_json(
        "/api/v1/enterprises", status=401, headers={"Authorization": "Bearer et_not-a-real-key"}
    )
    assert "token" in body["detail"].lower()
    get_json("/api/v1/enterprises", status=401, headers={"Authorization": "Basic abc"})
    get_json("/api/v1/enterprises", status=401, headers={"Authorization": "Bearer "})


def test_revoked_token_is_401(client, registry):
    from etalase.accounts.models import ApiToken

    user = officer_of("ID-SA")
    token, key = ApiToken.issue(user=user, name="provincial system")
    headers = {"Authorization": f"Bearer {key}"}
    assert (
        client.get(
            f"/api/v1/enterprises/{registry['unpublished_sa'].pk}", headers=headers
        ).status_code
        == 200
    )
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/v1/enterprises", headers=headers).status_code == 401


def test_token_of_deactivated_user_is_401(client, registry):
    user = buyer()
    headers = bearer(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/enterprises", headers=headers).status_code == 401
