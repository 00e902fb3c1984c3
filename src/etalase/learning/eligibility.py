"""Who may join a programme — pure rules, no database.

A programme lists what it requires on five dimensions; an empty dimension means no
restriction on it. An enterprise is eligible when it passes every non-empty dimension:

- countries: the enterprise's country is one of them;
- subdivisions: its province, or a region containing it (a Philippine region holds its
  provinces; Indonesia's island groups hold theirs), is one of them;
- HS chapters: one of its sectors (its own HS chapters, or the chapters of its products'
  HS codes) is one of them;
- size classes: its size class is one of them (an unclassified enterprise does not pass
  a size restriction: nobody knows it qualifies);
- export statuses: its export status is one of them.

`selectors.facts_of` and `selectors.criteria_of` build the inputs from the models, so
every caller (list filter, enrolment, notifications, API) applies the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

COUNTRY = "country"
SUBDIVISION = "subdivision"
HS_CHAPTER = "hs_chapter"
SIZE_CLASS = "size_class"
EXPORT_STATUS = "export_status"
DIMENSIONS = (COUNTRY, SUBDIVISION, HS_CHAPTER, SIZE_CLASS, EXPORT_STATUS)


def _codes(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(str(v).strip() for v in (values or ()) if str(v).strip())


@dataclass(frozen=True)
class Criteria:
    """What a programme requires (each empty set = no restriction)."""

    countries: frozenset[str] = field(default_factory=frozenset)
    subdivisions: frozenset[str] = field(default_factory=frozenset)
    hs_chapters: frozenset[str] = field(default_factory=frozenset)
    size_classes: frozenset[str] = field(default_factory=frozenset)
    export_statuses: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *, countries: Iterable[str] = (), subdivisions: Iterable[str] = (),
           hs_chapters: Iterable[str] = (), size_classes: Iterable[str] = (),
           export_statuses: Iterable[str] = ()) -> Criteria:
        return cls(
            countries=frozenset(c.upper() for c in _codes(countries)),
            subdivisions=frozenset(s.upper() for s in _codes(subdivisions)),
            hs_chapters=frozenset(h[:2] for h in _codes(hs_chapters)),
            size_classes=_codes(size_classes),
            export_statuses=_codes(export_statuses),
        )

    @property
    def is_open_to_all(self) -> bool:
        return not (self.countries or self.subdivisions or self.hs_chapters
                    or self.size_classes or self.export_statuses)


@dataclass(frozen=True)
class EnterpriseFacts:
    """What the rules look at in an enterprise."""

    country: str
    subdivision: str
    # The regions that contain its province, nearest first (PH-DAV -> ("PH-11",)).
    subdivision_parents: tuple[str, ...] = ()
    hs_chapters: frozenset[str] = field(default_factory=frozenset)
    size_class: str = ""
    export_status: str = ""

    @classmethod
    def of(cls, *, country: str, subdivision: str, subdivision_parents: Iterable[str] = (),
           hs_codes: Iterable[str] = (), size_class: str = "", export_status: str = ""
           ) -> EnterpriseFacts:
        return cls(
            country=(country or "").upper(),
            subdivision=(subdivision or "").upper(),
            subdivision_parents=tuple(p.upper() for p in subdivision_parents if p),
            hs_chapters=frozenset(code[:2] for code in _codes(hs_codes) if len(code) >= 2),
            size_class=size_class or "",
            export_status=export_status or "",
        )


def failed_dimensions(criteria: Criteria, facts: EnterpriseFacts) -> list[str]:
    """The dimensions the enterprise does not pass, in DIMENSIONS order (empty = eligible)."""
    failed: list[str] = []
    if criteria.countries and facts.country not in criteria.countries:
        failed.append(COUNTRY)
    if criteria.subdivisions:
        places = {facts.subdivision, *facts.subdivision_parents} - {""}
        if not places & criteria.subdivisions:
            failed.append(SUBDIVISION)
    if criteria.hs_chapters and not facts.hs_chapters & criteria.hs_chapters:
        failed.append(HS_CHAPTER)
    if criteria.size_classes and facts.size_class not in criteria.size_classes:
        failed.append(SIZE_CLASS)
    if criteria.export_statuses and facts.export_status not in criteria.export_statuses:
        failed.append(EXPORT_STATUS)
    return failed


def is_eligible(criteria: Criteria, facts: EnterpriseFacts) -> bool:
    return not failed_dimensions(criteria, facts)
