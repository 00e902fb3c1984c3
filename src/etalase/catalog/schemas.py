"""API schemas for HS codes and products.

Products carry no contact details: those belong to the enterprise and are decided
per caller in `enterprises.schemas`.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from ninja import Field, Schema

from etalase.catalog.units import unit_code

# --- HS codes -------------------------------------------------------------------------


class HSCodeRef(Schema):
    code: str
    dotted: str = Field(description="As people write it: 1801.00.")
    level: int = Field(description="2 chapter, 4 heading, 6 subheading.")
    name: str = Field(description="Everyday name in the request's language, else the HS text.")

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.name_in(get_language())


class HSCodeOut(HSCodeRef):
    parent: str | None
    section: str
    description: str = Field(description="The HS 2022 nomenclature text (English).")

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent_id


class HSCodeNames(Schema):
    """Everyday names of the goods; null where none is recorded for that language."""

    en: str | None = None
    id: str | None = None
    ms: str | None = None
    fil: str | None = None


class HSCodeDetailOut(HSCodeOut):
    names: HSCodeNames
    parents: list[HSCodeRef] = Field(description="Enclosing codes, chapter first.")
    children: list[HSCodeRef] = Field(description="Codes directly inside this one.")

    @staticmethod
    def resolve_names(obj: Any) -> dict[str, str]:
        return {t.language_code: t.name for t in obj.translations.all()}

    @staticmethod
    def resolve_parents(obj: Any) -> list[Any]:
        chain = []
        parent = obj.parent
        while parent is not None:
            chain.append(parent)
            parent = parent.parent
        return chain[::-1]

    @staticmethod
    def resolve_children(obj: Any) -> list[Any]:
        return list(obj.children.all())


# --- Certifications (of enterprises, also listed on their products) ---------------------


class CertificationOut(Schema):
    kind: str
    label: str
    number: str
    issuer: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    is_valid: bool = Field(description="Valid today.")

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_is_valid(obj: Any) -> bool:
        return obj.is_valid_on()


# --- Places -----------------------------------------------------------------------------

AREA_CODE_DESCRIPTION = (
    "Code of a second-level area (regency or city, city or municipality, district): "
    "ID-71.02, PH-1731500000, MY-12-kota-kinabalu, BN-BE; the list of a province is at "
    "/api/v1/regions/subdivisions/{code}/areas."
)


class AreaRef(Schema):
    """An enterprise's second-level area (regions.Area)."""

    code: str = Field(description=AREA_CODE_DESCRIPTION)
    name: str = Field(description="As its official source spells it.")


# --- Products -------------------------------------------------------------------------


class ProductEnterpriseRef(Schema):
    id: int
    name: str
    country: str
    subdivision: str
    subdivision_name: str
    area: AreaRef | None = Field(description="Its regency / city; null when not known.")

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.display_name

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return obj.country_id

    @staticmethod
    def resolve_subdivision(obj: Any) -> str:
        return obj.subdivision_id

    @staticmethod
    def resolve_subdivision_name(obj: Any) -> str:
        return obj.subdivision.display_name


class ProductImageOut(Schema):
    url: str
    thumbnail_url: str | None
    alt_text: str
    width: int
    height: int

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.image.url

    @staticmethod
    def resolve_thumbnail_url(obj: Any) -> str | None:
        return obj.thumbnail.url if obj.thumbnail else None


class ProductOut(Schema):
    id: int
    enterprise: ProductEnterpriseRef
    name: str = Field(description="In the request's language, else the original.")
    description: str = Field(description="In the request's language, else the original.")
    language: str = Field(description="Language the product was originally described in.")
    hs_code: HSCodeRef
    gtin: str = Field(description="GS1 GTIN (8, 12, 13 or 14 digits, check digit verified); "
                                  "empty when the owner gave none.")
    unit: str
    unit_label: str
    unit_code: str | None = Field(description="The unit as a UN/CEFACT Recommendation 20 common "
                                              "code (KGM, TNE, H87, LTR, XBX, XPK, MTR, MTK).")
    min_order: Decimal | None
    monthly_capacity: Decimal | None
    price_min: Decimal | None
    price_max: Decimal | None
    currency: str
    certifications: list[CertificationOut]
    images: list[ProductImageOut]
    is_published: bool
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.text_in(get_language())[0]

    @staticmethod
    def resolve_description(obj: Any) -> str:
        return obj.text_in(get_language())[1]

    @staticmethod
    def resolve_unit_label(obj: Any) -> str:
        return str(obj.get_unit_display())

    @staticmethod
    def resolve_unit_code(obj: Any) -> str | None:
        return unit_code(obj.unit)

    @staticmethod
    def resolve_certifications(obj: Any) -> list[Any]:
        return list(obj.certifications.all())

    @staticmethod
    def resolve_images(obj: Any) -> list[Any]:
        return list(obj.images.all())
