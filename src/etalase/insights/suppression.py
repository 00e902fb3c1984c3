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
cell, the smallest publishable figure that hides something (not entirely listed in the
record files) — until no withheld cell is exposed or nothing is left to withhold.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

Key = Hashable


@dataclass
class Cell:
    value: int
    known: int = 0  # lower bound anyone can count from the record-level files
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
        key: [float(cell.known), math.inf] if key in withheld
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
            at_most: Iterable[AtMost] = ()) -> set[Key]:
    """The cells to withhold: the sensitive ones, never-published ones, and complements."""
    sums, at_most = list(sums), list(at_most)
    withheld = {key for key, cell in cells.items() if cell.sensitive or not cell.publishable}
    member_of: dict[Key, list[Sum]] = {}
    for relation in sums:
        for key in (relation.total, *relation.parts):
            member_of.setdefault(key, []).append(relation)
    for _ in range(len(cells)):  # one complement a round, at most every cell
        pinned = sorted(exposed(cells, withheld, intervals(cells, withheld, sums, at_most)),
                        key=repr)
        complement = next(
            (found for key in pinned
             if (found := _complement(cells, withheld, key, member_of.get(key, []))) is not None),
            None,
        )
        if complement is None:
            break
        withheld.add(complement)
    return withheld


def _complement(cells: dict[Key, Cell], withheld: set[Key], key: Key,
                relations: list[Sum]) -> Key | None:
    # The sums where the cell is a part first (its neighbours), then the one it totals.
    for relation in sorted(relations, key=lambda r: r.total == key):
        candidates = [
            member for member in (*relation.parts, relation.total)
            if member not in withheld and cells[member].publishable and not cells[member].fixed
        ]
        if candidates:
            # One that hides something beyond the listed records, then the smallest figure
            # (the least information lost); parts before the total.
            return min(candidates, key=lambda m: (cells[m].value <= cells[m].known,
                                                  m == relation.total, cells[m].value, repr(m)))
    return None
