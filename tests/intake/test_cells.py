"""Cell values as offices write them: years and dates, amounts, HS codes."""

import datetime as dt
from decimal import Decimal

import pytest

from etalase.intake import cells
from etalase.intake.checks.products import hs_digits


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("2019", 2019),
        ("2019.0", 2019),  # a number column saved as text
        (2019, 2019),
        (2019.0, 2019),
        ("12/03/2019", 2019),
        ("12-03-2019", 2019),
        ("12.03.2019", 2019),
        ("03/25/2019", 2019),  # month first: the year is the same
        ("2019-03-12", 2019),
        ("2019/03", 2019),
        ("05/2016", 2016),
        ("5-2016", 2016),
        ("2019-03-12T08:30:00", 2019),
        ("12 Maret 2019", 2019),  # id
        ("12 Mac 2019", 2019),  # ms
        ("1 Ogos 2018", 2018),  # ms
        ("Marso 12, 2019", 2019),  # fil
        ("Agosto 2017", 2017),  # fil
        ("March 2019", 2019),  # en
        ("Mar 2019", 2019),
        ("12-Mar-2019", 2019),  # Excel's d-mmm-yyyy as text
        ("  12   Desember   2020 ", 2020),
        (dt.date(2015, 6, 1), 2015),
        (dt.datetime(2015, 6, 1, 9, 30), 2015),
        (43536, 2019),  # an Excel serial day (2019-03-12)
        (43536.75, 2019),  # with a time of day
        ("", None),
        (None, None),
    ],
)
def test_years_as_offices_write_them(value, year):
    assert cells.parse_year(value) == year


@pytest.mark.parametrize(
    "value",
    [
        "31/02/2019",  # no such day either way round
        "13/13/2019",
        "13/2019",
        "00/2019",
        "32 Maret 2019",
        "30 Februari 2020",
        "12/03/19",  # which century?
        "Maret",
        "Foo 2019",
        "12 Maret 2019 Marso",
        "2019-2020",
        "tahun dua ribu",
        2019.5,
        float("nan"),
        float("inf"),
        "1e309",
        True,
        "=HYPERLINK(\"x\")",
        "2019\x00",
        "x" * 10_000,
        "🙂 2019",
    ],
)
def test_what_is_no_year_is_said_so(value):
    with pytest.raises(cells.CellError) as error:
        cells.parse_year(value)
    assert error.value.code == "not_a_year"


@pytest.mark.parametrize(
    ("value", "country", "number", "bound", "currency"),
    [
        ("Rp 1,5 jt", "ID", "1500000", "", "IDR"),
        ("150 juta", "ID", "150000000", "", ""),
        ("150 juta rupiah", "ID", "150000000", "", "IDR"),
        ("Rp. 1.500.000,-", "ID", "1500000", "", "IDR"),
        ("Rp -", "ID", None, "", ""),
        ("1.5M", "ID", "1500000000", "", ""),  # M is miliar in Indonesian (CLDR id)
        ("1.5M", "PH", "1500000", "", ""),  # and million in Filipino and English
        ("2 B", "MY", "2000000000", "", ""),  # bilion (CLDR ms)
        ("5J", "MY", "5000000", "", ""),  # juta (CLDR ms short form)
        ("RM 300k", "MY", "300000", "", "MYR"),
        ("₱ 2.5 milyon", "PH", "2500000", "", "PHP"),
        ("P 500", "PH", "500", "", "PHP"),
        ("±100jt", "ID", "100000000", "about", ""),
        ("± Rp 100 jt", "ID", "100000000", "about", "IDR"),
        ("Rp ± 100 jt", "ID", "100000000", "about", "IDR"),
        ("sekitar 2 M", "ID", "2000000000", "about", ""),
        ("> 50 juta", "ID", "50000000", "at_least", ""),
        ("lebih dari 50 juta", "ID", "50000000", "at_least", ""),
        ("50jt+", "ID", "50000000", "at_least", ""),
        ("< 10 juta", "ID", "10000000", "at_most", ""),
        ("US$ 5,000", "PH", "5000", "", "USD"),
        ("5000 $", "PH", "5000", "", ""),  # whose dollar? not said
        (1500000, "ID", "1500000", "", ""),
    ],
)
def test_amounts_as_offices_write_them(value, country, number, bound, currency):
    amount = cells.parse_amount(value, country=country)
    assert amount.value == (Decimal(number) if number else None)
    assert (amount.bound, amount.currency) == (bound, currency)


@pytest.mark.parametrize(
    "value",
    ["satu juta", "dua ratus ribu", "lima puluh juta rupiah", "one million", "isang milyon",
     "Rp satu juta", "seratus ribu", "juta"],
)  # fmt: skip
def test_amounts_in_words_have_their_own_code(value):
    with pytest.raises(cells.CellError) as error:
        cells.parse_amount(value, country="ID")
    assert error.value.code == "amount_in_words"


@pytest.mark.parametrize(
    "value",
    ["tidak tahu", "seratus", "similar", "100-200 juta", "=HYPERLINK(\"x\")", "12\x00", "🙂",
     "1e309", float("inf"), float("nan"), True],
)  # fmt: skip
def test_other_text_is_not_a_number(value):
    with pytest.raises(cells.CellError) as error:
        cells.parse_amount(value, country="ID")
    assert error.value.code == "not_a_number"


def test_a_bound_is_no_plain_number():
    with pytest.raises(cells.CellError):
        cells.parse_number("> 50 juta")
    assert cells.parse_number("50 juta") == Decimal(50_000_000)


def test_a_huge_figure_is_read_not_refused_here():
    # The registry's plausibility check refuses it, with the figure named, not copied whole.
    assert cells.parse_amount("9" * 10_000).value > 10**15


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("1801.00", "180100"),
        ("0901.21", "090121"),
        ("0901.21.10", "09012110"),  # AHTN / BTKI 2022
        ("09.01.21.10", "09012110"),
        ("0901211000", "0901211000"),  # a 10-digit national line
        ("0901 21 10", "09012110"),
        ("09.01", "0901"),  # a heading
        ("HS 0901.21", "090121"),
        (901.21, "090121"),  # typed as a number: Excel dropped the leading zero
        (901.1, "090110"),  # ... and the trailing one
        (90121, "090121"),
        (9012110, "09012110"),
        ("901.21", "090121"),  # the same, saved as CSV
        (901, "0901"),
        ("999999", "999999"),
    ],
)
def test_hs_codes_as_offices_write_them(value, digits):
    assert hs_digits(value) == digits
