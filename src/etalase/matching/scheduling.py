"""Time slots for accepted meetings, without double-booking anyone — pure and deterministic.

Greedy, in a fixed order: meetings by best match score first (ties: lower id), each placed in
the earliest slot where the buyer is free, the supplier is free and a table is free (the
lowest-numbered one). A meeting that finds no such slot is left unscheduled and reported.
Greedy is not optimal in the number of meetings placed, but it is predictable: organisers
can explain why a meeting landed where it did, and re-running gives the same schedule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MeetingSpec:
    id: int
    buyer: Hashable
    supplier: Hashable
    score: int = 0


@dataclass(frozen=True)
class Placement:
    meeting_id: int
    starts_at: dt.datetime
    table: int  # 1-based


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]
    unscheduled: tuple[int, ...]


def slots(starts_at: dt.datetime, ends_at: dt.datetime, minutes: int) -> list[dt.datetime]:
    """Start times of whole slots of `minutes` between the two moments."""
    if minutes <= 0:
        raise ValueError("a slot needs a positive length")
    step = dt.timedelta(minutes=minutes)
    out = []
    at = starts_at
    while at + step <= ends_at:
        out.append(at)
        at += step
    return out


def schedule(meetings: Sequence[MeetingSpec], slot_starts: Sequence[dt.datetime],
             tables: int) -> Schedule:
    if tables < 1:
        raise ValueError("at least one table is needed")
    ordered_slots = sorted(slot_starts)
    busy: dict[Hashable, set[dt.datetime]] = {}
    used_tables: dict[dt.datetime, set[int]] = {}
    placements: list[Placement] = []
    unscheduled: list[int] = []
    for meeting in sorted(meetings, key=lambda m: (-m.score, m.id)):
        buyer_busy = busy.setdefault(("buyer", meeting.buyer), set())
        supplier_busy = busy.setdefault(("supplier", meeting.supplier), set())
        for at in ordered_slots:
            taken = used_tables.setdefault(at, set())
            if at in buyer_busy or at in supplier_busy or len(taken) >= tables:
                continue
            table = min(t for t in range(1, tables + 1) if t not in taken)
            taken.add(table)
            buyer_busy.add(at)
            supplier_busy.add(at)
            placements.append(Placement(meeting.id, at, table))
            break
        else:
            unscheduled.append(meeting.id)
    placements.sort(key=lambda p: (p.starts_at, p.table))
    return Schedule(tuple(placements), tuple(sorted(unscheduled)))
