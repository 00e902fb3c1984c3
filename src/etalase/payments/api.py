"""POST /api/v1/payments/qr/validate: the validator for anyone's system."""

from ninja import Router, Schema

from etalase.payments import emv

router = Router(tags=["payments"])


class PayloadIn(Schema):
    payload: str


class ProblemOut(Schema):
    tag: str | None
    code: str
    message: str


class ValidationOut(Schema):
    valid: bool
    scheme: str | None
    merchant_name: str | None
    merchant_city: str | None
    country_code: str | None
    currency: str | None
    amount: str | None
    point_of_initiation: str | None
    errors: list[ProblemOut]
    warnings: list[ProblemOut]


@router.post("/qr/validate", response=ValidationOut, auth=None)
def validate_qr(request, body: PayloadIn):
    """Parse and validate an EMVCo merchant-presented QR payload (QRIS, DuitNow, QR Ph,
    PromptPay, VietQR, SGQR, PayNow…).

    Always answers 200 for a JSON body with a `payload` string: the verdict is in `valid`,
    with each problem's tag, machine code and message. Field values are exactly as encoded.
    `errors` make a code unusable (bad CRC, bad lengths, a format indicator other than 01/02,
    unknown currency or country); `warnings` name departures real issuers make and wallets
    pay (e.g. tags 59/60 missing from PromptPay and VietQR codes: tag "59", code
    "missing_tag").
    """
    return emv.parse(body.payload).as_dict()
