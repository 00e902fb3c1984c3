"""Reads of the learning app: programmes with their filters, eligibility inputs, enrolments.

Programmes are few (hundreds, not the gallery's 100,000), so the filters that need the
pure eligibility rules or a JSON list (language, "eligible for my enterprise") run in
Python over the rows the database already narrowed by kind, mode and dates. That keeps
one implementation of the rules for the list, the enrolment check and notifications.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from etalase.accounts import permissions
from etalase.enterprises.models import Enterprise
from etalase.learning.eligibility import Criteria, EnterpriseFacts, is_eligible
from etalase.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Mode,
    Programme,
    ProgrammeKind,
)

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_LIST = 500


def programmes_base() -> QuerySet:
    return Programme.objects.select_related(
        "provider", "venue_subdivision", "office_subdivision", "office_country"
    ).prefetch_related(
        "translations", "eligible_countries", "eligible_subdivisions", "eligible_hs_chapters"
    )


# --- Eligibility inputs -------------------------------------------------------------------


def criteria_of(programme: Programme) -> Criteria:
    return Criteria.of(
        countries=[c.pk for c in programme.eligible_countries.all()],
        subdivisions=[s.pk for s in programme.eligible_subdivisions.all()],
        hs_chapters=[h.pk for h in programme.eligible_hs_chapters.all()],
        size_classes=programme.eligible_size_classes or [],
        export_statuses=programme.eligible_export_statuses or [],
    )


def _parents(subdivision) -> list[str]:
    out: list[str] = []
    node = subdivision.parent if subdivision is not None else None
    while node is not None and len(out) < 5:
        out.append(node.code)
        node = node.parent
    return out


def facts_of(enterprise: Enterprise) -> EnterpriseFacts:
    """Its place (with the regions containing it) and sectors (own chapters + products')."""
    hs_codes = [h.pk for h in enterprise.hs_chapters.all()]
    hs_codes += list(enterprise.products.values_list("hs_code_id", flat=True).distinct())
    return EnterpriseFacts.of(
        country=enterprise.country_id,
        subdivision=enterprise.subdivision_id,
        subdivision_parents=_parents(enterprise.subdivision),
        hs_codes=hs_codes,
        size_class=enterprise.size_class,
        export_status=enterprise.export_status,
    )


def owner_enterprises(user) -> QuerySet:
    """The enterprises this user may enrol (its own, as MSME owner)."""
    return Enterprise.objects.filter(
        pk__in=permissions.scope_of(user).enterprises
    ).select_related("subdivision__parent__parent", "country").order_by("legal_name", "id")


def eligible_enterprises(programme: Programme) -> list[Enterprise]:
    """Every enterprise the programme is open to (for notifications).

    The database narrows by the enterprise's own columns; the pure rules then decide,
    so the result agrees with what an owner sees on the programme page.
    """
    criteria = criteria_of(programme)
    candidates = Enterprise.objects.select_related("subdivision__parent__parent")
    if criteria.countries:
        candidates = candidates.filter(country_id__in=criteria.countries)
    if criteria.size_classes:
        candidates = candidates.filter(size_class__in=criteria.size_classes)
    if criteria.export_statuses:
        candidates = candidates.filter(export_status__in=criteria.export_statuses)
    if criteria.subdivisions:
        codes = criteria.subdivisions
        candidates = candidates.filter(
            Q(subdivision_id__in=codes) | Q(subdivision__parent_id__in=codes)
            | Q(subdivision__parent__parent_id__in=codes)
        )
    candidates = candidates.prefetch_related("hs_chapters")
    enterprises = list(candidates)
    product_codes: dict[int, set[str]] = {}
    if criteria.hs_chapters and enterprises:
        from etalase.catalog.models import Product

        ids = [e.pk for e in enterprises]
        for start in range(0, len(ids), 900):
            rows = Product.objects.filter(enterprise_id__in=ids[start : start + 900]).values_list(
                "enterprise_id", "hs_code_id"
            )
            for enterprise_id, code in rows:
                product_codes.setdefault(enterprise_id, set()).add(code)
    out = []
    for enterprise in enterprises:
        facts = EnterpriseFacts.of(
            country=enterprise.country_id,
            subdivision=enterprise.subdivision_id,
            subdivision_parents=_parents(enterprise.subdivision),
            hs_codes=[h.pk for h in enterprise.hs_chapters.all()]
            + sorted(product_codes.get(enterprise.pk, ())),
            size_class=enterprise.size_class,
            export_status=enterprise.export_status,
        )
        if is_eligible(criteria, facts):
            out.append(enterprise)
    return out


# --- Finding programmes ---------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFilters:
    """Filters of the list and calendar; malformed values are dropped, never queried."""

    kind: str = ""
    mode: str = ""
    language: str = ""
    month: dt.date | None = None
    eligible: bool = False
    enterprise_id: int | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> ProgrammeFilters:
        data = data or {}

        def text(name: str) -> str:
            value = data.get(name)
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            return str(value or "").strip()[:20]

        kind, mode, language = text("kind"), text("mode"), text("language")
        month = None
        found = _MONTH.match(text("month"))
        if found and 1 <= int(found[2]) <= 12 and 2000 <= int(found[1]) <= 2100:
            month = dt.date(int(found[1]), int(found[2]), 1)
        enterprise = text("enterprise")
        return cls(
            kind=kind if kind in ProgrammeKind.values else "",
            mode=mode if mode in Mode.values else "",
            language=language if language in LANGUAGE_CODES else "",
            month=month,
            eligible=text("eligible").lower() in {"1", "on", "true", "yes"},
            enterprise_id=int(enterprise) if enterprise.isdigit() and len(enterprise) < 12
            else None,
        )

    def as_query(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name in ("kind", "mode", "language"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.month:
            out["month"] = self.month.strftime("%Y-%m")
        if self.eligible:
            out["eligible"] = "1"
        if self.enterprise_id:
            out["enterprise"] = str(self.enterprise_id)
        return out


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month as an instant range wide enough for every zone of the region (±1 day)."""
    last_day = calendar.monthrange(month.year, month.month)[1]
    start = dt.datetime(month.year, month.month, 1, tzinfo=dt.UTC) - dt.timedelta(days=1)
    end = dt.datetime(month.year, month.month, last_day, tzinfo=dt.UTC) + dt.timedelta(days=2)
    return start, end


def local_dates(programme: Programme) -> tuple[dt.date, dt.date]:
    """First and last day of the programme in its own time zone."""
    zone = ZoneInfo(programme.time_zone)
    return programme.starts_at.astimezone(zone).date(), programme.ends_at.astimezone(zone).date()


def _overlaps_month(programme: Programme, month: dt.date) -> bool:
    first, last = local_dates(programme)
    month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return first <= month_end and last >= month


def find_programmes(
    filters: ProgrammeFilters, *, facts: EnterpriseFacts | None = None,
    queryset: QuerySet | None = None,
) -> list[Programme]:
    """Published programmes matching the filters: the month's, or the upcoming ones.

    `facts` (the chosen enterprise's) applies "eligible for my enterprise".
    """
    programmes = programmes_base().published() if queryset is None else queryset
    if filters.kind:
        programmes = programmes.filter(kind=filters.kind)
    if filters.mode:
        programmes = programmes.filter(mode=filters.mode)
    if filters.month:
        start, end = month_bounds(filters.month)
        programmes = programmes.filter(starts_at__lt=end, ends_at__gte=start)
    else:
        programmes = programmes.upcoming()
    rows = list(programmes.order_by("starts_at", "id")[:MAX_LIST])
    if filters.month:
        rows = [p for p in rows if _overlaps_month(p, filters.month)]
    if filters.language:
        rows = [p for p in rows if filters.language in (p.delivery_languages or [])]
    if facts is not None:
        rows = [p for p in rows if is_eligible(criteria_of(p), facts)]
    return rows


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    programmes: list[Programme]

    @property
    def is_today(self) -> bool:
        return self.date == timezone.localdate()


def month_grid(programmes: Iterable[Programme], month: dt.date) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of the month, each day with the programmes running on it
    (in the programme's own time zone: 09:00 WIT on the 1st is on the 1st)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    by_day: dict[dt.date, list[Programme]] = {}
    first_shown, last_shown = weeks[0][0], weeks[-1][-1]
    for programme in programmes:
        first, last = local_dates(programme)
        day = max(first, first_shown)
        while day <= min(last, last_shown):
            by_day.setdefault(day, []).append(programme)
            day += dt.timedelta(days=1)
    return [
        [CalendarDay(d, d.month == month.month, by_day.get(d, [])) for d in week]
        for week in weeks
    ]


def visible_programme(user, pk: int) -> Programme | None:
    programme = programmes_base().filter(pk=pk).first()
    if programme is None or not permissions.can_view_programme(user, programme):
        return None
    return programme


# --- Enrolments -----------------------------------------------------------------------------


def active_enrolments(programme: Programme) -> QuerySet:
    return programme.enrolments.exclude(status=EnrolmentStatus.CANCELLED)


def seats_taken(programme: Programme) -> int:
    return programme.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()


def seats_left(programme: Programme) -> int | None:
    if programme.capacity is None:
        return None
    return max(0, programme.capacity - seats_taken(programme))


def waitlist(programme: Programme) -> QuerySet:
    return programme.enrolments.filter(status=EnrolmentStatus.WAITLISTED).order_by(
        "created_at", "id"
    )


def waitlist_position(enrolment: Enrolment) -> int | None:
    if enrolment.status != EnrolmentStatus.WAITLISTED:
        return None
    ahead = (
        Enrolment.objects.filter(programme_id=enrolment.programme_id,
                                 status=EnrolmentStatus.WAITLISTED)
        .filter(created_at__lte=enrolment.created_at)
        .exclude(created_at=enrolment.created_at, id__gt=enrolment.id)
        .count()
    )
    return ahead


def enrolments_of_user(user) -> QuerySet:
    """The enrolments of the user's enterprises (active first, soonest first)."""
    scope = permissions.scope_of(user)
    return (
        Enrolment.objects.filter(enterprise_id__in=scope.enterprises)
        .select_related("programme", "enterprise", "programme__provider")
        .prefetch_related("programme__translations")
        .order_by("programme__starts_at", "id")
    )


def organiser_enrolments(programme: Programme) -> dict[str, list[Enrolment]]:
    rows = list(
        programme.enrolments.select_related("enterprise__subdivision", "enrolled_by")
        .order_by("created_at", "id")
    )
    return {
        status: [e for e in rows if e.status == status]
        for status in (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED,
                       EnrolmentStatus.CANCELLED)
    }


def user_enrolments_for(user, programme: Programme) -> list[Enrolment]:
    scope = permissions.scope_of(user)
    if not scope.enterprises:
        return []
    return list(
        programme.enrolments.filter(enterprise_id__in=scope.enterprises)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("enterprise")
    )
