"""Meeting slots: greedy by score, nobody double-booked, tables respected, deterministic."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etalase.matching.scheduling import MeetingSpec, schedule, slots

START = dt.datetime(2026, 5, 12, 9, 0, tzinfo=dt.UTC)


def test_slots_are_whole_and_inside_the_window():
    got = slots(START, START + dt.timedelta(minutes=65), 20)
    assert got == [START, START + dt.timedelta(minutes=20), START + dt.timedelta(minutes=40)]
    assert slots(START, START + dt.timedelta(minutes=10), 20) == []
    with pytest.raises(ValueError):
        slots(START, START + dt.timedelta(hours=1), 0)


def test_best_scores_first_earliest_slot_lowest_table():
    times = slots(START, START + dt.timedelta(hours=1), 20)
    meetings = [MeetingSpec(1, "buyer-x", "msme-a", 50), MeetingSpec(2, "buyer-x", "msme-b", 90),
                MeetingSpec(3, "buyer-y", "msme-a", 70), MeetingSpec(4, "buyer-y", "msme-c", 70)]
    plan = schedule(meetings, times, tables=2)
    placed = {p.meeting_id: (p.starts_at, p.table) for p in plan.placements}
    t0, t1 = times[0], times[1]
    assert placed[2] == (t0, 1)  # 90: first
    assert placed[3] == (t0, 2)  # 70, id 3 before 4
    assert placed[4] == (t1, 1)  # buyer-y busy at t0
    assert placed[1] == (t1, 2)  # buyer-x busy at t0; msme-a busy at t0
    assert plan.unscheduled == ()


def test_meetings_that_do_not_fit_are_reported():
    times = slots(START, START + dt.timedelta(minutes=40), 20)
    meetings = [MeetingSpec(i, "buyer", f"msme-{i}", 100 - i) for i in range(1, 5)]
    plan = schedule(meetings, times, tables=10)
    assert [p.meeting_id for p in plan.placements] == [1, 2]
    assert plan.unscheduled == (3, 4)


def test_a_table_limit_of_zero_is_refused():
    with pytest.raises(ValueError):
        schedule([], [START], tables=0)


specs = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6), st.integers(0, 109)),
                 max_size=40)


@settings(max_examples=200, deadline=None)
@given(specs, st.integers(1, 4), st.integers(1, 8))
def test_nobody_is_ever_double_booked(rows, tables, slot_count):
    meetings = [MeetingSpec(i + 1, f"b{b}", f"s{s}", score) for i, (b, s, score)
                in enumerate(rows)]
    times = [START + dt.timedelta(minutes=20 * n) for n in range(slot_count)]
    plan = schedule(meetings, times, tables)
    by_id = {m.id: m for m in meetings}
    seen_people, seen_tables = set(), set()
    for p in plan.placements:
        m = by_id[p.meeting_id]
        for who in (("b", m.buyer), ("s", m.supplier)):
            assert (who, p.starts_at) not in seen_people
            seen_people.add((who, p.starts_at))
        assert 1 <= p.table <= tables
        assert (p.starts_at, p.table) not in seen_tables
        seen_tables.add((p.starts_at, p.table))
    assert len(plan.placements) + len(plan.unscheduled) == len(meetings)
    assert schedule(list(reversed(meetings)), list(reversed(times)), tables) == plan
