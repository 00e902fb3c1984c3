"""The export checklist: the four cases of issue 14, every entry sourced, gaps said."""

from decimal import Decimal

import pytest

from etalase.trade import selectors, tables

pytestmark = pytest.mark.django_db


def checklist(hs, origin, destination, value=None, language="en"):
    query = selectors.parse({"hs": hs, "origin": origin, "destination": destination,
                             "value": value})
    return selectors.export_checklist(query, language=language)


def sources_in(node):
    """Every dict under a 'source'-like key of the checklist."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("source", "parties_source", "rvc_formula") and value is not None:
                yield value
            else:
                yield from sources_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from sources_in(item)


def assert_every_entry_sourced(result):
    for agreement in result["agreements"]:
        assert agreement["parties_source"]["document"]
        for document in agreement["documents"]:
            assert document["source"]["document"] and document["source"]["year"]
        for office in agreement["offices"]:
            assert office["source"]["article"]
        for term in agreement["rule"]["terms"]:
            assert term["source"]["document"]
    for need in result["requirements"]:
        assert need["source"]["document"] and need["source"]["year"]
    for source in sources_in(result):
        assert source["document"] and source["year"] and source["article"], source


def test_cocoa_beans_indonesia_to_malaysia():
    result = checklist("180100", "ID", "MY", language="id")
    codes = [a["code"] for a in result["agreements"]]
    assert codes == ["ATIGA", "RCEP"]
    atiga = result["agreements"][0]
    assert [t["code"] for t in atiga["rule"]["terms"]] == ["RVC40", "CTH"]
    assert atiga["rule"]["wholly_obtained"]["code"] == "WO"
    assert "Art. 27" in atiga["rule"]["wholly_obtained"]["source"]["article"]
    assert any("e-SKA" in office["system"] for office in atiga["offices"])
    assert any("Form D" in d["name"] for d in atiga["documents"])
    assert any("MAQIS" in need["agency"] for need in result["requirements"])
    assert result["requirements"][0]["text"].startswith("Tanaman")  # Indonesian data text
    assert result["duty"] is None and not result["complete"]
    assert any("Duty rates" in gap or "Tarif" in gap for gap in result["gaps"])
    assert_every_entry_sourced(result)


def test_cocoa_beans_indonesia_to_japan_is_already_duty_free():
    result = checklist("1801.00", "ID", "JP", value="25000")
    assert {"ATIGA"}.isdisjoint(a["code"] for a in result["agreements"])
    assert {"AJCEP", "RCEP"} <= {a["code"] for a in result["agreements"]}
    assert result["duty"]["mfn"] == "0" and result["duty"]["schedule_year"] == 2024
    assert result["duty"]["saving"] == "0.00" and result["duty"]["already_free"]
    ajcep = next(a for a in result["agreements"] if a["code"] == "AJCEP")
    assert [t["code"] for t in ajcep["rule"]["terms"]] == ["CTH", "RVC"]
    assert_every_entry_sourced(result)


def test_cocoa_beans_indonesia_to_the_eu_has_no_agreement_and_says_so():
    result = checklist("180100", "ID", "EU")
    assert result["agreements"] == []
    assert any("No preferential agreement" in gap for gap in result["gaps"])
    assert any("Deforestation" in need["text"] for need in result["requirements"])
    assert result["finders"][0]["name"].startswith("Access2Markets")
    assert_every_entry_sourced(result)


@pytest.mark.parametrize("hs", ["940153", "940152", "940159"])
def test_rattan_chairs_philippines_to_korea(hs):
    result = checklist(hs, "PH", "KR", language="fil")
    rcep = next(a for a in result["agreements"] if a["code"] == "RCEP")
    assert rcep["rule"]["kind"] == "product_specific"
    assert [t["code"] for t in rcep["rule"]["terms"]] == ["CTH", "RVC40"]
    assert "Chapter 94" in rcep["rule"]["source"]["article"]
    assert any("TradeNet" in office["system"] for office in rcep["offices"])
    akfta = next(a for a in result["agreements"] if a["code"] == "AKFTA")
    assert akfta["rule"]["kind"] == "not_covered"
    assert {need["kind"] for need in result["requirements"]} == {"packaging", "phytosanitary"}
    assert_every_entry_sourced(result)


@pytest.mark.parametrize(("params", "field", "code"), [
    ({"hs": "", "origin": "ID", "destination": "MY"}, "hs", "required"),
    ({"hs": "180199", "origin": "ID", "destination": "MY"}, "hs", "unknown"),
    ({"hs": "18", "origin": "ID", "destination": "MY"}, "hs", "invalid"),
    ({"hs": "1" * 10240, "origin": "ID", "destination": "MY"}, "hs", "too_long"),
    ({"hs": "<script>alert(1)</script>", "origin": "ID", "destination": "MY"}, "hs", "invalid"),
    ({"hs": "180100", "origin": "XX", "destination": "MY"}, "origin", "unknown_country"),
    ({"hs": "180100", "origin": "ID", "destination": "ZZ"}, "destination", "unknown_country"),
    ({"hs": "180100", "origin": "ID", "destination": "BR"}, "destination", "not_covered"),
    ({"hs": "180100", "origin": "US", "destination": "MY"}, "origin", "not_covered"),
    ({"hs": "180100", "origin": "ID", "destination": "ID"}, "destination", "same_country"),
    ({"hs": "180100", "origin": "ID", "destination": "MY", "value": "abc"},
     "value", "not_a_number"),
    ({"hs": "180100", "origin": "ID", "destination": "MY", "value": "-5"},
     "value", "out_of_range"),
])
def test_bad_input_gets_a_specific_error(params, field, code):
    with pytest.raises(selectors.ChecklistError) as error:
        selectors.parse(params)
    assert (error.value.field, error.value.code) == (field, code)


def test_every_destination_has_the_atiga_part_or_says_why():
    for destination in selectors.destinations():
        if destination == "ID":
            continue
        result = checklist("180100", "ID", destination)
        if destination in tables.asean():
            atiga = next(a for a in result["agreements"] if a["code"] == "ATIGA")
            assert atiga["documents"] and atiga["offices"] and atiga["rule"]["terms"]
        else:
            assert "ATIGA" not in [a["code"] for a in result["agreements"]]


def test_tables_refuse_an_entry_without_source(monkeypatch):
    broken = {"table": "offices", "version": "x", "compiled": "x",
              "offices": [{"country": "ID", "agreements": ["*"], "office": "Made up"}]}
    monkeypatch.setattr(tables, "_read", lambda name: broken if name == "offices"
                        else tables.json.loads((tables.DATA_DIR / f"{name}.json").read_text()))
    tables.load.cache_clear()
    with pytest.raises(tables.TableError):
        tables.load()
    tables.load.cache_clear()


def test_duty_saving_uses_the_best_preferential_rate(monkeypatch):
    data = tables.load()
    row = {"destination": "KR", "hs": "940153", "mfn": "8",
           "preferential": {"RCEP": "2", "AKFTA": "0"},
           "schedule_year": 2099, "source": {"ref": "atr", "article": "test"}}
    monkeypatch.setitem(data["tariffs"], "tariffs", [row])
    found = selectors.duty("KR", "940153", ["RCEP", "AKFTA"], Decimal("1000"))
    assert found["saving"] == "80.00" and found["saving_rate"] == "8"
