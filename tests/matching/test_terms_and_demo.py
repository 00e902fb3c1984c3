"""The title's words expanded by the gallery's synonyms; the demo requests."""

import random

import pytest

from etalase.matching import demo, selectors, terms
from etalase.matching.models import SourcingRequest

pytestmark = pytest.mark.django_db


def texts(title):
    return [part["text"] for part in terms.expand(title)]


def test_titles_are_expanded_across_languages_and_fillers_dropped():
    parts = terms.expand("Fermented cocoa beans, 20 t/month")
    assert [p["text"] for p in parts] == ["fermented", "cocoa beans"]
    phrases = str(parts[1]["node"])
    assert "biji kakao" in phrases and "butil ng kakaw" in phrases
    assert texts("rumput laut kering") == ["rumput laut", "kering"]
    assert texts("20 t/month") == []  # nothing names goods


@pytest.mark.parametrize("title", ["", "   ", "<script>", "x" * 10_000, "ñ" * 300, "\x00"])
def test_hostile_titles_expand_to_something_bounded(title):
    parts = terms.expand(title)
    assert len(parts) <= 10
    node = terms.any_part_node(parts)
    assert node is None or terms.from_json(terms.to_json(node)) == node


def test_demo_requests_are_created_once_and_find_suppliers(world):
    from etalase.accounts.models import Organisation

    for name in ("Lion City Provisions Pte. Ltd.", "Kansai Specialty Imports K.K.",
                 "Borneo Fine Foods Sdn. Bhd.", "Davao Premium Exports Inc."):
        Organisation.objects.create(name=name, kind="buyer")
    made = demo.seed(random.Random(1))
    assert made == 5
    assert demo.seed(random.Random(1)) == 0
    cocoa = SourcingRequest.objects.get(title__startswith="Fermented cocoa beans")
    assert cocoa.status == "open" and cocoa.required_certifications == ["halal"]
    assert cocoa.quantity_per_month == 20 and cocoa.unit == "t"
    fits = selectors.rank_fits(selectors.with_hs(SourcingRequest.objects).get(pk=cocoa.pk))
    assert fits[0].enterprise_id == world.a.pk
