import pytest
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.enterprises.phones import normalize_phone

# (country of the enterprise, as typed, E.164, is it a mobile number)
NUMBERS = [
    # Indonesia: mobile with trunk 0, dashes, spaces, no trunk 0, with 62 but no "+".
    ("ID", "0812-3456-7890", "+6281234567890", True),
    ("ID", "0812 3456 7890", "+6281234567890", True),
    ("ID", "8123456789", "+628123456789", True),
    ("ID", "6281234567890", "+6281234567890", True),
    ("ID", "62812 3456 7890", "+6281234567890", True),
    ("ID", "+62 812-3456-7890", "+6281234567890", True),
    ("ID", "0062 812 3456 7890", "+6281234567890", True),
    ("ID", "0811-234-567", "+62811234567", True),
    ("ID", "(021) 555-1234", "+62215551234", False),  # Jakarta landline
    ("ID", "62215551234", "+62215551234", False),  # read as +62 21 (not as area code 0622)
    ("ID", "(0561) 734 567", "+62561734567", False),  # Pontianak
    # Malaysia.
    ("MY", "+60 12-345 6789", "+60123456789", True),
    ("MY", "012-345 6789", "+60123456789", True),
    ("MY", "6012 345 6789", "+60123456789", True),
    ("MY", "011-2345 6789", "+601123456789", True),
    ("MY", "03-2161 1234", "+60321611234", False),  # Kuala Lumpur
    ("MY", "082-234567", "+6082234567", False),  # Kuching
    ("MY", "088-234 567", "+6088234567", False),  # Kota Kinabalu
    # Philippines.
    ("PH", "0917 123 4567", "+639171234567", True),
    ("PH", "+63 917 123 4567", "+639171234567", True),
    ("PH", "639171234567", "+639171234567", True),
    ("PH", "0998 123 4567", "+639981234567", True),
    ("PH", "(082) 234 5678", "+63822345678", False),  # Davao
    ("PH", "(02) 8123 4567", "+63281234567", False),  # Metro Manila
    # Brunei: no trunk prefix; 7 digits.
    ("BN", "712 3456", "+6737123456", True),
    ("BN", "+673 712 3456", "+6737123456", True),
    ("BN", "673 8123456", "+6738123456", True),
    ("BN", "222 3456", "+6732223456", False),  # Bandar Seri Begawan landline
    # A neighbour's number typed without "+" in another country's form, and any "+" number.
    ("ID", "60123456789", "+60123456789", True),
    ("PH", "+1 202 555 0143", "+12025550143", True),  # US plan: fixed line or mobile
    ("", "+60 12-345 6789", "+60123456789", True),
    # Full-width digits from phone keyboards.
    ("ID", "０８１２３４５６７８９０", "+6281234567890", True),
]


@pytest.mark.parametrize(("country", "typed", "e164", "mobile"), NUMBERS)
def test_normalizes_to_e164(country, typed, e164, mobile):
    assert normalize_phone(typed, country=country) == e164
    # E.164 in, the same E.164 out.
    assert normalize_phone(e164, country=country) == e164


@pytest.mark.parametrize(("country", "typed", "e164", "mobile"), NUMBERS)
def test_mobile_only_for_whatsapp(country, typed, e164, mobile):
    if mobile:
        assert normalize_phone(typed, country=country, mobile_only=True) == e164
    else:
        with pytest.raises(ValidationError) as error:
            normalize_phone(typed, country=country, mobile_only=True)
        assert error.value.code == "not_a_mobile"
        assert "WhatsApp" in error.value.messages[0]


def test_country_code_is_case_insensitive():
    assert normalize_phone("0812-3456-7890", country=" id ") == "+6281234567890"


@pytest.mark.parametrize(("country", "typed", "code"), [
    ("ID", "", "invalid_phone"),
    ("ID", "   ", "invalid_phone"),
    ("ID", "abc", "invalid_phone"),
    ("ID", "0812-3456-7890 ext", "invalid_phone"),
    ("ID", "+62+812", "invalid_phone"),
    ("ID", "62 +812 3456", "invalid_phone"),
    ("ID", "+0", "invalid_phone"),
    ("ID", "+999 1234 5678", "invalid_phone"),  # no such country code
    ("MY", "(082) 123 4567", "invalid_phone"),  # no such Malaysian number
    ("XX", "0812345678", "invalid_phone"),  # local form needs a known country
    ("", "0812-3456-7890", "invalid_phone"),
    ("ID", "12", "too_short"),
    ("ID", "0812", "too_short"),
    ("ID", "+62 812", "too_short"),
    ("MY", "0123", "too_short"),
    ("MY", "012345678901", "too_long"),
    ("BN", "71234567", "too_long"),
    ("ID", "081234567890123456789", "too_long"),
    ("ID", "+62 812 3456 7890 1234 5678", "too_long"),
    ("ID", "0" * 41, "too_long"),
    ("ID", "8" * 1000, "too_long"),
])
def test_invalid_numbers_have_specific_codes(country, typed, code):
    with pytest.raises(ValidationError) as error:
        normalize_phone(typed, country=country)
    assert error.value.code == code
    assert isinstance(error.value.message, Promise), "messages must be translatable"
    assert error.value.messages[0]


def test_invalid_message_shows_an_example_of_the_country():
    with pytest.raises(ValidationError) as error:
        normalize_phone("+62 999 9999 9999 9", country="ID")
    assert "+62" in error.value.messages[0]


def test_non_text_is_refused():
    with pytest.raises(ValidationError) as error:
        normalize_phone(6281234567890, country="ID")  # type: ignore[arg-type]
    assert error.value.code == "invalid_phone"


@pytest.mark.parametrize("value", ["+4920100000000000", "004920100000000000"])
def test_a_number_past_e164s_fifteen_digits_is_too_long(value):
    # Valid in the library's German plan, but 16 digits: no E.164 number has more than 15.
    with pytest.raises(ValidationError) as error:
        normalize_phone(value, country="ID")
    assert error.value.code == "too_long"


countries = st.sampled_from(["ID", "MY", "PH", "BN", "", "XX", "us", "ZZZ"])
phone_like = st.from_regex(r"\+?[0-9 ()\-.]{0,25}", fullmatch=True)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=60) | phone_like, country=countries, mobile_only=st.booleans())
def test_never_raises_anything_but_validation_error(value, country, mobile_only):
    try:
        result = normalize_phone(value, country=country, mobile_only=mobile_only)
    except ValidationError as error:
        assert error.code in {"invalid_phone", "too_long", "too_short", "not_a_mobile"}
        return
    assert result.startswith("+") and result[1:].isdigit()
    assert len(result) <= 16  # "+" and at most 15 digits
    assert normalize_phone(result, country=country) == result
