"""Factories of the learning tests: programmes with sensible defaults."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from etalase.accounts.models import Organisation
from etalase.learning.models import Mode, Programme, ProgrammeKind

_seq = itertools.count(1)
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def make_provider(name: str = "Dinas Koperasi dan UKM Sulawesi Utara",
                  country: str = "ID") -> Organisation:
    return Organisation.objects.create(name=name, kind=Organisation.Kind.GOVERNMENT,
                                       country_id=country)


def make_programme(
    *,
    provider: Organisation | None = None,
    title: str | None = None,
    starts_at: dt.datetime | None = None,
    hours: int = 3,
    time_zone: str = "Asia/Makassar",
    capacity: int | None = None,
    published: bool = True,
    office_country: str | None = None,
    office_subdivision: str | None = None,
    countries=(),
    subdivisions=(),
    hs_chapters=(),
    size_classes=(),
    export_statuses=(),
    **fields,
) -> Programme:
    starts_at = starts_at or (timezone.now() + dt.timedelta(days=10)).replace(second=0,
                                                                          microsecond=0)
    defaults = dict(
        kind=ProgrammeKind.TRAINING,
        provider=provider or make_provider(),
        title=title or f"Pelatihan ekspor kakao {next(_seq)}",
        description="Pelatihan untuk UMKM yang ingin mengekspor biji kakao.",
        language="id",
        delivery_languages=["id"],
        mode=Mode.ONLINE,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        time_zone=time_zone,
        capacity=capacity,
        is_published=published,
        published_at=timezone.now() if published else None,
        office_country_id=office_country,
        office_subdivision_id=office_subdivision,
        eligible_size_classes=list(size_classes),
        eligible_export_statuses=list(export_statuses),
    )
    defaults.update(fields)
    programme = Programme.objects.create(**defaults)
    programme.eligible_countries.set(countries)
    programme.eligible_subdivisions.set(subdivisions)
    programme.eligible_hs_chapters.set(hs_chapters)
    return programme


def programme_data(**overrides):
    """A valid ProgrammeData for the services (an online training next week)."""
    from etalase.learning.services import ProgrammeData

    provider = overrides.pop("provider", None) or make_provider()
    starts = timezone.now() + dt.timedelta(days=7)
    values = dict(
        kind=ProgrammeKind.TRAINING, provider_id=provider.pk,
        title="Pelatihan pemasaran digital", starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3), time_zone="Asia/Makassar",
        language="id", delivery_languages=["id"],
    )
    values.update(overrides)
    return ProgrammeData(**values)
