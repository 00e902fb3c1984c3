"""Enrolment: capacity, the waiting list and its promotion, and every refusal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from etalase.learning import selectors, services
from etalase.learning.models import Enrolment, EnrolmentStatus, Notification
from tests.factories import make_enterprise, make_product, officer_of, owner_of
from tests.learning.helpers import make_programme, programme_data

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED,
                                    EnrolmentStatus.CANCELLED)


def owner_with_enterprise(subdivision: str = "ID-SA", **fields):
    enterprise = make_enterprise(subdivision, **fields)
    return owner_of(enterprise), enterprise


def enrol(user, enterprise, programme) -> Enrolment:
    return services.enrolment_create(user=user, programme_id=programme.pk,
                                     enterprise_id=enterprise.pk)


def test_seats_then_waiting_list_in_order():
    programme = make_programme(capacity=2)
    people = [owner_with_enterprise() for _ in range(4)]
    statuses = [enrol(u, e, programme).status for u, e in people]
    assert statuses == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert selectors.seats_left(programme) == 0
    third = Enrolment.objects.get(enterprise=people[2][1])
    fourth = Enrolment.objects.get(enterprise=people[3][1])
    assert selectors.waitlist_position(third) == 1
    assert selectors.waitlist_position(fourth) == 2


def test_unlimited_capacity_confirms_everyone():
    programme = make_programme(capacity=None)
    assert all(enrol(u, e, programme).status == CONFIRMED
               for u, e in (owner_with_enterprise() for _ in range(5)))


def test_cancellation_promotes_the_first_waiting_and_notifies_it(django_capture_on_commit_callbacks,
                                                                 mailoutbox):
    programme = make_programme(capacity=1)
    (u1, e1), (u2, e2), (u3, e3) = (owner_with_enterprise() for _ in range(3))
    first = enrol(u1, e1, programme)
    second = enrol(u2, e2, programme)
    enrol(u3, e3, programme)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(user=u1, enrolment_id=first.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == CANCELLED and first.cancelled_at is not None
    assert second.status == CONFIRMED and second.confirmed_at is not None
    assert Enrolment.objects.get(enterprise=e3).status == WAITLISTED
    assert selectors.waitlist_position(Enrolment.objects.get(enterprise=e3)) == 1
    notice = Notification.objects.get(user=u2)
    assert notice.kind == Notification.Kind.PROMOTED
    assert not Notification.objects.filter(user=u3).exists()
    assert [m.to for m in mailoutbox] == [[u2.email]]


def test_cancelling_a_waiting_place_promotes_nobody():
    programme = make_programme(capacity=1)
    (u1, e1), (u2, e2) = owner_with_enterprise(), owner_with_enterprise()
    enrol(u1, e1, programme)
    waiting = enrol(u2, e2, programme)
    services.enrolment_cancel(user=u2, enrolment_id=waiting.pk)
    assert programme.enrolments.filter(status=CONFIRMED).count() == 1


def test_reapplying_after_cancellation_goes_to_the_back():
    programme = make_programme(capacity=1)
    (u1, e1), (u2, e2) = owner_with_enterprise(), owner_with_enterprise()
    first = enrol(u1, e1, programme)
    enrol(u2, e2, programme)
    services.enrolment_cancel(user=u1, enrolment_id=first.pk)
    again = enrol(u1, e1, programme)
    assert again.status == WAITLISTED and again.pk != first.pk


def test_capacity_zero_puts_everyone_on_the_waiting_list_until_seats_open():
    programme = make_programme(capacity=0)
    (u1, e1), (u2, e2) = owner_with_enterprise(), owner_with_enterprise()
    assert enrol(u1, e1, programme).status == WAITLISTED
    assert enrol(u2, e2, programme).status == WAITLISTED
    assert programme.enrolments.filter(status=CONFIRMED).count() == 0
    # The office opens one seat: the first in line gets it.
    office = officer_of("ID-SA")
    programme.office_subdivision_id = "ID-SA"
    programme.save()
    data = programme_data(capacity=1, eligible_subdivisions=["ID-SA"])
    services.programme_save(user=office, data=data, programme_id=programme.pk)
    assert Enrolment.objects.get(enterprise=e1).status == CONFIRMED
    assert Enrolment.objects.get(enterprise=e2).status == WAITLISTED


def test_someone_elses_enterprise_is_refused():
    user, _mine = owner_with_enterprise()
    theirs = make_enterprise("ID-SA")
    with pytest.raises(PermissionDenied):
        enrol(user, theirs, make_programme())
    assert not Enrolment.objects.exists()


def test_officer_cannot_enrol_an_enterprise_of_its_province():
    enterprise = make_enterprise("ID-SA")
    with pytest.raises(PermissionDenied):
        enrol(officer_of("ID-SA"), enterprise, make_programme())


def test_deadline_passed_is_refused():
    user, enterprise = owner_with_enterprise()
    programme = make_programme(application_deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as info:
        enrol(user, enterprise, programme)
    assert info.value.code == "deadline"


def test_started_programme_without_deadline_is_closed():
    user, enterprise = owner_with_enterprise()
    programme = make_programme(starts_at=timezone.now() - dt.timedelta(hours=1), hours=5)
    with pytest.raises(ValidationError) as info:
        enrol(user, enterprise, programme)
    assert info.value.code == "deadline"


def test_ineligible_enterprise_is_refused():
    user, enterprise = owner_with_enterprise("ID-KI")
    make_product(enterprise, hs_code_id="180100")
    programme = make_programme(subdivisions=["ID-SA"])
    with pytest.raises(ValidationError) as info:
        enrol(user, enterprise, programme)
    assert info.value.code == "ineligible"


def test_unpublished_and_external_programmes_are_refused():
    user, enterprise = owner_with_enterprise()
    with pytest.raises(ValidationError) as info:
        enrol(user, enterprise, make_programme(published=False))
    assert info.value.code == "not_open"
    with pytest.raises(ValidationError) as info:
        enrol(user, enterprise, make_programme(accepts_enrolment=False))
    assert info.value.code == "external"


def test_applying_twice_is_refused():
    user, enterprise = owner_with_enterprise()
    programme = make_programme()
    enrol(user, enterprise, programme)
    with pytest.raises(ValidationError) as info:
        enrol(user, enterprise, programme)
    assert info.value.code == "duplicate"
    assert programme.enrolments.count() == 1


def test_database_refuses_a_second_active_enrolment():
    from django.db import IntegrityError, transaction

    user, enterprise = owner_with_enterprise()
    programme = make_programme()
    enrol(user, enterprise, programme)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(programme=programme, enterprise=enterprise, status=WAITLISTED)


def test_another_owner_cannot_cancel_my_enrolment():
    programme = make_programme()
    (u1, e1), (u2, _e2) = owner_with_enterprise(), owner_with_enterprise()
    mine = enrol(u1, e1, programme)
    with pytest.raises(PermissionDenied):
        services.enrolment_cancel(user=u2, enrolment_id=mine.pk)
    mine.refresh_from_db()
    assert mine.status == CONFIRMED


def test_attendance_marked_by_the_organiser_only_after_start():
    programme = make_programme(office_subdivision="ID-SA", office_country="ID")
    (u1, e1), (u2, e2) = owner_with_enterprise(), owner_with_enterprise()
    a, b = enrol(u1, e1, programme), enrol(u2, e2, programme)
    organiser = officer_of("ID-SA")
    with pytest.raises(ValidationError):
        services.attendance_mark(user=organiser, programme_id=programme.pk, present={a.pk},
                                 absent={b.pk})
    programme.starts_at = timezone.now() - dt.timedelta(hours=1)
    programme.save()
    with pytest.raises(PermissionDenied):
        services.attendance_mark(user=officer_of("ID-KI"), programme_id=programme.pk,
                                 present={a.pk}, absent=set())
    with pytest.raises(PermissionDenied):
        services.attendance_mark(user=u1, programme_id=programme.pk, present={a.pk},
                                 absent=set())
    assert services.attendance_mark(user=organiser, programme_id=programme.pk, present={a.pk},
                                    absent={b.pk}) == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.attended is True and b.attended is False
    assert a.attendance_marked_by == organiser


def test_attendance_ignores_enrolments_of_other_programmes():
    programme = make_programme(office_subdivision="ID-SA",
                               starts_at=timezone.now() - dt.timedelta(hours=1))
    other = make_programme(office_subdivision="ID-KI",
                           starts_at=timezone.now() - dt.timedelta(hours=1))
    _user, enterprise = owner_with_enterprise()
    Enrolment.objects.create(programme=other, enterprise=enterprise, status=CONFIRMED)
    foreign = other.enrolments.get()
    services.attendance_mark(user=officer_of("ID-SA"), programme_id=programme.pk,
                             present={foreign.pk}, absent=set())
    foreign.refresh_from_db()
    assert foreign.attended is None
