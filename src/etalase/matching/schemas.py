"""Schemas of the matching API (api.py): what clients send and get back."""

import datetime as dt
from decimal import Decimal
from typing import Literal

import pycountry
from ninja import Field, Schema

from etalase.api_openapi import amount
from etalase.catalog.models import Unit
from etalase.catalog.units import unit_code
from etalase.enterprises.models import CertificationKind, SizeClass
from etalase.matching.models import (
    Incoterm,
    InquiryStatus,
    RequestStatus,
    SourcingRequest,
    Visibility,
)
from etalase.regions.schemas import MAX_ID

CODE_LIST = Field(default_factory=list, max_length=30)
# The models' DecimalFields (14 and 16 digits, 2 decimals), documented as they are accepted.
Quantity = amount(12)
# ISO codes as enums (pycountry, the regions table's own source): a well-formed code that
# names no country or currency is refused by the schema itself, as the document says.
CountryCode = Literal[tuple(sorted(c.alpha_2 for c in pycountry.countries))]
_CURRENCIES = sorted(c.alpha_3 for c in pycountry.currencies)
CurrencyCode = Literal[tuple(_CURRENCIES + [c.lower() for c in _CURRENCIES])]
Price = amount(14)
Id = Field(..., ge=1, le=MAX_ID)


UNIT_CODE_HELP = "The unit as a UN/CEFACT Recommendation 20 common code (KGM, TNE, H87, …)."
INCOTERM_PLACE_HELP = ("The named place or port the Incoterms rule applies to "
                       "(\"FOB Surabaya\", \"DAP Kota Kinabalu\").")


class RequestIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    hs_codes: list[str] = Field(default_factory=list, max_length=10,
                                description="2, 4 or 6 digits (1801.00 is accepted).")
    unit: Unit = Unit.TONNE
    quantity_per_delivery: Quantity | None = None
    quantity_per_month: Quantity | None = None
    price_min: Price | None = None
    price_max: Price | None = None
    currency: CurrencyCode | Literal[""] = ""
    incoterm: Incoterm | Literal[""] = ""
    destination_country: CountryCode | None = None
    required_certifications: list[CertificationKind] = CODE_LIST
    preferred_countries: list[CountryCode] = CODE_LIST
    preferred_subdivisions: list[str] = CODE_LIST
    size_classes: list[SizeClass] = CODE_LIST
    deadline: dt.date | None = None
    visibility: Visibility = Visibility.PUBLIC


class RequestPatch(RequestIn):
    title: str | None = Field(None, min_length=1, max_length=200)
    hs_codes: list[str] | None = Field(None, max_length=10)


class RequestOut(Schema):
    id: int
    title: str
    description: str
    buyer: str
    buyer_verified: bool
    hs_codes: list[str]
    unit: str
    unit_code: str | None = Field(None, description=UNIT_CODE_HELP)
    quantity_per_delivery: Decimal | None
    quantity_per_month: Decimal | None
    price_min: Decimal | None
    price_max: Decimal | None
    currency: str
    incoterm: str
    destination_country: str | None = Field(None, alias="destination_country_id")
    required_certifications: list[str]
    preferred_countries: list[str]
    preferred_subdivisions: list[str]
    size_classes: list[str]
    deadline: dt.date | None
    visibility: str
    status: str
    held: bool
    published_at: dt.datetime | None

    @staticmethod
    def resolve_buyer(obj: SourcingRequest) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_buyer_verified(obj: SourcingRequest) -> bool:
        return obj.organisation.verified_at is not None

    @staticmethod
    def resolve_unit_code(obj: SourcingRequest) -> str | None:
        return unit_code(obj.unit)

    @staticmethod
    def resolve_hs_codes(obj: SourcingRequest) -> list[str]:
        return obj.hs_code_list

    @staticmethod
    def resolve_held(obj: SourcingRequest) -> bool:
        return obj.held_at is not None


class StatusIn(Schema):
    status: RequestStatus


class MatchOut(Schema):
    rank: int
    enterprise_id: int
    enterprise: str
    subdivision: str
    product_id: int
    product: str
    hs_code: str
    score: int
    reasons: list[str]
    pinned: int | None
    inquiry_id: int | None


class MatchesOut(Schema):
    matches: list[MatchOut]
    excluded: list[MatchOut]
    pool: list[int] = Field(description="Enterprise ids proposed as a group when no single "
                            "one reaches the monthly quantity (empty otherwise).")


class DecisionIn(Schema):
    excluded: bool | None = Field(None, strict=True)  # strict: 0 or "yes" is not a bool
    pin: int | None = Field(None, ge=1, le=50)
    clear_pin: bool = Field(False, strict=True)


class InquiryIn(Schema):
    enterprise_id: int = Id
    body: str = Field(..., min_length=1, max_length=5000)
    request_id: int | None = Field(None, ge=1, le=MAX_ID)
    product_id: int | None = Field(None, ge=1, le=MAX_ID)
    subject: str = Field("", max_length=200)


class RespondIn(Schema):
    enterprise_id: int = Id
    body: str = Field(..., min_length=1, max_length=5000)


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=5000)


class MessageOut(Schema):
    id: int
    side: str
    body: str
    created_at: dt.datetime
    attachments: list[str]


class InquiryOut(Schema):
    id: int
    subject: str
    buyer: str
    enterprise_id: int
    enterprise: str
    request_id: int | None
    status: str
    last_message_at: dt.datetime | None

    @staticmethod
    def resolve_buyer(obj) -> str:
        return obj["buyer"] if isinstance(obj, dict) else obj.organisation.name

    @staticmethod
    def resolve_enterprise(obj) -> str:
        return obj["enterprise"] if isinstance(obj, dict) else obj.enterprise.display_name


class InquiryDetailOut(InquiryOut):
    messages: list[MessageOut]


class QuoteIn(Schema):
    price: Price
    currency: CurrencyCode
    quantity: Quantity
    unit: Unit
    lead_time_days: int = Field(..., ge=0, le=3650)
    valid_until: dt.date
    incoterm: Incoterm = Field(..., description="Incoterms 2020 rule (ICC).")
    incoterm_place: str = Field("", max_length=100, description=INCOTERM_PLACE_HELP)
    note: str = Field("", max_length=2000)


class QuoteOut(Schema):
    id: int
    inquiry_id: int
    price: Decimal
    currency: str
    quantity: Decimal
    unit: str
    unit_code: str | None = Field(None, description=UNIT_CODE_HELP)
    lead_time_days: int
    valid_until: dt.date
    incoterm: str
    incoterm_place: str = Field("", description=INCOTERM_PLACE_HELP)
    note: str
    qr_payload: str = Field(description="Dynamic EMV payload with the amount, if any.")
    created_at: dt.datetime

    @staticmethod
    def resolve_unit_code(obj) -> str | None:
        return unit_code(obj["unit"] if isinstance(obj, dict) else obj.unit)


class StatusChangeIn(Schema):
    status: InquiryStatus
