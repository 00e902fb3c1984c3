"""The pure score: weights, reasons, units, certifications by date, the buyer's re-ranking."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from etalase.matching.scoring import (
    MAX_SCORE,
    WEIGHTS,
    CertHeld,
    Fit,
    RequestProfile,
    SupplierProduct,
    TermPart,
    apply_decisions,
    best_per_enterprise,
    convert,
    node_matches,
    padded,
    score,
)

TODAY = dt.date(2026, 3, 1)
COCOA = TermPart("cocoa beans", {"any": [{"p": "cocoa beans"}, {"p": "biji kakao"}]})


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def product(**fields) -> SupplierProduct:
    defaults = dict(product_id=1, enterprise_id=1, hs_code="180100",
                    name_text=padded(["biji", "kakao", "fermentasi"]), body_text=padded([]),
                    monthly_capacity=Decimal(25000), unit="kg", country="ID",
                    subdivision="ID-SA", verified=True, export_status="exporting",
                    export_markets=("CN",),
                    certifications=(CertHeld("halal", None, dt.date(2027, 3, 31)),))
    defaults.update(fields)
    return SupplierProduct(**defaults)


def request(**fields) -> RequestProfile:
    defaults = dict(hs_codes=("180100",), terms=(COCOA,), required_certifications=("halal",),
                    quantity_per_month=Decimal(20), unit="t",
                    preferred_subdivisions=frozenset({"ID-SA"}))
    defaults.update(fields)
    return RequestProfile(**defaults)


def test_the_issue_example_reads_as_the_issue_writes_it():
    fit = score(request(), product(), today=TODAY)
    assert fit.score == MAX_SCORE == 109
    assert fit.summary == ("HS 1801.00 exact; text: cocoa beans ≈ biji kakao; "
                           "halal valid to 2027-03; capacity 25 t/month ≥ 20 t; "
                           "in preferred province ID-SA; verified by ID-SA office; "
                           "exporting to CN")


@pytest.mark.parametrize(("code", "points", "text"), [
    ("180100", WEIGHTS["hs_exact"], "HS 1801.00 exact"),
    ("180190", WEIGHTS["hs_heading"], "HS 1801.90, same heading 1801"),
    ("180310", WEIGHTS["hs_chapter"], "HS 1803.10, same chapter 18"),
    ("090111", 0, None),
])
def test_hs_exact_beats_heading_beats_chapter(code, points, text):
    fit = score(request(terms=(), required_certifications=(), quantity_per_month=None,
                        preferred_subdivisions=frozenset()),
                product(hs_code=code, verified=False, export_status="not_yet"), today=TODAY)
    assert fit.score == points
    assert fit.relevant is bool(points)
    hs = [r.text for r in fit.reasons if r.kind == "hs"]
    assert hs == ([text] if text else [])


def test_a_picked_heading_matches_its_subheadings():
    fit = score(request(hs_codes=("1801",)), product(hs_code="180100"), today=TODAY)
    assert fit.hs_level == 4
    assert fit.reasons[0].text == "HS 1801.00 in heading 1801"


def test_text_in_the_name_counts_full_in_the_description_half():
    in_name = score(request(hs_codes=()), product(), today=TODAY)
    in_body = score(request(hs_codes=()), product(
        name_text=padded(["produk"]), body_text=padded(["biji", "kakao"])), today=TODAY)
    nowhere = score(request(hs_codes=()), product(name_text=padded(["kopi"])), today=TODAY)
    assert in_name.relevant and in_body.relevant and not nowhere.relevant
    assert in_name.score - in_body.score == round(WEIGHTS["text"] / 2) + 1  # 25 vs 12.5 -> 12


def test_expired_certificate_scores_nothing_and_says_so():
    expired = product(certifications=(CertHeld("halal", dt.date(2021, 1, 1),
                                               dt.date(2025, 1, 31)),))
    good = score(request(), product(), today=TODAY)
    bad = score(request(), expired, today=TODAY)
    assert good.score - bad.score == WEIGHTS["certifications"]
    texts = [r.text for r in bad.reasons if r.kind == "certification"]
    assert texts == ["halal expired 2025-01"]
    assert not next(r for r in bad.reasons if r.kind == "certification").good


def test_certificate_not_yet_valid_and_missing_are_told_apart():
    future = product(certifications=(CertHeld("halal", dt.date(2026, 6, 1), None),))
    none = product(certifications=())
    assert [r.text for r in score(request(), future, today=TODAY).reasons
            if r.kind == "certification"] == ["halal not yet valid"]
    assert [r.text for r in score(request(), none, today=TODAY).reasons
            if r.kind == "certification"] == ["no halal certificate"]


def test_partial_certifications_give_a_share():
    both = request(required_certifications=("halal", "organic"))
    fit = score(both, product(), today=TODAY)
    full = score(both, product(certifications=(
        CertHeld("halal", None, None), CertHeld("organic", None, None))), today=TODAY)
    assert full.score - fit.score == WEIGHTS["certifications"] - round(
        WEIGHTS["certifications"] / 2)


def test_insufficient_capacity_is_explained_with_the_share():
    fit = score(request(), product(monthly_capacity=Decimal(8), unit="t"), today=TODAY)
    reason = next(r for r in fit.reasons if r.kind == "capacity")
    assert reason.text == "capacity 8 t/month < 20 t needed (40%)"
    assert not reason.good
    assert reason.points == 2
    assert fit.capacity_base == Decimal(8)


def test_capacity_units_convert_and_refuse_what_cannot_compare():
    assert convert(Decimal(25000), "kg", "t") == Decimal(25)
    assert convert(Decimal(2), "t", "kg") == Decimal(2000)
    assert convert(Decimal(5), "pc", "kg") is None
    fit = score(request(), product(unit="pc", monthly_capacity=Decimal(100)), today=TODAY)
    assert [r.text for r in fit.reasons if r.kind == "capacity"] == [
        "capacity in pc, not comparable with t"]
    unknown = score(request(), product(monthly_capacity=None), today=TODAY)
    assert [r.text for r in unknown.reasons if r.kind == "capacity"] == [
        "monthly capacity not stated"]


def test_region_province_beats_country_and_regions_cover_their_provinces():
    in_province = score(request(), product(), today=TODAY)
    in_country = score(request(), product(subdivision="ID-SN"), today=TODAY)
    abroad = score(request(), product(country="PH", subdivision="PH-DAS"), today=TODAY)
    assert in_province.score - in_country.score == (WEIGHTS["region_subdivision"]
                                                    - WEIGHTS["region_country"])
    assert in_country.score - abroad.score == WEIGHTS["region_country"]
    # A Philippine region preferred: its provinces count as preferred.
    region = score(request(preferred_subdivisions=frozenset({"PH-11"})),
                   product(country="PH", subdivision="PH-DAS", subdivision_parent="PH-11"),
                   today=TODAY)
    assert "in preferred province PH-DAS" in region.summary


def test_verification_and_export_experience():
    plain = score(request(), product(verified=False, export_status="not_yet"), today=TODAY)
    ready = score(request(), product(verified=False, export_status="ready"), today=TODAY)
    verified = score(request(), product(verified=True, verified_office="DTI Davao",
                                        export_status="not_yet"), today=TODAY)
    assert ready.score - plain.score == WEIGHTS["export_ready"]
    assert verified.score - plain.score == WEIGHTS["verified"]
    assert "verified by DTI Davao" in verified.summary


def test_reasons_are_translated_when_read():
    fit = score(request(), product(), today=TODAY)
    with translation.override("id"):
        text = fit.reasons[0].text
    assert "1801.00" in text  # rendered (in whatever the catalogue says) without error


def test_hostile_terms_do_not_break_the_matcher():
    weird = TermPart("x", {"unknown": 1})
    assert not node_matches({"unknown": 1}, " a ")
    fit = score(request(terms=(weird,)), product(), today=TODAY)
    assert fit.score < MAX_SCORE


def _fit(enterprise_id, points, product_id=None):
    return Fit(product_id=product_id or enterprise_id * 10, enterprise_id=enterprise_id,
               score=points, relevant=True)


def test_best_per_enterprise_keeps_one_product_and_breaks_ties_on_ids():
    fits = [_fit(2, 50, 21), _fit(2, 70, 22), _fit(1, 70, 11), _fit(3, 10, 31),
            Fit(product_id=41, enterprise_id=4, score=99, relevant=False)]
    ranked = best_per_enterprise(fits)
    assert [(f.enterprise_id, f.product_id) for f in ranked] == [(1, 11), (2, 22), (3, 31)]


def test_apply_decisions_excludes_and_pins():
    ranked = [_fit(1, 90), _fit(2, 80), _fit(3, 70), _fit(4, 60)]
    shown, gone = apply_decisions(ranked, excluded={2}, pins={4: 1})
    assert [f.enterprise_id for f in shown] == [4, 1, 3]
    assert [f.enterprise_id for f in gone] == [2]
    shown, _gone = apply_decisions(ranked, excluded=set(), pins={1: 3})
    assert [f.enterprise_id for f in shown] == [2, 3, 1, 4]
    # A pin past the end puts it last; two pins on one place keep the better score first.
    shown, _gone = apply_decisions(ranked, excluded=set(), pins={1: 40, 3: 2, 4: 2})
    assert [f.enterprise_id for f in shown] == [2, 3, 4, 1]


def test_scoring_without_reasons_gives_the_same_points_and_rank_explains_the_best():
    from etalase.matching.scoring import rank

    variants = [product(), product(product_id=2, monthly_capacity=Decimal(8), unit="t"),
                product(product_id=3, enterprise_id=2, certifications=()),
                product(product_id=4, enterprise_id=2, hs_code="180310", verified=False),
                product(product_id=5, enterprise_id=3, unit="pc")]
    for item in variants:
        quick = score(request(), item, today=TODAY, explain=False)
        full = score(request(), item, today=TODAY)
        assert quick.score == full.score and quick.reasons == [] and full.reasons
    ranked = rank(request(), variants, today=TODAY)
    # 109; 99 (pieces: capacity not comparable); 94 (no halal)
    assert [(f.enterprise_id, f.product_id) for f in ranked] == [(1, 1), (3, 5), (2, 3)]
    assert all(f.reasons for f in ranked)
    # The reasons, made when read, are those of `score` (in order, indexable, comparable).
    by_id = {p.product_id: p for p in variants}
    for fit in ranked:
        full = score(request(), by_id[fit.product_id], today=TODAY)
        assert fit.reasons == full.reasons and fit.summary == full.summary
        assert fit.reasons[-1] == full.reasons[-1] and len(fit.reasons) == len(full.reasons)


def test_products_scorer_agrees_with_score_on_every_request():
    """The MSME side's memoised scorer picks the same product with the same points as
    `score` + `best_per_enterprise`, however the requests repeat or differ."""
    from etalase.matching.scoring import ProductsScorer

    items = [product(), product(product_id=2, monthly_capacity=Decimal(8), unit="t",
                                name_text=padded(["cocoa", "beans"])),
             product(product_id=3, hs_code="180310", certifications=(), verified=False),
             product(product_id=4, hs_code="090111", name_text=padded(["kopi"]),
                     body_text=padded(["biji", "kakao"]), unit="pc", monthly_capacity=None),
             product(product_id=5, subdivision="ID-SN", export_status="ready",
                     certifications=(CertHeld("halal", None, dt.date(2025, 1, 1)),))]
    requests = [request(), request(hs_codes=("1801",)), request(hs_codes=("18",)),
                request(hs_codes=("09",), terms=()), request(hs_codes=(), unit="kg"),
                request(quantity_per_month=Decimal(9000), unit="kg",
                        preferred_subdivisions=frozenset(),
                        preferred_countries=frozenset({"ID"})),
                request(required_certifications=("halal", "organic")),
                request(hs_codes=("440110",), terms=()),
                request(terms=(TermPart("kopi", {"p": "kopi"}),), hs_codes=())]
    scorer = ProductsScorer(reversed(items), today=TODAY)
    found = []
    for n, profile in enumerate(requests * 2):  # the second round reads the memo
        expected = best_per_enterprise(score(profile, p, today=TODAY, explain=False)
                                       for p in items)
        got = scorer.best(profile, terms_key=str(n % len(requests)))
        want = (expected[0].score, expected[0].product_id) if expected else None
        assert ((got[0], got[1].product_id) if got else None) == want
        found.append(got is not None)
    assert True in found and False in found  # both cases were met
