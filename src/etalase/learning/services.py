"""State changes of programmes and enrolments — one transaction each.

Seats are counted under a lock on the programme row (`select_for_update` inside
`transaction.atomic`): two owners applying for the last seat at the same moment are
served one after the other, so one gets the seat and the other the waiting list, never
both a seat. On SQLite the IMMEDIATE transaction mode (settings) takes the database's
write lock at BEGIN, which serialises the same way. A cancelled seat goes to the first
of the waiting list in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from etalase.accounts import permissions
from etalase.enterprises.models import Enterprise, ExportStatus, SizeClass
from etalase.learning import eligibility, selectors
from etalase.learning.models import (
    TIME_ZONE_NAMES,
    CalendarFeed,
    Enrolment,
    EnrolmentStatus,
    Mode,
    Notification,
    Programme,
    ProgrammeKind,
    ProgrammeTranslation,
)
from etalase.regions.models import Subdivision

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
MAX_CAPACITY = 100_000


@dataclass
class ProgrammeData:
    """Everything a programme form or API call sets (validated by `programme_save`)."""

    kind: str
    provider_id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    description: str = ""
    language: str = "en"
    delivery_languages: list[str] = field(default_factory=list)
    mode: str = Mode.ONLINE
    venue: str = ""
    venue_subdivision_id: str | None = None
    online_url: str = ""
    application_deadline: dt.datetime | None = None
    capacity: int | None = None
    accepts_enrolment: bool = True
    cost: Decimal = Decimal(0)
    currency: str = ""
    eligible_countries: list[str] = field(default_factory=list)
    eligible_subdivisions: list[str] = field(default_factory=list)
    eligible_hs_chapters: list[str] = field(default_factory=list)
    eligible_size_classes: list[str] = field(default_factory=list)
    eligible_export_statuses: list[str] = field(default_factory=list)
    external_url: str = ""
    # language code -> (title, description); the original language's row is never stored
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)


def _office_of(user) -> tuple[str | None, Subdivision | None]:
    """The office a new programme or resource belongs to (see permissions, Learning)."""
    scope = permissions.scope_of(user)
    if scope.secretariat:
        return None, None
    if scope.countries:
        return sorted(scope.countries)[0], None
    if scope.subdivisions:
        sub = Subdivision.objects.get(code=sorted(scope.subdivisions)[0])
        return sub.country_id, sub
    raise PermissionDenied(_("Only offices and the secretariat publish programmes."))


def _check(data: ProgrammeData) -> None:
    errors: dict[str, str] = {}
    if data.kind not in ProgrammeKind.values:
        errors["kind"] = _("Choose a kind of programme.")
    if data.mode not in Mode.values:
        errors["mode"] = _("Choose online, on site or hybrid.")
    if data.time_zone not in TIME_ZONE_NAMES:
        errors["time_zone"] = _("Choose a time zone of the region.")
    if not data.title.strip():
        errors["title"] = _("A programme needs a title.")
    if data.language not in LANGUAGE_CODES:
        errors["language"] = _("Unknown language.")
    if set(data.delivery_languages) - LANGUAGE_CODES:
        errors["delivery_languages"] = _("Unknown language of delivery.")
    if data.ends_at < data.starts_at:
        errors["ends_at"] = _("The programme cannot end before it starts.")
    if data.application_deadline and data.application_deadline > data.ends_at:
        errors["application_deadline"] = _("The deadline must be before the programme ends.")
    if data.capacity is not None and not 0 <= data.capacity <= MAX_CAPACITY:
        errors["capacity"] = _("Capacity must be between 0 and %(max)s.") % {"max": MAX_CAPACITY}
    if data.cost < 0:
        errors["cost"] = _("The cost cannot be negative.")
    if data.cost and len(data.currency) != 3:
        errors["currency"] = _("Give the currency of the cost (ISO 4217, e.g. IDR).")
    if data.mode in (Mode.ON_SITE, Mode.HYBRID) and not data.venue.strip():
        errors["venue"] = _("Say where the programme takes place.")
    if set(data.eligible_size_classes) - set(SizeClass.values):
        errors["eligible_size_classes"] = _("Unknown size class.")
    if set(data.eligible_export_statuses) - set(ExportStatus.values):
        errors["eligible_export_statuses"] = _("Unknown export status.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_save(*, user, data: ProgrammeData, programme_id: int | None = None) -> Programme:
    """Create a programme (unpublished) or change one; checks scope and targeting."""
    from etalase.accounts.models import Organisation

    if not permissions.can_create_programme(user):
        raise PermissionDenied(_("Only offices and the secretariat publish programmes."))
    _check(data)
    subdivisions = list(Subdivision.objects.filter(code__in=data.eligible_subdivisions)
                        .select_related("parent__parent"))
    if len(subdivisions) != len(set(data.eligible_subdivisions)):
        raise ValidationError({"eligible_subdivisions": _("Unknown province or state.")})
    if not permissions.can_target_programme(
        user, countries=data.eligible_countries, subdivisions=subdivisions
    ):
        raise ValidationError({"eligible_subdivisions": _(
            "You may publish only to MSMEs in your own area: choose its country or provinces."
        )})
    if not Organisation.objects.filter(pk=data.provider_id).exists():
        raise ValidationError({"provider": _("Unknown provider.")})
    if programme_id is None:
        office_country, office_subdivision = _office_of(user)
        programme = Programme(created_by=user, office_country_id=office_country,
                              office_subdivision=office_subdivision)
        old_capacity = None
    else:
        programme = Programme.objects.select_for_update().get(pk=programme_id)
        if not permissions.can_change_programme(user, programme):
            raise PermissionDenied(_("This programme belongs to another office."))
        old_capacity = programme.capacity
    for name in ("kind", "provider_id", "title", "description", "language", "mode", "venue",
                 "venue_subdivision_id", "online_url", "starts_at", "ends_at", "time_zone",
                 "application_deadline", "capacity", "accepts_enrolment", "cost",
                 "external_url", "eligible_size_classes", "eligible_export_statuses"):
        setattr(programme, name, getattr(data, name))
    programme.title = data.title.strip()
    programme.currency = data.currency.upper()
    programme.delivery_languages = sorted(set(data.delivery_languages))
    programme.full_clean(exclude=["provider", "created_by"])
    programme.save()
    programme.eligible_countries.set(data.eligible_countries)
    programme.eligible_subdivisions.set(subdivisions)
    programme.eligible_hs_chapters.set(data.eligible_hs_chapters)
    _save_translations(programme, data.translations)
    if programme.is_published and programme_id is not None and (
        programme.capacity is None or (old_capacity is not None
                                       and programme.capacity > old_capacity)
    ):
        _promote(programme)  # more seats: the waiting list moves up now
    return programme


def _save_translations(programme: Programme, translations: dict[str, tuple[str, str]]) -> None:
    for code, (title, description) in translations.items():
        if code not in LANGUAGE_CODES or code == programme.language:
            continue
        if not title.strip() and not description.strip():
            ProgrammeTranslation.objects.filter(programme=programme, language_code=code).delete()
            continue
        ProgrammeTranslation.objects.update_or_create(
            programme=programme, language_code=code,
            defaults={"title": title.strip()[:200] or programme.title,
                      "description": description[:10000]},
        )


def programme_publish(*, user, programme_id: int) -> Programme:
    """Publish, then (after commit) tell the eligible enterprises' owners."""
    from etalase.learning.tasks import notify_programme_published

    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme_id)
        if not permissions.can_change_programme(user, programme):
            raise PermissionDenied(_("This programme belongs to another office."))
        if programme.is_published:
            return programme
        programme.is_published = True
        programme.published_at = timezone.now()
        programme.save(update_fields=["is_published", "published_at", "updated_at"])
        transaction.on_commit(lambda: notify_programme_published.enqueue(programme.pk))
    return programme


@transaction.atomic
def programme_unpublish(*, user, programme_id: int) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    if not permissions.can_change_programme(user, programme):
        raise PermissionDenied(_("This programme belongs to another office."))
    programme.is_published = False
    programme.save(update_fields=["is_published", "updated_at"])
    return programme


# --- Enrolment --------------------------------------------------------------------------


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def enrolment_create(*, user, programme_id: int, enterprise_id: int) -> Enrolment:
    """Apply for a seat for the user's own enterprise: a seat, or the waiting list."""
    enterprise = (Enterprise.objects.select_related("subdivision__parent__parent")
                  .filter(pk=enterprise_id).first())
    if enterprise is None or not permissions.can_enrol(user, enterprise):
        raise PermissionDenied(_("You can enrol only your own enterprise."))
    facts = selectors.facts_of(enterprise)
    now = timezone.now()
    with transaction.atomic():
        # The lock: every enrolment and cancellation of this programme waits here.
        programme = Programme.objects.select_for_update().filter(pk=programme_id).first()
        if programme is None or not programme.is_published:
            raise _refuse(_("This programme is not open."), "not_open")
        if not programme.accepts_enrolment:
            raise _refuse(_("Apply through the provider's own link."), "external")
        if programme.enrolment_closes_at <= now:
            raise _refuse(_("Applications for this programme have closed."), "deadline")
        criteria = selectors.criteria_of(programme)
        if not eligibility.is_eligible(criteria, facts):
            raise _refuse(_("Your enterprise does not meet this programme's conditions."),
                          "ineligible")
        if programme.enrolments.filter(enterprise=enterprise).exclude(
            status=EnrolmentStatus.CANCELLED
        ).exists():
            raise _refuse(_("Your enterprise has already applied."), "duplicate")
        taken = programme.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
        has_seat = programme.capacity is None or taken < programme.capacity
        try:
            with transaction.atomic():
                return Enrolment.objects.create(
                    programme=programme, enterprise=enterprise, enrolled_by=user,
                    status=EnrolmentStatus.CONFIRMED if has_seat else EnrolmentStatus.WAITLISTED,
                    created_at=now, confirmed_at=now if has_seat else None,
                )
        except IntegrityError as exc:  # the partial unique index: a parallel duplicate
            raise _refuse(_("Your enterprise has already applied."), "duplicate") from exc


def enrolment_cancel(*, user, enrolment_id: int) -> Enrolment:
    """Withdraw (owner) or remove (organiser); a freed seat goes to the waiting list."""
    programme_id = Enrolment.objects.filter(pk=enrolment_id).values_list(
        "programme_id", flat=True).first()
    if programme_id is None:
        raise PermissionDenied(_("Unknown enrolment."))
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme_id)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment_id)
        if not (permissions.can_manage_enrolment(user, enrolment)
                or permissions.can_organise(user, programme)):
            raise PermissionDenied(_("You may not change this enrolment."))
        if enrolment.status == EnrolmentStatus.CANCELLED:
            return enrolment
        if programme.ends_at <= timezone.now():
            raise _refuse(_("The programme is over."), "over")
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.cancelled_at = timezone.now()
        enrolment.save(update_fields=["status", "cancelled_at"])
        _promote(programme)
    return enrolment


def _promote(programme: Programme) -> list[Enrolment]:
    """Fill free seats from the waiting list, first come first served (caller holds the lock)."""
    if programme.capacity is None:
        free = None
    else:
        taken = programme.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
        free = max(0, programme.capacity - taken)
        if free == 0:
            return []
    waiting = programme.enrolments.filter(status=EnrolmentStatus.WAITLISTED).order_by(
        "created_at", "id")
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for enrolment in promoted:
        enrolment.status = EnrolmentStatus.CONFIRMED
        enrolment.confirmed_at = now
        enrolment.save(update_fields=["status", "confirmed_at"])
        if enrolment.enrolled_by_id:
            Notification.objects.create(
                user_id=enrolment.enrolled_by_id, programme=programme,
                enterprise_id=enrolment.enterprise_id, kind=Notification.Kind.PROMOTED,
            )
    if promoted:
        from etalase.learning.tasks import send_digests

        user_ids = sorted({e.enrolled_by_id for e in promoted if e.enrolled_by_id})
        transaction.on_commit(lambda: send_digests.enqueue(user_ids))
    return promoted


@transaction.atomic
def attendance_mark(*, user, programme_id: int, present: set[int], absent: set[int]) -> int:
    """Record who came (confirmed participants only, from the programme's start)."""
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    if not permissions.can_organise(user, programme):
        raise PermissionDenied(_("This programme belongs to another office."))
    if programme.starts_at > timezone.now():
        raise _refuse(_("Attendance can be marked once the programme has started."),
                      "not_started")
    now = timezone.now()
    changed = 0
    confirmed = programme.enrolments.filter(status=EnrolmentStatus.CONFIRMED)
    for enrolment in confirmed.filter(pk__in=present | absent):
        value = enrolment.pk in present
        if enrolment.attended is not value:
            enrolment.attended = value
            enrolment.attendance_marked_at = now
            enrolment.attendance_marked_by = user
            enrolment.save(update_fields=["attended", "attendance_marked_at",
                                          "attendance_marked_by"])
            changed += 1
    return changed


# --- Calendar feed and notifications ------------------------------------------------------


def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
