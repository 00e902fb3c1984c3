"""The ranking pinned on the fixed data set (tests/matching/conftest.py), through the
database: candidates, the full-text index, the scores, the buyer's decisions, pooling."""

from decimal import Decimal

import pytest
from django.utils import translation

from etalase.matching import selectors, services
from tests.matching.conftest import cocoa_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def ranked(sourcing_request):
    return [(f.enterprise_id, f.score) for f in selectors.rank_fits(sourcing_request)]


def test_cocoa_request_ranks_the_fixed_data_set_in_the_pinned_order(world):
    r = cocoa_request(world)
    assert ranked(r) == [(world.a.pk, 109), (world.d.pk, 96), (world.c.pk, 94),
                         (world.b.pk, 90), (world.e.pk, 31)]


def test_every_match_says_why(world):
    fits = {f.enterprise_id: f for f in selectors.rank_fits(cocoa_request(world))}
    valid = world.valid_until.strftime("%Y-%m")
    assert fits[world.a.pk].summary == (
        f"HS 1801.00 exact; text: cocoa beans ≈ biji kakao; halal valid to {valid}; "
        "capacity 25 t/month ≥ 20 t; in preferred province ID-SA; verified by ID-SA office; "
        "exporting to CN")
    assert "verified by Dinas Koperasi Sulawesi Selatan" in fits[world.d.pk].summary
    assert "HS 1803.10, same chapter 18" in fits[world.e.pk].summary
    assert "no halal certificate" in fits[world.e.pk].summary


def test_expired_certification_ranks_lower_and_says_so(world):
    fits = selectors.rank_fits(cocoa_request(world))
    order = [f.enterprise_id for f in fits]
    c = next(f for f in fits if f.enterprise_id == world.c.pk)
    # C would tie A (same HS, text, capacity, province, verification, export) but for
    # its expired halal certificate.
    assert order.index(world.c.pk) > order.index(world.a.pk)
    assert order.index(world.c.pk) > order.index(world.d.pk)
    assert f"halal expired {world.expired_on.strftime('%Y-%m')}" in c.summary


def test_insufficient_capacity_is_explained(world):
    fits = {f.enterprise_id: f for f in selectors.rank_fits(cocoa_request(world))}
    assert "capacity 8 t/month < 20 t needed (40%)" in fits[world.b.pk].summary
    assert "capacity 15 t/month < 20 t needed (75%)" in fits[world.d.pk].summary


def test_a_word_found_only_in_a_description_counts_half(world):
    """Descriptions are read only for products whose names miss a word of the request:
    B's "Mongondow" is in its description alone, and still counts (half)."""
    r = cocoa_request(world, title="kakao mongondow")
    fits = {f.enterprise_id: f for f in selectors.rank_fits(r)}
    text = {pk: next((x for x in f.reasons if x.kind == "text"), None)
            for pk, f in fits.items()}
    assert text[world.b.pk].points == 19  # (1 + ½) / 2 of 25
    assert text[world.b.pk].text == "text: kakao, mongondow"
    assert text[world.a.pk].points == 12  # "kakao" in the name only: 1 / 2 of 25, rounded
def test_cross_language_cocoa_beans_finds_biji_kakao_fermentasi(world):
    """No HS code: the full-text index and the synonyms alone find the Indonesian names."""
    r = cocoa_request(world, title="cocoa beans", hs_codes=[])
    fits = {f.enterprise_id: f for f in selectors.rank_fits(r)}
    assert world.a.pk in fits
    assert world.a_product.name == "Biji kakao fermentasi"
    assert "text: cocoa beans ≈ biji kakao" in fits[world.a.pk].summary
    assert world.f.pk not in fits and world.e.pk not in fits  # coffee; cacao nibs (no beans)
    # And the other way: Indonesian words find the English name.
    back = {f.enterprise_id for f in selectors.rank_fits(
        cocoa_request(world, title="biji kakao", hs_codes=[]))}
    assert world.d.pk in back  # "Cocoa beans (fermented)"


def test_coffee_seaweed_and_rattan_requests(world):
    coffee = cocoa_request(world, title="green arabica coffee", hs_codes=["0901"],
                           unit="kg", quantity_per_month=Decimal(3000),
                           required_certifications=[], preferred_subdivisions=[])
    assert [e for e, _s in ranked(coffee)] == [world.f.pk]
    seaweed = cocoa_request(world, title="dried seaweed", hs_codes=["121221"],
                            quantity_per_month=Decimal(30), required_certifications=[],
                            preferred_subdivisions=[], preferred_countries=["PH"])
    order = ranked(seaweed)
    assert [e for e, _s in order] == [world.g.pk, world.h.pk]
    fits = {f.enterprise_id: f for f in selectors.rank_fits(seaweed)}
    assert "rumput laut" in fits[world.h.pk].summary  # seaweed ≈ rumput laut
    rattan = cocoa_request(world, title="rattan baskets", hs_codes=["4602"], unit="pc",
                           quantity_per_month=Decimal(500), required_certifications=[],
                           preferred_subdivisions=[])
    order = [e for e, _s in ranked(rattan)]
    assert order[0] == world.i.pk  # heading match + "rotan" + "anyaman" in its text
    # J is filed under chapter 94: with HS codes given, candidates come from their chapters.
    assert world.j.pk not in order


def test_rattan_text_only_request_finds_both_languages(world):
    r = cocoa_request(world, title="rattan", hs_codes=[], unit="pc",
                      quantity_per_month=None, required_certifications=[],
                      preferred_subdivisions=[])
    assert {e for e, _s in ranked(r)} == {world.i.pk, world.j.pk}  # rotan / rattan


def test_size_classes_filter_the_candidates(world):
    r = cocoa_request(world, size_classes=["small"])
    assert [e for e, _s in ranked(r)] == [world.c.pk]


def test_unpublished_products_and_enterprises_never_match(world):
    world.a_product.is_published = False
    world.a_product.save()
    world.d.is_published = False
    world.d.save()
    order = [e for e, _s in ranked(cocoa_request(world))]
    assert world.a.pk not in order and world.d.pk not in order


def test_buyer_excludes_and_pins_and_the_list_follows(world):
    r = cocoa_request(world)
    services.match_decide(actor=world.buyer, sourcing_request=r, enterprise=world.a,
                          excluded=True)
    services.match_decide(actor=world.buyer, sourcing_request=r, enterprise=world.b, pin=1)
    result = selectors.matches_for_request(r)
    assert [row.enterprise.pk for row in result.shown] == [world.b.pk, world.d.pk, world.c.pk,
                                                          world.e.pk]
    assert [row.enterprise.pk for row in result.excluded] == [world.a.pk]
    assert result.shown[0].pin == 1
    services.match_decide(actor=world.buyer, sourcing_request=r, enterprise=world.a,
                          excluded=False)
    services.match_decide(actor=world.buyer, sourcing_request=r, enterprise=world.b,
                          clear_pin=True)
    assert [row.enterprise.pk for row in selectors.matches_for_request(r).shown][:2] == [
        world.a.pk, world.d.pk]


def test_pooling_is_proposed_when_nobody_reaches_the_quantity(world):
    r = cocoa_request(world, quantity_per_month=Decimal(40))
    result = selectors.matches_for_request(r)
    assert result.pool is not None
    # Two members suffice (30 + 25 t); both in ID-SA, the best scores there: A then C.
    assert [m.enterprise_id for m in result.pool.members] == [world.a.pk, world.c.pk]
    assert result.pool.scope == "subdivision"
    assert result.pool.total == Decimal(55)
    # E (chapter 18, cacao nibs) is never pooled for cocoa beans.
    assert world.e.pk not in [m.enterprise_id for m in result.pool.members]


def test_no_pool_when_one_supplier_is_enough(world):
    assert selectors.matches_for_request(cocoa_request(world)).pool is None


def test_the_msme_sees_the_requests_it_fits_ranked_the_same_way(world):
    cocoa = cocoa_request(world)
    services.sourcing_request_set_status(actor=world.buyer, sourcing_request=cocoa,
                                         status="open")
    coffee = cocoa_request(world, title="kopi arabika", hs_codes=["090111"], unit="kg",
                           quantity_per_month=Decimal(1000), required_certifications=[])
    services.sourcing_request_set_status(actor=world.buyer, sourcing_request=coffee,
                                         status="open")
    fits = selectors.requests_for_enterprise(world.a)
    assert [item.request.pk for item in fits] == [cocoa.pk]
    assert fits[0].fit.score == 109  # the same score the buyer sees
    assert [item.request.pk for item in selectors.requests_for_enterprise(world.f)] == [
        coffee.pk]


def test_the_msme_list_breaks_ties_newest_first_and_explains_the_shown(world):
    import datetime as dt

    from django.utils import timezone

    from etalase.matching.models import SourcingRequest

    now = timezone.now()
    made = []
    for days, title in ((3, "cocoa beans"), (1, "cocoa beans"), (2, "biji kakao"),
                        (5, "cocoa beans, 5 t")):
        r = cocoa_request(world, title=title,
                          quantity_per_month=Decimal(5 if "5 t" in title else 20))
        services.sourcing_request_set_status(actor=world.buyer, sourcing_request=r,
                                             status="open")
        SourcingRequest.objects.filter(pk=r.pk).update(
            published_at=now - dt.timedelta(days=days))
        made.append(r.pk)
    fits = selectors.requests_for_enterprise(world.b)  # 8 t/month: 5 t fits best
    # 5 t: capacity covered (10 points); the 20 t ones tie at 90 (2 points), newest first.
    assert [item.request.pk for item in fits] == [made[3], made[1], made[2], made[0]]
    assert [item.fit.score for item in fits] == [98, 90, 90, 90]
    assert fits[1].fit.reasons and fits[1].fit.product_id == world.b_product.pk
    shown = selectors.requests_for_enterprise(world.b, limit=2)
    assert [(i.request.pk, i.fit.summary) for i in shown] == [
        (i.request.pk, i.fit.summary) for i in fits[:2]]

def test_drafts_held_and_unverified_buyers_reach_no_msme(world):
    r = cocoa_request(world)
    assert selectors.requests_for_enterprise(world.a) == []  # a draft
    services.sourcing_request_set_status(actor=world.buyer, sourcing_request=r, status="open")
    assert len(selectors.requests_for_enterprise(world.a)) == 1
    world.buyer_org.verified_at = None
    world.buyer_org.save()
    assert selectors.requests_for_enterprise(world.a) == []
