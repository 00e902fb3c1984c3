"""The six roles of the design table: each may do what the table says and nothing more.

Decisions are checked through `accounts.permissions` (the one place that makes them)
and again through the admin, where object-level scope must hold for ids typed by hand.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from etalase.accounts import permissions as p
from etalase.accounts.models import Role
from tests.factories import (
    buyer,
    focal_point_of,
    make_enterprise,
    make_product,
    make_user,
    officer_of,
    owner_of,
    secretariat,
)

ROLES = ["visitor", "owner", "buyer", "officer", "focal_point", "secretariat"]


@pytest.fixture
def world(db):
    """Enterprises in ID-SA (one owned, one unpublished), ID-KI and Sabah, and one user per role."""
    sa = make_enterprise("ID-SA", legal_name="Kakao Minahasa")
    sa_hidden = make_enterprise("ID-SA", legal_name="Kopra Bitung", is_published=False)
    ki = make_enterprise("ID-KI", legal_name="Rotan Samarinda")
    my = make_enterprise("MY-12", legal_name="Rumpai Laut Semporna")
    users = {
        "visitor": AnonymousUser(),
        "owner": owner_of(sa),
        "buyer": buyer(),
        "officer": officer_of("ID-SA"),
        "focal_point": focal_point_of("ID"),
        "secretariat": secretariat(),
    }
    return {"sa": sa, "sa_hidden": sa_hidden, "ki": ki, "my": my, "users": users}


def decisions(user, w) -> dict[str, bool]:
    sa, hidden, ki, my = w["sa"], w["sa_hidden"], w["ki"], w["my"]
    return {
        "view public enterprise": p.can_view_enterprise(user, ki),
        "view unpublished ID-SA": p.can_view_enterprise(user, hidden),
        "change ID-SA": p.can_change_enterprise(user, sa),
        "change ID-KI": p.can_change_enterprise(user, ki),
        "change MY-12": p.can_change_enterprise(user, my),
        "verify ID-SA": p.can_verify_enterprise(user, sa),
        "verify ID-KI": p.can_verify_enterprise(user, ki),
        "contacts of ID-SA": p.can_see_contact_details(user, sa),
        "contacts of ID-KI": p.can_see_contact_details(user, ki),
        "create in ID-SA": p.can_create_enterprise_in(user, "ID-SA", "ID"),
        "create in ID-KI": p.can_create_enterprise_in(user, "ID-KI", "ID"),
        "manage ID-SA": p.can_manage_subdivision(user, "ID-SA"),
        "manage ID-KI": p.can_manage_subdivision(user, "ID-KI"),
        "manage MY-12": p.can_manage_subdivision(user, "MY-12"),
        "verify buyers": p.can_verify_buyer(user),
        "use the admin": p.can_use_admin(user),
        "API tokens": p.can_issue_api_token(user),
        "manage users": p.can_manage_users(user),
        "publish QR of ID-SA": p.can_publish_merchant_qr(user, sa),
    }


ALL_FALSE = dict.fromkeys(
    ["view public enterprise", "view unpublished ID-SA", "change ID-SA", "change ID-KI",
     "change MY-12", "verify ID-SA", "verify ID-KI", "contacts of ID-SA", "contacts of ID-KI",
     "create in ID-SA", "create in ID-KI", "manage ID-SA", "manage ID-KI", "manage MY-12",
     "verify buyers", "use the admin", "API tokens", "manage users", "publish QR of ID-SA"],
    False,
)


def allowed(*keys: str) -> dict[str, bool]:
    expected = dict(ALL_FALSE)
    for key in keys:
        assert key in expected, key
        expected[key] = True
    return expected


# The design table (DESIGN.md §3), one row per role.
EXPECTED = {
    "visitor": allowed("view public enterprise"),
    "owner": allowed("view public enterprise", "change ID-SA", "contacts of ID-SA",
                     "publish QR of ID-SA"),
    "buyer": allowed("view public enterprise", "contacts of ID-SA", "contacts of ID-KI",
                     "API tokens"),
    "officer": allowed("view public enterprise", "view unpublished ID-SA", "change ID-SA",
                       "verify ID-SA", "contacts of ID-SA", "contacts of ID-KI",
                       "create in ID-SA", "manage ID-SA", "verify buyers", "use the admin",
                       "API tokens"),
    "focal_point": allowed("view public enterprise", "view unpublished ID-SA", "change ID-SA",
                           "change ID-KI", "verify ID-SA", "verify ID-KI", "contacts of ID-SA",
                           "contacts of ID-KI", "create in ID-SA", "create in ID-KI",
                           "manage ID-SA", "manage ID-KI", "verify buyers", "use the admin",
                           "API tokens"),
    "secretariat": {key: True for key in ALL_FALSE},
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_what_the_design_says_and_nothing_more(world, role):
    assert decisions(world["users"][role], world) == EXPECTED[role]


@pytest.mark.parametrize(
    ("role", "managed"),
    [
        ("visitor", set()),
        ("owner", {"sa"}),
        ("buyer", set()),
        ("officer", {"sa", "sa_hidden"}),
        ("focal_point", {"sa", "sa_hidden", "ki"}),
        ("secretariat", {"sa", "sa_hidden", "ki", "my"}),
    ],
)
def test_enterprises_managed_by_each_role(world, role, managed):
    got = set(p.enterprises_managed_by(world["users"][role]).values_list("pk", flat=True))
    assert got == {world[key].pk for key in managed}


@pytest.mark.parametrize(
    ("role", "sees_hidden"),
    [("visitor", False), ("owner", False), ("buyer", False), ("officer", True),
     ("focal_point", True), ("secretariat", True)],
)
def test_products_of_an_unpublished_enterprise_reach_only_its_offices(world, role, sees_hidden):
    public = make_product(world["ki"])
    hidden = make_product(world["sa_hidden"])
    draft = make_product(world["my"], is_published=False)
    visible = set(p.products_visible_to(world["users"][role]).values_list("pk", flat=True))
    assert public.pk in visible
    assert (hidden.pk in visible) is sees_hidden
    assert (draft.pk in visible) is (role == "secretariat")


def test_an_owner_sees_its_own_unpublished_enterprise_and_products(db):
    hidden = make_enterprise("ID-SA", is_published=False)
    product = make_product(hidden, is_published=False)
    owner = owner_of(hidden)
    assert p.can_view_enterprise(owner, hidden)
    assert p.can_view_product(owner, product)
    assert p.can_change_product(owner, product)
    assert not p.can_view_product(make_user(), product)


def test_an_officer_of_a_parent_region_covers_the_provinces_inside_it(db):
    inside = make_enterprise("ID-SA")  # ID-SA lies in the Sulawesi region ID-SL
    outside = make_enterprise("ID-KI")
    officer = officer_of("ID-SL")
    assert p.can_change_enterprise(officer, inside)
    assert not p.can_change_enterprise(officer, outside)


def test_an_inactive_official_loses_every_power(db):
    officer = officer_of("ID-SA", is_active=False)
    assert p.scope_of(officer) == p.EMPTY
    assert not p.can_use_admin(officer)
    assert not p.can_change_enterprise(officer, make_enterprise("ID-SA"))


def test_a_superuser_without_roles_is_treated_as_the_secretariat(db):
    root = make_user(is_superuser=True, is_staff=True)
    assert p.scope_of(root).secretariat
    assert p.can_use_admin(root)


def test_several_roles_add_up(db):
    own = make_enterprise("ID-KI")
    user = officer_of("ID-SA")
    from tests.factories import grant

    grant(user, Role.MSME_OWNER, enterprise=own)
    assert p.has_role(user, Role.OFFICER) and p.has_role(user, Role.MSME_OWNER)
    assert p.can_change_enterprise(user, own)  # as owner
    assert not p.can_verify_enterprise(user, own)  # an owner never verifies itself
    assert not p.can_change_enterprise(user, make_enterprise("ID-KI"))
