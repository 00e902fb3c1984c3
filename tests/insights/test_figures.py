"""The figures of a whole dashboard, as the page builds them (one shared summary query),
equal counts made here in Python from the records themselves, for every scope."""

import datetime as dt

import pytest
from django.utils import timezone

from etalase.catalog.models import Product
from etalase.enterprises.models import PUBLIC_CONSENTS, Certification, Enterprise
from etalase.insights import dashboard, selectors
from etalase.insights.scope import Area, resolve_area
from tests.factories import (
    focal_point_of,
    make_certification,
    make_enterprise,
    make_product,
    officer_of,
    secretariat,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def registry():
    """Enterprises in two Indonesian provinces (one inside ID-SL's region) and in Sabah, with
    every kind of gap the quality checks look for, and one record that passes them all."""
    good = make_enterprise(
        "ID-SA", size_class="small", export_status="exporting", verified_at=timezone.now()
    )
    make_product(good, hs_code_id="180100")
    make_product(good, hs_code_id="180100")
    make_product(good, hs_code_id="090111")
    no_contact = make_enterprise("ID-SA", size_class="micro", phone="", email="", whatsapp="")
    make_product(no_contact, hs_code_id="090111", is_published=False)
    unknown_size = make_enterprise("ID-GO", size_class="", export_status="ready")
    make_product(unknown_size, hs_code_id="030617")
    pending = make_enterprise("ID-KI", size_class="medium", consent="pending", phone="")
    hidden = make_enterprise("ID-KI", size_class="micro", is_published=False)
    make_product(hidden, hs_code_id="180100")
    sabah = make_enterprise("MY-12", size_class="large", export_status="exporting")
    make_product(sabah, hs_code_id="121221")
    stale = make_enterprise("MY-12", size_class="small", verified_at=timezone.now())
    Enterprise.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=selectors.STALE_AFTER_DAYS + 1)
    )
    make_certification(good, kind="halal", valid_until=TODAY + dt.timedelta(days=30))
    make_certification(good, kind="organic", valid_from=TODAY + dt.timedelta(days=1))  # not yet
    make_certification(pending, kind="halal")
    make_certification(sabah, kind="halal", valid_until=TODAY - dt.timedelta(days=1))  # expired
    return {"good": good, "no_contact": no_contact, "pending": pending}


def _in_area(area: Area) -> list[Enterprise]:
    records = Enterprise.objects.select_related("subdivision")
    if area.level == "country":
        return [e for e in records if e.country_id == area.code]
    if area.level == "province":
        return [e for e in records if area.code in (e.subdivision_id, e.subdivision.parent_id)]
    return list(records)


def _failures(e: Enterprise, now) -> dict[str, bool]:
    return {
        "contact": not (e.phone or e.email or e.whatsapp),
        "size": not e.size_class,
        "verified": e.verified_at is None,
        "consent": e.consent == "pending",
        "stale": e.updated_at < now - dt.timedelta(days=selectors.STALE_AFTER_DAYS),
        "products": not any(p.is_published for p in e.products.all()),
    }


def _count(items) -> dict:
    counts: dict = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def _expected(area: Area) -> dict:
    now = timezone.now()
    records = _in_area(area)
    products = [p for p in Product.objects.all() if p.enterprise_id in {e.pk for e in records}]
    valid = [
        c
        for c in Certification.objects.filter(enterprise__in=records)
        if (c.valid_from is None or c.valid_from <= TODAY)
        and (c.valid_until is None or c.valid_until >= TODAY)
    ]
    quality = {}
    for code in {e.subdivision_id for e in records}:
        inside = [e for e in records if e.subdivision_id == code]
        fails = [_failures(e, now) for e in inside]
        quality[code] = {key: sum(f[key] for f in fails) for key in fails[0]}
    return {
        "headline": {
            "total": len(records),
            "verified": sum(e.verified_at is not None for e in records),
            "public": sum(e.is_published and e.consent in PUBLIC_CONSENTS for e in records),
            "pending_consent": sum(e.consent == "pending" for e in records),
            "exporting": sum(e.export_status == "exporting" for e in records),
            "products_published": sum(p.is_published for p in products),
            # What the gallery shows: published, of an enterprise shown publicly.
            "products_public": sum(
                p.is_published and p.enterprise.is_published
                and p.enterprise.consent in PUBLIC_CONSENTS
                for p in products
            ),
        },
        "subdivisions": _count(e.subdivision_id for e in records),
        "size": {
            "micro": 0,
            "small": 0,
            "medium": 0,
            "large": 0,
            **_count(e.size_class for e in records),
        },
        "export": {"not_yet": 0, "ready": 0, "exporting": 0}
        | _count(e.export_status for e in records),
        "sectors": _count(
            chapter for _e, chapter in {(p.enterprise_id, p.hs_code_id[:2]) for p in products}
        ),
        "certifications": _count(kind for _e, kind in {(c.enterprise_id, c.kind) for c in valid}),
        "quality": quality,
    }


def _shown(area: Area) -> dict:
    built = dashboard.build(area)
    sections = {s.key: s for s in built["sections"]}
    headline = {k: v for k, v in built["headline"].items() if k != "verified_share"}
    shown = {
        "headline": headline,
        "quality": {q["code"]: q["failures"] for q in sections["quality"].extra["detail"]},
    }
    for key in ("subdivisions", "size", "export", "sectors", "certifications"):
        if key in sections:
            shown[key] = {row.key: row.value for row in sections[key].rows}
    return shown


@pytest.mark.parametrize(
    "make_user, code",
    [
        (secretariat, None),
        (secretariat, "MY"),
        (lambda: focal_point_of("ID"), None),
        (lambda: officer_of("ID-SL"), None),  # a region: ID-GO is inside it, ID-SA too
        (lambda: officer_of("ID-SA"), None),
    ],
)
def test_every_figure_equals_an_independent_count(registry, make_user, code):
    area = resolve_area(make_user(), code)
    expected, shown = _expected(area), _shown(area)
    if area.level == "province":
        expected.pop("subdivisions")  # a province's page has no province chart
    assert shown == expected
    assert expected["headline"]["total"] > 0


def test_a_regional_officer_sees_the_provinces_inside_its_region(registry):
    area = resolve_area(officer_of("ID-SL"), None)
    assert set(_shown(area)["quality"]) == {"ID-SA", "ID-GO"}


def test_offenders_rank_by_failures_and_leave_out_complete_records(registry):
    area = resolve_area(secretariat(), None)
    offenders = selectors.quality_offenders(area)
    now = timezone.now()
    failing = {e.pk: _failures(e, now) for e in _in_area(area)}
    assert [o["id"] for o in offenders] == sorted(
        (pk for pk, f in failing.items() if any(f.values())),
        key=lambda pk: (
            -sum(failing[pk].values()),
            Enterprise.objects.get(pk=pk).legal_name,
            pk,
        ),
    )
    assert registry["good"].pk not in {o["id"] for o in offenders}
    for o in offenders:
        assert o["missing"] == [key for key, failed in failing[o["id"]].items() if failed]
    assert selectors.quality_offenders(area, limit=2) == offenders[:2]
