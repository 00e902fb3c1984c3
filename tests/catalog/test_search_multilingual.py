"""Each good of products-multilingual.csv is found by its name in each of the four languages.

A product's own text is in one language only (rotating over the four), so most of these
searches cross a language: the index holds the HS names in every language and the query
is expanded with the synonym list.
"""

from __future__ import annotations

import pytest

from etalase.catalog.hs_loader import NAME_COLUMNS, multilingual_goods
from etalase.catalog.models import HSCode
from tests.catalog.test_gallery_support import find, ids
from tests.factories import make_enterprise, make_product

pytestmark = pytest.mark.django_db

LANGUAGES = list(NAME_COLUMNS.items())  # [("english", "en"), ("indonesian", "id"), …]
GOODS = multilingual_goods()


def _subheading(code: str) -> str:
    """A 6-digit code for the good (the CSV lists batik at heading level, 5208)."""
    if len(code) == 6:
        return code
    return HSCode.objects.filter(code__startswith=code, level=6).order_by("code").first().code


@pytest.fixture
def catalogue():
    enterprise = make_enterprise("ID-SA")
    products = {}
    for i, row in enumerate(GOODS):
        column, language = LANGUAGES[i % 4]
        products[row["hs_code"]] = make_product(
            enterprise, name=row[column], description="", language=language,
            hs_code_id=_subheading(row["hs_code"]),
        )
    # Noise: products of other goods that must not crowd out the right one.
    for n in range(5):
        make_product(enterprise, name=f"Kerajinan tangan {n}", description="souvenir",
                     hs_code_id="442199")
    return products


def test_the_reference_list_has_at_least_25_goods():
    assert len(GOODS) >= 25


@pytest.mark.parametrize(("column", "language"), LANGUAGES)
def test_every_good_is_found_by_its_name_in_each_language(catalogue, column, language):
    missing = []
    for row in GOODS:
        wanted = catalogue[row["hs_code"]].pk
        result = find(row[column], language=language)
        if wanted not in ids(result):
            missing.append(f"{row[column]!r} ({row['hs_code']})")
    assert not missing, f"not found in {language}: {missing}"


@pytest.mark.parametrize(("column", "language"), LANGUAGES)
def test_the_good_is_the_best_match_for_its_own_name(catalogue, column, language):
    """Found is not enough: the product of that good comes first (or ties with a sibling)."""
    wrong = []
    for row in GOODS:
        wanted = catalogue[row["hs_code"]].pk
        top = ids(find(row[column], language=language, per_page=3))
        if wanted not in top:
            wrong.append(f"{row[column]!r} -> {top}")
    assert not wrong, wrong
