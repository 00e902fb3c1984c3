"""Size classes: every threshold of every country at, one unit below and one unit above it.

The thresholds are written out here from the laws (not read from the data file), so a wrong edit
of ``size_classes.json`` fails these tests.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils.functional import Promise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.enterprises import size_classes
from etalase.enterprises.size_classes import SizeFigureError, classify

NEW = {"established_before_rule": False}  # Indonesia: set up under PP 7/2021
OLD = {"established_before_rule": True}  # Indonesia: operating before it

# (country, figure, extra arguments, threshold, class at, class one unit below, one unit above)
THRESHOLDS = [
    # Indonesia, PP 7/2021: capital for new businesses, annual sales for older ones (IDR).
    ("ID", "capital", NEW, 1_000_000_000, "micro", "micro", "small"),
    ("ID", "capital", NEW, 5_000_000_000, "small", "small", "medium"),
    ("ID", "capital", NEW, 10_000_000_000, "medium", "medium", "large"),
    ("ID", "annual_sales", OLD, 2_000_000_000, "micro", "micro", "small"),
    ("ID", "annual_sales", OLD, 15_000_000_000, "small", "small", "medium"),
    ("ID", "annual_sales", OLD, 50_000_000_000, "medium", "medium", "large"),
    # Malaysia, SME Corp 2013, manufacturing (MYR; full-time employees).
    ("MY", "annual_sales", {"sector": "manufacturing"}, 300_000, "small", "micro", "small"),
    ("MY", "annual_sales", {"sector": "manufacturing"}, 15_000_000, "medium", "small", "medium"),
    ("MY", "annual_sales", {"sector": "manufacturing"}, 50_000_000, "medium", "medium", "large"),
    ("MY", "employees", {"sector": "manufacturing"}, 5, "small", "micro", "small"),
    ("MY", "employees", {"sector": "manufacturing"}, 75, "medium", "small", "medium"),
    ("MY", "employees", {"sector": "manufacturing"}, 200, "medium", "medium", "large"),
    # Malaysia, services and other sectors.
    ("MY", "annual_sales", {"sector": "services"}, 300_000, "small", "micro", "small"),
    ("MY", "annual_sales", {"sector": "services"}, 3_000_000, "medium", "small", "medium"),
    ("MY", "annual_sales", {"sector": "services"}, 20_000_000, "medium", "medium", "large"),
    ("MY", "employees", {"sector": "services"}, 5, "small", "micro", "small"),
    ("MY", "employees", {"sector": "services"}, 30, "medium", "small", "medium"),
    ("MY", "employees", {"sector": "services"}, 75, "medium", "medium", "large"),
    # Philippines, RA 9501: assets excluding land (PHP); employee bands when assets are unknown.
    ("PH", "assets", {}, 3_000_000, "micro", "micro", "small"),
    ("PH", "assets", {}, 15_000_000, "small", "small", "medium"),
    ("PH", "assets", {}, 100_000_000, "medium", "medium", "large"),
    ("PH", "employees", {}, 9, "micro", "micro", "small"),
    ("PH", "employees", {}, 99, "small", "small", "medium"),
    ("PH", "employees", {}, 199, "medium", "medium", "large"),
    # Brunei, MOFE (BND): each criterion alone ("less than" ceilings for money, bands for staff).
    ("BN", "annual_sales", {}, 100_000, "small", "micro", "small"),
    ("BN", "annual_sales", {}, 1_000_000, "medium", "small", "medium"),
    ("BN", "annual_sales", {}, 5_000_000, "large", "medium", "large"),
    ("BN", "employees", {}, 9, "micro", "micro", "small"),
    ("BN", "employees", {}, 29, "small", "small", "medium"),
    ("BN", "employees", {}, 99, "medium", "medium", "large"),
    ("BN", "assets", {}, 60_000, "small", "micro", "small"),
    ("BN", "assets", {}, 600_000, "medium", "small", "medium"),
    ("BN", "assets", {}, 3_000_000, "large", "medium", "large"),
]


def _cases():
    for country, figure, extra, threshold, at, below, above in THRESHOLDS:
        for where, value, expected in (("at", threshold, at), ("below", threshold - 1, below),
                                       ("above", threshold + 1, above)):
            sector = extra.get("sector", "")
            yield pytest.param(country, figure, extra, value, expected,
                               id=f"{country}-{sector}-{figure}-{threshold}-{where}")


def _figure(figure: str, value: int):
    return value if figure == "employees" else Decimal(value)


@pytest.mark.parametrize(("country", "figure", "extra", "value", "expected"), list(_cases()))
def test_threshold(country, figure, extra, value, expected):
    result = classify(country=country, **{figure: _figure(figure, value)}, **extra)
    assert result.size_class == expected
    assert result.criterion == figure
    assert result.rule


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    """Point the module at an edited copy of the thresholds (and forget the cached ones)."""
    original = json.loads(size_classes.DATA_FILE.read_text(encoding="utf-8"))

    def write(edit):
        data = json.loads(json.dumps(original))
        edit(data)
        path = tmp_path / "size_classes.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        monkeypatch.setattr(size_classes, "DATA_FILE", path)
        size_classes._data.cache_clear()

    yield write
    size_classes._data.cache_clear()


@pytest.mark.parametrize(("sector", "sales", "staff"), [
    ("manufacturing", 50_000_000, 200), ("services", 20_000_000, 75)])
def test_malaysia_medium_upper_bound_is_a_flag_in_the_data(data_file, sector, sales, staff):
    assert classify(country="MY", annual_sales=Decimal(sales), sector=sector).size_class == "medium"

    def exclusive(data):
        data["countries"]["MY"]["rules"][0]["medium_upper_inclusive"] = False

    data_file(exclusive)
    assert classify(country="MY", annual_sales=Decimal(sales), sector=sector).size_class == "large"
    assert classify(country="MY", employees=staff, sector=sector).size_class == "large"
    assert classify(country="MY", employees=staff - 1, sector=sector).size_class == "medium"


def test_a_new_rule_applies_from_its_start_date(data_file):
    def raise_micro_ceiling(data):
        rules = data["countries"]["PH"]["rules"]
        new = json.loads(json.dumps(rules[0]))
        new.update(name="Future Act", effective="2030-01-01")
        new["criteria"]["assets"]["bands"][0]["max"] = "7500000"
        rules.append(new)

    data_file(raise_micro_ceiling)
    before = classify(country="PH", assets=Decimal(5_000_000), on=dt.date(2029, 12, 31))
    after = classify(country="PH", assets=Decimal(5_000_000), on=dt.date(2030, 1, 1))
    assert (before.size_class, before.rule) == ("small", "RA 9501 sec. 3")
    assert (after.size_class, after.rule) == ("micro", "Future Act")


def test_malformed_data_is_refused(data_file):
    def unordered(data):
        data["countries"]["PH"]["rules"][0]["criteria"]["assets"]["bands"][1]["max"] = "1"

    data_file(unordered)
    with pytest.raises(ValueError, match="increase"):
        classify(country="PH", assets=Decimal(1))


def test_unknown_combination_in_the_data_is_refused(data_file):
    def typo(data):
        data["countries"]["BN"]["rules"][0]["combination"] = "two_of_tree"

    data_file(typo)
    with pytest.raises(ValueError, match="unknown combination"):
        classify(country="BN", employees=1)


def test_thresholds_are_loaded_once():
    assert size_classes._data() is size_classes._data()


# --- how each country combines its criteria -------------------------------------------------

def test_indonesia_sales_are_the_default_when_given():
    result = classify(country="ID", annual_sales=Decimal(1), capital=Decimal(20_000_000_000))
    assert (result.size_class, result.criterion) == ("micro", "annual_sales")
    assert result.by_criterion == {"annual_sales": "micro", "capital": "large"}


def test_indonesia_new_business_is_classified_by_capital():
    result = classify(country="ID", annual_sales=Decimal(1), capital=Decimal(20_000_000_000),
                      established_before_rule=False)
    assert (result.size_class, result.criterion) == ("large", "capital")


def test_indonesia_capital_when_sales_unknown():
    result = classify(country="ID", capital=Decimal(3_000_000_000))
    assert (result.size_class, result.criterion) == ("small", "capital")


@pytest.mark.parametrize(("kwargs", "needed"), [
    ({"established_before_rule": True, "capital": Decimal(1)}, "Annual sales are needed"),
    ({"established_before_rule": False, "annual_sales": Decimal(1)}, "capital is needed"),
    ({"employees": 3, "assets": Decimal(1)}, "Annual sales or business capital"),
])
def test_indonesia_missing_figure_gives_no_class_and_a_reason(kwargs, needed):
    result = classify(country="ID", **kwargs)
    assert result.size_class is None
    assert needed in str(result.reason)


@pytest.mark.parametrize(("sales", "staff", "expected", "decided_by"), [
    (60_000_000, 3, "micro", "employees"),  # sales say large, staff micro: the smaller
    (100_000, 150, "micro", "annual_sales"),
    (20_000_000, 100, "medium", "annual_sales"),  # both medium
    (1_000_000, None, "small", "annual_sales"),
    (None, 80, "medium", "employees"),
])
def test_malaysia_sales_or_staff_smaller_size_applies(sales, staff, expected, decided_by):
    result = classify(country="MY", annual_sales=None if sales is None else Decimal(sales),
                      employees=staff, sector="manufacturing")
    assert (result.size_class, result.criterion) == (expected, decided_by)


def test_malaysia_disagreement_is_explained():
    result = classify(country="MY", annual_sales=Decimal(60_000_000), employees=3)
    assert "smaller size applies" in str(result.basis)


@pytest.mark.parametrize(("sector", "expected"), [
    ("manufacturing", "small"), ("services", "medium"), ("agriculture", "medium"),
    ("other", "medium"), ("Manufacturing ", "small")])
def test_malaysia_sector_decides_the_scale(sector, expected):
    assert classify(country="MY", annual_sales=Decimal(10_000_000),
                    sector=sector).size_class == expected


def test_malaysia_unknown_sector_is_refused():
    with pytest.raises(ValueError, match="Unknown sector"):
        classify(country="MY", annual_sales=Decimal(1), sector="manufacture")


def test_sector_is_ignored_outside_malaysia():
    assert classify(country="PH", assets=Decimal(1), sector="anything").size_class == "micro"


def test_malaysia_without_figures():
    assert classify(country="MY", assets=Decimal(1)).size_class is None


def test_philippines_assets_decide_by_law():
    result = classify(country="PH", assets=Decimal(1_000_000), employees=150,
                      annual_sales=Decimal(10**12))
    assert (result.size_class, result.criterion) == ("micro", "assets")


def test_philippines_staff_bands_only_without_assets():
    result = classify(country="PH", employees=150)
    assert (result.size_class, result.criterion) == ("medium", "employees")
    assert "assets were not given" in str(result.basis)


@pytest.mark.parametrize("staff", [0, 1])
def test_philippines_and_brunei_smallest_staff_counts_are_micro(staff):
    assert classify(country="PH", employees=staff).size_class == "micro"
    assert classify(country="BN", employees=staff).size_class == "micro"


def test_philippines_sales_alone_do_not_count():
    result = classify(country="PH", annual_sales=Decimal(1_000))
    assert result.size_class is None
    assert "sales do not count" in str(result.reason)


@pytest.mark.parametrize(("revenue", "staff", "assets", "expected", "decided_by"), [
    (50_000, 15, 100_000, "small", "employees"),  # staff and assets agree on small
    (50_000, 5, 1_000_000, "micro", "annual_sales"),  # revenue and staff agree on micro
    (2_000_000, 5, 2_000_000, "medium", "annual_sales"),  # revenue and assets agree
    (6_000_000, 150, 4_000_000, "large", "annual_sales"),  # all three agree
    (50_000, 15, 1_000_000, "micro", "annual_sales"),  # no two agree: revenue decides
    (None, 15, 1_000_000, "small", "employees"),  # no revenue: staff decide
    (None, None, 1_000_000, "medium", "assets"),  # assets only
    (2_000_000, 5, None, "medium", "annual_sales"),  # two criteria disagree: revenue first
])
def test_brunei_two_of_three_then_revenue_staff_assets(revenue, staff, assets, expected,
                                                       decided_by):
    result = classify(country="BN", annual_sales=None if revenue is None else Decimal(revenue),
                      employees=staff, assets=None if assets is None else Decimal(assets))
    assert (result.size_class, result.criterion) == (expected, decided_by)


def test_brunei_explains_agreement_and_priority():
    agree = classify(country="BN", annual_sales=Decimal(50_000), employees=15,
                     assets=Decimal(100_000))
    disagree = classify(country="BN", annual_sales=Decimal(50_000), employees=15,
                        assets=Decimal(1_000_000))
    assert "two" in str(agree.basis)
    assert "annual sales decide" in str(disagree.basis)
    assert classify(country="BN").size_class is None


# --- countries, dates, figures ----------------------------------------------------------------

@pytest.mark.parametrize("country", ["SG", "TH", "", "XX"])
def test_country_without_rule_has_no_class_and_a_reason(country):
    result = classify(country=country, annual_sales=Decimal(1), employees=1, assets=Decimal(1))
    assert result.size_class is None
    assert "No official size rule" in str(result.reason)


def test_country_code_is_case_insensitive():
    assert classify(country=" id ", annual_sales=Decimal(1)).size_class == "micro"


def test_no_rule_in_force_before_the_first_one():
    result = classify(country="ID", annual_sales=Decimal(1), on=dt.date(2020, 12, 31))
    assert result.size_class is None
    assert classify(country="ID", annual_sales=Decimal(1),
                    on=dt.date(2021, 2, 2)).size_class == "micro"
    # Brunei's start date is unknown: its rule applies on any date.
    assert classify(country="BN", employees=1, on=dt.date(1990, 1, 1)).size_class == "micro"


def test_basis_is_translatable_text():
    result = classify(country="MY", annual_sales=Decimal(60_000_000), employees=3)
    assert isinstance(result.basis, Promise)
    assert str(result.basis)


@pytest.mark.parametrize("figure", ["annual_sales", "assets", "capital", "employees"])
@pytest.mark.parametrize("country", ["ID", "MY", "PH", "BN", "SG"])
def test_negative_figures_are_refused(country, figure):
    value = -1 if figure == "employees" else Decimal("-0.01")
    with pytest.raises(SizeFigureError) as error:
        classify(country=country, **{figure: value})
    assert (error.value.field, error.value.code) == (figure, "negative")
    assert "cannot be negative" in str(error.value)
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(("country", "too_much"), [
    ("ID", Decimal("1e17") + 1), ("MY", Decimal("2e13") + 1), ("PH", Decimal("3e14") + 1),
    ("BN", Decimal("2e11") + 1)])
def test_absurd_amounts_are_refused(country, too_much):
    with pytest.raises(SizeFigureError) as error:
        classify(country=country, annual_sales=too_much)
    assert error.value.code == "implausible"
    assert "check the figure and the currency" in str(error.value)
    # The largest plausible amount itself is classified (as large).
    assert classify(country=country, annual_sales=too_much - 1,
                    assets=too_much - 1).size_class == "large"


@pytest.mark.parametrize(("figure", "value", "code"), [
    ("employees", 1_000_001, "implausible"),
    ("employees", Decimal("2.5"), "not_a_number"),
    ("employees", 2.0, "not_a_number"),
    ("employees", True, "not_a_number"),
    ("annual_sales", Decimal("NaN"), "not_a_number"),
    ("annual_sales", Decimal("Infinity"), "not_a_number"),
    ("assets", "lots", "not_a_number"),
    ("capital", [1], "not_a_number"),
    ("capital", False, "not_a_number"),
])
def test_impossible_figures_are_refused(figure, value, code):
    with pytest.raises(SizeFigureError) as error:
        classify(country="ID", **{figure: value})
    assert (error.value.field, error.value.code) == (figure, code)
    assert str(error.value)


def test_whole_decimal_staff_count_and_int_amounts_are_accepted():
    assert classify(country="MY", employees=Decimal(4)).size_class == "micro"
    assert classify(country="MY", annual_sales=299_999).size_class == "micro"
    assert classify(country="PH", assets=Decimal("3000000.50")).size_class == "small"


amounts = st.none() | st.decimals(min_value=0, max_value=10**11, places=2)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=st.sampled_from(["ID", "MY", "PH", "BN"]), sales=amounts, assets=amounts,
       capital=amounts, staff=st.none() | st.integers(0, 1_000_000),
       sector=st.sampled_from(["manufacturing", "services", "other"]),
       before=st.none() | st.booleans())
def test_any_plausible_figures_give_a_class_or_a_reason(country, sales, assets, capital, staff,
                                                        sector, before):
    result = classify(country=country, annual_sales=sales, assets=assets, capital=capital,
                      employees=staff, sector=sector, established_before_rule=before)
    assert result.size_class in {None, "micro", "small", "medium", "large"}
    assert str(result.basis)
    if result.size_class:
        assert result.by_criterion[result.criterion] == result.size_class


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=st.sampled_from(["MY", "PH", "BN"]), low=st.integers(0, 1000),
       step=st.integers(0, 1000))
def test_more_staff_never_means_a_smaller_class(country, low, step):
    order = size_classes.SIZE_ORDER
    smaller = classify(country=country, employees=low).size_class
    larger = classify(country=country, employees=low + step).size_class
    assert order.index(smaller) <= order.index(larger)
