import pytest

pytestmark = pytest.mark.django_db


def codes(page: dict) -> list[str]:
    return [item["code"] for item in page["items"]]


def test_search_by_code_prefix(get_json):
    page = get_json("/api/v1/hs-codes?q=1801")
    assert codes(page) == ["1801", "180100"]
    assert codes(get_json("/api/v1/hs-codes?q=1801.00")) == ["180100"]


@pytest.mark.parametrize("word", ["kakao", "biji koko", "kakaw", "Cocoa beans"])
def test_search_by_words_in_every_language(get_json, word):
    assert "180100" in codes(get_json(f"/api/v1/hs-codes?q={word}&page_size=100"))


def test_search_by_indonesian_name_of_seaweed(get_json):
    assert codes(get_json("/api/v1/hs-codes?q=rumput laut")) == ["121221"]


def test_level_and_parent_filters(get_json):
    chapters = get_json("/api/v1/hs-codes?level=2&page_size=100")
    assert chapters["count"] == 97  # 01–97 without the reserved 77, plus 99
    assert all(len(c) == 2 for c in codes(chapters))
    headings = get_json("/api/v1/hs-codes?parent=18")
    assert codes(headings) == ["1801", "1802", "1803", "1804", "1805", "1806"]


def test_invalid_filters_are_422(get_json):
    get_json("/api/v1/hs-codes?level=3", status=422)
    get_json("/api/v1/hs-codes?level=8", status=422)
    get_json("/api/v1/hs-codes?parent=1x", status=422)
    get_json("/api/v1/hs-codes?q=" + "k" * 101, status=422)


def test_detail_has_names_in_four_languages_and_parent_chain(get_json):
    body = get_json("/api/v1/hs-codes/180100")
    assert body["dotted"] == "1801.00" and body["level"] == 6
    assert body["names"] == {
        "en": "Cocoa beans (raw or roasted)",
        "id": "biji kakao",
        "ms": "biji koko",
        "fil": "butil ng kakaw",
    }
    assert [p["code"] for p in body["parents"]] == ["18", "1801"]
    assert body["children"] == []


def test_detail_name_follows_language(get_json):
    assert get_json("/api/v1/hs-codes/180100", headers={"Accept-Language": "ms"})["name"] == (
        "biji koko"
    )
    assert get_json("/api/v1/hs-codes/1801.00?lang=id")["name"] == "biji kakao"


def test_chapter_detail_lists_headings_and_null_names(get_json):
    body = get_json("/api/v1/hs-codes/18")
    assert body["parents"] == []
    assert [c["code"] for c in body["children"]][:2] == ["1801", "1802"]
    assert body["names"] == {"en": None, "id": None, "ms": None, "fil": None}


def test_unknown_code_is_404_and_malformed_is_422(get_json):
    get_json("/api/v1/hs-codes/998877", status=404)
    get_json("/api/v1/hs-codes/77", status=404)
    get_json("/api/v1/hs-codes/18abcd", status=422)
    get_json("/api/v1/hs-codes/1801000", status=422)


def test_sql_like_query_finds_nothing(get_json):
    page = get_json("/api/v1/hs-codes?q=' OR 1=1 --")
    assert page["count"] == 0
    # The table is still there and searchable.
    assert get_json("/api/v1/hs-codes?q=1801")["count"] == 2
