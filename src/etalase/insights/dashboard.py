"""A dashboard is a list of sections: a title, the figures, a chart and its table.

Views, the XLSX and PDF reports and the API all read the same sections, so the
figures a delegation takes to a meeting are the ones it saw on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from etalase.insights import activity, areas, charts, selectors
from etalase.insights.scope import Area
from etalase.insights.selectors import Row


@dataclass
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[Row]
    svg: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)


def build(area: Area) -> dict:
    count = _("Enterprises")
    sections = []
    # One grouped query feeds the headline, provinces, size, export and quality panels.
    summary = selectors.enterprise_summary(area)
    if area.level != "province":
        subdivisions = selectors.by_subdivision(area, summary)
        sections.append(
            Section(
                "subdivisions",
                _("Enterprises by province or state"),
                [_("Province"), count],
                subdivisions,
                charts.tile_map(subdivisions, _("Enterprises by province or state")),
            )
        )
    else:
        by_area = areas.by_area(area)
        sections.append(
            Section(
                "areas",
                _("Enterprises by regency / city"),
                areas.headers(),
                by_area,
                charts.bar_chart(areas.chart_rows(by_area), _("Enterprises by regency / city")),
                note=_(
                    "“Area not known” counts the records whose regency or city matched no "
                    "official area: choose their area in each record to count them here."
                ),
            )
        )
    for key, title, rows in (
        (
            "sectors",
            _("Enterprises by sector (HS chapter of their products)"),
            selectors.by_sector(area),
        ),
        ("size", _("Enterprises by size class"), selectors.by_size_class(area, summary)),
        (
            "export",
            _("Enterprises by export status"),
            selectors.by_export_status(area, summary),
        ),
        (
            "certifications",
            _("Enterprises holding a valid certification"),
            selectors.by_certification(area),
        ),
    ):
        sections.append(
            Section(key, title, [_("Category"), count], rows, charts.bar_chart(rows, title))
        )
    growth = selectors.growth(area)
    sections.append(
        Section(
            "growth",
            _("Registered enterprises over time"),
            [_("Month"), count],
            growth,
            charts.line_chart(growth, _("Registered enterprises over time")),
        )
    )
    for section in activity.sections(area):
        sections.append(
            Section(
                section["key"],
                section["title"],
                section["headers"],
                section["rows"],
                charts.bar_chart(section["rows"], section["title"]),
            )
        )
    quality = selectors.data_quality(area, summary)
    quality_rows = [Row(q["code"], q["label"], q["score"]) for q in quality]
    sections.append(
        Section(
            "quality",
            _("Data-quality score per province (0–100)"),
            [_("Province"), _("Score")],
            quality_rows,
            charts.bar_chart(quality_rows, _("Data-quality score per province")),
            note=_(
                "Share of checks passed: contact channel, size class, verification, consent, "
                "a published product, updated within a year."
            ),
            extra={"detail": quality, "labels": selectors.quality_labels()},
        )
    )
    return {
        "area": area,
        "headline": selectors.headline(area, summary),
        "pending_submissions": selectors.pending_submissions(area),
        "sections": sections,
    }
