"""A role without its scope is refused with a message that names what is missing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from etalase.accounts.models import Organisation, Role, RoleAssignment
from tests.factories import make_buyer_org, make_enterprise, make_user, secretariat


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "field", "message"),
    [
        (Role.MSME_OWNER, "enterprise", "An MSME owner role needs its enterprise."),
        (Role.BUYER, "organisation", "A buyer role needs its company."),
        (Role.OFFICER, "subdivision", "A provincial officer role needs its province."),
        (Role.FOCAL_POINT, "country", "A national focal point role needs its country."),
    ],
)
def test_a_role_without_its_scope_names_the_missing_field(role, field, message):
    assignment = RoleAssignment(user=make_user(), role=role)
    with pytest.raises(ValidationError) as caught:
        assignment.full_clean()
    assert caught.value.message_dict[field] == [message]


@pytest.mark.django_db
def test_a_buyer_role_needs_a_buyer_company_not_any_organisation():
    office = Organisation.objects.create(name="Dinas", kind=Organisation.Kind.GOVERNMENT)
    assignment = RoleAssignment(user=make_user(), role=Role.BUYER, organisation=office)
    with pytest.raises(ValidationError) as caught:
        assignment.full_clean()
    assert caught.value.message_dict["organisation"] == ["A buyer role needs a buyer company."]


@pytest.mark.django_db
def test_an_unknown_role_or_subdivision_is_refused():
    with pytest.raises(ValidationError) as caught:
        RoleAssignment(user=make_user(), role="emperor").full_clean()
    assert "role" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        RoleAssignment(user=make_user(), role=Role.OFFICER, subdivision_id="ID-XX").full_clean()
    assert "subdivision" in caught.value.message_dict


@pytest.mark.django_db
def test_complete_roles_pass():
    user = make_user()
    for assignment in [
        RoleAssignment(user=user, role=Role.MSME_OWNER, enterprise=make_enterprise()),
        RoleAssignment(user=user, role=Role.BUYER, organisation=make_buyer_org()),
        RoleAssignment(user=user, role=Role.OFFICER, subdivision_id="ID-SA"),
        RoleAssignment(user=user, role=Role.FOCAL_POINT, country_id="PH"),
        RoleAssignment(user=user, role=Role.SECRETARIAT),
    ]:
        assignment.full_clean()
        assignment.save()
    assert RoleAssignment.objects.filter(user=user).count() == 5


@pytest.mark.django_db
def test_the_role_admin_shows_the_missing_scope_message(client):
    client.force_login(secretariat())
    target = make_user()
    response = client.post(
        reverse("admin:accounts_roleassignment_add"), {"user": target.pk, "role": Role.OFFICER}
    )
    assert response.status_code == 200
    assert "A provincial officer role needs its province." in response.content.decode()
    assert not RoleAssignment.objects.filter(user=target).exists()

    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": target.pk, "role": Role.OFFICER, "subdivision": "ID-SA"},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=target, subdivision_id="ID-SA").exists()
