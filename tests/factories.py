"""Factory-style helpers for tests: small functions with sensible defaults.

Every helper takes keyword overrides; counters keep identifiers unique.
"""

import itertools
from decimal import Decimal
from functools import lru_cache

from etalase.accounts.models import Organisation, Role, RoleAssignment, User
from etalase.catalog.models import Product
from etalase.enterprises.models import Certification, Enterprise
from etalase.regions.area_names import AreaResolver, stored_area_code

_seq = itertools.count(1)

CURRENCY = {"ID": "IDR", "MY": "MYR", "PH": "PHP", "BN": "BND"}


def registration_id_for(country: str, n: int) -> str:
    if country == "ID":
        return f"{9120000000000 + n:013d}"
    if country == "MY":
        return f"2019030{n:05d}"
    return f"CS{n:08d}"


def make_user(email: str | None = None, password: str = "correct-horse-battery", **extra) -> User:
    n = next(_seq)
    return User.objects.create_user(email or f"user{n}@example.test", password, **extra)


def make_enterprise(subdivision: str = "ID-SA", **fields) -> Enterprise:
    n = next(_seq)
    country = subdivision.split("-")[0]
    defaults = dict(
        legal_name=f"Usaha Contoh {n}",
        registration_id=registration_id_for(country, n),
        country_id=country,
        subdivision_id=subdivision,
        currency=CURRENCY.get(country, "USD"),
        employees=8,
        annual_turnover=Decimal("500000000") if country == "ID" else Decimal("200000"),
        phone="+6281234567890",
        email=f"owner{n}@example.test",
        language="id" if country == "ID" else "en",
    )
    defaults.update(fields)
    if defaults.get("regency") and "area" not in fields and "area_id" not in fields:
        # As the registry holds it: the regency text resolved to its area (migration 0006).
        defaults["area_id"] = stored_area_code(
            _area_resolver(country), defaults["regency"], subdivision
        )
    return Enterprise.objects.create(**defaults)


@lru_cache(maxsize=8)
def _area_resolver(country: str) -> AreaResolver:
    return AreaResolver(country)


def make_product(enterprise: Enterprise | None = None, **fields) -> Product:
    enterprise = enterprise or make_enterprise()
    defaults = dict(
        enterprise=enterprise,
        name=f"Biji kakao fermentasi {next(_seq)}",
        description="Biji kakao fermentasi kering, kadar air 7%.",
        hs_code_id="180100",
        unit="kg",
        monthly_capacity=Decimal("25000"),
        min_order=Decimal("1000"),
        price_min=Decimal("45000"),
        price_max=Decimal("52000"),
        currency=enterprise.currency,
        language=enterprise.language,
    )
    defaults.update(fields)
    return Product.objects.create(**defaults)


def make_certification(enterprise: Enterprise, **fields) -> Certification:
    defaults = dict(kind="halal", number=f"ID{next(_seq):08d}", issuer="BPJPH")
    defaults.update(fields)
    return Certification.objects.create(enterprise=enterprise, **defaults)


def make_buyer_org(name: str = "PT Cokelat Nusantara", country: str = "ID") -> Organisation:
    return Organisation.objects.create(name=name, kind=Organisation.Kind.BUYER, country_id=country)


def grant(user: User, role: str, **scope) -> RoleAssignment:
    assignment = RoleAssignment(user=user, role=role, **scope)
    assignment.full_clean()
    assignment.save()
    user.__dict__.pop("_etalase_scope", None)
    return assignment


def owner_of(enterprise: Enterprise, **user_fields) -> User:
    user = make_user(**user_fields)
    grant(user, Role.MSME_OWNER, enterprise=enterprise)
    return user


def officer_of(subdivision: str, **user_fields) -> User:
    user = make_user(**user_fields)
    grant(user, Role.OFFICER, subdivision_id=subdivision)
    return user


def focal_point_of(country: str, **user_fields) -> User:
    user = make_user(**user_fields)
    grant(user, Role.FOCAL_POINT, country_id=country)
    return user


def secretariat(**user_fields) -> User:
    user = make_user(**user_fields)
    grant(user, Role.SECRETARIAT)
    return user


def buyer(organisation: Organisation | None = None, **user_fields) -> User:
    user = make_user(**user_fields)
    grant(user, Role.BUYER, organisation=organisation or make_buyer_org())
    return user
