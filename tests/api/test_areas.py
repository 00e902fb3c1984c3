"""The enterprises and products lists filter by second-level area (issue 13) and name each
enterprise's area; a code no area has, or one that is not a code at all, is a 422 that says
which, never an empty list that would pass for an area without enterprises."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import bearer
from tests.factories import buyer, make_enterprise, make_product, officer_of

pytestmark = pytest.mark.django_db

MINAHASA, MANADO, KOTA_KINABALU = "ID-71.02", "ID-71.71", "MY-12-kota-kinabalu"
PATHS = ["/api/v1/enterprises", "/api/v1/products"]


@pytest.fixture
def placed():
    minahasa = make_enterprise("ID-SA", legal_name="CV Kakao Minahasa", area_id=MINAHASA)
    manado = make_enterprise("ID-SA", legal_name="UD Manado Jaya", area_id=MANADO)
    sabah = make_enterprise("MY-12", legal_name="Koko Kinabalu Sdn Bhd", area_id=KOTA_KINABALU)
    unknown = make_enterprise("ID-SA", legal_name="Usaha Tanpa Daerah", regency="Kecamatan Wori",
                              area_id=None)
    hidden = make_enterprise("ID-SA", legal_name="Menunggu Izin", area_id=MINAHASA,
                             consent="pending")
    for enterprise in (minahasa, manado, sabah, unknown, hidden):
        make_product(enterprise, name=f"Produk {enterprise.legal_name}")
    return {"minahasa": minahasa, "hidden": hidden}


def _names(body: dict, path: str) -> set[str]:
    if path.endswith("enterprises"):
        return {item["legal_name"] for item in body["items"]}
    return {item["enterprise"]["name"] for item in body["items"]}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("code", [MINAHASA, "id-71.02", "Id-71.02"])
def test_the_lists_filter_by_area_whatever_the_case_of_its_code(get_json, placed, path, code):
    assert _names(get_json(path, data={"area": code}), path) == {"CV Kakao Minahasa"}


@pytest.mark.parametrize("path", PATHS)
def test_a_malaysian_district_and_the_other_filters(get_json, placed, path):
    for code in (KOTA_KINABALU, KOTA_KINABALU.upper()):
        assert _names(get_json(path, data={"area": code}), path) == {"Koko Kinabalu Sdn Bhd"}
    assert get_json(path, data={"area": KOTA_KINABALU, "country": "ID"})["count"] == 0
    assert get_json(path, data={"area": MANADO, "subdivision": "ID-SA"})["count"] == 1


@pytest.mark.parametrize("path", PATHS)
def test_an_official_also_finds_the_unpublished_records_of_its_area(client, placed, path):
    body = client.get(path, {"area": MINAHASA}, headers=bearer(officer_of("ID-SA"))).json()
    assert _names(body, path) == {"CV Kakao Minahasa", "Menunggu Izin"}


def test_each_enterprise_carries_its_area_code_and_name(get_json, placed):
    items = {e["legal_name"]: e for e in get_json("/api/v1/enterprises")["items"]}
    assert items["CV Kakao Minahasa"]["area"] == {"code": MINAHASA, "name": "Kabupaten Minahasa"}
    assert items["Usaha Tanpa Daerah"]["area"] is None
    assert items["Usaha Tanpa Daerah"]["regency"] == "Kecamatan Wori"  # as its file said
    one = get_json(f"/api/v1/enterprises/{placed['minahasa'].pk}")
    assert one["area"]["name"] == "Kabupaten Minahasa"


def test_each_product_carries_its_enterprises_area(get_json, placed):
    items = {p["enterprise"]["name"]: p for p in get_json("/api/v1/products")["items"]}
    assert items["Koko Kinabalu Sdn Bhd"]["enterprise"]["area"] == {
        "code": KOTA_KINABALU, "name": "Kota Kinabalu"}
    assert items["Usaha Tanpa Daerah"]["enterprise"]["area"] is None


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("code", ["ID-99.99", "ID-71.020", "MY-12-kota-kinabalu-baru", "XX-1"])
def test_an_unknown_area_is_404_naming_the_code(get_json, placed, path, code):
    # Well-formed but naming no area: not found (schemathesis: a schema-valid request is
    # never refused as malformed), with the code named.
    body = get_json(path, status=404, data={"area": code})
    assert body["detail"] == {"area": [f"No area has the code “{code}”."]}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("code", [
    "ID-71.02' OR '1'='1", "ID-71.02; DROP TABLE enterprises_enterprise; --", "Minahasa",
    "ID-" + "7" * 30, "I" * 10_000, "ID-", "ID-*", "ID-71.02\x00", "<script>x</script>",
    "ID-71 02",
])
def test_what_is_not_an_area_code_is_422_before_any_query(get_json, placed, path, code,
                                                          django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the session, at most; no registry read
        body = get_json(path, status=422, data={"area": code})
    assert body["detail"][0]["loc"] == ["query", "area"]


def test_the_area_goes_into_the_openapi_description(get_json):
    schema = get_json("/api/v1/openapi.json")
    params = {p["name"]: p for p in schema["paths"]["/api/v1/enterprises"]["get"]["parameters"]}
    assert "ID-71.02" in params["area"]["description"]
    assert "area" in {p["name"] for p in schema["paths"]["/api/v1/products"]["get"]["parameters"]}


@pytest.mark.parametrize("path", PATHS)
def test_the_area_costs_no_query_per_row(client, placed, path):
    headers = bearer(buyer())
    client.get(path, headers=headers)
    for _ in range(5):
        make_product(make_enterprise("ID-SA", area_id=MANADO))
    with CaptureQueriesContext(connection) as few:
        client.get(f"{path}?page_size=2", headers=headers)
    with CaptureQueriesContext(connection) as many:
        client.get(f"{path}?page_size=100", headers=headers)
    assert len(many.captured_queries) == len(few.captured_queries)
