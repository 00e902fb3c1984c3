"""The index follows every write: ORM saves, bulk inserts, deletes, related tables."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from etalase.catalog import search
from etalase.catalog.models import HSCodeTranslation, Product, ProductTranslation
from etalase.enterprises.models import Certification, Consent
from tests.catalog.test_gallery_support import find, ids
from tests.factories import make_certification, make_enterprise, make_product

pytestmark = pytest.mark.django_db

OTHER_HS = "210690"


def test_a_new_product_is_found_at_once():
    product = make_product(name="Sambal roa", description="", hs_code_id=OTHER_HS)
    assert ids(find("roa")) == [product.pk]


def test_renaming_a_product_moves_it_in_the_index():
    product = make_product(name="Sambal roa", description="", hs_code_id=OTHER_HS)
    product.name = "Sambal dabu-dabu"
    product.save()
    assert ids(find("roa")) == []
    assert ids(find("dabu")) == [product.pk]


def test_queryset_update_and_delete_are_followed():
    product = make_product(name="Sambal roa", description="", hs_code_id=OTHER_HS)
    Product.objects.filter(pk=product.pk).update(is_published=False)
    assert ids(find("roa")) == []
    Product.objects.filter(pk=product.pk).update(is_published=True)
    assert ids(find("roa")) == [product.pk]
    Product.objects.filter(pk=product.pk).delete()
    assert find("roa").total == 0


def test_bulk_created_products_are_indexed():
    enterprise = make_enterprise()
    Product.objects.bulk_create([
        Product(enterprise=enterprise, name=f"Abon cakalang {i}", hs_code_id=OTHER_HS,
                currency="IDR") for i in range(20)
    ])
    assert find("cakalang").total == 20


def test_translations_are_followed():
    product = make_product(name="Sambal roa", description="", hs_code_id=OTHER_HS)
    translation = ProductTranslation.objects.create(product=product, language_code="en",
                                                    name="Smoked garfish chili paste")
    assert ids(find("garfish")) == [product.pk]
    translation.name = "Smoked needlefish chili paste"
    translation.save()
    assert ids(find("garfish")) == [] and ids(find("needlefish")) == [product.pk]
    translation.delete()
    assert ids(find("needlefish")) == []


def test_enterprise_changes_are_followed():
    enterprise = make_enterprise(legal_name="UD Sinar Laut")
    product = make_product(enterprise, name="Abon ikan", description="", hs_code_id=OTHER_HS)
    assert ids(find("sinar")) == [product.pk]
    enterprise.legal_name = "UD Bintang Timur"
    enterprise.save()
    assert ids(find("sinar")) == [] and ids(find("bintang")) == [product.pk]
    enterprise.consent = Consent.PENDING
    enterprise.save()
    assert ids(find("abon")) == []
    enterprise.consent = Consent.PAPER
    enterprise.is_published = False
    enterprise.save()
    assert ids(find("abon")) == []
    enterprise.is_published = True
    enterprise.subdivision_id = "ID-SN"
    enterprise.save()
    assert ids(find("abon", filters={"subdivision": "ID-SN"})) == [product.pk]
    assert ids(find("abon", filters={"subdivision": "ID-SA"})) == []


def test_certifications_are_followed():
    enterprise = make_enterprise()
    product = make_product(enterprise)
    assert find("", filters={"certification": "halal"}).total == 0
    certification = make_certification(enterprise, kind="halal")
    assert ids(find("", filters={"certification": "halal"})) == [product.pk]
    Certification.objects.filter(pk=certification.pk).delete()
    assert find("", filters={"certification": "halal"}).total == 0


def test_verification_is_followed():
    from django.utils import timezone

    enterprise = make_enterprise()
    product = make_product(enterprise)
    assert find("", filters={"verified": "1"}).total == 0
    enterprise.verified_at = timezone.now()
    enterprise.save()
    assert ids(find("", filters={"verified": "1"})) == [product.pk]


def test_hs_names_are_followed():
    product = make_product(name="Produk A", description="", hs_code_id="080450")
    HSCodeTranslation.objects.filter(hs_code_id="080450", language_code="id").update(
        name="mangga kering manis")
    assert ids(find("manis")) == [product.pk]
    HSCodeTranslation.objects.create(hs_code_id="0804", language_code="id",
                                     name="buah tropis pilihan")  # a heading's name counts too
    assert ids(find("tropis")) == [product.pk]


def test_deleting_an_enterprise_removes_its_products():
    enterprise = make_enterprise()
    make_product(enterprise, name="Abon tuna", description="", hs_code_id=OTHER_HS)
    enterprise.delete()
    assert find("tuna").total == 0


def test_rebuild_gives_the_same_index():
    enterprise = make_enterprise()
    made = [make_product(enterprise, name=f"Keripik talas {i}", hs_code_id=OTHER_HS)
            for i in range(5)]
    make_product(enterprise, name="Keripik rahasia", is_published=False)
    before = find("keripik")
    assert search.rebuild() == 5
    after = find("keripik")
    assert ids(after) == ids(before)
    assert sorted(ids(after)) == sorted(p.pk for p in made)


def test_rebuild_command(capsys):
    make_product(name="Keripik talas")
    call_command("rebuild_search_index")
    assert "Indexed 1 public products" in capsys.readouterr().out


def test_install_is_idempotent_and_restores_dropped_triggers():
    product = make_product(name="Keripik talas")
    assert search.install() is False
    if connection.vendor != "sqlite":
        pytest.skip("Only SQLite drops triggers when Django rebuilds a table.")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER catalog_search_product_upd")
    # What post_migrate does after a migration that rebuilt catalog_product:
    search.on_post_migrate(sender=None, using="default")
    product.name = "Keripik sukun"
    product.save()
    assert ids(find("sukun")) == [product.pk]



def test_an_index_without_its_name_column_is_completed_and_refilled():
    if connection.vendor != "postgresql":
        pytest.skip("The names' own tsvector column is PostgreSQL's (SQLite filters a column).")
    for _ in range(3):
        make_product(name="Kopi arabika sangrai", description="", hs_code_id=OTHER_HS)
    named = make_product(name="Keripik talas", description="kopi", hs_code_id=OTHER_HS)
    with connection.cursor() as cursor:  # an index made before the column existed
        cursor.execute("ALTER TABLE catalog_productsearch DROP COLUMN name_document")
    # What post_migrate does: the missing column is added and the index filled again.
    search.on_post_migrate(sender=None, using="default")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalog_productsearch WHERE name_document IS NULL")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT product_id FROM catalog_productsearch "
                       "WHERE name_document @@ to_tsquery('simple', 'talas')")
        assert [row[0] for row in cursor.fetchall()] == [named.pk]
    # A name match ranks before a description-only one.
    assert ids(find("kopi"))[-1] == named.pk
