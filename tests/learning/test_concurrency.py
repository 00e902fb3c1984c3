"""No overbooking when two owners apply for the last seat at the same moment (PostgreSQL).

Two threads, each with its own database connection, start together at a barrier. A
pause is injected inside the locked section (between counting the seats and writing the
enrolment): without the row lock both threads would count one free seat and both get
it; with it the second waits for the first to commit, counts again, and is put on the
waiting list.
"""

import threading
import time

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from etalase.learning import selectors, services
from etalase.learning.models import Enrolment, EnrolmentStatus
from tests.browser.conftest import restore_reference_data
from tests.factories import make_enterprise, owner_of
from tests.learning.helpers import make_programme

# Decided from the settings, before any database set-up: a skipped transactional test
# would still flush the test database (and the reference data with it).
ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason=(
        "row locks under concurrency need PostgreSQL (CI runs this suite on it); SQLite "
        "serialises every write transaction anyway")),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _reference_data():
    restore_reference_data()  # a transactional test starts after other tests' flushes


def _race(monkeypatch, jobs):
    """Run the jobs in parallel threads; returns their results (or exceptions)."""
    real_criteria_of = selectors.criteria_of

    def slow_criteria_of(programme):
        time.sleep(0.3)  # inside the lock: widens the window a race would need
        return real_criteria_of(programme)

    monkeypatch.setattr(selectors, "criteria_of", slow_criteria_of)
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as exc:  # reported to the test, not lost in the thread
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_owners_racing_for_the_last_seat(monkeypatch):
    programme = make_programme(capacity=1)
    first, second = make_enterprise("ID-SA"), make_enterprise("ID-SA")
    owners = [(owner_of(first), first), (owner_of(second), second)]
    results = _race(monkeypatch, [
        (lambda u=u, e=e: services.enrolment_create(user=u, programme_id=programme.pk,
                                                   enterprise_id=e.pk))
        for u, e in owners
    ])
    assert all(isinstance(r, Enrolment) for r in results), results
    assert sorted(r.status for r in results) == [EnrolmentStatus.CONFIRMED,
                                                 EnrolmentStatus.WAITLISTED]
    assert Enrolment.objects.filter(programme=programme,
                                    status=EnrolmentStatus.CONFIRMED).count() == 1
    assert selectors.seats_left(programme) == 0


def test_same_enterprise_in_two_tabs_gets_one_enrolment(monkeypatch):
    programme = make_programme(capacity=5)
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    results = _race(monkeypatch, [
        lambda: services.enrolment_create(user=owner, programme_id=programme.pk,
                                          enterprise_id=enterprise.pk)
        for _ in range(2)
    ])
    assert sum(isinstance(r, Enrolment) for r in results) == 1
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1 and refused[0].code == "duplicate"
    assert Enrolment.objects.filter(programme=programme).count() == 1


def test_cancellation_and_new_application_at_once_never_exceed_capacity(monkeypatch):
    programme = make_programme(capacity=1)
    a, b, c = (make_enterprise("ID-SA") for _ in range(3))
    ua, ub, uc = owner_of(a), owner_of(b), owner_of(c)
    seat = services.enrolment_create(user=ua, programme_id=programme.pk, enterprise_id=a.pk)
    services.enrolment_create(user=ub, programme_id=programme.pk, enterprise_id=b.pk)
    results = _race(monkeypatch, [
        lambda: services.enrolment_cancel(user=ua, enrolment_id=seat.pk),
        lambda: services.enrolment_create(user=uc, programme_id=programme.pk,
                                          enterprise_id=c.pk),
    ])
    assert not [r for r in results if isinstance(r, Exception)], results
    confirmed = list(Enrolment.objects.filter(programme=programme,
                                              status=EnrolmentStatus.CONFIRMED))
    # b was first in line: it gets the freed seat whichever thread ran first.
    assert [e.enterprise_id for e in confirmed] == [b.pk]
    assert Enrolment.objects.get(enterprise=c).status == EnrolmentStatus.WAITLISTED
