"""The import's fast phone check gives exactly the registry's answers (value or error)."""

import random

import pytest
from django.core.exceptions import ValidationError

from etalase.enterprises.phones import normalize_phone
from etalase.intake import phones


def _answer(check, value: str, country: str, mobile_only: bool):
    try:
        return check(value, country=country, mobile_only=mobile_only)
    except ValidationError as exc:
        return exc.code, exc.messages


def _written(rng: random.Random) -> str:
    """A number as offices write it: mostly the local "0…" form, valid or not, grouped or not."""
    first = rng.choice(["08", "08", "01", "02", "03", "04", "05", "06", "07", "09", "00", "0"])
    digits = first + "".join(rng.choice("0123456789") for _ in range(rng.randrange(0, 14)))
    style = rng.randrange(5)
    if style == 1:
        digits = "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))
    elif style == 2:
        digits = " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    elif style == 3:
        digits = ".".join(digits[i : i + rng.randrange(1, 5)] for i in range(0, len(digits), 4))
    elif style == 4:
        digits = rng.choice(["+62 ", "62", "(0", "+60 ", "0 ", " ", "--"]) + digits[1:]
    return digits


@pytest.mark.parametrize("country", ["ID", "MY", "PH", "BN"])
def test_fast_check_agrees_with_the_registry_on_random_numbers(country):
    rng = random.Random(country)
    fast = 0
    for _ in range(4000):
        value = _written(rng)
        for mobile_only in (False, True):
            expected = _answer(normalize_phone, value, country, mobile_only)
            assert _answer(phones.normalise, value, country, mobile_only) == expected, value
            fast += phones._local(value.strip(), country, mobile_only) is not None
    if country != "BN":  # Brunei has no trunk "0": every number takes the library's way
        assert fast > 100  # the fast way was really taken, and agreed


@pytest.mark.parametrize(
    ("value", "country", "mobile_only", "expected"),
    [
        ("0812-3456-7890", "ID", True, "+6281234567890"),
        ("0431 862 345", "ID", False, "+62431862345"),
        ("012-345 6789", "MY", True, "+60123456789"),
        ("0917 123 4567", "PH", True, "+639171234567"),
    ],
)
def test_local_forms_take_the_fast_way(value, country, mobile_only, expected):
    assert phones._local(value, country, mobile_only) == expected
    assert normalize_phone(value, country=country, mobile_only=mobile_only) == expected


def test_checker_remembers_each_number_and_its_error():
    check = phones.PhoneChecker("ID")
    assert check("0812-3456-7890") == check("0812-3456-7890") == "+6281234567890"
    for _ in range(2):
        with pytest.raises(ValidationError) as refused:
            check("0431 862 345", mobile_only=True)
        assert refused.value.code == "not_a_mobile"
    assert check._outcome.cache_info().hits == 2
