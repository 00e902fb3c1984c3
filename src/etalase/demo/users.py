"""The demo accounts: one user per role, their offices and a few buyer companies.

Every account signs in with ``DEMO_PASSWORD``. Re-running is safe: accounts, organisations and
roles that exist are kept (and a changed password is not reset).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from etalase.accounts.models import Organisation, Role, RoleAssignment, User
from etalase.demo.names import NATIONAL_OFFICES, OFFICE_TEMPLATES
from etalase.enterprises.models import Enterprise
from etalase.regions.models import Subdivision

DEMO_PASSWORD = "etalase-demo"  # noqa: S105 - published in the README for the local demo
DOMAIN = "demo.etalase"
OWNER_SUBDIVISION = "ID-SA"

# (e-mail local part, full name, language, role, scope code): scope is a subdivision for
# officers, a country for focal points.
OFFICIALS = (
    ("secretariat", "Rosalind Tan (BIMP-FC)", "en", Role.SECRETARIAT, ""),
    ("focal.id", "Hendra Wijaya", "id", Role.FOCAL_POINT, "ID"),
    ("focal.my", "Nur Farhana binti Salleh", "ms", Role.FOCAL_POINT, "MY"),
    ("focal.ph", "Marites Villanueva", "en", Role.FOCAL_POINT, "PH"),
    ("focal.bn", "Awang Haji Rosli bin Ahmad", "ms", Role.FOCAL_POINT, "BN"),
    ("officer.sa", "Yohanis Lumowa", "id", Role.OFFICER, "ID-SA"),
    ("officer.ki", "Ratna Sari Dewi", "id", Role.OFFICER, "ID-KI"),
    ("officer.sabah", "Jimmy Majinbon", "ms", Role.OFFICER, "MY-12"),
    ("officer.davao", "Ramon Bautista", "en", Role.OFFICER, "PH-DAS"),
)
# Buyer companies: (name, country, verified). The demo buyer works for the first one.
BUYERS = (
    ("Lion City Provisions Pte. Ltd.", "SG", True),
    ("PT Cokelat Nusantara", "ID", True),
    ("Borneo Fine Foods Sdn. Bhd.", "MY", True),
    ("Davao Premium Exports Inc.", "PH", True),
    ("Kansai Specialty Imports K.K.", "JP", True),
    ("Straits Spice House Pte. Ltd.", "SG", False),
)
SECRETARIAT_ORG = ("BIMP-EAGA Facilitation Center", "MY", "MY-12")


@dataclass(frozen=True)
class Account:
    email: str
    role: str
    scope: str


@dataclass
class DemoAccounts:
    accounts: list[Account]
    officers: dict[str, User]  # subdivision code -> officer
    focal_points: dict[str, User]  # country code -> focal point
    secretariat: User
    password_hash: str


def _user(local: str, full_name: str, language: str, password_hash: str) -> User:
    email = f"{local}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, full_name=full_name, password=password_hash,
                                   preferred_language=language)
    return user


def _organisation(name: str, kind: str, country: str | None, subdivision: str | None = None,
                  verified_at: dt.datetime | None = None, verified_by: User | None = None
                  ) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=name, kind=kind,
        defaults={"country_id": country, "subdivision_id": subdivision,
                  "verified_at": verified_at, "verified_by": verified_by},
    )
    return organisation


def _grant(user: User, role: str, **scope: object) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, **scope)


def ensure_demo_accounts(*, today: dt.date) -> DemoAccounts:
    """Create (or find) the demo users, their organisations and roles."""
    # One hash for all: hashing is slow on purpose, and the password is published anyway.
    password_hash = make_password(DEMO_PASSWORD)
    verified_at = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=30),
                                                          dt.time(10)))
    names = dict(Subdivision.objects.values_list("code", "name"))
    accounts: list[Account] = []
    officers: dict[str, User] = {}
    focal_points: dict[str, User] = {}
    secretariat: User | None = None
    for local, full_name, language, role, code in OFFICIALS:
        user = _user(local, full_name, language, password_hash)
        if role == Role.SECRETARIAT:
            name, country, subdivision = SECRETARIAT_ORG
            org = _organisation(name, Organisation.Kind.SECRETARIAT, country, subdivision)
            _grant(user, role, organisation=org)
            secretariat = user
            scope = "all"
        elif role == Role.FOCAL_POINT:
            org = _organisation(NATIONAL_OFFICES[code], Organisation.Kind.GOVERNMENT, code)
            _grant(user, role, country_id=code, organisation=org)
            focal_points[code] = user
            scope = code
        else:
            country = code.split("-")[0]
            office = OFFICE_TEMPLATES[country].format(name=names.get(code, code))
            org = _organisation(office, Organisation.Kind.GOVERNMENT, country, code)
            _grant(user, role, subdivision_id=code, organisation=org)
            officers[code] = user
            scope = code
        accounts.append(Account(user.email, str(role.label), scope))
    assert secretariat is not None
    for index, (name, country, verified) in enumerate(BUYERS):
        org = _organisation(name, Organisation.Kind.BUYER, country,
                            verified_at=verified_at if verified else None,
                            verified_by=secretariat if verified else None)
        if index == 0:
            user = _user("buyer", "Daniel Lim", "en", password_hash)
            _grant(user, Role.BUYER, organisation=org)
            accounts.append(Account(user.email, str(Role.BUYER.label), name))
    return DemoAccounts(accounts, officers, focal_points, secretariat, password_hash)


def ensure_demo_owner(*, accounts: DemoAccounts) -> Enterprise | None:
    """Make owner@ the owner of the first enterprise of ID-SA (if there is one)."""
    enterprise = (Enterprise.objects.filter(subdivision_id=OWNER_SUBDIVISION)
                  .order_by("id").first())
    if enterprise is None:
        return None
    user = _user("owner", "Stevanus Pangemanan", "id", accounts.password_hash)
    _grant(user, Role.MSME_OWNER, enterprise=enterprise)
    accounts.accounts.append(Account(user.email, str(Role.MSME_OWNER.label),
                                     enterprise.display_name))
    return enterprise


def existing_demo_accounts() -> list[Account]:
    """The demo accounts in the database with their roles (for the table `seed_demo` prints)."""
    assignments = (RoleAssignment.objects.filter(user__email__endswith=f"@{DOMAIN}")
                   .select_related("user", "organisation", "enterprise", "subdivision", "country")
                   .order_by("user_id", "id"))
    accounts = []
    for a in assignments:
        if a.role == Role.BUYER and a.organisation:
            scope = a.organisation.name
        elif a.enterprise:
            scope = a.enterprise.display_name
        else:
            scope = a.subdivision_id or a.country_id or "all"
        accounts.append(Account(a.user.email, str(Role(a.role).label), scope))
    return accounts
