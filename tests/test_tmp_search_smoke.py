import pytest
from etalase.catalog import search
from tests.factories import make_enterprise, make_product

@pytest.mark.django_db
def test_smoke():
    e = make_enterprise()
    p = make_product(e, name="Biji kakao Sulawesi")
    q = make_product(e, name="Kopi Toraja", hs_code_id="090121", description="kopi")
    r = search.search_products(query="cocoa")
    print(r.total, r.ids, r.facets)
    assert r.ids == [p.pk]
    r = search.search_products(query="kakoa")
    print(r.corrections, r.ids)
    r = search.search_products(query="")
    print(r.total, r.facets)
    r = search.search_products(query="", filters={"subdivision":"ID-SA"})
    print(r.total, r.facets)
    r = search.search_products(query="rumput laut")
    print(r.total, r.suggestions)
