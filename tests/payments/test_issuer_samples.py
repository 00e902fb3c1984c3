"""Codes as the six region's schemes issue them, and their corrupted variants.

Published samples are quoted with their source; the others are built field by field after the
scheme's published layout, with a CRC computed here (emv.crc16), never copied.
"""

import json
from pathlib import Path

import pytest

from etalase.payments import crossborder, emv, explain
from etalase.payments.emv import crc16, parse


def tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def sign(body: str) -> str:
    return body + "6304" + crc16(body + "6304")


# Thai PromptPay, static, to a mobile number: github.com/dtinth/promptpay-qr index.test.js.
PROMPTPAY = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
# ...and to a tax ID, same source.
PROMPTPAY_TAX_ID = "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD"
# VietQR (NAPAS) with an amount, to an account at BIN 970415: github.com/subiz/vietqr README.
VIETQR_DYNAMIC = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA5303704540612000"
    "05802VN62170813ung ho lu lut6304C15C"
)
# VietQR static, after the NAPAS root table (github.com/giautm/emvqr-go README): 00, 01, 38
# {00 GUID, 01 {00 BIN, 01 account}, 02 service code}, 53 704, 58 VN, 63 - no 52, 59, 60.
VIETQR = sign(
    tlv("00", "01") + tlv("01", "11")
    + tlv("38", tlv("00", "A000000727") + tlv("01", tlv("00", "970436") + tlv("01", "0011000597"))
          + tlv("02", "QRIBFTTA"))
    + tlv("53", "704") + tlv("58", "VN")
)
# SGQR with NETS, Grab and Dash (a public SGQR parser's test, "TOAST BOX").
SGQR = (
    "00020101021126520008com.grab01365af16fa7-25d5-442b-8c19-b88ddafb14c727330015sg.com.dash.www"
    "0110000000464728810011SG.COM.NETS01231198500065G991231235900021111187787200030887787201990"
    "84136B4AE51800007SG.SGQR011218090900176B020700.0021030607902704020105021306040000070820180"
    "9115204581253037025802SG5909TOAST BOX6009Singapore6304B081"
)
# PayNow to a company's UEN, static, after github.com/ThunderQuoteTeam/PaynowQR: tag 26
# {00 SG.PAYNOW, 01 proxy type 2 = UEN, 02 UEN, 03 editable 1, 04 expiry}, 52 "0000".
PAYNOW = sign(
    tlv("00", "01") + tlv("01", "11")
    + tlv("26", tlv("00", "SG.PAYNOW") + tlv("01", "2") + tlv("02", "201207337D")
          + tlv("03", "1") + tlv("04", "20301231"))
    + tlv("52", "0000") + tlv("53", "702") + tlv("58", "SG") + tlv("59", "NERDHERD PTE LTD")
    + tlv("60", "Singapore")
)
# From shared/reference/emv-samples.json (sources there).
QRIS = (
    "00020101021126630014ID.SPINPAY.WWW011893600816343100062402121314310006240303UMI51440014"
    "ID.CO.QRIS.WWW0215ID10200384314890303UMI5204839853033605802ID5904SPIN6013Jakarta Pusat"
    "61051034062140103***0703A0163045CDD"
)
DUITNOW = (
    "00020201021126520014A000000615000101068900530220MDN162217666262104305204866153034585802MY"
    "5915MASJIDALGHUFRAN6011KUALALUMPUR6304AC7A"
)
QRPH = (
    "00020101021128620011ph.ppmi.p2m0111GXCHPHM2XXX032121702000000060243306005030005204581253036"
    "085802PH5908Gong Cha60037626104122462660012ph.ppmi.qrph0309GCRD0000105212170500000670039620"
    "680708GEN0000863049B84"
)

# payload -> (scheme, country, the exact warnings it must carry)
ISSUED = {
    "PromptPay mobile": (PROMPTPAY, "PromptPay", "TH",
                         {("52", "missing_tag"), ("59", "missing_tag"), ("60", "missing_tag")}),
    "PromptPay tax ID": (PROMPTPAY_TAX_ID, "PromptPay", "TH",
                         {("52", "missing_tag"), ("59", "missing_tag"), ("60", "missing_tag")}),
    "VietQR static": (VIETQR, "VietQR", "VN",
                      {("52", "missing_tag"), ("59", "missing_tag"), ("60", "missing_tag")}),
    "VietQR with amount": (VIETQR_DYNAMIC, "VietQR", "VN",
                           {("52", "missing_tag"), ("59", "missing_tag"), ("60", "missing_tag")}),
    "SGQR": (SGQR, "SGQR", "SG", set()),
    "PayNow": (PAYNOW, "PayNow", "SG", {("52", "placeholder_mcc")}),
    "QRIS": (QRIS, "QRIS", "ID", set()),
    "DuitNow": (DUITNOW, "DuitNow", "MY", {("00", "unexpected_format_indicator")}),
    "QR Ph": (QRPH, "QR Ph", "PH", set()),
}


def codes(problems):
    return {(p.tag, p.code) for p in problems}


@pytest.mark.parametrize(("payload", "scheme", "country", "warnings"), ISSUED.values(),
                         ids=ISSUED.keys())
def test_codes_as_issuers_issue_them_are_accepted_with_their_specific_warnings(
    payload, scheme, country, warnings
):
    result = parse(payload)
    assert result.valid, result.errors
    assert (result.scheme, result.country_code) == (scheme, country)
    assert codes(result.warnings) == warnings
    assert all(p.message for p in result.warnings)


def test_the_missing_name_warning_says_which_issuers_leave_it_out():
    name = next(p for p in parse(PROMPTPAY).warnings if p.tag == "59")
    assert "PromptPay" in name.message and "VietQR" in name.message


def _corrupt_crc(payload: str) -> str:
    last = payload[-1]
    return payload[:-1] + ("0" if last != "0" else "1")


def _corrupt_length(payload: str) -> str:
    # Tag 58's length says 03 where the value has 2 characters: the chain shifts.
    return payload.replace("5802", "5803", 1)


def _corrupt_indicator(payload: str) -> str:
    # A format indicator no issuer uses, re-signed so that it is the only fault.
    objects = [o for o in parse(payload).objects if o.tag not in ("00", "63")]
    return sign(tlv("00", "99") + "".join(o.encode() for o in objects))


@pytest.mark.parametrize("payload", [v[0] for v in ISSUED.values()], ids=ISSUED.keys())
@pytest.mark.parametrize(
    ("corrupt", "problem"),
    [
        (_corrupt_crc, ("63", "crc_mismatch")),
        (_corrupt_length, None),  # a broken chain: the first structural finding, any tag
        (_corrupt_indicator, ("00", "invalid_format_indicator")),
    ],
    ids=["bad CRC", "bad length", "wrong format indicator"],
)
def test_corrupted_variants_stay_refused(payload, corrupt, problem):
    result = parse(corrupt(payload))
    assert not result.valid
    if problem:
        assert problem in codes(result.errors)
    else:
        assert {c for _t, c in codes(result.errors)} & {
            "truncated", "crc_mismatch", "non_numeric_length", "bad_tag", "crc_not_last",
            "bad_length", "invalid_country",
        }


def test_every_documented_deviation_is_a_warning_never_an_error():
    data = json.loads((Path(emv.__file__).parent / "data" / "deviations.json").read_text("utf-8"))
    seen = set().union(*(codes(parse(v[0]).warnings) for v in ISSUED.values()))
    for deviation in data["deviations"]:
        assert deviation["source"], deviation
        key = (deviation["tag"], deviation["code"])
        if deviation["schemes"]:  # a scheme named: one of its codes above shows it
            assert key in seen, key


@pytest.mark.parametrize(
    ("scheme", "payer"),
    [("PromptPay", "VietQR"), ("VietQR", "PromptPay"), ("VietQR", "KHQR"), ("SGQR", "QRIS"),
     ("PromptPay", "QRIS"), ("DuitNow", "QRIS")],
)
def test_who_can_pay_covers_the_new_schemes(scheme, payer):
    rows = crossborder.payers_for(scheme)
    row = next(r for r in rows if r["scheme"] == payer)
    assert row["source"]


def test_a_paynow_only_code_says_no_link_was_found():
    assert crossborder.payers_for("PayNow") == []
    assert any("PayNow" in note for note in crossborder.pending_notes("SG"))


def test_plain_words_for_a_refused_code_hide_the_technical_detail():
    finding = explain.plain_error(parse(QRIS[:-4] + "0000").errors)
    assert "CRC" not in finding.plain and "63" not in finding.plain
    assert any("63:" in line and "0000" in line for line in finding.technical)


def test_plain_words_for_warnings_are_one_per_kind():
    findings = explain.plain_warnings(parse(PROMPTPAY).warnings)
    assert len(findings) == 3
    assert all("Tag" not in f.plain for f in findings)
    assert sorted(line[:2] for f in findings for line in f.technical) == ["52", "59", "60"]


@pytest.mark.parametrize(("payload", "words"), [
    (sign(QRIS[:-8].replace("5303360", "5303999")), "currency"),
    (sign(tlv("00", "01") + tlv("53", "360") + tlv("58", "ID") + tlv("59", "SPIN")), "account"),
    (_corrupt_indicator(QRIS), "not a payment QR code"),
    (QRIS[:40], "not a complete payment QR code"),
])
def test_each_refusal_says_what_to_do_in_plain_words(payload, words):
    finding = explain.plain_error(parse(payload).errors)
    assert words in finding.plain and "Tag" not in finding.plain
