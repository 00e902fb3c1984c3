"""API schemas for enterprises: one public shape, two nested blocks decided per caller.

`contact` and `management` are null unless `accounts.permissions` says the caller may
see them for *that* enterprise, so a list mixes rows correctly (an owner sees its own
contact block and nobody else's).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from ninja import Field, Schema

from etalase.accounts import permissions
from etalase.catalog.schemas import AreaRef, CertificationOut, HSCodeRef


class EnterpriseContactOut(Schema):
    """For signed-in buyers, officials and the enterprise's owners only."""

    contact_person: str
    phone: str = Field(description="E.164.")
    whatsapp: str = Field(description="E.164.")
    email: str
    address: str
    registration_id: str
    registration_scheme: str


class EnterpriseManagementOut(Schema):
    """For those who may change the enterprise: its owners and the officials of its area."""

    is_published: bool
    consent: str
    consent_at: dt.date | None
    source: str
    annual_turnover: Decimal | None
    assets: Decimal | None
    currency: str
    size_basis: str
    owner_edited_at: dt.datetime | None
    owner_edited_fields: list[str]


class PaymentQROut(Schema):
    """The storefront's EMVCo merchant QR (QRIS, DuitNow, QR Ph …), as encoded."""

    payload: str
    scheme: str | None
    merchant_name: str
    merchant_city: str
    country_code: str
    currency: str = Field(description="ISO 4217 numeric, as in the payload.")
    payable_from: list[str] = Field(
        description="Home schemes whose apps can pay this code across borders."
    )


CONTACT_DESCRIPTION = (
    "Phone, WhatsApp, e-mail, contact person, address and registration identifier. "
    "null for anonymous callers and for signed-in users who are neither a buyer, "
    "an official, nor this enterprise's owner."
)
MANAGEMENT_DESCRIPTION = (
    "Publication, consent, finances and owner-edit tracking. null unless the caller "
    "is this enterprise's owner, an official of its area, or the secretariat."
)


class EnterpriseOut(Schema):
    id: int
    slug: str
    legal_name: str
    trade_name: str
    name: str = Field(description="Trade name, else legal name.")
    country: str
    country_name: str = Field(description="In the request's language.")
    subdivision: str
    subdivision_name: str = Field(description="In the request's language.")
    area: AreaRef | None = Field(
        description="Its regency / city (second-level area); null when not known."
    )
    regency: str = Field(
        description="The locality as its source (an office's file, a form) wrote it; `area` is "
        "the official area it was matched to."
    )
    year_established: int | None
    employees: int | None
    sector_kind: str
    size_class: str = Field(description="micro, small, medium or large; empty if unknown.")
    export_status: str = Field(description="not_yet, ready or exporting.")
    export_markets: list[str] = Field(description="ISO 3166-1 alpha-2 codes.")
    hs_chapters: list[HSCodeRef]
    website: str
    description: str = Field(description="In the request's language, else the original.")
    language: str = Field(description="Language the profile was originally written in.")
    logo_url: str | None
    verified: bool
    verified_at: dt.datetime | None
    verified_by_office: str
    certifications: list[CertificationOut]
    created_at: dt.datetime
    updated_at: dt.datetime
    payment_qr: PaymentQROut | None = Field(
        description="The published payment QR of the storefront; null if none."
    )
    contact: EnterpriseContactOut | None = Field(description=CONTACT_DESCRIPTION)
    management: EnterpriseManagementOut | None = Field(description=MANAGEMENT_DESCRIPTION)

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.display_name

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return obj.country_id

    @staticmethod
    def resolve_country_name(obj: Any) -> str:
        return obj.country.display_name

    @staticmethod
    def resolve_subdivision(obj: Any) -> str:
        return obj.subdivision_id

    @staticmethod
    def resolve_subdivision_name(obj: Any) -> str:
        return obj.subdivision.display_name

    @staticmethod
    def resolve_hs_chapters(obj: Any) -> list[Any]:
        return list(obj.hs_chapters.all())

    @staticmethod
    def resolve_description(obj: Any) -> str:
        return obj.description_in(get_language())

    @staticmethod
    def resolve_logo_url(obj: Any) -> str | None:
        return obj.logo.url if obj.logo else None

    @staticmethod
    def resolve_verified(obj: Any) -> bool:
        return obj.verified_at is not None

    @staticmethod
    def resolve_certifications(obj: Any) -> list[Any]:
        return list(obj.certifications.all())

    @staticmethod
    def resolve_payment_qr(obj: Any) -> dict | None:
        from etalase.payments.selectors import api_record_of

        return api_record_of(getattr(obj, "merchant_qr", None))

    @staticmethod
    def resolve_contact(obj: Any, context: Any) -> Any:
        user = context["request"].user
        if not permissions.can_see_contact_details(user, obj):
            return None
        from etalase.privacy.services import record_access  # officials' views are logged

        record_access(user, obj, action="api")
        return obj

    @staticmethod
    def resolve_management(obj: Any, context: Any) -> Any:
        user = context["request"].user
        return obj if permissions.can_change_enterprise(user, obj) else None
