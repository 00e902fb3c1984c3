"""Owners' consent: claim links by e-mail and WhatsApp, the claim page, paper consent."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from etalase.accounts.models import Role, RoleAssignment, User
from etalase.enterprises.models import Enterprise
from etalase.intake import consent
from etalase.intake.models import ConsentInvitation
from tests.factories import buyer, make_enterprise, make_user, officer_of, owner_of

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _pending(subdivision="ID-SA", **fields) -> Enterprise:
    defaults = {"consent": "pending", "whatsapp": "+6281234567890",
                "legal_name": "UD Kakao Minahasa"}
    defaults.update(fields)
    return make_enterprise(subdivision, **defaults)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office():
    return _signed_in(officer_of("ID-SA"))


def _email_link(office, enterprise) -> str:
    response = office.post(f"/submissions/consent/{enterprise.pk}/invite/", {"channel": "email"})
    assert response.status_code == 302
    return re.search(r"https?://\S+/submissions/claim/\S+/", mail.outbox[-1].body).group(0)


def test_officer_lists_its_pending_enterprises_only(office):
    mine = _pending()
    theirs = _pending("ID-KI", legal_name="UD Kaltim")
    public = make_enterprise("ID-SA", legal_name="UD Publik")
    page = office.get("/submissions/consent/").content.decode()
    assert mine.legal_name in page
    assert theirs.legal_name not in page and public.legal_name not in page


@pytest.mark.parametrize("make", [lambda: owner_of(make_enterprise("ID-SA")), buyer])
def test_owners_and_buyers_cannot_use_the_consent_pages(make):
    enterprise = _pending()
    client = _signed_in(make())
    assert client.get("/submissions/consent/").status_code == 403
    assert client.post(f"/submissions/consent/{enterprise.pk}/invite/",
                       {"channel": "email"}).status_code == 404
    assert client.post(f"/submissions/consent/{enterprise.pk}/paper/",
                       {"date": "2026-01-05"}).status_code == 404
    assert not ConsentInvitation.objects.exists()


def test_other_province_cannot_invite_or_record(office):
    theirs = _pending("ID-KI")
    assert office.post(f"/submissions/consent/{theirs.pk}/invite/",
                       {"channel": "email"}).status_code == 404
    assert office.post(f"/submissions/consent/{theirs.pk}/paper/",
                       {"date": "2026-01-05"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.consent == "pending" and not mail.outbox


def test_email_link_lets_a_new_owner_sign_up_check_and_agree(office):
    enterprise = _pending(email="rina@example.test")
    link = _email_link(office, enterprise)
    assert mail.outbox[0].to == ["rina@example.test"]
    invitation = ConsentInvitation.objects.get()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == consent.token_hash(token) and token not in str(
        ConsentInvitation.objects.values())  # only the hash is kept

    visitor = Client()
    path = urlparse(link).path
    page = visitor.get(path).content.decode()
    assert "UD Kakao Minahasa" in page and enterprise.registration_id in page
    assert 'value="rina@example.test"' in page  # the sign-up form knows the address
    assert not Enterprise.objects.public().filter(pk=enterprise.pk).exists()

    response = visitor.post(path, {"signup": "1", "full_name": "Rina", "email":
                                   "rina@example.test", "password1": PASSWORD,
                                   "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="rina@example.test")
    assert "Agree and publish" in visitor.get(path).content.decode()

    refused = visitor.post(path, {})  # the box must be ticked
    assert refused.status_code == 200
    enterprise.refresh_from_db()
    assert enterprise.consent == "pending"

    assert visitor.post(path, {"agree": "on"}).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.consent == "online" and enterprise.consent_at == timezone.localdate()
    assert RoleAssignment.objects.filter(user=user, role=Role.MSME_OWNER,
                                         enterprise=enterprise).exists()
    assert Enterprise.objects.public().filter(pk=enterprise.pk).exists()
    assert ConsentInvitation.objects.get().used_at is not None
    # Single use.
    assert visitor.get(path).status_code == 404
    assert Client().get(path).status_code == 404


def test_existing_account_signs_in_and_agrees(office):
    enterprise = _pending(email="owner@example.test")
    path = urlparse(_email_link(office, enterprise)).path
    page = Client().get(path).content.decode()
    assert f"/accounts/login/?next={path}" in page
    existing = make_user("owner@example.test")
    signup = Client().post(path, {"signup": "1", "full_name": "X", "email":
                                  "owner@example.test", "password1": PASSWORD,
                                  "password2": PASSWORD})
    assert "exists already" in signup.content.decode()
    client = _signed_in(existing)
    client.post(path, {"agree": "on"})
    enterprise.refresh_from_db()
    assert enterprise.consent == "online"
    assert RoleAssignment.objects.filter(user=existing, enterprise=enterprise).exists()


def test_weak_password_and_mismatch_are_refused(office):
    enterprise = _pending(email="weak@example.test")
    path = urlparse(_email_link(office, enterprise)).path
    weak = Client().post(path, {"signup": "1", "full_name": "W", "email": "weak@example.test",
                                "password1": "123", "password2": "123"})
    assert weak.status_code == 200 and not User.objects.filter(email="weak@example.test")
    differ = Client().post(path, {"signup": "1", "full_name": "W", "email": "weak@example.test",
                                  "password1": PASSWORD, "password2": PASSWORD + "x"})
    assert "differ" in differ.content.decode()


def test_expired_tampered_and_voided_links_do_not_work(office):
    enterprise = _pending(email="a@example.test")
    path = urlparse(_email_link(office, enterprise)).path
    assert Client().get(path[:-5] + "xxxx/").status_code == 404
    assert Client().get("/submissions/claim/" + "a" * 300 + "/").status_code == 404
    ConsentInvitation.objects.update(created_at=timezone.now() - timedelta(days=31))
    assert Client().get(path).status_code == 404
    client = _signed_in(make_user())
    client.post(path, {"agree": "on"})
    enterprise.refresh_from_db()
    assert enterprise.consent == "pending"


def test_paper_consent_makes_the_link_useless(office):
    enterprise = _pending(email="b@example.test")
    path = urlparse(_email_link(office, enterprise)).path
    office.post(f"/submissions/consent/{enterprise.pk}/paper/", {"date": "2026-01-05"})
    enterprise.refresh_from_db()
    assert enterprise.consent == "paper" and str(enterprise.consent_at) == "2026-01-05"
    assert Enterprise.objects.public().filter(pk=enterprise.pk).exists()
    assert Client().get(path).status_code == 404
    history = enterprise.history.first()
    assert "paper consent" in (history.history_change_reason or "")


@pytest.mark.parametrize("value", ["2999-01-01", "1990-01-01", "not a date", ""])
def test_paper_consent_refuses_bad_dates(office, value):
    enterprise = _pending()
    office.post(f"/submissions/consent/{enterprise.pk}/paper/", {"date": value})
    enterprise.refresh_from_db()
    assert enterprise.consent == "pending"


def test_whatsapp_link_opens_click_to_chat_with_the_claim_link(office):
    enterprise = _pending(whatsapp="+6281234567890", email="")
    response = office.post(f"/submissions/consent/{enterprise.pk}/invite/",
                           {"channel": "whatsapp"})
    assert response.status_code == 200 and not mail.outbox
    link = re.search(r'href="(https://wa\.me/[^"]+)"', response.content.decode()).group(1)
    parsed = urlparse(link.replace("&amp;", "&"))
    assert parsed.path == "/6281234567890"
    text = unquote(parse_qs(parsed.query)["text"][0])
    claim = re.search(r"http://testserver(/submissions/claim/\S+/)", text).group(1)
    assert "UD Kakao Minahasa" in text
    assert Client().get(claim).status_code == 200
    assert ConsentInvitation.objects.get().channel == "whatsapp"


def test_invite_without_an_address_or_with_a_bad_channel_is_explained(office):
    enterprise = _pending(email="", whatsapp="", phone="")
    response = office.post(f"/submissions/consent/{enterprise.pk}/invite/",
                           {"channel": "email"}, follow=True)
    assert "no address for this channel" in response.content.decode()
    office.post(f"/submissions/consent/{enterprise.pk}/invite/", {"channel": "sms"})
    assert not ConsentInvitation.objects.exists()


def test_claim_page_escapes_the_enterprise_name(office):
    enterprise = _pending(email="x@example.test", legal_name="<script>alert(1)</script>")
    page = Client().get(urlparse(_email_link(office, enterprise)).path).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
