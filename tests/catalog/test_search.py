"""The search module: synonyms, ranking, typos, facets, sorting, paging, hostile queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from etalase.catalog import search
from etalase.catalog.models import Product
from etalase.catalog.search import query as query_module
from etalase.catalog.search import synonyms
from etalase.catalog.search.text import tokenize, within_one_edit
from etalase.enterprises.models import Consent
from tests.catalog.test_gallery_support import find, ids
from tests.factories import make_certification, make_enterprise, make_product

pytestmark = pytest.mark.django_db

OTHER_HS = "210690"  # food preparations n.e.c.: its HS names mention none of the goods below


# --- Synonyms without help from the HS names ------------------------------------------------


@pytest.mark.parametrize("query", ["cocoa", "kakao", "koko", "kakaw", "cacao", "COCOA", "Cacáo"])
def test_cocoa_in_any_language_finds_a_product_named_in_another(query):
    product = make_product(name="Bubuk kakao premium", description="", hs_code_id=OTHER_HS)
    make_product(name="Keripik pisang", description="", hs_code_id=OTHER_HS)
    assert ids(find(query)) == [product.pk]


@pytest.mark.parametrize("query", ["seaweed", "rumput laut", "rumpai laut", "damong-dagat",
                                   "damong dagat"])
def test_seaweed_in_any_language(query):
    product = make_product(name="Dried seaweed snack", description="", hs_code_id=OTHER_HS)
    make_product(name="Rumput hias", description="", hs_code_id=OTHER_HS)  # "rumput" alone
    assert ids(find(query)) == [product.pk]


def test_rumput_laut_finds_the_english_seaweed_product():
    product = make_product(name="Premium seaweed for carrageenan", description="",
                           hs_code_id="121229")
    assert product.pk in ids(find("rumput laut"))


def test_a_phrase_is_not_split_into_unrelated_words():
    """'rumput laut' must not match a product that only has 'laut' and 'rumput' far apart?
    It may (both words are there), but a product with one of them only must not match."""
    only_laut = make_product(name="Garam laut", description="", hs_code_id=OTHER_HS)
    assert only_laut.pk not in ids(find("rumput laut"))


def test_synonym_groups_do_not_merge_related_but_different_goods():
    green = make_product(name="Green coffee beans", description="", hs_code_id="090111")
    roasted = make_product(name="Kopi sangrai Toraja", description="", hs_code_id="090121")
    found = ids(find("kopi sangrai"))
    assert roasted.pk in found
    assert green.pk not in found


def test_the_synonym_index_knows_the_reference_names():
    index = synonyms.index()
    alternatives = index.alternatives(("damong", "dagat"))
    assert ("seaweed",) in alternatives
    assert ("rumput", "laut") in alternatives
    assert ("kakao",) in index.alternatives(("cacao",))


# --- Ranking ---------------------------------------------------------------------------------


def test_a_hit_in_the_name_ranks_above_one_in_the_description():
    in_description = make_product(name="Keripik singkong", hs_code_id=OTHER_HS,
                                  description="Dibuat dengan sedikit madu hutan.")
    in_name = make_product(name="Madu hutan Sumbawa", hs_code_id=OTHER_HS, description="")
    assert ids(find("madu")) == [in_name.pk, in_description.pk]


def test_a_product_name_ranks_above_an_enterprise_name():
    by_enterprise = make_product(make_enterprise(legal_name="CV Madu Lestari"),
                                 name="Keripik tempe", description="", hs_code_id=OTHER_HS)
    by_name = make_product(name="Madu kelulut", description="", hs_code_id=OTHER_HS)
    assert ids(find("madu")) == [by_name.pk, by_enterprise.pk]


def test_the_enterprise_name_and_city_are_searchable():
    enterprise = make_enterprise(legal_name="Koperasi Tani Makmur", regency="Kabupaten Bone")
    product = make_product(enterprise, name="Gula aren cetak", description="",
                           hs_code_id="170290")
    assert product.pk in ids(find("tani makmur"))
    assert product.pk in ids(find("bone"))


def test_all_words_must_match():
    both = make_product(name="Kopi arabika Toraja", description="", hs_code_id=OTHER_HS)
    make_product(name="Kopi robusta Lampung", description="", hs_code_id=OTHER_HS)
    assert ids(find("arabika toraja")) == [both.pk]


# --- Typos -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typo", "word"), [
    ("kakoa", "kakao"),       # swapped letters
    ("vanilia", "vanili"),   # one letter too many
    ("cinamon", "cinnamon"),  # one letter missing
    ("rotab", "rotan"),       # one letter wrong
])
def test_one_typo_in_a_word_of_five_letters_or_more_still_finds(typo, word):
    product = make_product(name=f"{word.title()} pilihan", description="", hs_code_id=OTHER_HS)
    result = find(typo)
    assert ids(result) == [product.pk]
    assert result.corrections == {typo: word}
    assert result.corrected_query == word


def test_typos_in_short_words_are_not_guessed():
    make_product(name="Kopi luwak", description="", hs_code_id=OTHER_HS)
    assert ids(find("kopu")) == []


def test_two_typos_are_too_many():
    make_product(name="Cinnamon sticks", description="", hs_code_id=OTHER_HS)
    result = find("cinamonn")  # two edits from "cinnamon"
    assert ids(result) == []
    assert result.corrections == {}


def test_a_correct_word_is_never_corrected():
    make_product(name="Kopi luwak", description="", hs_code_id=OTHER_HS)
    make_product(name="Kopiah haji", description="", hs_code_id=OTHER_HS)
    result = find("kopiah")
    assert result.corrections == {}


@pytest.mark.parametrize(("a", "b", "close"), [
    ("kakao", "kakoa", True), ("kakao", "kakaoo", True), ("kakao", "kako", True),
    ("kakao", "kikao", True), ("kakao", "kokoa", False), ("kakao", "kakao", True),
    ("abcde", "abcdefg", False),
])
def test_within_one_edit(a, b, close):
    assert within_one_edit(a, b) is close


# --- Facets ------------------------------------------------------------------------------------


@pytest.fixture
def spread():
    """Eight public cocoa products over three provinces, two countries, sizes and labels."""
    sa = make_enterprise("ID-SA", size_class="micro", export_status="exporting")
    sa.verified_at = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)
    sa.save()
    make_certification(sa, kind="halal")
    make_certification(sa, kind="organic")
    sn = make_enterprise("ID-SN", size_class="small", export_status="ready")
    make_certification(sn, kind="halal")
    my = make_enterprise("MY-12", size_class="micro")
    for _ in range(3):
        make_product(sa, name="Biji kakao fermentasi", hs_code_id="180100")
    for _ in range(2):
        make_product(sn, name="Kakao bubuk", hs_code_id="180500")
    for _ in range(3):
        make_product(my, name="Koko serbuk", hs_code_id="180500")
    # Not public: must not be counted anywhere.
    make_product(sa, name="Kakao rahasia", hs_code_id="180100", is_published=False)
    hidden = make_enterprise("ID-SA", consent=Consent.PENDING)
    make_product(hidden, name="Kakao tanpa izin", hs_code_id="180100")
    # Not cocoa: must not be counted for the query.
    make_product(sa, name="Kopi", description="", hs_code_id="090111")
    return {"sa": sa, "sn": sn, "my": my}


def _facet(result, name):
    return {v.value: v.count for v in result.facets[name]}


def test_facet_counts_of_a_query(spread):
    result = find("cocoa")
    assert result.total == 8
    assert _facet(result, "country") == {"ID": 5, "MY": 3}
    assert _facet(result, "subdivision") == {"ID-SA": 3, "ID-SN": 2, "MY-12": 3}
    assert _facet(result, "hs_chapter") == {"18": 8}
    assert _facet(result, "size_class") == {"micro": 6, "small": 2}
    assert _facet(result, "export_status") == {"exporting": 3, "ready": 2, "not_yet": 3}
    assert _facet(result, "certification") == {"halal": 5, "organic": 3}
    assert _facet(result, "verified") == {"1": 3}


def test_facet_counts_follow_the_filters(spread):
    result = find("cocoa", filters={"certification": "halal"})
    assert result.total == 5
    assert _facet(result, "subdivision") == {"ID-SA": 3, "ID-SN": 2}
    selected = [v for v in result.facets["certification"] if v.selected]
    assert [v.value for v in selected] == ["halal"]


@pytest.mark.parametrize(("filters", "total"), [
    ({"country": "MY"}, 3),
    ({"country": "id"}, 5),
    ({"subdivision": "ID-SN"}, 2),
    ({"hs_chapter": "18"}, 8),
    ({"hs_chapter": "09"}, 0),
    ({"size_class": "small"}, 2),
    ({"export_status": "exporting"}, 3),
    ({"verified": "1"}, 3),
    ({"certification": "organic", "country": "ID"}, 3),
    ({"country": "ID", "subdivision": "MY-12"}, 0),
])
def test_filters(spread, filters, total):
    assert find("kakao", filters=filters).total == total


def test_facets_of_the_whole_gallery_without_a_query(spread):
    result = find("")
    assert result.total == 9  # eight cocoa products and the coffee, nothing unpublished
    assert _facet(result, "country") == {"ID": 6, "MY": 3}
    assert _facet(result, "hs_chapter") == {"18": 8, "09": 1}
    assert _facet(result, "certification") == {"halal": 6, "organic": 4}
    assert _facet(result, "verified") == {"1": 4}


def test_facets_of_a_browse_with_a_filter(spread):
    result = find("", filters={"subdivision": "ID-SA"})
    assert result.total == 4  # three cocoa products and the coffee of ID-SA
    assert _facet(result, "hs_chapter") == {"18": 3, "09": 1}
    assert _facet(result, "certification") == {"halal": 4, "organic": 4}


def test_facet_counts_when_the_keys_held_in_memory_miss_a_product(spread, monkeypatch):
    """Another process indexed a product after this one read the keys: counted in SQL."""
    engine = search.backend()
    monkeypatch.setattr(engine, "facet_keys", lambda cursor: ([], []))
    result = find("cocoa")
    assert result.total == 8
    assert _facet(result, "subdivision") == {"ID-SA": 3, "ID-SN": 2, "MY-12": 3}


def test_facet_counts_follow_a_write(spread):
    assert _facet(find("cocoa"), "country") == {"ID": 5, "MY": 3}
    make_product(spread["my"], name="Kakao", hs_code_id="180100")
    assert _facet(find("cocoa"), "country") == {"ID": 5, "MY": 4}


def test_expired_certifications_are_not_a_facet():
    enterprise = make_enterprise()
    make_certification(enterprise, kind="haccp", valid_from=dt.date(2015, 1, 1),
                       valid_until=dt.date(2020, 1, 1))
    make_product(enterprise)
    assert find("", filters={"certification": "haccp"}).total == 0


@pytest.mark.parametrize("bad", [
    {"country": "Indonesia"}, {"country": "I'D"}, {"subdivision": "ID-SA' OR 1=1 --"},
    {"hs_chapter": "1"}, {"hs_chapter": "abc"}, {"certification": "nope"},
    {"size_class": "MICRO'"}, {"export_status": 5}, {"verified": "maybe"}, {"country": None},
])
def test_malformed_filters_are_ignored(spread, bad):
    assert find("kakao", filters=bad).total == 8


def test_a_list_of_values_uses_the_first_like_a_query_string(spread):
    assert find("kakao", filters={"size_class": ["small", "micro"]}).total == 2


def test_a_region_filter_includes_the_provinces_inside_it():
    from etalase.regions.models import Subdivision

    child = Subdivision.objects.filter(country_id="PH", parent__isnull=False).first()
    product = make_product(make_enterprise(child.code), name="Dried mangoes",
                           hs_code_id="080450")
    assert ids(find("", filters={"subdivision": child.parent_id})) == [product.pk]


# --- Sorting and paging ------------------------------------------------------------------------


def test_sort_by_name_and_newest():
    c = make_product(name="Cengkih kering", description="rempah", hs_code_id=OTHER_HS)
    a = make_product(name="Adas manis", description="rempah", hs_code_id=OTHER_HS)
    b = make_product(name="Bunga lawang", description="rempah", hs_code_id=OTHER_HS)
    assert ids(find("rempah", sort="name")) == [a.pk, b.pk, c.pk]
    assert ids(find("rempah", sort="newest")) == [b.pk, a.pk, c.pk]
    assert ids(find("", sort="relevance")) == [b.pk, a.pk, c.pk]  # no query: newest first


def test_pages():
    made = [make_product(name=f"Tikar pandan {i}", hs_code_id=OTHER_HS) for i in range(7)]
    first = find("tikar", per_page=3, page=1, sort="newest")
    third = find("tikar", per_page=3, page=3, sort="newest")
    assert first.total == 7 and first.pages == 3 and first.has_next and not first.has_previous
    assert ids(first) == [p.pk for p in reversed(made)][:3]
    assert ids(third) == [made[0].pk]
    assert find("tikar", per_page=3, page=4).products == []


@pytest.mark.parametrize(("page", "per_page"), [("x", "y"), (-5, 0), (10**9, 10**9), (None, None)])
def test_paging_arguments_are_clamped(page, per_page):
    make_product(name="Tikar pandan", hs_code_id=OTHER_HS)
    result = search.search_products(query="tikar", page=page, per_page=per_page)
    assert 1 <= result.per_page <= 100
    assert 1 <= result.page <= 500


# --- Hostile and odd queries ----------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    '"', "'", 'kakao" OR "', "kakao AND", "NEAR(kakao kopi)", "kak*", "^kakao", "name:kakao",
    "{name}: kakao", "kakao) OR (1", "'; DROP TABLE catalog_product; --", "x" * 5000,
    "\x00kakao", "كاكاو", "可可", "🍫 kakao", "-kakao", "kakao -", "AND OR NOT", "xqall",
    "%", "_", "\\", "kakao & kopi | !x", "kakao <-> kopi", "'kakao':*",
])
def test_hostile_queries_never_fail(query):
    product = make_product(name="Biji kakao", hs_code_id="180100")
    result = find(query)
    assert isinstance(result.total, int)
    if "kakao" in query and "-" not in query:
        assert product.pk in ids(result) or result.total == 0


def test_facet_tokens_cannot_be_searched_as_words():
    make_product(name="Biji kakao", hs_code_id="180100")
    assert find("xqall").total == 0
    assert find("xqcid").total == 0
    named = make_product(name="Kopi xqcid", hs_code_id="090111")
    assert ids(find("xqcid")) == [named.pk]  # a word of a text is found, as any word
    assert ids(find("kopi xqcid")) == [named.pk]


def test_only_stop_words_finds_nothing_rather_than_everything():
    make_product(name="Biji kakao", hs_code_id="180100")
    assert find("dan").total == 0  # a stop word alone is searched as a word: no product has it
    assert find("!!! ???").total == 0


def test_the_engine_is_given_no_phrase_that_another_alternative_already_covers():
    simplify, AnyOf, AllOf = query_module.simplify, query_module.AnyOf, query_module.AllOf
    node = AnyOf((("dried", "fish"), ("dried", "fish", "salted"), ("tuyo",), ("tuyo", "daing"),
                  AllOf((("dried",), AnyOf((("fish",), ("ikan",)))))))
    assert simplify(node) == AnyOf((("tuyo",), AllOf((("dried",), AnyOf((("fish",),
                                                                          ("ikan",)))))))
    assert simplify(AllOf((node, ("kopi",)))) == AllOf((simplify(node), ("kopi",)))
    assert simplify(AnyOf((("biji", "kakao"), ("kakao", "biji")))) == AnyOf(
        (("biji", "kakao"), ("kakao", "biji")))  # neither holds the other
    assert simplify(None) is None


def test_a_very_long_query_is_cut_to_a_bounded_plan():
    plan = query_module.build_plan(" ".join(["kakao"] * 500), synonyms.index(), lambda w: {})
    assert len(plan.tokens) == 10


# --- Zero results and empty searches ------------------------------------------------------------


def test_zero_results_suggest_the_query_without_filters_and_popular_goods():
    make_product(make_enterprise("ID-SA"), name="Biji kakao", hs_code_id="180100")
    result = find("kakao", filters={"subdivision": "MY-12"})
    assert result.total == 0
    kinds = [s["kind"] for s in result.suggestions]
    assert kinds[0] == "without_filters"
    assert result.suggestions[0]["count"] == 1
    assert "popular" in kinds


def test_zero_results_suggest_fewer_words():
    make_product(name="Madu hutan", description="", hs_code_id="040900")
    result = find("madu sapi")
    assert result.total == 0
    assert {"kind": "fewer_words", "query": "madu", "count": 1} in result.suggestions


def test_popular_goods_are_named_in_the_viewers_language():
    for _ in range(2):
        make_product(name="Biji kakao", hs_code_id="180100")
    make_product(name="Madu", hs_code_id="040900")
    goods = search.popular_goods("fil", limit=2)
    assert [g["hs_code"] for g in goods] == ["180100", "040900"]
    assert goods[0]["label"] == "butil ng kakaw"
    assert search.popular_goods("en", limit=1)[0]["query"] == "Cocoa beans"


# --- Tokenizer ------------------------------------------------------------------------


def test_tokenizer_folds_case_and_accents_and_splits_like_the_index():
    assert tokenize("Damong-Dagat, CAFÉ “piña”") == ["damong", "dagat", "cafe", "pina"]


def test_backend_matches_the_database():
    module = search.backend()
    assert module.__name__.endswith("sqlite_fts" if connection.vendor == "sqlite"
                                    else "postgres_fts")


def test_products_of_the_page_are_real_products():
    made = make_product(name="Biji kakao", hs_code_id="180100")
    result = find("kakao")
    assert isinstance(result.products[0], Product)
    assert result.products[0].pk == made.pk


# --- Ranking of very broad searches ----------------------------------------------------------


def test_pages_of_a_broad_search_with_more_names_than_ranked(monkeypatch):
    """The names are counted only as far as a page needs: every page still fits."""
    monkeypatch.setattr(search.backend(), "RANK_LIMIT", 2)
    in_name = [make_product(name=f"Madu hutan {i}", description="", hs_code_id=OTHER_HS)
               for i in range(7)]
    in_description = [make_product(name=f"Keripik {i}", description="dengan madu",
                                   hs_code_id=OTHER_HS) for i in range(2)]
    pages = [find("madu", per_page=2, page=page) for page in range(1, 6)]
    assert [p.total for p in pages] == [9] * 5
    order = [pk for page in pages for pk in ids(page)]
    assert order == [p.pk for p in reversed(in_name)] + [p.pk for p in reversed(in_description)]


@pytest.mark.parametrize("rank_limit", [2, 4])
def test_broad_searches_rank_name_matches_first_and_page_without_gaps(monkeypatch, rank_limit):
    """Above RANK_LIMIT matches, name matches come first, then the rest newest first."""
    monkeypatch.setattr(search.backend(), "RANK_LIMIT", rank_limit)
    in_description = [make_product(name=f"Keripik {i}", description="dengan madu",
                                   hs_code_id=OTHER_HS) for i in range(3)]
    in_name = [make_product(name=f"Madu hutan {i}", description="", hs_code_id=OTHER_HS)
               for i in range(3)]
    first = find("madu", per_page=4, page=1)
    second = find("madu", per_page=4, page=2)
    order = ids(first) + ids(second)
    assert first.total == 6
    assert sorted(order) == sorted(p.pk for p in in_description + in_name)  # no gap, no repeat
    assert set(order[:3]) == {p.pk for p in in_name}
    assert order[3:] == [p.pk for p in reversed(in_description)]
