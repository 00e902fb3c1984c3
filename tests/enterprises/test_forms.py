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


# --- Area (issue 13) ---------------------------------------------------------------------------


def _office_values(enterprise: Enterprise, **changes) -> dict:
    from django.forms.models import model_to_dict

    from etalase.enterprises.forms import ENTERPRISE_FIELDS

    values = {k: v for k, v in model_to_dict(enterprise, fields=ENTERPRISE_FIELDS).items()
              if v is not None and k not in {"logo", "hs_chapters"}}
    return {**values, **changes}


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [EnterpriseForm, EnterpriseOwnerForm])
def test_the_area_is_chosen_among_the_areas_of_the_enterprises_province(form_class):
    from etalase.regions.models import Area

    enterprise = make_enterprise("ID-SA", area_id=None)
    offered = set(form_class(instance=enterprise).fields["area"].queryset.values_list(
        "pk", flat=True))
    assert offered == set(Area.objects.filter(subdivision_id="ID-SA").values_list("pk", flat=True))
    assert "ID-71.02" in offered and "ID-64.02" not in offered  # Kutai is East Kalimantan's
    form = form_class(data=_office_values(enterprise, area="ID-71.71"), instance=enterprise)
    assert form.is_valid(), form.errors
    assert form.save().area.name == "Kota Manado"


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [EnterpriseForm, EnterpriseOwnerForm])
def test_an_area_of_another_province_is_refused_naming_where_it_lies(form_class):
    enterprise = make_enterprise("ID-SA", area_id="ID-71.02")
    form = form_class(data=_office_values(enterprise, area="ID-64.02"), instance=enterprise)
    assert not form.is_valid()
    assert form.errors["area"] == [
        "Kabupaten Kutai Kartanegara lies in Kalimantan Timur, not in Sulawesi Utara."]
    enterprise.refresh_from_db()
    assert enterprise.area_id == "ID-71.02"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["ID-99.99", "Minahasa", "ID-71.02' OR 1=1 --", "x" * 10_000,
                                   XSS])
def test_what_is_no_area_is_refused_with_a_message(typed):
    enterprise = make_enterprise("ID-SA", area_id=None)
    form = EnterpriseForm(data=_office_values(enterprise, area=typed), instance=enterprise)
    assert not form.is_valid()
    (message,) = form.errors["area"]
    assert message.startswith("No area has the code ") and len(message) < 80
    assert XSS not in str(form)


@pytest.mark.django_db
def test_an_office_moving_an_enterprise_chooses_an_area_of_the_new_province():
    enterprise = make_enterprise("ID-SA", area_id="ID-71.02")
    moved = _office_values(enterprise, subdivision="ID-KI")
    form = EnterpriseForm(data=moved, instance=enterprise)
    assert "ID-64.72" in form.fields["area"].queryset.values_list("pk", flat=True)
    assert not form.is_valid()
    assert "lies in Sulawesi Utara, not in Kalimantan Timur" in form.errors["area"][0]
    form = EnterpriseForm(data={**moved, "area": "ID-64.72"}, instance=enterprise)
    assert form.is_valid(), form.errors
    assert (form.save().subdivision_id, enterprise.area.name) == ("ID-KI", "Kota Samarinda")
    form = EnterpriseForm(data={**moved, "area": ""}, instance=Enterprise.objects.get(
        pk=enterprise.pk))
    assert form.is_valid(), form.errors  # or no area at all


@pytest.mark.django_db
def test_a_philippine_region_offers_the_areas_of_its_provinces():
    from etalase.regions.models import Area, Subdivision

    province = Subdivision.objects.get(code="PH-PLW")  # Palawan, in MIMAROPA (PH-41)
    enterprise = make_enterprise(province.parent_id, area_id=None, registration_id="")
    offered = EnterpriseForm(instance=enterprise).fields["area"].queryset
    assert offered.filter(subdivision_id="PH-PLW").count() == Area.objects.filter(
        subdivision_id="PH-PLW").count() > 0


@pytest.mark.django_db
def test_the_locality_the_file_wrote_is_the_hint_while_no_area_is_chosen():
    enterprise = make_enterprise("ID-SA", regency="Kecamatan Wori", area_id=None)
    html = str(EnterpriseForm(instance=enterprise)["area"].help_text)
    assert "Kecamatan Wori" in html and "matched no area" in html
    assert "regency" not in EnterpriseForm.base_fields  # what the file said is not edited here
