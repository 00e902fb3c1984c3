"""Eligibility rules: each dimension alone, empty = no restriction, and their combination;
then the same rules fed from the database (regions, products' HS codes)."""

import pytest

from etalase.catalog.models import HSCode
from etalase.learning import selectors
from etalase.learning.eligibility import (
    COUNTRY,
    EXPORT_STATUS,
    HS_CHAPTER,
    SIZE_CLASS,
    SUBDIVISION,
    Criteria,
    EnterpriseFacts,
    failed_dimensions,
    is_eligible,
)
from tests.factories import make_enterprise, make_product
from tests.learning.helpers import make_programme

COCOA_FARM = EnterpriseFacts.of(
    country="ID", subdivision="ID-SA", subdivision_parents=["ID-SL"],
    hs_codes=["180100"], size_class="micro", export_status="ready",
)
DAVAO_WEAVER = EnterpriseFacts.of(
    country="PH", subdivision="PH-DAV", subdivision_parents=["PH-11"],
    hs_codes=["46"], size_class="small", export_status="exporting",
)


def test_no_criteria_admits_everyone():
    assert Criteria().is_open_to_all
    assert is_eligible(Criteria(), COCOA_FARM)
    assert is_eligible(Criteria(), DAVAO_WEAVER)
    assert is_eligible(Criteria(), EnterpriseFacts.of(country="BN", subdivision="BN-BM"))


@pytest.mark.parametrize(("criteria", "dimension"), [
    (Criteria.of(countries=["ID"]), COUNTRY),
    (Criteria.of(subdivisions=["ID-SA"]), SUBDIVISION),
    (Criteria.of(hs_chapters=["18"]), HS_CHAPTER),
    (Criteria.of(size_classes=["micro"]), SIZE_CLASS),
    (Criteria.of(export_statuses=["ready"]), EXPORT_STATUS),
])
def test_each_dimension_admits_matching_and_refuses_other(criteria, dimension):
    assert failed_dimensions(criteria, COCOA_FARM) == []
    assert failed_dimensions(criteria, DAVAO_WEAVER) == [dimension]


def test_country_lowercase_codes_are_normalised():
    assert is_eligible(Criteria.of(countries=["id"]), COCOA_FARM)


def test_region_includes_its_provinces_ph_and_id():
    # A Philippine region (Davao Region, PH-11) holds Davao del Norte (PH-DAV).
    assert is_eligible(Criteria.of(subdivisions=["PH-11"]), DAVAO_WEAVER)
    assert not is_eligible(Criteria.of(subdivisions=["PH-12"]), DAVAO_WEAVER)
    # …but a province does not include its region (nor siblings).
    region_office = EnterpriseFacts.of(country="PH", subdivision="PH-11")
    assert not is_eligible(Criteria.of(subdivisions=["PH-DAV"]), region_office)
    assert is_eligible(Criteria.of(subdivisions=["ID-SL"]), COCOA_FARM)


def test_hs_chapter_from_any_subheading_or_chapter():
    facts = EnterpriseFacts.of(country="ID", subdivision="ID-SA",
                               hs_codes=["090111", "180100"])
    assert facts.hs_chapters == {"09", "18"}
    assert is_eligible(Criteria.of(hs_chapters=["09"]), facts)
    assert is_eligible(Criteria.of(hs_chapters=["03", "18"]), facts)
    assert not is_eligible(Criteria.of(hs_chapters=["03"]), facts)


def test_enterprise_without_sector_or_size_does_not_pass_those_restrictions():
    unknown = EnterpriseFacts.of(country="ID", subdivision="ID-SA")
    assert failed_dimensions(Criteria.of(hs_chapters=["18"], size_classes=["micro"]),
                             unknown) == [HS_CHAPTER, SIZE_CLASS]


def test_several_values_in_one_dimension_are_alternatives():
    criteria = Criteria.of(size_classes=["micro", "small"])
    assert is_eligible(criteria, COCOA_FARM) and is_eligible(criteria, DAVAO_WEAVER)


def test_dimensions_combine_with_and():
    criteria = Criteria.of(countries=["ID", "PH"], hs_chapters=["18"],
                           export_statuses=["ready", "exporting"])
    assert is_eligible(criteria, COCOA_FARM)
    assert failed_dimensions(criteria, DAVAO_WEAVER) == [HS_CHAPTER]
    everything_wrong = Criteria.of(countries=["MY"], subdivisions=["MY-12"], hs_chapters=["03"],
                                   size_classes=["medium"], export_statuses=["not_yet"])
    assert failed_dimensions(everything_wrong, COCOA_FARM) == [
        COUNTRY, SUBDIVISION, HS_CHAPTER, SIZE_CLASS, EXPORT_STATUS]


def test_country_and_subdivision_must_both_hold():
    # A programme for Sulawesi Utara that also (wrongly) names only Malaysia admits nobody.
    assert not is_eligible(Criteria.of(countries=["MY"], subdivisions=["ID-SA"]), COCOA_FARM)


# --- From the database --------------------------------------------------------------------


@pytest.mark.django_db
def test_facts_of_reads_region_parents_products_and_own_chapters():
    enterprise = make_enterprise("PH-DAV", size_class="small", export_status="exporting")
    make_product(enterprise, hs_code_id="460121")
    enterprise.hs_chapters.add(HSCode.objects.get(code="09"))
    facts = selectors.facts_of(enterprise)
    assert facts.country == "PH" and facts.subdivision == "PH-DAV"
    assert "PH-11" in facts.subdivision_parents
    assert facts.hs_chapters == {"46", "09"}
    assert facts.size_class == "small" and facts.export_status == "exporting"


@pytest.mark.django_db
def test_criteria_of_programme():
    programme = make_programme(countries=["ID"], subdivisions=["ID-SA"], hs_chapters=["18"],
                               size_classes=["micro"], export_statuses=["ready"])
    assert selectors.criteria_of(programme) == Criteria.of(
        countries=["ID"], subdivisions=["ID-SA"], hs_chapters=["18"], size_classes=["micro"],
        export_statuses=["ready"])


@pytest.mark.django_db
def test_eligible_enterprises_agrees_with_the_pure_rules():
    cocoa_sa = make_enterprise("ID-SA", size_class="micro", export_status="ready")
    make_product(cocoa_sa, hs_code_id="180100")
    coffee_sa = make_enterprise("ID-SA", size_class="micro", export_status="ready")
    make_product(coffee_sa, hs_code_id="090111")
    cocoa_chapter_only = make_enterprise("ID-SA", size_class="micro", export_status="ready")
    cocoa_chapter_only.hs_chapters.add(HSCode.objects.get(code="18"))
    cocoa_ki = make_enterprise("ID-KI", size_class="micro", export_status="ready")
    make_product(cocoa_ki, hs_code_id="180100")
    cocoa_small = make_enterprise("ID-SA", size_class="small", export_status="ready")
    make_product(cocoa_small, hs_code_id="180100")
    davao = make_enterprise("PH-DAV", size_class="micro", export_status="ready")
    make_product(davao, hs_code_id="180100")

    programme = make_programme(subdivisions=["ID-SA", "PH-11"], hs_chapters=["18"],
                               size_classes=["micro"])
    found = {e.pk for e in selectors.eligible_enterprises(programme)}
    assert found == {cocoa_sa.pk, cocoa_chapter_only.pk, davao.pk}
    criteria = selectors.criteria_of(programme)
    for enterprise in (cocoa_sa, coffee_sa, cocoa_chapter_only, cocoa_ki, cocoa_small, davao):
        assert (enterprise.pk in found) == is_eligible(criteria, selectors.facts_of(enterprise))


@pytest.mark.django_db
def test_eligible_enterprises_of_an_open_programme_is_everyone():
    enterprises = {make_enterprise("ID-SA").pk, make_enterprise("MY-12").pk}
    found = {e.pk for e in selectors.eligible_enterprises(make_programme())}
    assert enterprises <= found
