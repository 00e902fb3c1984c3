"""The gallery by second-level area (issue 13): the index knows each product's area, the search
filters by it (words or none, both index paths), follows an enterprise's change of area, and
the province page lists its areas with their public products and enterprises."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from etalase.catalog import search
from etalase.enterprises.models import Consent, Enterprise
from etalase.regions.models import Area
from tests.catalog.test_gallery_support import fast_passwords, find, ids, site_urls  # noqa: F401
from tests.factories import make_enterprise, make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_urls", "fast_passwords")]

OTHER_HS = "210690"
# Areas as regions/0004_load_areas loads them (Kemendagri codes; DOSM districts).
MINAHASA, MANADO, KUTAI, KOTA_KINABALU = "ID-71.02", "ID-71.71", "ID-64.02", "MY-12-kota-kinabalu"


def _place(code: str) -> dict:
    """The enterprise fields of an area: its country, province and the area."""
    area = Area.objects.get(code=code)
    return {"subdivision": area.subdivision_id, "area_id": area.code}


@pytest.fixture
def placed():
    """Cocoa in Minahasa (3 products, one enterprise with 2), Manado (1), Kutai (1), Kota
    Kinabalu (1), one without an area, and products that are not public."""
    def enterprise(code: str | None, **fields) -> Enterprise:
        where = _place(code) if code else {"subdivision": "ID-SA"}
        return make_enterprise(where.pop("subdivision"), **where, **fields)

    minahasa = [enterprise(MINAHASA), enterprise(MINAHASA)]
    made = {
        MINAHASA: [make_product(minahasa[0], name="Biji kakao fermentasi"),
                   make_product(minahasa[0], name="Kakao bubuk"),
                   make_product(minahasa[1], name="Pala kering", description="",
                                hs_code_id="090811")],
        MANADO: [make_product(enterprise(MANADO), name="Biji kakao Manado")],
        KUTAI: [make_product(enterprise(KUTAI), name="Biji kakao Kutai")],
        KOTA_KINABALU: [make_product(enterprise(KOTA_KINABALU), name="Koko serbuk")],
        None: [make_product(enterprise(None, regency="Kecamatan Wori", area_id=None),
                            name="Kakao tanpa daerah")],
    }
    # Not public: never counted nor found.
    make_product(minahasa[0], name="Kakao rahasia", is_published=False)
    make_product(enterprise(MINAHASA, consent=Consent.PENDING), name="Kakao tanpa izin")
    return made


def _pks(products) -> list[int]:
    return sorted(p.pk for p in products)


@pytest.mark.parametrize("query", ["", "kakao"])
def test_the_area_filter_keeps_the_products_of_that_area_only(placed, query):
    # Browsing reads the facet table; words go through the FTS tags (SQLite).
    expected = placed[MINAHASA] if not query else placed[MINAHASA][:2]  # not the nutmeg
    found = find(query, filters={"area": MINAHASA})
    assert sorted(ids(found)) == _pks(expected)
    assert found.total == len(expected)


def test_the_area_goes_with_the_other_filters(placed):
    assert find("", filters={"area": MINAHASA, "hs_chapter": "09"}).total == 1
    assert find("kakao", filters={"area": MINAHASA, "subdivision": "ID-SA"}).total == 2
    assert find("kakao", filters={"area": MINAHASA, "subdivision": "ID-KI"}).total == 0
    assert ids(find("", filters={"area": KUTAI, "country": "ID"})) == _pks(placed[KUTAI])


@pytest.mark.parametrize("typed", ["id-71.02", "ID-71.02", " ID-71.02 "])
def test_an_area_code_is_read_whatever_its_case(placed, typed):
    assert find("", filters={"area": typed}).total == 3
    assert find("kakao", filters={"area": typed}).total == 2


def test_a_malaysian_district_code_keeps_its_slug(placed):
    for typed in (KOTA_KINABALU, KOTA_KINABALU.upper()):
        assert ids(find("", filters={"area": typed})) == _pks(placed[KOTA_KINABALU])
        assert ids(find("koko", filters={"area": typed})) == _pks(placed[KOTA_KINABALU])


@pytest.mark.parametrize("bad", [
    "Minahasa", "ID-71.02' OR 1=1 --", "ID-71.02;DROP TABLE x", "ID-" + "7" * 30, "x" * 10_000,
    "ID-71 02", "ID-*", "ID-", "", None, ["ID-71.02", "ID-64.02"],
])
def test_malformed_areas_are_ignored_and_unknown_ones_find_nothing(placed, bad):
    total = find("kakao").total
    expected = 2 if isinstance(bad, list) else total  # a list: its first value, like a query
    assert find("kakao", filters={"area": bad}).total == expected
    assert find("kakao", filters={"area": "ID-99.99"}).total == 0


def test_the_area_name_is_searchable_words(placed):
    """The enterprise text of the index holds the area's official name, whatever its
    regency text said."""
    found = ids(find("minahasa"))
    assert set(_pks(placed[MINAHASA])) <= set(found)
    assert not set(_pks(placed[MANADO])) & set(found)


def test_a_change_of_area_moves_the_products_in_the_index(placed):
    product = placed[None][0]
    assert find("", filters={"area": MANADO}).total == 1
    Enterprise.objects.filter(pk=product.enterprise_id).update(area_id=MANADO)  # bulk, as intake
    assert product.pk in ids(find("", filters={"area": MANADO}))
    assert product.pk in ids(find("kakao", filters={"area": MANADO}))
    enterprise = Enterprise.objects.get(pk=product.enterprise_id)
    enterprise.area = None
    enterprise.save()
    assert find("", filters={"area": MANADO}).total == 1


def test_products_by_area_counts_public_products_of_a_province(placed):
    counts = search.products_by_area(["ID-SA"])
    assert counts == {MINAHASA: 3, MANADO: 1, None: 1}
    assert search.products_by_area(["ID-KI"]) == {KUTAI: 1}
    assert search.products_by_area([]) == {}


def test_a_rebuilt_index_keeps_the_areas(placed):
    search.rebuild()
    assert sorted(ids(find("", filters={"area": MINAHASA}))) == _pks(placed[MINAHASA])


# --- Pages ----------------------------------------------------------------------------------


def test_the_gallery_filtered_by_area_names_it_and_can_drop_it(placed, client):
    html = client.get(reverse("catalog:gallery"), {"area": MINAHASA, "q": "kakao"}).content.decode()
    assert "Kabupaten Minahasa" in html  # the active filter, by name
    assert "Biji kakao fermentasi" in html and "Biji kakao Manado" not in html
    assert f'name="area" value="{MINAHASA}"' in html  # kept when the words change
    assert "?q=kakao" in html  # the link that drops the area


def test_the_gallery_ignores_a_hostile_area(placed, client):
    response = client.get(reverse("catalog:gallery"), {"area": "<script>x</script>" * 500})
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()


def test_the_province_page_lists_its_areas_with_links_to_their_gallery(placed, client):
    for _ in range(2):  # Manado reaches the threshold of public figures
        make_product(make_enterprise("ID-SA", area_id=MANADO), name="Kopi Manado")
    html = client.get(reverse("regions:province", args=["ID-SA"])).content.decode()
    assert "Regencies and cities" in html
    row = html.split(f'data-area="{MANADO}"')[1].split("</tr>")[0]
    assert "/gallery/?area=ID-71.71" in row and "Kota Manado" in row
    assert "<td>3</td><td>3</td>" in row  # 3 products, 3 enterprises
    # Minahasa: 3 products, 2 public enterprises (the third awaits consent): withheld.
    row = html.split(f'data-area="{MINAHASA}"')[1].split("</tr>")[0]
    assert "<td>3</td><td>&lt;3</td>" in row
    # Only this province's areas, and only those with something public.
    assert KUTAI not in html and "Kutai" not in html
    assert 'data-area="ID-71.09"' not in html  # Siau: nothing public there
    # The enterprise list names the official area, else the text of the file.
    assert "Kabupaten Minahasa" in html and "Kecamatan Wori" in html


def test_the_province_page_keeps_its_query_count(placed, client, django_assert_max_num_queries):
    client.get(reverse("regions:province", args=["ID-SA"]))  # caches warm
    with django_assert_max_num_queries(14):
        assert client.get(reverse("regions:province", args=["ID-SA"])).status_code == 200


# --- Index upkeep -----------------------------------------------------------------------------


def test_an_index_of_the_shape_before_areas_is_completed_and_refilled(placed):
    """What post_migrate does on a database whose index predates the areas."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE catalog_productsearch DROP COLUMN area")
        else:
            cursor.execute("UPDATE catalog_search_meta SET value = '5' WHERE key = 'schema'")
    search.on_post_migrate(sender=None, using="default")
    assert sorted(ids(find("", filters={"area": MINAHASA}))) == _pks(placed[MINAHASA])
    assert sorted(ids(find("kakao", filters={"area": MANADO}))) == _pks(placed[MANADO])


def test_a_product_added_while_consent_is_pending_is_indexed_once_consent_is_given():
    enterprise = make_enterprise("ID-SA", area_id=MINAHASA, consent=Consent.PENDING)
    product = make_product(enterprise, name="Kakao menunggu izin")
    assert ids(find("menunggu")) == []
    enterprise.consent = Consent.ONLINE
    enterprise.save()
    assert ids(find("menunggu", filters={"area": MINAHASA})) == [product.pk]


def test_a_published_product_without_an_hs_code_does_not_break_the_write():
    """Intake keeps such products unpublished; should one be published all the same, the
    write succeeds and the product is found by its words (no chapter)."""
    product = make_product(make_enterprise("ID-SA", area_id=MANADO), name="Gula aren cetak",
                           hs_code_id=None)
    assert ids(find("aren", filters={"area": MANADO})) == [product.pk]


def test_the_product_page_names_the_enterprises_area(placed, client):
    from etalase.catalog import links

    html = client.get(links.product_url(placed[MANADO][0])).content.decode()
    assert f'data-area="{MANADO}">Kota Manado</a>' in html and "?area=ID-71.71" in html
    html = client.get(links.product_url(placed[None][0])).content.decode()
    assert "Kecamatan Wori" in html and "data-area=" not in html
