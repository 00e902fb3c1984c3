"""Dashboard figures, computed by aggregate queries in the database.

No function here loads enterprise rows into Python: they return small lists of
(key, count) that the charts and tables show as they are. The panels about enterprises
(headline, provinces, size, export status, data quality) share one grouped query, the
`EnterpriseSummary`, which `dashboard.build` runs once and hands to each of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db.models import (
    Case,
    CharField,
    Count,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from etalase.catalog.models import HSCode, Product
from etalase.enterprises.models import (
    PUBLIC_CONSENTS,
    Certification,
    CertificationKind,
    Consent,
    ExportStatus,
    SizeClass,
)
from etalase.insights.scope import Area
from etalase.regions.models import Subdivision

STALE_AFTER_DAYS = 365


@dataclass
class Row:
    key: str
    label: str
    value: float
    # Further figures of the row, in the order of its section's headers after the value
    # (the by-area table: exporting, products published).
    more: tuple[float, ...] = ()

    def as_list(self) -> list:
        return [self.label, self.value, *self.more]


_SUMMARY_DIMENSIONS = ("country_id", "subdivision_id", "size_class", "export_status")


@dataclass
class EnterpriseSummary:
    """Enterprises counted per province, size class and export status, with how many of them
    are public and how many fail each data-quality check.

    One grouped statement, read from the covering index enterprises.enterprise_insights_idx
    (whose leading columns are the dimensions, so the groups come in index order); the
    headline, the province, size and export charts and the data-quality score are sums of its
    few hundred rows.
    """

    rows: list[dict]

    def total(self, key: str = "total") -> int:
        return self._totals.get(key, 0)

    @cached_property
    def _totals(self) -> dict[str, int]:
        keys = [key for key in self.rows[0] if key not in _SUMMARY_DIMENSIONS] if self.rows else []
        return {key: sum(row[key] for row in self.rows) for key in keys}

    def totals_by(self, dimension: str, key: str = "total") -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row[dimension]] = out.get(row[dimension], 0) + row[key]
        return out

    @cached_property
    def subdivisions(self) -> dict[str, Subdivision]:
        """The provinces counted, fetched once for every panel that names them."""
        codes = {row["subdivision_id"] for row in self.rows}
        return {s.code: s for s in Subdivision.objects.filter(code__in=codes)}


def enterprise_summary(area: Area) -> EnterpriseSummary:
    counts = {
        "total": Count("id"),
        "public": Count("id", filter=Q(is_published=True, consent__in=PUBLIC_CONSENTS)),
    }
    for key, q in _quality_conditions(timezone.now()).items():
        counts[f"fail_{key}"] = Count("id", filter=q)
    rows = area.enterprises().values(*_SUMMARY_DIMENSIONS).annotate(**counts).order_by()
    return EnterpriseSummary(list(rows))


def headline(area: Area, summary: EnterpriseSummary | None = None) -> dict[str, float]:
    summary = enterprise_summary(area) if summary is None else summary
    total = summary.total()
    figures = {
        "total": total,
        "verified": total - summary.total("fail_verified"),
        "public": summary.total("public"),
        "pending_consent": summary.total("fail_consent"),
        "exporting": summary.totals_by("export_status").get(ExportStatus.EXPORTING, 0),
    }
    published = Product.objects.filter(area.enterprise_q("enterprise__"), is_published=True)
    figures["products_published"] = published.count()
    # What the gallery shows (published, of an enterprise shown publicly), beside the product's
    # own flag above (also of enterprises whose consent is pending): the dashboard labels both.
    # Products looked up by the area's public enterprises' ids, through catalog's
    # (enterprise, is_published) index: few enterprises are public after an import, and a
    # join of every product to its enterprise cost several times more at 20k products.
    figures["products_public"] = Product.objects.filter(
        is_published=True,
        enterprise_id__in=area.enterprises()
        .filter(is_published=True, consent__in=PUBLIC_CONSENTS)
        .order_by()
        .values("pk")
    ).count()
    figures["verified_share"] = round(100 * figures["verified"] / total, 1) if total else 0.0
    return figures


def by_subdivision(area: Area, summary: EnterpriseSummary | None = None) -> list[Row]:
    summary = enterprise_summary(area) if summary is None else summary
    counts = summary.totals_by("subdivision_id")
    names = {code: s.display_name for code, s in summary.subdivisions.items()}
    return sorted(
        (Row(code, names.get(code, code), n) for code, n in counts.items()),
        key=lambda r: (-r.value, r.label),
    )


def _choice_rows(counts: dict, choices) -> list[Row]:
    return [Row(str(value), str(label), counts.get(value, 0)) for value, label in choices]


def by_size_class(area: Area, summary: EnterpriseSummary | None = None) -> list[Row]:
    summary = enterprise_summary(area) if summary is None else summary
    counts = summary.totals_by("size_class")
    rows = _choice_rows(counts, SizeClass.choices)
    if counts.get(""):
        rows.append(Row("", _("Unknown"), counts[""]))
    return rows


def by_export_status(area: Area, summary: EnterpriseSummary | None = None) -> list[Row]:
    summary = enterprise_summary(area) if summary is None else summary
    return _choice_rows(summary.totals_by("export_status"), ExportStatus.choices)


def by_certification(area: Area, today: dt.date | None = None) -> list[Row]:
    """Enterprises holding each certification that is valid today."""
    today = today or timezone.localdate()
    valid = (Q(valid_until__isnull=True) | Q(valid_until__gte=today)) & (
        Q(valid_from__isnull=True) | Q(valid_from__lte=today)
    )
    counts = dict(
        Certification.objects.filter(area.enterprise_q("enterprise__"))
        .filter(valid)
        .values_list("kind")
        .annotate(n=Count("enterprise", distinct=True))
        .order_by()
    )
    return [r for r in _choice_rows(counts, CertificationKind.choices) if r.value]


class _HSChapter(Func):
    """Substr(hs_code, 1, 2) with its positions written into the SQL, not passed as parameters:
    only then is it the expression of catalog's index product_hs_chapter_idx, which the
    database walks in chapter order (no sort of every product)."""

    function = "SUBSTRING"
    template = "%(function)s(%(expressions)s, 1, 2)"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="SUBSTR", **extra_context)


def by_sector(area: Area, limit: int = 12) -> list[Row]:
    """Enterprises with products per HS chapter (their sectors)."""
    counts = (
        Product.objects.filter(area.enterprise_q("enterprise__"))
        .annotate(chapter=_HSChapter("hs_code"))
        .values_list("chapter")
        .annotate(n=Count("enterprise", distinct=True))
        .order_by("-n", "chapter")[:limit]
    )
    counts = list(counts)
    names = {
        h.code: h
        for h in HSCode.objects.filter(code__in=[c for c, _n in counts]).prefetch_related(
            "translations"
        )
    }
    return [
        Row(code, f"{code} {_short(names[code].display_name) if code in names else ''}", n)
        for code, n in counts
    ]


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def growth(area: Area, months: int = 24) -> list[Row]:
    """Enterprises registered per month and the running total (from the registry's history)."""
    since = (timezone.now() - dt.timedelta(days=31 * months)).replace(day=1)
    before = area.enterprises().filter(created_at__lt=since).count()
    # The month as the first 7 characters of the stored UTC timestamp: both databases group
    # on a plain string, where TruncMonth costs a Python call per row on SQLite.
    per_month = (
        area.enterprises()
        .filter(created_at__gte=since)
        .annotate(month=Substr(Cast("created_at", CharField()), 1, 7))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    rows, total = [], before
    for month, n in per_month:
        total += n
        rows.append(Row(month, month, total))
    return rows


QUALITY_CHECKS = {
    "contact": (
        Q(phone="") & Q(email="") & Q(whatsapp=""),
        gettext_lazy("No phone, WhatsApp or e-mail"),
    ),
    "size": (Q(size_class=""), gettext_lazy("No size class (figures missing)")),
    "verified": (Q(verified_at__isnull=True), gettext_lazy("Not verified by an office")),
    "consent": (Q(consent=Consent.PENDING), gettext_lazy("Owner's consent pending")),
    "products": (None, gettext_lazy("No published product")),
    "stale": (None, gettext_lazy("Not updated for a year")),
}


def _quality_conditions(now: dt.datetime) -> dict[str, Q]:
    conditions = {key: q for key, (q, _label) in QUALITY_CHECKS.items() if q is not None}
    conditions["stale"] = Q(updated_at__lt=now - dt.timedelta(days=STALE_AFTER_DAYS))
    # Kept equal to "one of its products is published" by insights.published (NULL: no).
    conditions["products"] = ~Q(has_published_product=True)
    return conditions


def data_quality(area: Area, summary: EnterpriseSummary | None = None) -> list[dict]:
    """Per province: the share of checks passed (0–100) and how many fail each check."""
    summary = enterprise_summary(area) if summary is None else summary
    keys = list(_quality_conditions(timezone.now()))
    per_province: dict[str, dict[str, int]] = {}
    for row in summary.rows:
        sums = per_province.setdefault(row["subdivision_id"], dict.fromkeys(["total", *keys], 0))
        sums["total"] += row["total"]
        for key in keys:
            sums[key] += row[f"fail_{key}"]
    names = {code: s.name for code, s in summary.subdivisions.items()}
    result = []
    for code, sums in per_province.items():
        failures = sum(sums[key] for key in keys)
        checks = sums["total"] * len(keys)
        result.append(
            {
                "code": code,
                "label": names.get(code, code),
                "total": sums["total"],
                "score": round(100 * (1 - failures / checks), 1) if checks else 100.0,
                "failures": {key: sums[key] for key in keys},
            }
        )
    return sorted(result, key=lambda r: (r["score"], r["code"]))


def quality_offenders(area: Area, limit: int = 50) -> list[dict]:
    """The records that pull the score down most, with what each lacks (ranked in the DB)."""
    conditions = _quality_conditions(timezone.now())
    flags = {
        f"fail_{key}": Case(When(q, then=1), default=0, output_field=IntegerField())
        for key, q in conditions.items()
    }
    # `failures` is selected and ordered by its position, so each row computes its flags
    # once. Records that fail nothing sort last: dropping them here rather than in a WHERE
    # (which would compute everything again) gives the same list.
    records = (
        area.enterprises()
        .annotate(**flags)
        .annotate(failures=sum(flags.values(), start=Value(0)))
        .order_by("-failures", "legal_name", "id")
        .values("id", "legal_name", "trade_name", "subdivision_id", "failures", *flags)[:limit]
    )
    offenders = []
    for r in records:
        if not r["failures"]:
            break
        missing = [key for key in conditions if r[f"fail_{key}"]]
        offenders.append(
            {
                "id": r["id"],
                "name": r["trade_name"] or r["legal_name"],
                "subdivision": r["subdivision_id"],
                "missing": missing,
                "missing_labels": [str(QUALITY_CHECKS[key][1]) for key in missing],
            }
        )
    return offenders


def quality_labels() -> dict[str, str]:
    return {key: str(label) for key, (_q, label) in QUALITY_CHECKS.items()}


def pending_submissions(area: Area) -> int:
    from etalase.intake.models import Submission

    submissions = Submission.objects.filter(status__in=["submitted", "accepted", "validated"])
    if area.level == "province":
        submissions = submissions.filter(Q(office_id=area.code) | Q(office__parent_id=area.code))
    elif area.level == "country":
        submissions = submissions.filter(country_id=area.code)
    return submissions.count()
