"""Sign-in by e-mail, sign-out, lock-out, password reset and change."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

PASSWORD = "correct-horse-battery"
LOGIN = "/accounts/login/"


def _login(client, username: str, password: str, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def _signed_in_email(client) -> str | None:
    response = client.get(reverse("accounts:account"))
    if response.status_code != 200:
        return None
    return response.context["user"].email


@pytest.mark.django_db
def test_login_page_labels_the_field_e_mail(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html  # axes reads this field
    assert ">E-mail" in html
    assert 'type="email"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["ana@example.test", "ANA@Example.TEST", "  Ana@example.test "])
def test_sign_in_by_email_ignores_case(client, typed):
    make_user("ana@example.test")
    response = _login(client, typed, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert _signed_in_email(client) == "ana@example.test"


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_message_and_no_session(client):
    make_user("ana@example.test")
    response = _login(client, "ana@example.test", "wrong-password")
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in response.content.decode()
    assert _signed_in_email(client) is None


@pytest.mark.django_db
def test_unknown_address_gets_the_same_message_as_a_wrong_password(client):
    make_user("ana@example.test")
    wrong_password = _login(client, "ana@example.test", "nope").content.decode()
    unknown = _login(client, "nobody@example.test", "nope").content.decode()
    message = "The e-mail address or the password is not correct."
    assert message in wrong_password and message in unknown


@pytest.mark.django_db
def test_inactive_user_cannot_sign_in(client):
    make_user("gone@example.test", is_active=False)
    response = _login(client, "gone@example.test", PASSWORD)
    assert response.status_code == 200
    assert _signed_in_email(client) is None


@pytest.mark.django_db
def test_hostile_sign_in_input_is_refused_and_escaped(client):
    oversized = "a" * 300 + "@example.test"
    response = _login(client, oversized, PASSWORD)
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()

    xss = '<script>alert("x")</script>@example.test'
    response = _login(client, xss, PASSWORD)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_sign_in_does_not_redirect_to_another_site(client):
    make_user("ana@example.test")
    response = _login(client, "ana@example.test", PASSWORD, next="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")


@pytest.mark.django_db
def test_sign_in_follows_a_local_next(client):
    make_user("ana@example.test")
    response = _login(client, "ana@example.test", PASSWORD, next="/accounts/")
    assert response["Location"] == "/accounts/"


# --- Lock-out (django-axes) ------------------------------------------------------


@pytest.mark.django_db
def test_five_failures_lock_the_account_with_the_lockout_page(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    make_user("ana@example.test")
    for _ in range(4):
        assert _login(client, "ana@example.test", "wrong").status_code == 200
    locked = _login(client, "ana@example.test", "wrong")
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    assert "locked after 5 failed attempts" in locked.content.decode()
    assert "try again in 15 minutes" in locked.content.decode()

    # Even the right password is refused while locked, whatever the case typed.
    assert _login(client, "ana@example.test", PASSWORD).status_code == 429
    assert _login(client, "ANA@example.test", PASSWORD).status_code == 429
    assert _signed_in_email(client) is None


@pytest.mark.django_db
def test_case_variants_share_one_failure_counter(client):
    make_user("ana@example.test")
    for typed in ["ana@example.test", "ANA@example.test", "Ana@Example.test", "aNa@example.TEST"]:
        assert _login(client, typed, "wrong").status_code == 200
    assert _login(client, "ANA@EXAMPLE.TEST", "wrong").status_code == 429


@pytest.mark.django_db
def test_lockout_is_per_username_and_address(client):
    """Offices and internet cafés share one public address: a lock-out of one account
    must not lock its neighbours, nor the account's owner on another network."""
    make_user("ana@example.test")
    make_user("budi@example.test")
    for _ in range(5):
        _login(client, "ana@example.test", "wrong")
    assert _login(client, "ana@example.test", PASSWORD).status_code == 429
    assert _login(client, "budi@example.test", PASSWORD).status_code == 302
    assert _signed_in_email(client) == "budi@example.test"
    client.post(reverse("accounts:logout"))
    elsewhere = client.post(
        LOGIN, {"username": "ana@example.test", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_counter(client):
    make_user("ana@example.test")
    for _ in range(4):
        _login(client, "ana@example.test", "wrong")
    assert _login(client, "ana@example.test", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert _login(client, "ana@example.test", "wrong").status_code == 200


# --- Sign-out ------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_out_needs_post(client):
    user = make_user()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert _signed_in_email(client) == user.email
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert _signed_in_email(client) is None


# --- Password reset --------------------------------------------------------------


def _reset_link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/[^/\s]+/[^/\s]+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db
def test_password_reset_sends_a_working_link(client):
    make_user("ana@example.test")
    response = client.post(reverse("accounts:password_reset"), {"email": "Ana@Example.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.test"]
    assert "Etalase" in message.subject
    assert "\n" not in message.subject

    link = _reset_link(message.body)
    # Django swaps the token for a session marker, then shows the form.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Kakao-Sulawesi-2025", "new_password2": "Kakao-Sulawesi-2025"}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")

    assert _login(client, "ana@example.test", PASSWORD).status_code == 200  # old one gone
    assert _login(client, "ana@example.test", "Kakao-Sulawesi-2025").status_code == 302

    # The link works once.
    client.post(reverse("accounts:logout"))
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "This link no longer works" in again.content.decode()


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    make_user("ana@example.test")
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_with_a_forged_token_is_refused(client):
    user = make_user("ana@example.test")
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/accounts/password/reset/{uid}/abc-123/", follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is False


@pytest.mark.django_db
def test_password_reset_rejects_a_malformed_address(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "not-an-address"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


# --- Password change -------------------------------------------------------------


@pytest.mark.django_db
def test_password_change_needs_sign_in(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_password_change_checks_the_old_password_and_keeps_the_session(client):
    user = make_user("ana@example.test")
    client.force_login(user)
    url = reverse("accounts:password_change")
    bad = client.post(url, {"old_password": "wrong", "new_password1": "Rumput-Laut-77",
                            "new_password2": "Rumput-Laut-77"})
    assert bad.status_code == 200
    assert "Your old password was entered incorrectly" in bad.content.decode()

    weak = client.post(url, {"old_password": PASSWORD, "new_password1": "123",
                             "new_password2": "123"})
    assert weak.status_code == 200
    assert "This password is too short" in weak.content.decode()

    ok = client.post(url, {"old_password": PASSWORD, "new_password1": "Rumput-Laut-77",
                           "new_password2": "Rumput-Laut-77"})
    assert ok.status_code == 302
    assert ok["Location"] == reverse("accounts:password_change_done")
    assert _signed_in_email(client) == "ana@example.test"  # session survives the change
    user.refresh_from_db()
    assert user.check_password("Rumput-Laut-77")
