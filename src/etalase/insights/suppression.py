"""Disclosure control for one release of tables: primary and complementary suppression.

A release is a set of counts ("cells") tied by sums (a province's count is the sum of its
areas' and of those whose area is not known; the region's products are the sum of its
countries' and also of its sectors') and by inequalities (a sector's enterprises are at most
its products). Whoever reads the release can also count, from its record-level files, a
lower bound of every cell (the enterprises that agreed to be listed there).

A withheld cell is *exposed* when those published figures and lower bounds pin it to one
value that says something beyond the listed records (value > what the files list). The
attacker's bounds are computed by interval propagation over the sums: the constraints form
a tree (each sum shares at most one cell with another), and on such a network propagation
gives the exact range of every cell, as a linear programme would.

`protect` withholds the sensitive cells, then adds complements — in a sum of an exposed
cell, a publishable figure that hides something (not entirely listed in the record files)
and frees the cell, the smallest first — until no withheld cell is exposed or nothing is
left to withhold.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

Key = Hashable


@dataclass
class Cell:
    value: int
    known: int = 0  # how many the record-level files list: anyone can count them
    floor: int = 0  # a lower bound known otherwise (a listed row has at least one)
    sensitive: bool = False  # primary suppression: describes fewer than the threshold
    publishable: bool = True  # False: a figure the release never shows (area not known)
    fixed: bool = False  # shown elsewhere as it is: never chosen as a complement


@dataclass(frozen=True)
class Sum:
    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class AtMost:
    small: Key
    large: Key


Bounds = dict[Key, tuple[float, float]]


def intervals(cells: dict[Key, Cell], withheld: set[Key], sums: Iterable[Sum],
              at_most: Iterable[AtMost] = ()) -> Bounds:
    """The range a reader can deduce for every cell from the published ones."""
    sums, at_most = list(sums), list(at_most)
    bounds: dict[Key, list[float]] = {
        key: [float(max(cell.known, cell.floor)), math.inf] if key in withheld
        else [float(cell.value), float(cell.value)]
        for key, cell in cells.items()
    }
    for _ in range(200):  # each pass only narrows; a tree settles in a few passes
        changed = False
        for relation in sums:
            changed |= _narrow_sum(bounds, relation)
        for relation in at_most:
            small, large = bounds[relation.small], bounds[relation.large]
            if large[1] < small[1]:
                small[1], changed = large[1], True
            if small[0] > large[0]:
                large[0], changed = small[0], True
        if not changed:
            break
    return {key: (low, high) for key, (low, high) in bounds.items()}


def _narrow_sum(bounds: dict[Key, list[float]], relation: Sum) -> bool:
    total, parts = bounds[relation.total], [bounds[p] for p in relation.parts]
    changed = False
    low_sum, high_sum = sum(p[0] for p in parts), sum(p[1] for p in parts)
    if low_sum > total[0]:
        total[0], changed = low_sum, True
    if high_sum < total[1]:
        total[1], changed = high_sum, True
    for part in parts:
        others_high = high_sum - part[1] if math.isfinite(part[1]) else _sum_but(parts, part, 1)
        others_low = low_sum - part[0]
        low = total[0] - others_high
        high = total[1] - others_low
        if low > part[0]:
            part[0], changed = low, True
        if high < part[1]:
            part[1], changed = high, True
    return changed


def _sum_but(parts: list[list[float]], skip: list[float], index: int) -> float:
    return sum(p[index] for p in parts if p is not skip)


def exposed(cells: dict[Key, Cell], withheld: set[Key], bounds: Bounds) -> list[Key]:
    """Withheld, publishable cells pinned to one value that the record files do not explain."""
    return [
        key for key in withheld
        if cells[key].publishable and cells[key].value > cells[key].known
        and bounds[key][1] - bounds[key][0] < 1
    ]


def protect(cells: dict[Key, Cell], sums: Iterable[Sum],
            at_most: Iterable[AtMost] = (), tries: int = 6) -> set[Key]:
    """The cells to withhold: the sensitive ones, never-published ones, and complements.

    For an exposed cell, the best-ranked candidates (`_candidates`) are tried in turn, up to
    `tries`: the first that frees the cell is taken, else the best-ranked one (freeing may
    need several)."""
    sums, at_most = list(sums), list(at_most)
    withheld = {key for key, cell in cells.items() if cell.sensitive or not cell.publishable}
    member_of: dict[Key, list[Sum]] = {}
    for relation in sums:
        for key in (relation.total, *relation.parts):
            member_of.setdefault(key, []).append(relation)

    def pinned(hidden: set[Key]) -> list[Key]:
        return sorted(exposed(cells, hidden, intervals(cells, hidden, sums, at_most)), key=repr)

    for _ in range(len(cells)):  # one complement a round, at most every cell
        complement = None
        for key in pinned(withheld):
            candidates = _candidates(cells, withheld, key, member_of)
            if not candidates:
                continue
            complement = next(
                (c for c in candidates[:tries] if key not in pinned(withheld | {c})),
                candidates[0])
            break
        if complement is None:
            break
        withheld.add(complement)
    return withheld


def _candidates(cells: dict[Key, Cell], withheld: set[Key], key: Key,
                member_of: dict[Key, list[Sum]]) -> list[Key]:
    """The figures whose withholding could widen the cell's range, best first: those in a
    sum with it or with a withheld cell linked to it through sums (breadth first). Ranked:
    one that hides something beyond the listed records (a fully listed figure adds no
    doubt), the nearest, a part before a total, the smallest (the least information lost)."""
    ranked: dict[Key, tuple] = {}
    seen, frontier, distance = {key}, [key], 0
    while frontier:
        following = []
        for current in frontier:
            for relation in member_of.get(current, []):
                for m in (*relation.parts, relation.total):
                    if m in withheld:
                        if m not in seen:
                            seen.add(m)
                            following.append(m)
                    elif cells[m].publishable and not cells[m].fixed and m not in ranked:
                        ranked[m] = (cells[m].value <= cells[m].known, distance,
                                     m == relation.total, cells[m].value, repr(m))
        frontier, distance = following, distance + 1
    return sorted(ranked, key=ranked.__getitem__)
