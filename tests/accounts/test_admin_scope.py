"""The admin is for offices and the secretariat, and each sees only its area.

Ids are typed by hand here on purpose: an officer of ID-SA who guesses the id of an
ID-KI enterprise must get nothing (404), not a page and not a redirect to it.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from etalase.accounts.models import ApiToken, Organisation, RoleAssignment, User
from etalase.enterprises.models import Enterprise
from tests.factories import (
    buyer,
    focal_point_of,
    make_enterprise,
    make_user,
    officer_of,
    owner_of,
    secretariat,
)

PASSWORD = "correct-horse-battery"


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


@pytest.fixture
def area(db):
    return {
        "sa": make_enterprise("ID-SA", legal_name="Kakao Minahasa"),
        "sa_hidden": make_enterprise("ID-SA", legal_name="Kopra Bitung", is_published=False),
        "ki": make_enterprise("ID-KI", legal_name="Rotan Samarinda"),
        "my": make_enterprise("MY-12", legal_name="Rumpai Laut Semporna"),
    }


# --- Who may enter -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "owner", "buyer", "no role"])
def test_non_officials_cannot_use_the_admin(client, area, who):
    if who == "owner":
        client.force_login(owner_of(area["sa"]))
    elif who == "buyer":
        client.force_login(buyer())
    elif who == "no role":
        client.force_login(make_user(is_staff=True))  # is_staff alone opens nothing
    for url in ["/admin/", changelist_url(Enterprise), change_url(area["sa"]),
                changelist_url(User)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


@pytest.mark.parametrize("who", ["officer", "focal_point", "secretariat", "superuser"])
def test_officials_enter_the_admin_without_is_staff(client, db, who):
    user = {
        "officer": lambda: officer_of("ID-SA"),
        "focal_point": lambda: focal_point_of("ID"),
        "secretariat": secretariat,
        "superuser": lambda: make_user(is_superuser=True),
    }[who]()
    assert not user.is_staff or who == "superuser"
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_admin_sign_in_accepts_an_officer_and_refuses_an_owner(client, area):
    officer = officer_of("ID-SA", email="petugas@example.test")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "PETUGAS@example.test", "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert int(client.session["_auth_user_id"]) == officer.pk

    client.logout()
    owner_of(area["sa"], email="pemilik@example.test")
    refused = client.post("/admin/login/", {"username": "pemilik@example.test",
                                            "password": PASSWORD})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "office or secretariat account" in refused.content.decode()


# --- Object-level scope in the enterprise admin ---------------------------------------


def test_officer_changelist_lists_only_its_province(client, area):
    client.force_login(officer_of("ID-SA"))
    response = client.get(changelist_url(Enterprise))
    assert response.status_code == 200
    listed = {e.pk for e in response.context["cl"].result_list}
    assert listed == {area["sa"].pk, area["sa_hidden"].pk}


def test_officer_cannot_open_another_province_enterprise_by_id(client, area):
    client.force_login(officer_of("ID-SA"))
    ki = area["ki"]
    assert client.get(change_url(ki)).status_code == 404
    assert client.post(change_url(ki), {"legal_name": "Taken over"}).status_code == 404
    delete = reverse("admin:enterprises_enterprise_delete", args=[ki.pk])
    assert client.post(delete, {"post": "yes"}).status_code in (403, 404)
    history = reverse("admin:enterprises_enterprise_history", args=[ki.pk])
    assert client.get(history).status_code in (403, 404)
    ki.refresh_from_db()
    assert ki.legal_name == "Rotan Samarinda"
    assert Enterprise.objects.filter(pk=ki.pk).exists()
    # …and its own province opens.
    assert client.get(change_url(area["sa"])).status_code == 200


def test_officer_search_does_not_reach_another_province(client, area):
    client.force_login(officer_of("ID-SA"))
    response = client.get(changelist_url(Enterprise), {"q": "Rotan"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_focal_point_sees_its_country_only(client, area):
    client.force_login(focal_point_of("ID"))
    response = client.get(changelist_url(Enterprise))
    listed = {e.pk for e in response.context["cl"].result_list}
    assert listed == {area["sa"].pk, area["sa_hidden"].pk, area["ki"].pk}
    assert client.get(change_url(area["my"])).status_code == 404


def test_secretariat_sees_every_enterprise(client, area):
    client.force_login(secretariat())
    response = client.get(changelist_url(Enterprise))
    listed = {e.pk for e in response.context["cl"].result_list}
    assert listed == {e.pk for e in area.values()}


def test_officials_may_not_delete_but_the_secretariat_may(client, area):
    client.force_login(officer_of("ID-SA"))
    delete = reverse("admin:enterprises_enterprise_delete", args=[area["sa"].pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Enterprise.objects.filter(pk=area["sa"].pk).exists()


# --- Users, roles and tokens: the secretariat's alone ----------------------------------


@pytest.mark.parametrize("model", [User, RoleAssignment, ApiToken])
@pytest.mark.parametrize("who", ["officer", "focal_point"])
def test_offices_cannot_manage_users_roles_or_tokens(client, db, model, who):
    official = officer_of("ID-SA") if who == "officer" else focal_point_of("ID")
    client.force_login(official)
    assert client.get(changelist_url(model)).status_code == 403
    # Not even their own user record: roles are granted, never self-assigned.
    assert client.get(change_url(official)).status_code in (403, 404)
    index = client.get("/admin/")
    assert f"/admin/accounts/{model._meta.model_name}/" not in index.content.decode()


def test_secretariat_manages_users_but_cannot_mint_superusers(client, db):
    staff = secretariat()
    client.force_login(staff)
    target = make_user(email="budi@example.test")
    page = client.get(change_url(target))
    assert page.status_code == 200
    form_fields = page.context["adminform"].form.fields
    assert "is_superuser" not in form_fields  # shown read-only
    root = make_user(is_superuser=True)
    assert client.get(change_url(root)).status_code == 404
    assert client.get(changelist_url(RoleAssignment)).status_code == 200
    assert client.get(changelist_url(ApiToken)).status_code == 200


INLINE = {"roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0"}


def test_secretariat_creates_a_user_with_a_lower_case_address(client, db):
    client.force_login(secretariat())
    add = reverse("admin:accounts_user_add")
    response = client.post(add, {**INLINE, "email": "Siti@Example.TEST", "full_name": "Siti",
                                 "usable_password": "true", "password1": "Kakao-Sulawesi-25",
                                 "password2": "Kakao-Sulawesi-25"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.filter(email="siti@example.test").exists()
    again = client.post(add, {**INLINE, "email": "SITI@example.test", "usable_password": "true",
                              "password1": "Kakao-Sulawesi-25",
                              "password2": "Kakao-Sulawesi-25"})
    assert again.status_code == 200
    assert "already exists" in again.content.decode()


def test_api_token_admin_never_offers_the_hash_for_editing(client, db):
    client.force_login(secretariat())
    token, _key = ApiToken.issue(user=buyer(), name="ERP")
    page = client.get(change_url(token))
    assert page.status_code == 200
    assert "key_hash" not in page.context["adminform"].form.fields
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    client.post(changelist_url(ApiToken), {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None


# --- Organisations: the secretariat, and offices for their area ------------------------


@pytest.fixture
def orgs(db):
    return {
        "sa": Organisation.objects.create(name="Dinas Koperasi Sulut", kind="government",
                                          country_id="ID", subdivision_id="ID-SA"),
        "ki": Organisation.objects.create(name="CV Rotan Kaltim", kind="buyer",
                                          country_id="ID", subdivision_id="ID-KI"),
        "my": Organisation.objects.create(name="Borneo Cocoa Sdn Bhd", kind="buyer",
                                          country_id="MY", subdivision_id="MY-12"),
    }


def test_organisation_admin_is_scoped(client, orgs):
    client.force_login(officer_of("ID-SA"))
    listed = {o.pk for o in client.get(changelist_url(Organisation)).context["cl"].result_list}
    assert listed == {orgs["sa"].pk}
    assert client.get(change_url(orgs["ki"])).status_code == 404

    client.force_login(focal_point_of("ID"))
    listed = {o.pk for o in client.get(changelist_url(Organisation)).context["cl"].result_list}
    assert listed == {orgs["sa"].pk, orgs["ki"].pk}


def test_officer_cannot_move_an_organisation_out_of_its_area(client, orgs):
    client.force_login(officer_of("ID-SA"))
    org = orgs["sa"]
    data = {"name": org.name, "kind": org.kind, "country": "ID", "website": ""}
    moved = client.post(change_url(org), {**data, "subdivision": "ID-KI"})
    assert moved.status_code == 200
    assert "subdivision" in moved.context["adminform"].form.errors
    foreign = client.post(change_url(org), {**data, "country": "MY", "subdivision": "MY-12"})
    assert "country" in foreign.context["adminform"].form.errors
    # A form that passes validation but leaves the officer's area is refused and rolled back.
    dropped = client.post(change_url(org), {**data, "subdivision": ""})
    assert dropped.status_code == 403
    org.refresh_from_db()
    assert org.subdivision_id == "ID-SA"


def test_verify_action_verifies_only_within_the_area(client, orgs):
    officer = officer_of("ID-SA")
    client.force_login(officer)
    client.post(changelist_url(Organisation),
                {"action": "verify", "_selected_action": [orgs["sa"].pk, orgs["ki"].pk]})
    orgs["sa"].refresh_from_db()
    orgs["ki"].refresh_from_db()
    assert orgs["sa"].verified_by == officer and orgs["sa"].verified_at is not None
    assert orgs["ki"].verified_at is None


def test_every_registered_admin_is_scoped(db):
    """A ModelAdmin without the mixin would fall back to Django's model permissions,
    which officials do not hold; worse, a hand-rolled one might forget the scope."""
    from etalase.accounts.admin_scope import ScopedAdminMixin

    unscoped = [
        f"{model._meta.label}" for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, ScopedAdminMixin)
        and model._meta.app_label.startswith(("accounts", "enterprises", "catalog", "regions",
                                              "intake", "matching", "learning", "insights",
                                              "payments"))
    ]
    assert unscoped == []
