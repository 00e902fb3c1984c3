"""Pooling: when no single MSME can supply the monthly quantity, a group that can.

Pure and deterministic (plain values in, plain values out). The rule, in order:

1. **fewest members** — the smallest group size `k` whose largest capacities reach the
   quantity (at most `MAX_MEMBERS`; beyond that no proposal is made);
2. **same province first** — among groups of `k`, one whose members all sit in one province
   is preferred, then one within one country, then any (shorter collection routes, and often
   one cooperative or one office that can form the offer);
3. **best scores** — within that, members are chosen greedily by match score (ties: lower
   enterprise id), each pick allowed only if the group can still reach the quantity with the
   largest remaining capacities, so the greedy never paints itself into a corner.

Provinces are tried by their best member's score (then code), so the result is the same
whatever order the candidates come in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

MAX_MEMBERS = 8


@dataclass(frozen=True)
class PoolCandidate:
    enterprise_id: int
    product_id: int
    capacity: Decimal  # per month, in the request's unit
    score: int
    subdivision: str
    country: str


@dataclass(frozen=True)
class PoolProposal:
    members: tuple[PoolCandidate, ...]
    needed: Decimal
    scope: str  # "subdivision", "country" or "any": how close together the members are

    @property
    def total(self) -> Decimal:
        return sum((m.capacity for m in self.members), Decimal(0))


def _order(c: PoolCandidate) -> tuple:
    return (-c.score, c.enterprise_id)


def _min_members(candidates: Sequence[PoolCandidate], needed: Decimal) -> int | None:
    running = Decimal(0)
    for count, capacity in enumerate(sorted((c.capacity for c in candidates), reverse=True), 1):
        running += capacity
        if running >= needed:
            return count
        if count >= MAX_MEMBERS:
            return None
    return None


def _greedy(candidates: Sequence[PoolCandidate], needed: Decimal, k: int
            ) -> tuple[PoolCandidate, ...] | None:
    """k members by best score such that their capacities reach `needed`, if possible."""
    remaining = sorted(candidates, key=_order)
    chosen: list[PoolCandidate] = []
    total = Decimal(0)
    for slot in range(k):
        left = k - slot - 1
        picked = None
        for candidate in remaining:
            others = sorted((c.capacity for c in remaining if c is not candidate), reverse=True)
            if total + candidate.capacity + sum(others[:left], Decimal(0)) >= needed:
                picked = candidate
                break
        if picked is None:
            return None
        chosen.append(picked)
        total += picked.capacity
        remaining.remove(picked)
    return tuple(chosen) if total >= needed else None


def _groups(candidates: Sequence[PoolCandidate], key: Callable[[PoolCandidate], str]
            ) -> list[list[PoolCandidate]]:
    by: dict[str, list[PoolCandidate]] = {}
    for c in candidates:
        by.setdefault(key(c), []).append(c)
    groups = list(by.values())
    groups.sort(key=lambda g: (_order(min(g, key=_order)), key(g[0])))
    return groups


def propose(candidates: Sequence[PoolCandidate], needed: Decimal | None
            ) -> PoolProposal | None:
    """A group reaching `needed`, or None (no quantity, one MSME suffices, or unreachable)."""
    if not needed or needed <= 0:
        return None
    usable = [c for c in candidates if c.capacity and c.capacity > 0]
    if any(c.capacity >= needed for c in usable):
        return None
    k = _min_members(usable, needed)
    if k is None:
        return None
    for scope, key in (("subdivision", lambda c: c.subdivision),
                       ("country", lambda c: c.country)):
        for group in _groups(usable, key):
            members = _greedy(group, needed, k)
            if members:
                return PoolProposal(members=members, needed=needed, scope=scope)
    members = _greedy(usable, needed, k)
    return PoolProposal(members=members, needed=needed, scope="any") if members else None
