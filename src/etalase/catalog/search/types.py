"""Values the search module takes and gives back (shared by both backends)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from etalase.enterprises.models import CertificationKind, ExportStatus, SizeClass

SORTS = ("relevance", "newest", "name")
FACETS = (
    "country",
    "subdivision",
    "hs_chapter",
    "certification",
    "size_class",
    "export_status",
    "verified",
)
# Filters that are not counted as facets (an area is chosen from its province's page).
FILTERS = (*FACETS, "area")
MAX_PER_PAGE = 100
MAX_PAGE = 500  # deep pages cost the engine and serve only crawlers; the sitemap lists all

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_CHAPTER = re.compile(r"^[0-9]{2}$")
# A second-level area's code (regions.Area, at most 24 characters): the country, then the
# official code or a slug ("ID-71.02", "PH-1380600000", "MY-12-kota-kinabalu", "BN-BE").
AREA_CODE = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9][A-Za-z0-9.\-]{0,20}$")


@dataclass(frozen=True)
class SearchFilters:
    """Facet filters; values that are not well-formed are dropped, never passed to SQL."""

    country: str = ""
    subdivision: str = ""
    area: str = ""
    hs_chapter: str = ""
    certification: str = ""
    size_class: str = ""
    export_status: str = ""
    verified: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> SearchFilters:
        data = data or {}

        def text(name: str, limit: int = 20) -> str:
            value = data.get(name)
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            return str(value or "").strip()[:limit]

        country = text("country").upper()
        subdivision = text("subdivision").upper()
        # One character beyond the longest code: a longer value fails the pattern. The case
        # is kept (Malaysian codes end in a lower-case slug); `search` makes it the area's.
        area = text("area", 25)
        chapter = text("hs_chapter")
        certification = text("certification").lower()
        size_class = text("size_class").lower()
        export_status = text("export_status").lower()
        verified = text("verified").lower() in {"1", "true", "on", "yes"}
        return cls(
            country=country if _COUNTRY.match(country) else "",
            subdivision=subdivision if _SUBDIVISION.match(subdivision) else "",
            area=area if AREA_CODE.match(area) else "",
            hs_chapter=chapter if _CHAPTER.match(chapter) else "",
            certification=certification if certification in CertificationKind.values else "",
            size_class=size_class if size_class in SizeClass.values else "",
            export_status=export_status if export_status in ExportStatus.values else "",
            verified=verified,
        )

    def as_dict(self) -> dict[str, str]:
        """Only the filters in use, as query-string values."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is True:
                out[f.name] = "1"
            elif value:
                out[f.name] = value
        return out

    @property
    def active(self) -> bool:
        return bool(self.as_dict())


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class RawResult:
    """What a backend returns: ids of one page, in order, and the counts."""

    ids: list[int]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
