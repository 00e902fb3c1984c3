"""The account holder's pages, officials' decisions and the secretariat's log, over HTTP."""

import json

import pytest
from django.urls import reverse

from etalase.enterprises.models import Enterprise
from etalase.privacy.models import AuditEntry, ErasureRequest
from tests.factories import make_enterprise, officer_of, owner_of, secretariat
from tests.privacy.conftest import PERSON


def test_the_json_download_holds_profile_enterprise_messages_and_history(client, owner_world):
    client.force_login(owner_world["owner"])
    response = client.get(reverse("privacy:my_data_json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"][0]["email"] == "siti.akun@kakao-tondano.example"
    assert "password" not in data["profile"][0]
    assert data["enterprises"][0]["contact_person"] == PERSON["contact_person"]
    assert len(data["products"]) == 1
    assert len(data["messages"]) == 2
    phones = {row["phone"] for row in data["enterprise_history"]}
    assert phones == {"+6281355500000", PERSON["phone"]}


def test_the_readable_page_escapes_what_people_wrote(client, owner_world):
    client.force_login(owner_world["owner"])
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert PERSON["address"] in page
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page


def test_a_buyer_gets_its_own_data_and_not_the_supplier_record(client, owner_world):
    client.force_login(owner_world["buyer"])
    data = json.loads(client.get(reverse("privacy:my_data_json")).content)
    assert data["enterprises"] == [] and len(data["inquiries"]) == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("privacy:my_data_json"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_owner_withdraws_consent_and_the_storefront_disappears(client, owner_world):
    ent = owner_world["enterprise"]
    assert ent.is_public
    client.force_login(owner_world["owner"])
    response = client.post(reverse("privacy:withdraw_consent", args=[ent.pk]))
    assert response.status_code == 302
    ent.refresh_from_db()
    assert not ent.is_public
    assert client.get(f"/e/{ent.slug}/").status_code == 404 or not Enterprise.objects.public(
    ).filter(pk=ent.pk).exists()


def test_nobody_else_withdraws_consent(client, owner_world):
    client.force_login(owner_world["buyer"])
    response = client.post(reverse("privacy:withdraw_consent", args=[owner_world["enterprise"].pk]))
    assert response.status_code == 403
    assert client.post(reverse("privacy:withdraw_consent", args=[999999])).status_code == 404
    assert client.get(reverse("privacy:withdraw_consent", args=[1])).status_code == 405


def test_erasure_needs_the_box_ticked(client, owner_world):
    client.force_login(owner_world["owner"])
    client.post(reverse("privacy:request_erasure"), {})
    assert not ErasureRequest.objects.exists()
    client.post(reverse("privacy:request_erasure"), {"confirm": "on"})
    client.post(reverse("privacy:request_erasure"), {"confirm": "on"})
    assert ErasureRequest.objects.filter(status="pending").count() == 1


@pytest.mark.parametrize("province, allowed", [("ID-SA", True), ("ID-KI", False)])
def test_only_the_province_officer_or_secretariat_confirms(client, owner_world, province, allowed):
    erasure = ErasureRequest.objects.create(user=owner_world["owner"])
    officer = officer_of(province)
    client.force_login(officer)
    listing = client.get(reverse("privacy:erasure_requests")).content.decode()
    assert (owner_world["owner"].email in listing) is allowed
    response = client.post(reverse("privacy:decide_erasure", args=[erasure.pk]),
                           {"decision": "confirm"})
    assert response.status_code == (302 if allowed else 403)
    erasure.refresh_from_db()
    assert erasure.status == ("done" if allowed else "pending")


def test_an_owner_cannot_confirm_its_own_erasure(client, owner_world):
    erasure = ErasureRequest.objects.create(user=owner_world["owner"])
    client.force_login(owner_world["owner"])
    assert client.get(reverse("privacy:erasure_requests")).status_code == 403
    assert client.post(reverse("privacy:decide_erasure", args=[erasure.pk]),
                       {"decision": "confirm"}).status_code == 403


def test_the_audit_log_is_the_secretariats(client, db):
    officer = officer_of("ID-SA")
    ent = make_enterprise("ID-SA")
    owner_of(ent)
    AuditEntry.objects.create(actor=officer, kind="contact_view",
                              target_model="enterprises.enterprise", target_id=str(ent.pk))
    client.force_login(officer)
    assert client.get(reverse("privacy:audit_log")).status_code == 403
    assert client.get("/admin/privacy/auditentry/").status_code in (302, 403)
    client.force_login(secretariat())
    page = client.get(reverse("privacy:audit_log"), {"kind": "contact_view"}).content.decode()
    assert officer.email in page and f"#{ent.pk}" in page
    assert client.get(reverse("privacy:audit_log"), {"kind": "<script>", "page": "x"}
                      ).status_code == 200


def test_my_account_links_to_the_privacy_pages_by_role(client, owner_world):
    client.force_login(owner_world["owner"])
    page = client.get(reverse("accounts:account")).content.decode()
    assert reverse("privacy:my_data") in page and reverse("privacy:audit_log") not in page
    client.force_login(secretariat())
    page = client.get(reverse("accounts:account")).content.decode()
    assert reverse("privacy:erasure_requests") in page and reverse("privacy:audit_log") in page
