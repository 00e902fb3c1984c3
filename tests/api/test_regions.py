import pytest

from etalase.regions.schemas import Language

pytestmark = pytest.mark.django_db

BIMP_EAGA = ["BN", "ID", "MY", "PH"]


def test_country_filters(get_json):
    bimp = get_json("/api/v1/regions/countries?bimp_eaga=true")
    assert sorted(c["code"] for c in bimp) == BIMP_EAGA
    asean = {c["code"] for c in get_json("/api/v1/regions/countries?asean=true")}
    assert set(BIMP_EAGA) < asean and "TH" in asean and "AU" not in asean
    everyone = get_json("/api/v1/regions/countries")
    assert len(everyone) > 200


def test_country_names_follow_accept_language(get_json):
    english = get_json("/api/v1/regions/countries/PH")
    assert english["name"] == "Philippines"
    indonesian = get_json("/api/v1/regions/countries/PH", headers={"Accept-Language": "id"})
    assert indonesian["name"] == "Filipina"
    # The ISO name stays English whatever the language.
    assert indonesian["iso_name"] == "Philippines"


def test_lang_parameter_wins_over_accept_language(client):
    response = client.get(
        "/api/v1/regions/countries?bimp_eaga=true&lang=fil", headers={"Accept-Language": "id"}
    )
    names = {c["code"]: c["name"] for c in response.json()}
    assert names["PH"] == "Pilipinas"
    assert response["Content-Language"] == "fil"


def test_unknown_lang_is_refused(get_json):
    body = get_json("/api/v1/regions/countries?lang=klingon", status=422)
    assert body["detail"][0]["loc"] == ["query", "lang"]


def test_language_literal_matches_settings(settings):
    assert set(Language.__args__) == {code for code, _ in settings.LANGUAGES}


def test_country_code_is_case_insensitive_and_unknown_is_404(get_json):
    assert get_json("/api/v1/regions/countries/my")["code"] == "MY"
    assert get_json("/api/v1/regions/countries/XX", status=404) == {"detail": "Not Found"}


@pytest.mark.parametrize("code", ["IDN", "1'", "I%20D"])
def test_malformed_country_code_is_422(get_json, code):
    get_json(f"/api/v1/regions/countries/{code}", status=422)


def test_focus_subdivisions_of_a_country(get_json):
    page = get_json("/api/v1/regions/subdivisions?country=ID&focus=true&page_size=100")
    codes = {s["code"] for s in page["items"]}
    assert {"ID-SA", "ID-KI", "ID-PD"} <= codes
    assert "ID-JK" not in codes  # Jakarta is not a BIMP-EAGA focus area
    assert all(s["country"] == "ID" and s["is_focus_area"] for s in page["items"])
    assert page["count"] == len(codes)


def test_subdivision_names_follow_accept_language(get_json):
    english = get_json("/api/v1/regions/subdivisions/AU-ACT")
    assert english["name"] == "Australian Capital Territory"
    indonesian = get_json("/api/v1/regions/subdivisions/AU-ACT", headers={"Accept-Language": "id"})
    assert indonesian["name"] == "Wilayah Ibukota Australia"
    assert indonesian["iso_name"] == "Australian Capital Territory"
    listed = get_json(
        "/api/v1/regions/subdivisions?country=PH&focus=true", headers={"Accept-Language": "id"}
    )
    assert {s["country_name"] for s in listed["items"]} == {"Filipina"}


def test_subdivision_detail_lists_its_children(get_json):
    caraga = get_json("/api/v1/regions/subdivisions/ph-13")
    assert caraga["type"] == "Region" and caraga["parent"] is None
    assert {"PH-AGN", "PH-SUR"} <= {c["code"] for c in caraga["children"]}
    province = get_json("/api/v1/regions/subdivisions/PH-AGN")
    assert province["parent"] == "PH-13" and province["children"] == []


def test_subdivisions_filtered_by_parent(get_json):
    page = get_json("/api/v1/regions/subdivisions?parent=PH-13")
    assert page["count"] >= 5
    assert {s["parent"] for s in page["items"]} == {"PH-13"}


def test_unknown_and_malformed_subdivisions(get_json):
    get_json("/api/v1/regions/subdivisions/ID-ZZ", status=404)
    get_json("/api/v1/regions/subdivisions/<script>", status=422)
    get_json("/api/v1/regions/subdivisions?country=Indonesia", status=422)
    assert get_json("/api/v1/regions/subdivisions?country=XX")["count"] == 0
