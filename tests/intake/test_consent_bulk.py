"""Consent for a whole submission: every paper form at once, a claim link to every owner."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from etalase.enterprises.models import Enterprise
from etalase.intake.models import ConsentInvitation, Submission, SubmissionRow
from tests.factories import make_enterprise, officer_of

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _committed_submission(office_code: str, enterprises: list[Enterprise]) -> Submission:
    officer = officer_of(office_code)
    submission = Submission.objects.create(
        office_id=office_code, country_id=office_code[:2], uploaded_by=officer,
        filename="rekap.csv", sha256="0" * 64, status=Submission.Status.COMMITTED,
        counts={"rows": len(enterprises), "created": len(enterprises)})
    SubmissionRow.objects.bulk_create(
        SubmissionRow(submission=submission, row=n + 2, action="create", enterprise=e)
        for n, e in enumerate(enterprises))
    return submission


@pytest.fixture
def written():
    people = [
        make_enterprise("ID-SA", legal_name=f"UD Kopra {n}", consent="pending",
                        email=f"pemilik{n}@example.test" if n % 2 else "",
                        phone=f"+62812345678{n:02d}" if n != 3 else "", whatsapp="")
        for n in range(5)
    ]
    return people, _committed_submission("ID-SA", people)


def test_all_paper_forms_of_a_submission_at_once(written):
    people, submission = written
    other = make_enterprise("ID-SA", legal_name="UD Lain", consent="pending")
    office = _signed_in(officer_of("ID-SA"))
    day = timezone.localdate() - dt.timedelta(days=3)
    response = office.post(f"/submissions/{submission.pk}/consent/paper/",
                           {"date": day.isoformat()}, follow=True)
    assert "5" in response.content.decode()
    for enterprise in people:
        enterprise.refresh_from_db()
        assert (enterprise.consent, enterprise.consent_at) == ("paper", day)
        latest = enterprise.history.first()
        assert latest.consent == "paper" and "bulk" in latest.history_change_reason
    other.refresh_from_db()
    assert other.consent == "pending"  # not of this submission


def test_invitations_to_every_owner_with_an_address(written):
    people, submission = written
    office = _signed_in(officer_of("ID-SA"))
    page = office.post(f"/submissions/{submission.pk}/consent/invite/").content.decode()
    assert len(mail.outbox) == 2  # the two with an e-mail address
    assert page.count('data-testid="wa-link"') == 4  # every one with a phone number
    assert "wa.me/6281234567800" in page
    assert ConsentInvitation.objects.filter(enterprise__in=people).count() == 6


def test_another_province_gets_nothing(written):
    people, submission = written
    other_office = _signed_in(officer_of("ID-KI"))
    response = other_office.post(f"/submissions/{submission.pk}/consent/paper/",
                                 {"date": timezone.localdate().isoformat()})
    assert response.status_code in (403, 404)
    assert not Enterprise.objects.filter(pk__in=[e.pk for e in people], consent="paper").exists()
    response = other_office.post(f"/submissions/{submission.pk}/consent/invite/")
    assert response.status_code in (403, 404)
    assert not ConsentInvitation.objects.exists()


@pytest.mark.parametrize("value", ["2999-01-01", "not a date", "", "1' OR '1'='1"])
def test_bad_dates_are_refused_and_nothing_changes(written, value):
    _people, submission = written
    office = _signed_in(officer_of("ID-SA"))
    office.post(f"/submissions/{submission.pk}/consent/paper/", {"date": value})
    assert not Enterprise.objects.filter(consent="paper").exists()


def test_get_is_not_allowed(written):
    _people, submission = written
    office = _signed_in(officer_of("ID-SA"))
    assert office.get(f"/submissions/{submission.pk}/consent/paper/").status_code == 405
