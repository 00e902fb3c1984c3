"""Registering an enterprise's payment QR: from a pasted payload or a photo of the code."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from etalase.accounts import permissions
from etalase.enterprises.models import Enterprise
from etalase.payments import emv, explain, qrimage
from etalase.payments.models import MerchantQR


class InvalidQR(ValidationError):
    """A refused code: one plain sentence as the message (what the owner reads), the
    technical findings in `.problems` (what the page folds into a <details>)."""

    def __init__(self, problems: list[emv.Problem]) -> None:
        super().__init__(explain.plain_error(problems).plain, code="invalid_qr")
        self.problems = list(problems)


def _nonzero(amount: str | None) -> bool:
    try:
        return bool(amount) and float(amount) != 0
    except ValueError:
        return True


def merchant_qr_register(
    *, actor, enterprise: Enterprise, payload: str | None = None, image: bytes | None = None
) -> MerchantQR:
    """Validate the payload (or decode it from an image first) and store it.

    A payload with errors is refused whole, with every problem named; one with only
    warnings is kept (real codes often deviate harmlessly) and the warnings are shown.
    """
    if not permissions.can_publish_merchant_qr(actor, enterprise):
        raise PermissionDenied(_("You may not change this enterprise's payment QR."))
    if image is not None:
        try:
            payload = qrimage.decode_image(image)
        except qrimage.QRImageError as exc:
            raise ValidationError(str(exc), code=exc.code) from exc
    payload = (payload or "").strip()
    if not payload:
        raise ValidationError(
            _("Paste the QR payload or upload a picture of the code."), code="empty"
        )
    result = emv.parse(payload)
    if not result.valid:
        raise InvalidQR(result.errors)
    # Some static DuitNow codes carry amount "00.00": only a real amount makes it a bill.
    if result.point_of_initiation == "12" or _nonzero(result.amount):
        raise ValidationError(
            _(
                "This is a dynamic QR for one payment (it carries an amount); "
                "register your shop's static QR instead."
            ),
            code="dynamic_qr",
        )
    if result.country_code and result.country_code != enterprise.country_id:
        raise ValidationError(
            _("The QR is issued in %(qr)s but the enterprise is registered in %(ent)s.")
            % {"qr": result.country_code, "ent": enterprise.country_id},
            code="country_mismatch",
        )
    with transaction.atomic():
        qr, _created = MerchantQR.objects.update_or_create(
            enterprise=enterprise,
            defaults=dict(
                payload=payload,
                scheme=result.scheme or "",
                merchant_name=result.merchant_name or "",
                merchant_city=result.merchant_city or "",
                country_code=result.country_code or "",
                currency=result.currency or "",
                merchant_account_guids=result.merchant_account_guids,
                warnings=[p.as_dict() for p in result.warnings],
                is_published=True,
            ),
        )
    return qr


def merchant_qr_remove(*, actor, enterprise: Enterprise) -> None:
    if not permissions.can_publish_merchant_qr(actor, enterprise):
        raise PermissionDenied(_("You may not change this enterprise's payment QR."))
    MerchantQR.objects.filter(enterprise=enterprise).delete()
