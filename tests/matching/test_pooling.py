"""Pooling: fewest members, then the same province, then the best scores — deterministic."""

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from etalase.matching.pooling import MAX_MEMBERS, PoolCandidate, propose


def c(eid, capacity, score, sub="ID-SA", country="ID"):
    return PoolCandidate(eid, eid * 10, Decimal(capacity), score, sub, country)


def test_no_pool_without_quantity_or_when_one_is_enough():
    assert propose([c(1, 10, 50)], None) is None
    assert propose([c(1, 10, 50)], Decimal(0)) is None
    assert propose([c(1, 25, 50), c(2, 5, 90)], Decimal(20)) is None


def test_fewest_members_first_even_against_better_scores():
    # Three small high scorers could make 30, but two bigger ones make it with fewer members.
    pool = propose([c(1, 10, 99), c(2, 10, 98), c(3, 10, 97), c(4, 16, 10), c(5, 15, 11)],
                   Decimal(30))
    assert [m.enterprise_id for m in pool.members] == [5, 4]
    assert pool.total == Decimal(31)


def test_same_province_first_then_country_then_any():
    candidates = [c(1, 20, 90, "ID-SA"), c(2, 20, 80, "ID-SN"), c(3, 15, 50, "ID-SN"),
                  c(4, 25, 95, "PH-DAS", "PH")]
    pool = propose(candidates, Decimal(35))
    assert [m.enterprise_id for m in pool.members] == [2, 3]
    assert pool.scope == "subdivision"
    pool = propose([c(1, 20, 90, "ID-SA"), c(2, 20, 80, "ID-SN"), c(4, 25, 95, "PH-DAS", "PH")],
                   Decimal(40))
    assert pool.scope == "country" and [m.enterprise_id for m in pool.members] == [1, 2]
    pool = propose([c(1, 20, 90, "ID-SA"), c(4, 25, 95, "PH-DAS", "PH")], Decimal(40))
    assert pool.scope == "any" and [m.enterprise_id for m in pool.members] == [4, 1]


def test_greedy_by_score_never_paints_itself_into_a_corner():
    # Best score first (1), but 1 + 2 would not reach 30: the second pick must be 3.
    pool = propose([c(1, 12, 90), c(2, 5, 80), c(3, 20, 10)], Decimal(30))
    assert [m.enterprise_id for m in pool.members] == [1, 3]


def test_unreachable_or_too_many_members_gives_no_pool():
    assert propose([c(1, 5, 1), c(2, 5, 1)], Decimal(100)) is None
    many = [c(i, 1, 1) for i in range(1, 20)]
    assert propose(many, Decimal(MAX_MEMBERS + 1)) is None
    assert len(propose(many, Decimal(MAX_MEMBERS)).members) == MAX_MEMBERS


caps = st.lists(st.tuples(st.integers(1, 50), st.integers(0, 109),
                          st.sampled_from(["ID-SA", "ID-SN", "PH-DAS"])),
                min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(caps, st.integers(1, 200))
def test_any_proposal_reaches_the_quantity_with_the_fewest_members_in_any_order(rows, need):
    candidates = [c(i + 1, cap, score, sub, sub[:2]) for i, (cap, score, sub) in enumerate(rows)]
    pool = propose(candidates, Decimal(need))
    shuffled = candidates[:]
    random.Random(need).shuffle(shuffled)
    assert propose(shuffled, Decimal(need)) == pool  # deterministic whatever the order
    if pool is None:
        return
    assert pool.total >= need
    assert all(m.capacity < need for m in candidates)  # else no pool was needed
    biggest = sorted((m.capacity for m in candidates), reverse=True)
    fewest = next(k for k in range(1, len(biggest) + 1) if sum(biggest[:k]) >= need)
    assert len(pool.members) == fewest
    assert len({m.enterprise_id for m in pool.members}) == len(pool.members)
