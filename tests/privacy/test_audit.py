"""Officials' views of contact details, their exports and their actions reach the audit log."""

import pytest
from django.core.exceptions import PermissionDenied

from etalase.accounts.models import Role, RoleAssignment
from etalase.accounts.services import api_token_issue
from etalase.catalog import links
from etalase.enterprises.services import enterprise_verify
from etalase.intake.models import Submission, SubmissionEvent
from etalase.privacy.models import AuditEntry
from tests.factories import (
    buyer,
    grant,
    make_enterprise,
    make_user,
    officer_of,
    owner_of,
    secretariat,
)


def _entries(**kw):
    return list(AuditEntry.objects.filter(**kw).values_list("actor_id", "action", "target_id"))


def test_an_officials_view_of_a_storefront_with_contacts_is_logged(client, db):
    ent = make_enterprise("ID-SA")
    officer = officer_of("ID-SA")
    client.force_login(officer)
    assert client.get(links.storefront_url(ent)).status_code == 200
    assert _entries(kind="contact_view") == [(officer.pk, "storefront", str(ent.pk))]


@pytest.mark.parametrize("who", ["owner", "buyer", "visitor"])
def test_owners_buyers_and_visitors_are_not_logged(client, db, who):
    ent = make_enterprise("ID-SA")
    user = {"owner": lambda: owner_of(ent), "buyer": buyer, "visitor": lambda: None}[who]()
    if user:
        client.force_login(user)
    assert client.get(links.storefront_url(ent)).status_code == 200
    assert not AuditEntry.objects.filter(kind="contact_view").exists()


def test_the_admin_change_page_is_logged_and_an_unknown_id_is_not(client, db):
    ent = make_enterprise("ID-SA")
    officer = officer_of("ID-SA", is_staff=True)
    client.force_login(officer)
    assert client.get(f"/admin/enterprises/enterprise/{ent.pk}/change/").status_code == 200
    client.get("/admin/enterprises/enterprise/999999/change/")
    client.get("/admin/enterprises/enterprise/<script>/change/")
    assert _entries(kind="contact_view") == [(officer.pk, "admin", str(ent.pk))]


def test_verification_is_logged_and_a_refused_one_is_not(db):
    ent = make_enterprise("ID-SA")
    officer = officer_of("ID-SA")
    enterprise_verify(actor=officer, enterprise=ent)
    with pytest.raises(PermissionDenied):
        enterprise_verify(actor=officer_of("ID-KI"), enterprise=ent)
    assert _entries(kind="action", action="verify") == [(officer.pk, "verify", str(ent.pk))]


def test_roles_tokens_and_submission_steps_are_logged(db):
    user = make_user()
    assignment = grant(user, Role.SECRETARIAT)
    _token, _key = api_token_issue(user=user, name="Sistem ERP Dinas")
    RoleAssignment.objects.filter(pk=assignment.pk).get().delete()
    officer = officer_of("ID-SA")
    sub = Submission.objects.create(office_id="ID-SA", country_id="ID", uploaded_by=officer,
                                    filename="data.xlsx", sha256="1" * 64)
    SubmissionEvent.objects.create(submission=sub, actor=officer, action="accept")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"role_grant", "token_issue", "role_revoke", "accept"} <= actions
    assert _entries(action="accept") == [(officer.pk, "accept", str(sub.pk))]
    # The log holds ids and codes, never the token's name or a person's value.
    assert "Sistem ERP" not in str(list(AuditEntry.objects.values_list("detail", flat=True)))


def test_the_log_outlives_the_erasure_of_the_official(db):
    from etalase.privacy import services

    ent = make_enterprise("ID-SA")
    officer = officer_of("ID-SA")
    enterprise_verify(actor=officer, enterprise=ent)
    services.erase_user(officer)
    assert AuditEntry.objects.filter(action="verify", actor=officer).count() == 1
    assert secretariat()  # the secretariat still reads it (admin and page tested elsewhere)


def test_an_officials_api_read_of_contacts_is_logged(client, db):
    from tests.api.conftest import bearer

    ent = make_enterprise("ID-SA")
    officer = officer_of("ID-SA")
    response = client.get(f"/api/v1/enterprises/{ent.pk}", headers=bearer(officer))
    assert response.status_code == 200 and response.json()["contact"]
    assert _entries(kind="contact_view", action="api") == [(officer.pk, "api", str(ent.pk))]
    client.get(f"/api/v1/enterprises/{ent.pk}", headers=bearer(buyer()))
    assert AuditEntry.objects.filter(kind="contact_view").count() == 1


def test_a_buyer_organisations_verification_and_a_role_change_are_logged(db):
    from etalase.accounts.services import organisation_verify
    from tests.factories import make_buyer_org

    org = make_buyer_org("Syarikat Koko Sabah Sdn Bhd", country="MY")
    official = secretariat()
    organisation_verify(organisation=org, by=official)
    assert _entries(action="verify") == [(official.pk, "verify", str(org.pk))]
    assignment = RoleAssignment.objects.get(user=official)
    assignment.save()
    assert AuditEntry.objects.filter(action="role_change", target_id=str(assignment.pk)).exists()
