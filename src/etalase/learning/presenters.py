"""What the pages and the API show of a programme, in the reader's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import get_day_names
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from etalase.learning.models import Mode, Programme
from etalase.web.formatting import babel_locale, date_local, money

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def when(programme: Programme, language: str) -> str:
    """"12 March 2026, 09:00–12:00 WIT" in the programme's own time zone."""
    zone = ZoneInfo(programme.time_zone)
    start, end = programme.starts_at.astimezone(zone), programme.ends_at.astimezone(zone)
    first = date_local(start.date(), "long", language)
    if start.date() == end.date():
        return f"{first}, {start:%H:%M}–{end:%H:%M} {start:%Z}"
    last = date_local(end.date(), "long", language)
    return f"{first} {start:%H:%M} – {last} {end:%H:%M} {start:%Z}"


def deadline(programme: Programme, language: str) -> str:
    if programme.application_deadline is None:
        return ""
    zone = ZoneInfo(programme.time_zone)
    value = programme.application_deadline.astimezone(zone)
    return f"{date_local(value.date(), 'long', language)} {value:%H:%M} {value:%Z}"


def cost(programme: Programme, language: str) -> str:
    if programme.is_free:
        return str(_("Free"))
    return money(programme.cost, programme.currency, language)


def languages(programme: Programme) -> str:
    return ", ".join(str(LANGUAGE_NAMES.get(code, code))
                     for code in programme.delivery_languages or [])


def place(programme: Programme) -> str:
    if programme.mode == Mode.ONLINE:
        return str(_("Online"))
    parts = [programme.venue]
    if programme.venue_subdivision is not None:
        parts.append(programme.venue_subdivision.display_name)
    text = ", ".join(p for p in parts if p)
    if programme.mode == Mode.HYBRID:
        text = _("%(place)s and online") % {"place": text}
    return text


@dataclass
class ProgrammeCard:
    programme: Programme
    title: str
    summary: str
    kind: str
    when: str
    place: str
    languages: str
    cost: str
    url: str
    seats_left: int | None


def card(programme: Programme, language: str) -> ProgrammeCard:
    title, description = programme.text_in(language)
    taken = getattr(programme, "taken", None)
    seats = None
    if programme.capacity is not None and taken is not None:
        seats = max(0, programme.capacity - taken)
    return ProgrammeCard(
        programme=programme, title=title,
        summary=description[:220] + ("…" if len(description) > 220 else ""),
        kind=str(programme.get_kind_display()), when=when(programme, language),
        place=place(programme), languages=languages(programme),
        cost=cost(programme, language), url=reverse("learning:detail", args=[programme.pk]),
        seats_left=seats,
    )


def weekday_names(language: str) -> list[str]:
    names = get_day_names("abbreviated", locale=babel_locale(language))
    return [names[i] for i in range(7)]  # Babel: 0 = Monday, as the grid


def month_label(month: dt.date, language: str) -> str:
    return date_local(month, "LLLL y", language)
