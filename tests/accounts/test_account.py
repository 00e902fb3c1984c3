"""The "my account" page: roles with their scopes, and API tokens shown once."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from etalase.accounts import services
from etalase.accounts.models import ApiToken
from tests.factories import buyer, make_enterprise, make_user, officer_of, owner_of, secretariat

ACCOUNT = "/accounts/"


@pytest.mark.django_db
def test_account_page_needs_sign_in(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_account_page_lists_roles_with_their_scopes(client):
    user = officer_of("ID-SA")
    from tests.factories import grant

    enterprise = make_enterprise("ID-KI", legal_name="Rotan Samarinda")
    grant(user, "msme_owner", enterprise=enterprise)
    client.force_login(user)
    html = client.get(ACCOUNT).content.decode()
    assert "Provincial officer" in html and "ID-SA" in html
    assert "MSME owner" in html and "Rotan Samarinda" in html
    assert reverse("admin:index") in html  # officials get the admin link


@pytest.mark.django_db
def test_role_names_follow_the_language(client):
    client.force_login(officer_of("ID-SA"))
    client.cookies["etalase_language"] = "id"
    html = client.get(ACCOUNT).content.decode()
    assert "Petugas provinsi" in html
    assert "Provincial officer" not in html


@pytest.mark.django_db
def test_a_user_without_roles_is_told_so_and_gets_no_tokens_or_admin(client):
    client.force_login(make_user())
    html = client.get(ACCOUNT).content.decode()
    assert "You have no role yet." in html
    assert "API tokens" not in html
    assert reverse("admin:index") not in html


@pytest.mark.django_db
@pytest.mark.parametrize("make", [buyer, lambda: officer_of("ID-SA"), secretariat])
def test_buyers_and_offices_issue_a_token_shown_once_and_stored_hashed(client, make):
    user = make()
    client.force_login(user)
    response = client.post(reverse("accounts:token_issue"), {"name": "ERP gudang"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("et_") and len(key) > 40
    assert key in response.content.decode()
    assert response["Cache-Control"].count("no-store") == 1

    token = ApiToken.objects.get(user=user)
    assert token.name == "ERP gudang"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().first().values()]
    assert key not in stored  # only the hash and an 8-character prefix are kept

    # The next visit lists the token by its prefix, never the key.
    page = client.get(ACCOUNT).content.decode()
    assert "ERP gudang" in page and token.key_prefix in page
    assert key not in page


@pytest.mark.django_db
def test_an_owner_cannot_issue_tokens(client):
    owner = owner_of(make_enterprise())
    client.force_login(owner)
    assert client.post(reverse("accounts:token_issue"), {"name": "x"}).status_code == 403
    assert not ApiToken.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_token_issue_needs_post(client):
    client.force_login(buyer())
    assert client.get(reverse("accounts:token_issue")).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "error"),
    [("", "This field is required."), ("   ", "This field is required."),
     ("x" * 101, "Ensure this value has at most 100 characters")],
)
def test_bad_token_names_get_a_message(client, name, error):
    user = buyer()
    client.force_login(user)
    response = client.post(reverse("accounts:token_issue"), {"name": name})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ApiToken.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_token_names_are_rendered_escaped(client):
    client.force_login(buyer())
    client.post(reverse("accounts:token_issue"), {"name": "<img src=x onerror=alert(1)>"})
    html = client.get(ACCOUNT).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.django_db
def test_too_many_active_tokens_are_refused(client):
    user = buyer()
    for n in range(services.MAX_ACTIVE_TOKENS):
        services.api_token_issue(user=user, name=f"t{n}")
    client.force_login(user)
    response = client.post(reverse("accounts:token_issue"), {"name": "one more"})
    assert response.status_code == 400
    assert "revoke one first" in response.content.decode()


@pytest.mark.django_db
def test_revoke_own_token_but_not_another_users(client):
    mine, theirs = buyer(), buyer()
    my_token, _ = services.api_token_issue(user=mine, name="mine")
    their_token, _ = services.api_token_issue(user=theirs, name="theirs")
    client.force_login(mine)

    response = client.post(reverse("accounts:token_revoke", args=[their_token.pk]), follow=True)
    assert "There is no such active token." in response.content.decode()
    their_token.refresh_from_db()
    assert their_token.revoked_at is None

    assert client.get(reverse("accounts:token_revoke", args=[my_token.pk])).status_code == 405
    response = client.post(reverse("accounts:token_revoke", args=[my_token.pk]), follow=True)
    assert "The token was revoked." in response.content.decode()
    my_token.refresh_from_db()
    assert my_token.revoked_at is not None


@pytest.mark.django_db
def test_issue_api_token_command(capsys):
    from django.core.management import CommandError, call_command

    user = buyer(email="erp@example.test")
    call_command("issue_api_token", "ERP@example.test", "--name", "ERP")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == ApiToken.hash_key(key)

    call_command("issue_api_token", "erp@example.test", "--revoke", str(token.pk))
    token.refresh_from_db()
    assert token.revoked_at is not None

    owner = owner_of(make_enterprise(), email="owner@example.test")
    with pytest.raises(CommandError, match="do not allow API tokens"):
        call_command("issue_api_token", owner.email, "--name", "x")
    with pytest.raises(CommandError, match="No user"):
        call_command("issue_api_token", "nobody@example.test", "--name", "x")
