"""Registry forms on their own: parsing fields, hostile input, rendering."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from etalase.enterprises.forms import (
    OWNER_FIELDS,
    CountryCodesField,
    EnterpriseForm,
    EnterpriseOwnerForm,
    HSCodeField,
    ProductAdminForm,
    ProductForm,
)
from etalase.enterprises.models import Enterprise
from tests.factories import make_certification, make_enterprise

XSS = '<script>alert("x")</script>'


@pytest.mark.parametrize(("typed", "expected"), [
    ("my, sg  jp", ["MY", "SG", "JP"]),
    ('["MY", "MY", "cn"]', ["MY", "CN"]),
    (["PH", " bn "], ["PH", "BN"]),
    ("", []),
    (None, []),
])
def test_country_codes_field_accepts_the_ways_people_type(typed, expected):
    assert CountryCodesField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["ZZ", "MYS", "M1", [1, 2], {"MY": 1}, "A" * 401,
                                   ", ".join(["MY"] * 2 + ["SG"]) + ", QQ"])
def test_country_codes_field_refuses_other_input(typed):
    with pytest.raises(ValidationError):
        CountryCodesField().clean(typed)


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "code"), [("1801.00", "180100"), ("180100", "180100"),
                                             (" 1801 00 ", "180100"), ("0901.11", "090111")])
def test_hs_code_field_finds_the_subheading(typed, code):
    assert HSCodeField().clean(typed).code == code


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "message"), [
    ("18", "6-digit HS subheading"),
    ("1801", "has 4 digits"),
    ("18010000", "has 8 digits"),
    ("1801.99", "does not exist in HS 2022"),
    ("cocoa", "digits only"),
    (XSS, "digits only"),
])
def test_hs_code_field_messages(typed, message):
    with pytest.raises(ValidationError) as exc:
        HSCodeField().clean(typed)
    assert message in " ".join(exc.value.messages)


@pytest.mark.django_db
def test_owner_form_has_no_identity_fields():
    assert set(EnterpriseOwnerForm().fields) == set(OWNER_FIELDS)
    assert not {"registration_id", "country", "subdivision"} & set(OWNER_FIELDS)


@pytest.mark.django_db
def test_owner_form_checks_phones_with_the_stored_country():
    enterprise = make_enterprise("MY-12", phone="", whatsapp="")
    data = {**_form_values(enterprise), "whatsapp": "012-345 6789"}
    form = EnterpriseOwnerForm(data=data, instance=enterprise)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["whatsapp"] == "+60123456789"


@pytest.mark.django_db
def test_enterprise_form_limits_countries_to_the_region():
    choices = {c.pk for c in EnterpriseForm().fields["country"].queryset}
    assert choices == {"BN", "ID", "MY", "PH"}


@pytest.mark.django_db
def test_enterprise_form_renders_hostile_values_escaped():
    enterprise = make_enterprise(legal_name=XSS, description=XSS)
    html = str(EnterpriseForm(instance=enterprise))
    assert XSS not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_product_form_offers_only_the_enterprise_certifications():
    enterprise = make_enterprise()
    own = make_certification(enterprise)
    make_certification(make_enterprise())
    form = ProductForm(enterprise=enterprise)
    assert list(form.fields["certifications"].queryset) == [own]


@pytest.mark.django_db
def test_product_admin_form_refuses_a_certification_of_another_enterprise():
    enterprise, other = make_enterprise(), make_enterprise()
    foreign = make_certification(other)
    form = ProductAdminForm(data={
        "enterprise": str(enterprise.pk), "name": "Kakao", "language": "id",
        "hs_code": "1801.00", "unit": "kg", "certifications": [str(foreign.pk)],
        "is_published": "on",
    })
    assert not form.is_valid()
    assert "certifications" in form.errors
    assert Enterprise.objects.count() == 2


def _form_values(enterprise: Enterprise) -> dict:
    from django.forms.models import model_to_dict

    return {k: v for k, v in model_to_dict(enterprise, fields=OWNER_FIELDS).items()
            if v is not None and k != "logo"}
