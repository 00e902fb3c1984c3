"""What the storefront shows of an enterprise's payment QR."""

from django.utils.translation import get_language

from etalase.payments import crossborder, qrimage
from etalase.payments.models import MerchantQR
from etalase.regions.models import Country
from etalase.regions.names import country_name


def _with_country_names(rows: list[dict]) -> list[dict]:
    names = dict(
        Country.objects.filter(code__in=[r["country"] for r in rows]).values_list("code", "name")
    )
    language = get_language()
    for row in rows:
        row["country_name"] = country_name(
            row["country"], names.get(row["country"], row["country"]), language
        )
    return rows


def storefront_qr(enterprise) -> dict | None:
    """The rendered QR and who can pay it: the home scheme first, then linked schemes abroad."""
    qr = MerchantQR.objects.filter(enterprise=enterprise, is_published=True).first()
    if qr is None:
        return None
    payers = []
    if qr.scheme and qr.country_code:
        payers.append({"scheme": qr.scheme, "country": qr.country_code, "home": True})
    payers += crossborder.payers_for(qr.scheme)
    return {"qr": qr, "svg": qrimage.render_svg(qr.payload), "payers": _with_country_names(payers)}


def api_record_of(qr: MerchantQR | None) -> dict | None:
    """The storefront QR as the enterprise's API record carries it (no query)."""
    if qr is None or not qr.is_published:
        return None
    return {
        "payload": qr.payload,
        "scheme": qr.scheme or None,
        "merchant_name": qr.merchant_name,
        "merchant_city": qr.merchant_city,
        "country_code": qr.country_code,
        "currency": qr.currency,
        "payable_from": [p["scheme"] for p in crossborder.payers_for(qr.scheme)],
    }
