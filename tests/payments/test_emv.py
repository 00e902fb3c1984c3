"""The EMVCo MPM parser, validator and builder: real samples, corrupted variants, properties."""

import contextlib
from decimal import Decimal

import pycountry
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.payments import emv
from etalase.payments.emv import DataObject, EMVError, build, build_dynamic, crc16, parse

# Real public payloads, copied from shared/reference/emv-samples.json (each with its source) so
# the suite runs where that folder is absent. `expected` is exactly what they must parse to.
_COMMON = {"amount": None, "point_of_initiation": "11", "payload_format_indicator": "01"}
SAMPLES = [
    {  # github.com/purnama/spring-qris SpringQrisApplicationTests.java @4eef67da
        "payload": "00020101021226610014COM.GO-JEK.WWW01189360091432343267810210G2343267810303UBE"
        "51440014ID.CO.QRIS.WWW0215ID20190143816000303UBE5204581253033605802ID5910Starbucks 6013"
        "JAKARTA PUSAT610510210540839000.006239502801202104130502044NMWVA6P4CID0703A0363049A04",
        "scheme": "QRIS",
        "warnings": [],
        "expected": {
            "merchant_name": "Starbucks ", "merchant_city": "JAKARTA PUSAT", "country_code": "ID",
            "currency": "360", "amount": "39000.00", "point_of_initiation": "12",
            "payload_format_indicator": "01", "mcc": "5812", "postal_code": "10210",
            "merchant_account_guids": ["COM.GO-JEK.WWW", "ID.CO.QRIS.WWW"], "crc": "9A04",
        },
    },
    {  # same source
        "payload": "00020101021126630014ID.SPINPAY.WWW011893600816343100062402121314310006240303"
        "UMI51440014ID.CO.QRIS.WWW0215ID10200384314890303UMI5204839853033605802ID5904SPIN6013"
        "Jakarta Pusat61051034062140103***0703A0163045CDD",
        "scheme": "QRIS",
        "warnings": [],
        "expected": {
            **_COMMON, "merchant_name": "SPIN", "merchant_city": "Jakarta Pusat",
            "country_code": "ID", "currency": "360", "mcc": "8398", "postal_code": "10340",
            "merchant_account_guids": ["ID.SPINPAY.WWW", "ID.CO.QRIS.WWW"], "crc": "5CDD",
        },
    },
    {  # github.com/khrnchn/sedekah-je app/data/institutions.ts @a8d3278d
        "payload": "00020201021126420014A000000615000101066033460210MD0012954652049399530345858"
        "02MY5913MASJID NEGARA6002MY62730325170493623786900899604543005201707298817875008444807"
        "1617049359619050076304FD9C",
        "scheme": "DuitNow",
        "warnings": [("00", "unexpected_format_indicator")],  # DuitNow's own spec says "02"
        "expected": {
            **_COMMON, "payload_format_indicator": "02", "merchant_name": "MASJID NEGARA",
            "merchant_city": "MY", "country_code": "MY", "currency": "458", "mcc": "9399",
            "postal_code": None, "merchant_account_guids": ["A0000006150001"], "crc": "FD9C",
        },
    },
    {  # same source
        "payload": "00020201021126520014A000000615000101068900530220MDN1622176662621043052048661"
        "53034585802MY5915MASJIDALGHUFRAN6011KUALALUMPUR6304AC7A",
        "scheme": "DuitNow",
        "warnings": [("00", "unexpected_format_indicator")],
        "expected": {
            **_COMMON, "payload_format_indicator": "02", "merchant_name": "MASJIDALGHUFRAN",
            "merchant_city": "KUALALUMPUR", "country_code": "MY", "currency": "458",
            "mcc": "8661", "postal_code": None, "merchant_account_guids": ["A0000006150001"],
            "crc": "AC7A",
        },
    },
    {  # github.com/qrph/qrph packages/qrph/src/decodeQRPH.test.ts @9f6f5a3d
        "payload": "00020101021128620011ph.ppmi.p2m0111GXCHPHM2XXX0321217020000000602433060050"
        "30005204581253036085802PH5908Gong Cha60037626104122462660012ph.ppmi.qrph0309GCRD0000"
        "105212170500000670039620680708GEN0000863049B84",
        "scheme": "QR Ph",
        "warnings": [],
        "expected": {
            **_COMMON, "merchant_name": "Gong Cha", "merchant_city": "762", "country_code": "PH",
            "currency": "608", "mcc": "5812", "postal_code": "1224",
            "merchant_account_guids": ["ph.ppmi.p2m"], "crc": "9B84",
        },
    },
    {  # same source
        "payload": "00020101021128620011ph.ppmi.p2m0111GXCHPHM2XXX0321217020000055557717752050"
        "30005204581453036085802PH5924Specialty Food Retailers6006Makati6104122162620012ph.ppmi"
        ".qrph0305SHS0105212170500000555291087540708GEN000876304B258",
        "scheme": "QR Ph",
        "warnings": [],
        "expected": {
            **_COMMON, "merchant_name": "Specialty Food Retailers", "merchant_city": "Makati",
            "country_code": "PH", "currency": "608", "mcc": "5814", "postal_code": "1221",
            "merchant_account_guids": ["ph.ppmi.p2m"], "crc": "B258",
        },
    },
]
PAYLOADS = [s["payload"] for s in SAMPLES]
QRIS, SPIN, DUITNOW = PAYLOADS[0], PAYLOADS[1], PAYLOADS[2]
IDS = [f"{s['scheme']}-{s['expected']['crc']}" for s in SAMPLES]


def codes(problems):
    return [(p.tag, p.code) for p in problems]


def tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def sign(body: str) -> str:
    """Append a correct CRC, so a corrupted variant fails for its own reason only."""
    return body + "6304" + crc16(body + "6304")


def rebuild(payload: str, drop=(), replace=None, extra=()) -> str:
    """The payload's root objects with some dropped/replaced/added, correctly signed."""
    replace = replace or {}
    parts = [replace.get(o.tag, o.encode()) for o in parse(payload).objects
             if o.tag not in (*drop, "63")]
    return sign("".join(parts) + "".join(extra))


def test_crc_check_value():
    assert crc16("123456789") == "29B1"


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_real_samples_parse_to_their_expected_fields(sample):
    result = parse(sample["payload"])
    assert result.valid, result.errors
    assert result.errors == []
    assert codes(result.warnings) == sample["warnings"]
    assert result.scheme == sample["scheme"]
    for name, value in sample["expected"].items():
        assert getattr(result, name) == value, name
    assert "".join(o.encode() for o in result.objects) == sample["payload"]


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_real_samples_rebuild_to_the_same_payload(sample):
    result = parse(sample["payload"])
    assert build(result, strict=False) == sample["payload"]
    if sample["warnings"]:  # strict on write: we would not emit DuitNow's "02" ourselves
        with pytest.raises(EMVError) as info:
            build(result)
        assert codes(info.value.problems) == sample["warnings"]
    else:
        assert build(result) == sample["payload"]


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_dynamic_payload_carries_the_amount_and_keeps_the_rest(sample):
    dynamic = build_dynamic(sample["payload"], Decimal("125000.5"))
    result, source = parse(dynamic), parse(sample["payload"])
    assert result.valid and codes(result.warnings) == sample["warnings"]
    assert (result.point_of_initiation, result.amount) == ("12", "125000.50")
    assert result.crc == crc16(dynamic[:-4])
    kept = [o for o in result.objects if o.tag not in ("01", "54", "63")]
    assert kept == [o for o in source.objects if o.tag not in ("01", "54", "63")]
    tags = [o.tag for o in result.objects]
    assert tags.index("01") == 1 and tags.index("53") < tags.index("54") < tags.index("58")


def test_dynamic_payload_without_tag_01_gets_one():
    static = rebuild(SPIN, drop=("01",))
    result = parse(build_dynamic(static, "10"))
    assert [o.tag for o in result.objects][:2] == ["00", "01"]
    assert (result.point_of_initiation, result.amount) == ("12", "10.00")


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "1.005", "1e99", "NaN", "Infinity",
                                    "99999999999.99", 1.5, True, None, ""])
def test_dynamic_payload_refuses_bad_amounts(amount):
    with pytest.raises(EMVError) as info:
        build_dynamic(SPIN, amount)
    assert codes(info.value.problems) == [("54", "bad_amount")]


@pytest.mark.parametrize(("amount", "text"), [("12", "12.00"), (7, "7.00"), ("0.5", "0.50"),
                                              (Decimal("1E3"), "1000.00"), (" 3.10 ", "3.10")])
def test_amounts_are_written_with_two_decimals(amount, text):
    assert emv.format_amount(amount) == text


def test_dynamic_payload_refuses_an_invalid_source():
    with pytest.raises(EMVError) as info:
        build_dynamic(SPIN[:-1] + "0", "10")
    assert codes(info.value.problems) == [("63", "crc_mismatch")]


# --- corrupted variants: each fails for its own reason --------------------------------------

def _crc_not_last() -> str:
    head, tail = SPIN.split("5802ID")
    head = head + "6304"
    return head + crc16(head) + "5802ID" + tail[:-8]


CORRUPTED = {
    "wrong crc": (SPIN[:-1] + "E", ("63", "crc_mismatch")),
    "lower-case crc": (QRIS[:-4] + "9a04", ("63", "crc_mismatch")),
    "crc not last": (_crc_not_last(), ("63", "crc_not_last")),
    "crc missing": (SPIN[:-8], ("63", "missing_crc")),
    "crc too short": (SPIN[:-8] + "6303" + "5CD", ("63", "bad_length")),
    "truncated at the end": (SPIN[:-3], ("63", "truncated")),
    "truncated in the middle": (SPIN[:120], ("51", "truncated")),
    "non-numeric length": (SPIN.replace("5904SPIN", "59X4SPIN"), ("59", "non_numeric_length")),
    "unicode digit length": (SPIN.replace("5904SPIN", "590\u0664SPIN"),
                             ("59", "non_numeric_length")),
    "non-numeric tag": (SPIN.replace("5904SPIN", "X904SPIN"), (None, "bad_tag")),
    "zero length": (SPIN.replace("5904SPIN", "5900SPIN"), ("59", "bad_length")),
    "unknown currency": (rebuild(SPIN, replace={"53": "5303999"}), ("53", "invalid_currency")),
    "non-numeric currency": (rebuild(SPIN, replace={"53": "5303IDR"}), ("53", "invalid_currency")),
    "unassigned currency": (rebuild(SPIN, replace={"53": "5303001"}), ("53", "invalid_currency")),
    "unknown country": (rebuild(SPIN, replace={"58": "5802ZZ"}), ("58", "invalid_country")),
    "lower-case country": (rebuild(SPIN, replace={"58": "5802id"}), ("58", "invalid_country")),
    "three-letter country": (rebuild(SPIN, replace={"58": "5803IDN"}), ("58", "invalid_country")),
    "missing 00": (rebuild(SPIN, drop=("00",)), ("00", "missing_tag")),
    "missing 53": (rebuild(SPIN, drop=("53",)), ("53", "missing_tag")),
    "missing 58": (rebuild(SPIN, drop=("58",)), ("58", "missing_tag")),
    "format indicator 99": (rebuild(SPIN, replace={"00": "000299"}),
                            ("00", "invalid_format_indicator")),
    "format indicator 1": (rebuild(SPIN, replace={"00": "00011"}),
                           ("00", "invalid_format_indicator")),
    "no merchant account": (rebuild(SPIN, drop=("26", "51")),
                            (None, "missing_merchant_account")),
    "bad point of initiation": (rebuild(SPIN, replace={"01": "010213"}), ("01", "invalid_value")),
    "amount with comma": (rebuild(SPIN, extra=["54051,000"]), ("54", "bad_amount")),
    "amount too long": (rebuild(SPIN, extra=["541412345678901.00"]), ("54", "bad_amount")),
    "two dots": (rebuild(SPIN, extra=[tlv("54", "1.2.3")]), ("54", "bad_amount")),
    "duplicate name": (rebuild(SPIN, extra=["5903TWO"]), ("59", "duplicate_tag")),
    "template not TLV": (rebuild(SPIN, replace={"26": "2605hello"}), ("26", "bad_template")),
    "control character": (rebuild(SPIN, replace={"59": "5904SP\x00N"}),
                          ("59", "invalid_character")),
    "tip 02 without fee": (rebuild(SPIN, extra=["550202"]), ("56", "missing_tag")),
    "tip 03 without percentage": (rebuild(SPIN, extra=["550203"]), ("57", "missing_tag")),
    "fee without tip 02": (rebuild(SPIN, extra=["55020156031.0"]), ("56", "tip_mismatch")),
    "unknown tip indicator": (rebuild(SPIN, extra=["550204"]), ("55", "invalid_value")),
    "bad percentage": (rebuild(SPIN, extra=["550203", "570612.345"]), ("57", "bad_amount")),
    "empty": ("", (None, "empty")),
}


@pytest.mark.parametrize(("payload", "problem"), CORRUPTED.values(), ids=CORRUPTED.keys())
def test_corrupted_variants_fail_with_the_right_reason(payload, problem):
    result = parse(payload)
    assert not result.valid
    assert problem in codes(result.errors), codes(result.errors)
    assert all(p.message for p in result.errors)


def test_precise_messages_say_what_was_expected():
    crc = parse(SPIN[:-1] + "E").errors[0]
    assert "5CDD" in crc.message and "5CDE" in crc.message
    currency = parse(CORRUPTED["unknown currency"][0]).errors[0]
    assert "ISO 4217" in currency.message and "999" in currency.message
    length = parse(CORRUPTED["non-numeric length"][0]).errors[0]
    assert "59" in length.message and "X4" in length.message


def test_a_structure_error_is_reported_alone():
    # Once the TLV chain breaks, "missing tag" findings would only be noise.
    assert codes(parse(CORRUPTED["non-numeric length"][0]).errors) == [("59", "non_numeric_length")]


DEVIATIONS = {  # tolerated on read, with a valid CRC: warnings, never errors
    "missing category code": (rebuild(SPIN, drop=("52",)), ("52", "missing_tag")),
    "missing name (PromptPay, VietQR)": (rebuild(SPIN, drop=("59",)), ("59", "missing_tag")),
    "missing city (PromptPay, VietQR)": (rebuild(SPIN, drop=("60",)), ("60", "missing_tag")),
    "placeholder category (PayNow)": (rebuild(SPIN, replace={"52": "52040000"}),
                                      ("52", "placeholder_mcc")),
    "3-digit category code": (rebuild(SPIN, replace={"52": "5203839"}), ("52", "bad_mcc")),
    "26-character name": (rebuild(SPIN, replace={"59": "5926" + "N" * 26}), ("59", "bad_length")),
    "16-character city": (rebuild(SPIN, replace={"60": "6016" + "C" * 16}), ("60", "bad_length")),
    "format indicator 02": (rebuild(SPIN, replace={"00": "000202"}),
                            ("00", "unexpected_format_indicator")),
    "zero amount": (rebuild(DUITNOW, extra=["540500.00"]), ("54", "zero_amount")),
    "reserved tag": (rebuild(SPIN, extra=["7003abc"]), ("70", "unknown_tag")),
    "accented name": (rebuild(SPIN, replace={"59": "5904Café"}), ("59", "non_ascii")),
    "guid missing": (rebuild(SPIN, replace={"26": "26070103123"}), ("26", "missing_guid")),
    "00 not first": (rebuild(SPIN, drop=("00",), extra=["000201"]), ("00", "tag_order")),
}


@pytest.mark.parametrize(("payload", "problem"), DEVIATIONS.values(), ids=DEVIATIONS.keys())
def test_real_world_deviations_are_warnings_on_read_and_errors_on_write(payload, problem):
    result = parse(payload)
    assert result.valid, codes(result.errors)
    assert problem in codes(result.warnings)
    with pytest.raises(EMVError) as info:
        build(result)
    assert problem in codes(info.value.problems)
    assert build(result, strict=False) == payload


def test_lengths_count_characters_not_bytes():
    payload = rebuild(SPIN, extra=[tlv("64", tlv("00", "ZH") + tlv("01", "商店名称")
                                             + tlv("02", "雅加达"))])
    result = parse(payload)
    assert result.valid and result.warnings == []
    alt = result.get("64")
    assert alt is not None and alt.child("01") == DataObject("01", "商店名称")
    assert result.crc == crc16(payload[:-4])  # over UTF-8 bytes


def test_tags_80_to_99_are_parsed_leniently():
    raw = parse(rebuild(DUITNOW, extra=["8206ABC123"])).get("82")
    assert raw == DataObject("82", "ABC123", None)
    template = parse(rebuild(DUITNOW, extra=[tlv("82", "0003XYZ01011")])).get("82")
    assert template is not None and template.child("00") == DataObject("00", "XYZ")


def test_tip_fields_that_follow_the_rules_are_valid():
    for extra in (["550201"], ["550202", "56042.50"], ["550203", "57043.00"]):
        assert parse(rebuild(SPIN, extra=extra)).valid, extra


@pytest.mark.parametrize(("guid", "scheme"), [
    ("ID.CO.QRIS.WWW", "QRIS"), ("ID.OR.GPNQR.WWW", "QRIS"), ("id.co.qris.www", "QRIS"),
    ("A0000006150001", "DuitNow"), ("ph.ppmi.p2m", "QR Ph"), ("com.p2pqrpay", "QR Ph"),
    ("A000000677010111", "PromptPay"), ("SG.SGQR", "SGQR"), ("SG.COM.NETS", "SGQR"),
    ("COM.EXAMPLE.WWW", None),
])
def test_scheme_comes_from_the_guid_table(guid, scheme):
    payload = rebuild(SPIN, drop=("51",), replace={"26": DataObject("26", "", (
        DataObject("00", guid), DataObject("01", "123"))).encode()})
    assert parse(payload).scheme == scheme


def test_as_dict_has_the_documented_shape():
    data = parse(DUITNOW).as_dict()
    assert list(data) == ["valid", "scheme", "merchant_name", "merchant_city", "country_code",
                          "currency", "amount", "point_of_initiation", "errors", "warnings"]
    assert data["warnings"][0] == {"tag": "00", "code": "unexpected_format_indicator",
                                   "message": data["warnings"][0]["message"]}
    full = parse(QRIS).as_dict(full=True)
    assert full["mcc"] == "5812" and full["objects"][0] == {"tag": "00", "value": "01",
                                                            "children": None}


def test_non_text_input_raises_emv_error_only():
    with pytest.raises(EMVError):
        parse(b"000201")  # type: ignore[arg-type]


@pytest.mark.parametrize("source", [[("5", "x")], [("59", 12)], [42], {"59": "x" * 100}])
def test_build_refuses_malformed_input_with_emv_error(source):
    with pytest.raises(EMVError):
        build(source)


# --- properties --------------------------------------------------------------------------------

ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
CURRENCIES = sorted(c.numeric for c in pycountry.currencies if c.numeric not in ("963", "999"))
COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)
KNOWN_GUIDS = ["ID.CO.QRIS.WWW", "A0000006150001", "ph.ppmi.p2m", "A000000677010111", "SG.SGQR"]


def text(low: int, high: int, alphabet=ASCII):
    return st.text(alphabet=alphabet, min_size=low, max_size=high)


account = st.fixed_dictionaries(
    {"00": st.one_of(st.sampled_from(KNOWN_GUIDS),
                     st.from_regex(r"[A-Z]{2}\.[A-Z]{2,8}\.[A-Z]{2,8}", fullmatch=True))},
    optional={"01": text(1, 20), "02": text(1, 20), "03": st.sampled_from(["UMI", "UKE"])},
)
fields = st.fixed_dictionaries(
    {
        "payload_format_indicator": st.just("01"),
        "mcc": text(4, 4, "0123456789").filter(lambda mcc: mcc != "0000"),  # a placeholder
        "currency": st.sampled_from(CURRENCIES),
        "country_code": st.sampled_from(COUNTRIES),
        "merchant_name": text(1, 25),
        "merchant_city": text(1, 15),
        "accounts": st.dictionaries(st.integers(26, 51).map(str), account, min_size=1, max_size=2),
    },
    optional={
        "point_of_initiation": st.sampled_from(["11", "12"]),
        "amount": st.decimals(Decimal("0.01"), Decimal("9999999999.99"), places=2).map(str),
        "postal_code": text(1, 10),
        "62": st.dictionaries(st.sampled_from(["01", "03", "05", "07"]), text(1, 25), min_size=1,
                              max_size=2),
        "64": st.fixed_dictionaries(
            {"00": st.sampled_from(["ZH", "TH", "MS"]),
             "01": text(1, 25, st.characters(exclude_categories=("Cc", "Cs")))},
            optional={"02": text(1, 15, st.characters(exclude_categories=("Cc", "Cs")))},
        ),
    },
)


def _flatten(drawn: dict) -> dict:
    drawn = dict(drawn)
    return {**drawn.pop("accounts"), **drawn}


@settings(suppress_health_check=[HealthCheck.too_slow])  # a loaded CI machine is slow
@given(fields)
def test_what_the_builder_builds_parses_back_to_the_same_fields(drawn):
    source = _flatten(drawn)
    payload = build(source)
    result = parse(payload)
    assert result.valid and result.warnings == [], codes(result.errors + result.warnings)
    for name in emv.NAMED_FIELDS:
        assert getattr(result, name) == source.get(name), name
    for tag in [t for t in source if t.isdigit()]:
        obj = result.get(tag)
        assert obj is not None and {c.tag: c.value for c in obj.children or ()} == source[tag]
    accounts = [source[t]["00"] for t in sorted(source) if t.isdigit() and "26" <= t <= "51"]
    assert result.merchant_account_guids == accounts
    assert result.scheme == emv.identify_scheme(accounts)
    assert build(result) == payload


@st.composite
def valid_payloads(draw):
    if draw(st.booleans()):
        return draw(st.sampled_from(PAYLOADS))
    return build(_flatten(draw(fields)))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(valid_payloads(), st.data())
def test_any_single_character_change_is_caught(payload, data):
    position = data.draw(st.integers(0, len(payload) - 1))
    char = data.draw(st.characters().filter(lambda c: c != payload[position]))
    changed = payload[:position] + char + payload[position + 1:]
    assert not parse(changed).valid


@given(st.text())
def test_arbitrary_text_never_raises(payload):
    result = parse(payload)
    assert isinstance(result.valid, bool)


tlv_chunk = st.tuples(st.integers(0, 99), text(0, 30, st.characters())).map(
    lambda pair: f"{pair[0]:02d}{len(pair[1]):02d}{pair[1]}")


@given(st.lists(tlv_chunk, max_size=12), st.booleans())
def test_tlv_shaped_noise_never_raises(chunks, signed):
    # Well-formed TLV with random tags and values reaches the field checks, not just the lexer.
    body = "".join(chunks)
    result = parse(sign(body) if signed else body)
    with contextlib.suppress(EMVError):
        build(result, strict=False)
