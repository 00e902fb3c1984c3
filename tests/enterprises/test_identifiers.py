import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.enterprises.identifiers import NormalizedId, validate_registration_id


def _code(country: str, value: str) -> str:
    with pytest.raises(ValidationError) as error:
        validate_registration_id(country, value)
    assert isinstance(error.value.message, Promise), "messages must be translatable"
    assert error.value.messages[0]
    return error.value.code


@pytest.mark.parametrize(("country", "value", "expected"), [
    # Indonesia: NIB, and NPWP (stored in the current 16-digit form).
    ("ID", "9120001234567", ("NIB", "9120001234567", "9120001234567")),
    ("ID", " 8120 1234 5678 9 ", ("NIB", "8120123456789", "8120123456789")),
    ("ID", "01.312.166.0-091.000", ("NPWP", "0013121660091000", "0013121660091000")),
    ("ID", "016090524017000", ("NPWP", "0016090524017000", "0016090524017000")),
    ("ID", "0013121660091000", ("NPWP", "0013121660091000", "0013121660091000")),
    # Malaysia: SSM since 2019, every entity type, and older numbers.
    ("MY", "201901000005", ("SSM", "201901000005", "201901000005")),
    ("MY", "2019-01-000005", ("SSM", "201901000005", "201901000005")),
    ("MY", "196501000123", ("SSM", "196501000123", "196501000123")),
    ("MY", "202002000001", ("SSM", "202002000001", "202002000001")),
    ("MY", "202003123456", ("SSM", "202003123456", "202003123456")),
    ("MY", "202104000010", ("SSM", "202104000010", "202104000010")),
    ("MY", "202205000010", ("SSM", "202205000010", "202205000010")),
    ("MY", "202306000010", ("SSM", "202306000010", "202306000010")),
    ("MY", "201901000005 (1312525-A)", ("SSM", "201901000005", "201901000005 (1312525-A)")),
    ("MY", "1312525-A", ("SSM-legacy", "1312525A", "1312525-A")),
    ("MY", "jm0123456-x", ("SSM-legacy", "JM0123456X", "JM0123456-X")),
    ("MY", "LLP0001234-LGN", ("SSM-legacy", "LLP0001234LGN", "LLP0001234-LGN")),
    # Philippines: TIN (with or without branch code) and SEC / DTI / CDA numbers as free text.
    ("PH", "123-456-789", ("TIN", "123456789", "123-456-789")),
    ("PH", "123-456-789-000", ("TIN", "123456789000", "123-456-789-000")),
    ("PH", "123456789-00000", ("TIN", "12345678900000", "123-456-789-00000")),
    ("PH", "CS201912345", ("SEC/DTI/CDA", "CS201912345", "CS201912345")),
    ("PH", "cs 2019 12345", ("SEC/DTI/CDA", "CS201912345", "CS201912345")),
    ("PH", "1234567890", ("SEC/DTI/CDA", "1234567890", "1234567890")),
    # Brunei: ROCBN prefixes.
    ("BN", "RC00012345", ("ROCBN", "RC00012345", "RC00012345")),
    ("BN", "rc/20001234", ("ROCBN", "RC20001234", "RC20001234")),
    ("BN", "RFC123456", ("ROCBN", "RFC123456", "RFC123456")),
    ("BN", "P 2000 1234", ("ROCBN", "P20001234", "P20001234")),
    # Countries without a known format: free text, compared without separators and case.
    ("SG", " 201912345k ", ("other", "201912345K", "201912345k")),
    ("TH", "0105 5570 12345", ("other", "0105557012345", "0105 5570 12345")),
])
def test_valid_identifiers(country, value, expected):
    result = validate_registration_id(country, value)
    assert isinstance(result, NormalizedId)
    assert tuple(result) == expected
    assert len(result.scheme) <= 20 and len(result.compact) <= 40


def test_country_code_is_case_insensitive():
    assert validate_registration_id("my", "201901000005").scheme == "SSM"


@pytest.mark.parametrize(("value", "code"), [
    ("3171011708450001", "personal_id"),  # NIK (Jakarta, born 17-08-1945)
    ("3171-0157-0845-0001", "personal_id"),  # NIK of a woman (day + 40), with dashes
    ("9971011708450001", "invalid_npwp"),  # 16 digits, not a NIK and not starting with 0
    ("01.312.166.1-091.000", "invalid_npwp"),  # wrong check digit
    ("0013121661091000", "invalid_npwp"),
    ("912000123456", "invalid_length"),  # 12 digits
    ("91200012345678", "invalid_length"),  # 14 digits
    ("91200012345678901", "invalid_length"),
    ("NIB9120001234", "invalid_nib"),
    ("", "required"),
    ("   ", "required"),
])
def test_invalid_indonesian_identifiers(value, code):
    assert _code("ID", value) == code


def test_nik_message_asks_for_the_nib():
    with pytest.raises(ValidationError) as error:
        validate_registration_id("ID", "3171011708450001")
    assert "personal identity number (NIK)" in error.value.messages[0]
    assert "NIB" in error.value.messages[0]


@pytest.mark.parametrize(("value", "code"), [
    ("770305-02-1234", "personal_id"),  # MyKad NRIC: 1977-03-05, Selangor
    ("880101-14-5678", "personal_id"),
    ("201907000005", "invalid_ssm"),  # entity type 07 does not exist
    ("201900000005", "invalid_ssm"),
    ("181901000005", "invalid_ssm"),  # year 18xx
    ("123456789012", "invalid_ssm"),
    ("12345", "invalid_length"),
    ("2019010000050", "invalid_length"),
    ("ACME SDN BHD", "invalid_ssm"),  # a name, no digits
    ("1312525-A!", "invalid_ssm"),
    ("201901000005 (1312525-A) extra", "invalid_ssm"),
])
def test_invalid_malaysian_identifiers(value, code):
    assert _code("MY", value) == code


def test_ssm_year_cannot_be_in_the_future():
    this_year = dt.date.today().year
    assert validate_registration_id("MY", f"{this_year}01000001").scheme == "SSM"
    assert _code("MY", f"{this_year + 1}01000001") == "future_year"


def test_ssm_pattern_wins_over_nric_when_both_fit():
    # 2001-01 company no. 011234, or a card of someone born 2020-01-01 in Johor: SSM's
    # pattern (year + entity type) is the business reading, which is what this field asks for.
    assert validate_registration_id("MY", "200101011234").scheme == "SSM"


@pytest.mark.parametrize(("value", "code"), [
    ("CS-2019/123", "invalid_characters"),
    ("A1" * 11, "too_long"),
    ("ACME TRADING", "invalid_registration"),
])
def test_invalid_philippine_identifiers(value, code):
    assert _code("PH", value) == code


@pytest.mark.parametrize("value", [
    "RC123", "XY123456", "RC12345678901", "123456", "PT20001234", "RC-ABC123"])
def test_invalid_brunei_identifiers(value):
    assert _code("BN", value) == "invalid_rocbn"


@pytest.mark.parametrize(("country", "value", "code"), [
    ("SG", "x" * 41, "too_long"),
    ("SG", "AB\x00CD", "invalid_characters"),
    ("SG", "AB\u200bCD", "invalid_characters"),  # zero-width space from copy-paste
    ("SG", "", "required"),
    ("", "", "required"),
    ("SG", " .-. ", "invalid"),
    ("ID", "--", "invalid"),
])
def test_limits_for_every_country(country, value, code):
    assert _code(country, value) == code


def test_surrounding_whitespace_is_trimmed_not_refused():
    assert validate_registration_id("ID", "\t9120001234567\n").compact == "9120001234567"


def test_full_width_digits_are_read_other_scripts_refused():
    assert validate_registration_id("MY", "２０１９０１０００００５").compact == "201901000005"
    assert _code("ID", "٩١٢٠٠٠١٢٣٤٥٦٧") == "invalid_nib"  # Arabic-Indic digits
    assert _code("MY", "٢٠١٩٠١٠٠٠٠٠٥") == "invalid_ssm"


def test_non_text_is_refused():
    assert _code("ID", 9120001234567) == "invalid"  # type: ignore[arg-type]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=st.sampled_from(["ID", "MY", "PH", "BN", "SG", "", "xx"]),
       value=st.text(max_size=60) | st.from_regex(r"[0-9 .\-]{0,25}", fullmatch=True))
def test_never_raises_anything_but_validation_error(country, value):
    try:
        result = validate_registration_id(country, value)
    except ValidationError as error:
        assert error.code
        return
    assert result.compact and len(result.compact) <= 40
    assert result.scheme and len(result.scheme) <= 20
