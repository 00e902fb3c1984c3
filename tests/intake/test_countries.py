"""Country names as offices write them: four languages, short forms, ambiguity, regions."""

import pytest

from etalase.intake.countries import Resolution, country_code, key, split_names, suggestion


@pytest.mark.parametrize(
    ("word", "code"),
    [
        # Indonesian (CLDR id, iso-codes id)
        ("Jepang", "JP"),
        ("Tiongkok", "CN"),
        ("Cina", "CN"),
        ("Korea Selatan", "KR"),
        ("Amerika Serikat", "US"),
        ("Singapura", "SG"),
        ("Arab Saudi", "SA"),
        ("Belanda", "NL"),
        ("Selandia Baru", "NZ"),
        ("Uni Emirat Arab", "AE"),
        ("Hong Kong", "HK"),
        # Malay
        ("Jepun", "JP"),
        ("Amerika Syarikat", "US"),
        # Filipino (iso-codes fil/tl, CLDR fil)
        ("Hapon", "JP"),
        ("Tsina", "CN"),
        ("Timog Korea", "KR"),
        ("Estados Unidos", "US"),
        # English, official and common names, ISO codes
        ("Japan", "JP"),
        ("People's Republic of China", "CN"),
        ("Republic of Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Taiwan", "TW"),
        ("Vietnam", "VN"),
        ("USA", "US"),
        ("JPN", "JP"),
        ("MY", "MY"),
        # Short forms of the data file
        ("RRT", "CN"),
        ("AS", "US"),
        ("UK", "GB"),
        ("UEA", "AE"),
        ("UAE", "AE"),
        ("Korsel", "KR"),
        ("Inggris", "GB"),
        # Case, accents, spacing and punctuation do not matter
        ("  JEPANG ", "JP"),
        ("korea   selatan", "KR"),
        ("Côte d'Ivoire", "CI"),
        ("cote divoire", "CI"),
        ("Hongkong", "HK"),
        ("Jepang\x00", "JP"),  # a NUL is punctuation: only the code is kept
    ],
)
def test_names_resolve_to_their_country(word, code):
    assert country_code(word) == Resolution(code)


@pytest.mark.parametrize(
    ("word", "codes"),
    [
        ("Korea", ("KP", "KR")),
        ("Kongo", ("CD", "CG")),
        ("Congo", ("CD", "CG")),
        ("Arab", ("AE", "SA", "SY")),
    ],
)
def test_ambiguous_names_are_never_guessed(word, codes):
    found = country_code(word)
    assert found.code is None
    assert found.ambiguous == codes


@pytest.mark.parametrize("word", ["Eropa", "Uni Eropa", "Asia Tenggara", "Amerika", "Asia"])
def test_world_regions_are_told_apart_from_countries(word):
    assert country_code(word) == Resolution(None, region=True)


@pytest.mark.parametrize(
    "word",
    ["Timur Tengah", "Selatan", "Republik", "xx", "", "-", "Kota Manado", "12345", "Kota",
     "Timur", "Barat", "Kingdom", "Saudi",
     "=HYPERLINK(\"http://x\")", "x" * 10_000, "🇯🇵"],
)  # fmt: skip
def test_other_words_are_no_country(word):
    found = country_code(word)
    assert found.code is None and not found.region
    assert found.ambiguous == ()


def test_a_valid_alpha2_code_is_a_country_and_an_unassigned_one_is_not():
    assert country_code("jp").code == "JP"
    assert country_code("QQ").code is None


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Jepang; Korea Selatan", ("Jepang", "Korea Selatan")),
        ("Jepang, Korea Selatan, Tiongkok", ("Jepang", "Korea Selatan", "Tiongkok")),
        ("Malaysia, Singapura dan Brunei", ("Malaysia", "Singapura", "Brunei")),
        ("Hapon at Tsina", ("Hapon", "Tsina")),
        ("Japan and Korea", ("Japan", "Korea")),
        ("Jepang & Korea Selatan\nTiongkok", ("Jepang", "Korea Selatan", "Tiongkok")),
        ("AS/Kanada", ("AS", "Kanada")),
        ("Jepang | RRT", ("Jepang", "RRT")),
        # Names with a comma or a conjunction of their own stay whole.
        ("Korea, Republic of; Japan", ("Korea, Republic of", "Japan")),
        ("Trinidad dan Tobago", ("Trinidad dan Tobago",)),
        ("Bosnia and Herzegovina, Japan", ("Bosnia and Herzegovina", "Japan")),
        (";;  ,", ()),
    ],
)
def test_a_cell_splits_into_its_names(cell, names):
    assert split_names(cell) == names


def test_every_name_of_a_long_list_is_found_once():
    cell = "; ".join(["Jepang", "Tiongkok", "Korea Selatan", "Amerika Serikat"] * 50)
    codes = [country_code(name).code for name in split_names(cell)]
    assert len(codes) == 200 and set(codes) == {"JP", "CN", "KR", "US"}


def test_key_folds_case_accents_and_punctuation():
    assert key("Côte d’Ivoire ") == "cote d ivoire"
    assert key("KOREA, Republic of") == "korea republic of"


@pytest.mark.parametrize(
    ("word", "close"),
    [("Jepan", "Jepang"), ("Singapur", "Singapura"), ("Korea Selatn", "Korea Selatan"),
     ("Veitnam", "Vietnam"), ("Timur Tengah", None), ("Kota", None), ("x" * 10_000, None),
     # A part of one country's names only is offered, not taken (it may be "Timur", "Kota").
     ("Saudi", "Arab Saudi"), ("Kingdom", "United Kingdom")],
)  # fmt: skip
def test_a_misspelt_name_gets_a_suggestion_but_no_country(word, close):
    assert suggestion(word) == close
    assert country_code(word).code is None
