"""The workbook of values the intake keeps (etalase.intake.xlsx_writer) reads back, through
the intake's own reader, as exactly the rows it was given."""

import datetime as dt
import io

import openpyxl
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from etalase.intake import xlsx
from etalase.intake.xlsx_writer import write_values

VALUES = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(["_x0041_", "a_x000D_b", "=SUM(A1:A3)", "#N/A", "  ", "\r\n", "<&>"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)).map(lambda d: d.replace(microsecond=0)),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9000)).map(
        lambda d: dt.timedelta(days=d.days, seconds=d.seconds)),
)


def _as_read(rows: list[tuple[int, list]]) -> list[tuple[int, list]]:
    """What the reader yields: an empty cell is "" between values and nothing after the last;
    a row without values is not yielded; a datetime at midnight is a date."""
    read = []
    for number, cells in rows:
        kept = ["" if value is None or value == "" else value for value in cells]
        while kept and kept[-1] == "":
            kept.pop()
        kept = [v.date() if isinstance(v, dt.datetime) and v.time() == dt.time() else v
                for v in kept]
        if kept:
            read.append((number, kept))
    return read


@hypothesis_settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(VALUES, max_size=6), min_size=1, max_size=8),
       gaps=st.lists(st.integers(min_value=1, max_value=3), min_size=8, max_size=8),
       name=st.text(alphabet=st.characters(categories=("L", "N", "Zs")), min_size=1,
                    max_size=31))
def test_rows_read_back_as_given(rows, gaps, name):
    numbered, number = [], 0
    for cells, gap in zip(rows, gaps, strict=False):
        number += gap
        numbered.append((number, cells))
    out = io.BytesIO()
    write_values(out, name, numbered)
    sheet = xlsx.open_sheet(io.BytesIO(out.getvalue()))
    assert sheet.name == name
    assert list(sheet.rows) == _as_read(numbered)


def test_the_workbook_opens_in_openpyxl_with_its_types():
    out = io.BytesIO()
    write_values(out, "Rekap", [(2, ["UD Satu", 12, 1.5, True, dt.date(2024, 3, 12),
                                     dt.datetime(2024, 3, 12, 8, 30), "=1+1"])])
    workbook = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    assert workbook.sheetnames == ["Rekap"]
    values = [cell.value for cell in workbook["Rekap"][2]]
    assert values == ["UD Satu", 12, 1.5, True, dt.datetime(2024, 3, 12),
                      dt.datetime(2024, 3, 12, 8, 30), "=1+1"]
    assert workbook["Rekap"]["G2"].data_type == "s"  # text, never a formula


def test_the_same_rows_give_the_same_bytes():
    rows = [(1, ["a", 1]), (3, [None, dt.date(2020, 1, 1)])]
    first, second = io.BytesIO(), io.BytesIO()
    write_values(first, "S", rows)
    write_values(second, "S", rows)
    assert first.getvalue() == second.getvalue()
