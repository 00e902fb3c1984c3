"""Dashboard figures, each computed by one aggregate query in the database.

No function here loads enterprise rows into Python: they return small lists of
(key, count) that the charts and tables show as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
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

    def as_list(self) -> list:
        return [self.label, self.value]


def headline(area: Area) -> dict[str, float]:
    enterprises = area.enterprises()
    figures = enterprises.aggregate(
        total=Count("id"),
        verified=Count("id", filter=Q(verified_at__isnull=False)),
        public=Count("id", filter=Q(is_published=True, consent__in=PUBLIC_CONSENTS)),
        pending_consent=Count("id", filter=Q(consent=Consent.PENDING)),
        exporting=Count("id", filter=Q(export_status=ExportStatus.EXPORTING)),
    )
    figures["products_published"] = Product.objects.filter(
        area.enterprise_q("enterprise__"), is_published=True
    ).count()
    total = figures["total"] or 0
    figures["verified_share"] = round(100 * figures["verified"] / total, 1) if total else 0.0
    return figures


def by_subdivision(area: Area) -> list[Row]:
    counts = dict(
        area.enterprises().values_list("subdivision_id").annotate(n=Count("id")).order_by()
    )
    names = {s.code: s.display_name for s in Subdivision.objects.filter(code__in=counts)}
    return sorted(
        (Row(code, names.get(code, code), n) for code, n in counts.items()),
        key=lambda r: (-r.value, r.label),
    )


def _choice_rows(counts: dict, choices) -> list[Row]:
    return [Row(str(value), str(label), counts.get(value, 0)) for value, label in choices]


def by_size_class(area: Area) -> list[Row]:
    counts = dict(area.enterprises().values_list("size_class").annotate(n=Count("id")).order_by())
    rows = _choice_rows(counts, SizeClass.choices)
    if counts.get(""):
        rows.append(Row("", _("Unknown"), counts[""]))
    return rows


def by_export_status(area: Area) -> list[Row]:
    counts = dict(
        area.enterprises().values_list("export_status").annotate(n=Count("id")).order_by()
    )
    return _choice_rows(counts, ExportStatus.choices)


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


def by_sector(area: Area, limit: int = 12) -> list[Row]:
    """Enterprises with published products per HS chapter (their sectors)."""
    counts = (
        Product.objects.filter(area.enterprise_q("enterprise__"))
        .annotate(chapter=Substr("hs_code_id", 1, 2))
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
    conditions["products"] = Q(has_product=False)
    return conditions


def _with_product_flag(queryset):
    published = Product.objects.filter(enterprise=OuterRef("pk"), is_published=True)
    return queryset.annotate(has_product=Exists(published))


def data_quality(area: Area) -> list[dict]:
    """Per province: the share of checks passed (0–100) and how many fail each check."""
    conditions = _quality_conditions(timezone.now())
    aggregates = {key: Count("id", filter=q) for key, q in conditions.items()}
    rows = (
        _with_product_flag(area.enterprises())
        .values("subdivision_id")
        .annotate(total=Count("id"), **aggregates)
        .order_by("subdivision_id")
    )
    names = dict(
        Subdivision.objects.values_list("code", "name").filter(
            code__in=[r["subdivision_id"] for r in rows]
        )
    )
    result = []
    for row in rows:
        failures = sum(row[key] for key in conditions)
        checks = row["total"] * len(conditions)
        result.append(
            {
                "code": row["subdivision_id"],
                "label": names.get(row["subdivision_id"], row["subdivision_id"]),
                "total": row["total"],
                "score": round(100 * (1 - failures / checks), 1) if checks else 100.0,
                "failures": {key: row[key] for key in conditions},
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
    records = (
        _with_product_flag(area.enterprises())
        .annotate(**flags)
        .annotate(failures=sum((F(name) for name in flags), start=Value(0)))
        .filter(failures__gt=0)
        .order_by("-failures", "legal_name", "id")
        .values("id", "legal_name", "trade_name", "subdivision_id", *flags)[:limit]
    )
    return [
        {
            "id": r["id"],
            "name": r["trade_name"] or r["legal_name"],
            "subdivision": r["subdivision_id"],
            "missing": [key for key in conditions if r[f"fail_{key}"]],
        }
        for r in records
    ]


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
