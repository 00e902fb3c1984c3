"""Every pair of the covered countries for the region's export goods: a checklist, never an
error; every entry sourced; the closing note lists exactly what the tables hold."""

import pytest

from etalase.trade import coverage, selectors, tables
from tests.trade.test_selectors import assert_every_entry_sourced

pytestmark = pytest.mark.django_db

# The region's export goods named in issue 14, one HS 2022 subheading each.
GOODS = {
    "cocoa beans": "180100", "green coffee": "090111", "pepper": "090411",
    "desiccated coconut": "080111", "coconut oil": "151311", "seaweed": "121221",
    "shrimp, frozen": "030617", "canned tuna": "160414", "crude palm oil": "151110",
    "rattan": "140120", "rattan basketwork": "460212", "rattan seats": "940153",
    "essential oil": "330129", "sauces": "210390", "mangoes": "080450",
}


@pytest.mark.parametrize("origin", ["ID", "MY", "PH", "BN", "SG"])
def test_every_good_to_every_destination(origin):
    for hs in GOODS.values():
        for destination in selectors.destinations():
            if destination == origin:
                continue
            result = selectors.export_checklist(
                selectors.Query(hs, origin, destination), language="ms")
            assert_every_entry_sourced(result)
            if destination in tables.asean():
                atiga = next(a for a in result["agreements"] if a["code"] == "ATIGA")
                assert atiga["rule"]["wholly_obtained"] and atiga["rule"]["terms"]
                assert atiga["offices"], (origin, destination)
            assert result["complete"] == (not result["gaps"])
            if not result["agreements"]:
                assert any("No preferential agreement" in gap or "Tiada" in gap
                           for gap in result["gaps"])


def test_closing_note_names_what_is_and_is_not_held():
    summary = coverage.summary()
    assert "RCEP 94: CTH / RVC40" in summary["psr"]
    assert summary["offices"] == ["BN", "ID", "MY", "PH", "SG"]
    assert set(summary["offices_missing"]) == {"KH", "LA", "MM", "TH", "VN"}
    assert "JP 180100 (2024)" in summary["tariffs"] and "KR" in summary["tariffs_missing"]
    assert summary["versions"]["requirements"]["version"]
