"""The "who can pay" table: data, read by crossborder.payers_for()."""

import json
import re
from pathlib import Path

import pycountry
import pytest

from etalase.payments import crossborder, emv

from .test_emv import SAMPLES

DATA = Path(emv.__file__).parent / "data"


def schemes_of(rows):
    return {row["scheme"] for row in rows}


def test_qris_merchants_can_be_paid_from_thailand_malaysia_and_singapore():
    rows = crossborder.payers_for("QRIS")
    assert schemes_of(rows) == {"PromptPay", "DuitNow", "SGQR"}
    assert {row["country"] for row in rows} == {"TH", "MY", "SG"}
    # QRIS -> Japan is one way: Japanese apps cannot pay QRIS merchants.
    assert "JPQR" not in schemes_of(rows)


def test_duitnow_merchants_can_be_paid_from_four_schemes():
    assert schemes_of(crossborder.payers_for("DuitNow")) == {"QRIS", "PromptPay", "SGQR", "KHQR"}


def test_one_way_link_pays_only_in_its_direction():
    assert schemes_of(crossborder.payers_for("JPQR")) == {"QRIS"}


@pytest.mark.parametrize("scheme", ["QR Ph", "Unknown", "", None])
def test_schemes_without_a_live_link_have_no_foreign_payers(scheme):
    assert crossborder.payers_for(scheme) == []


def test_rows_carry_date_and_source_oldest_first():
    rows = crossborder.payers_for("QRIS")
    assert [row["scheme"] for row in rows] == ["PromptPay", "DuitNow", "SGQR"]
    for row in rows:
        assert set(row) == {"scheme", "country", "since", "since_verified", "source"}
        assert re.fullmatch(r"\d{4}(-\d{2})?", row["since"]) and row["source"]
    assert [row["since_verified"] for row in rows] == [True, True, False]


def test_callers_cannot_change_the_cached_table():
    crossborder.payers_for("QRIS")[0]["scheme"] = "tampered"
    assert "tampered" not in schemes_of(crossborder.payers_for("QRIS"))


def test_table_is_consistent_with_the_guid_table():
    table = json.loads((DATA / "cross_border.json").read_text("utf-8"))
    guid_schemes = json.loads((DATA / "schemes.json").read_text("utf-8"))["schemes"]
    for scheme in guid_schemes:  # every scheme the parser names has a country in the table
        assert table["schemes"][scheme["name"]]["country"] == scheme["country"]
    for info in table["schemes"].values():
        assert pycountry.countries.get(alpha_2=info["country"]) is not None
    for link in table["links"]:
        assert link["payer"] in table["schemes"] and link["merchant"] in table["schemes"]
        assert link["payer"] != link["merchant"]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s["scheme"] for s in SAMPLES])
def test_parsed_sample_schemes_are_known_to_the_table(sample):
    scheme = emv.parse(sample["payload"]).scheme
    expected = {"QRIS": True, "DuitNow": True, "QR Ph": False}[scheme]
    assert bool(crossborder.payers_for(scheme)) is expected


def test_notes_for_the_display():
    assert "provider" in crossborder.rate_note()
    assert any("Nexus" in note for note in crossborder.pending_notes("PH"))
    assert crossborder.pending_notes("BN") and crossborder.pending_notes("ID") == []
