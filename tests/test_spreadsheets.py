"""etalase.spreadsheets: exported cells stay text, never formulas."""

import pytest
from openpyxl import Workbook

from etalase import spreadsheets


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+62812", "'+62812"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("UD Biasa", "UD Biasa"), (12, 12), (-5, -5), (None, None),
])
def test_csv_safe(value, expected):
    assert spreadsheets.csv_safe(value) == expected


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil")', "+1", "-2", "@x", "\tx"])
def test_guard_keeps_formula_like_text_as_text_unchanged(value):
    cell = Workbook().active.cell(row=1, column=1, value=value)
    assert spreadsheets.guard(cell) is cell
    assert cell.value == value and cell.data_type == "s" and cell.quotePrefix


def test_guard_leaves_plain_text_and_numbers_alone_and_cuts_to_excels_limit():
    sheet = Workbook().active
    plain, number = sheet.cell(row=1, column=1, value="Kopi"), sheet.cell(row=1, column=2, value=-3)
    long = sheet.cell(row=1, column=3, value="x" * 40_000)
    for cell in (plain, number, long):
        spreadsheets.guard(cell)
    assert not plain.quotePrefix and not number.quotePrefix and number.value == -3
    assert len(long.value) == spreadsheets.MAX_CELL_CHARS
