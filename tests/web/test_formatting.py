"""Money, figures and dates per locale (Babel), through the helpers and the template filters."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from etalase.web import formatting

NBSP = "\xa0"

MONEY = {
    # language: (IDR 45000, MYR 52000.50, PHP 1500)
    "en": ("IDR45,000", "MYR52,000.50", "₱1,500"),
    "id": ("Rp45.000", "MYR52.000,50", "PHP1.500"),
    "ms": ("IDR45,000", "RM52,000.50", "PHP1,500"),
    "fil": ("IDR45,000", "MYR52,000.50", "₱1,500"),
}


@pytest.mark.parametrize("language", sorted(MONEY))
def test_money_in_each_language(language):
    idr, myr, php = MONEY[language]
    with translation.override(language):
        assert formatting.money(Decimal("45000"), "IDR") == idr
        assert formatting.money("52000.50", "myr") == myr
        assert formatting.money(1500, "PHP") == php


def test_money_explicit_language_wins_over_active_one():
    with translation.override("en"):
        assert formatting.money(45000, "IDR", language="id") == "Rp45.000"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1.2M"), ("id", f"1,2{NBSP}jt"), ("ms", "1.2J"), ("fil", "1.2M")],
)
def test_compact_number_in_each_language(language, expected):
    with translation.override(language):
        assert formatting.compact_number(1_250_000) == expected
        assert formatting.compact_number(999) == "999"


@pytest.mark.parametrize(
    ("language", "medium", "long"),
    [
        ("en", "Aug 17, 2025", "August 17, 2025"),
        ("id", "17 Agu 2025", "17 Agustus 2025"),
        ("ms", "17 Ogo 2025", "17 Ogos 2025"),
        ("fil", "Ago 17, 2025", "Agosto 17, 2025"),
    ],
)
def test_date_local_in_each_language(language, medium, long):
    with translation.override(language):
        assert formatting.date_local(dt.date(2025, 8, 17)) == medium
        assert formatting.date_local(dt.date(2025, 8, 17), "long") == long


def test_date_local_shows_aware_datetimes_in_the_site_time_zone():
    # 20:00 UTC on the 16th is 04:00 on the 17th in Asia/Makassar (UTC+8).
    late = dt.datetime(2025, 8, 16, 20, 0, tzinfo=dt.UTC)
    with translation.override("en"):
        assert formatting.date_local(late) == "Aug 17, 2025"


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1,234,567"), ("id", "1.234.567"), ("ms", "1,234,567"),
                               ("fil", "1,234,567")],
)
def test_number_in_each_language(language, expected):
    with translation.override(language):
        assert formatting.number(1234567) == expected


def test_money_range():
    with translation.override("id"):
        assert formatting.money_range(45000, 52000, "IDR") == "Rp45.000–Rp52.000"
        assert formatting.money_range(45000, 45000, "IDR") == "Rp45.000"
        assert formatting.money_range(None, 52000, "IDR") == "Rp52.000"
        assert formatting.money_range(None, None, "IDR") == ""


@pytest.mark.parametrize(
    "junk", [None, "", "abc", "NaN", "Infinity", "1e400", True, [], object(), "<script>"]
)
def test_malformed_values_format_to_nothing(junk):
    assert formatting.money(junk, "IDR") == ""
    assert formatting.compact_number(junk) == ""
    assert formatting.number(junk) == ""
    assert formatting.date_local(junk) == ""


def test_money_with_a_malformed_currency_shows_the_bare_number():
    with translation.override("en"):
        assert formatting.money(5000, "<script>") == "5,000"
        assert formatting.money(5000, None) == "5,000"
        assert formatting.money(5000, "RUPIAH") == "5,000"


def test_unknown_language_falls_back():
    assert formatting.babel_locale("en-gb").territory == "GB"
    assert str(formatting.babel_locale("xx-nonsense")) == "en"
    assert str(formatting.babel_locale(None)) == "en"


def render(source: str, **context) -> str:
    return Template("{% load etalase_format %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "IDR45,000|1.2M|Aug 17, 2025|IDR45,000–IDR52,000|12,345"),
        ("id", f"Rp45.000|1,2{NBSP}jt|17 Agu 2025|Rp45.000–Rp52.000|12.345"),
        ("ms", "IDR45,000|1.2J|17 Ogo 2025|IDR45,000–IDR52,000|12,345"),
        ("fil", "IDR45,000|1.2M|Ago 17, 2025|IDR45,000–IDR52,000|12,345"),
    ],
)
def test_template_filters_follow_the_active_language(language, expected):
    source = (
        "{{ price|money:currency }}|{{ big|compact_number }}|{{ day|date_local }}|"
        "{% money_range price high currency %}|{{ n|number }}"
    )
    with translation.override(language):
        out = render(source, price=Decimal("45000"), high=52000, currency="IDR",
                     big=1_250_000, day=dt.date(2025, 8, 17), n=12345)
    assert out == expected


def test_template_filters_escape_their_input():
    with translation.override("en"):
        assert render("{{ v|money:c }}", v="1", c="<b>") == "1"
        assert render("{{ v|date_local:f }}", v=dt.date(2024, 2, 29), f="long") == (
            "February 29, 2024")
        # A value that is itself markup never reaches the page unescaped.
        assert render("{{ v|money:c }}", v="<b>1</b>", c="IDR") == ""
