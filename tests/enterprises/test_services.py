"""Enterprise services: validation messages, size classes, history, owner edits, permissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from etalase.enterprises.models import Certification, Enterprise
from etalase.enterprises.selectors import enterprise_history
from etalase.enterprises.services import (
    certification_add,
    certification_remove,
    certification_update,
    enterprise_create,
    enterprise_update,
    enterprise_verify,
)
from tests.factories import (
    buyer,
    focal_point_of,
    make_certification,
    make_enterprise,
    officer_of,
    owner_of,
    secretariat,
)

pytestmark = pytest.mark.django_db

VALID = {
    "legal_name": "PT Kakao Minahasa",
    "registration_id": "9120 0000 00077",
    "country": "ID",
    "subdivision": "ID-SA",
    "annual_turnover": "500000000",
    "employees": 8,
    "phone": "0812-3456-7890",
    "whatsapp": "0812 3456 7891",
}


def errors_of(exc: pytest.ExceptionInfo) -> dict[str, str]:
    """Field -> its messages joined, from a ValidationError raised by a service."""
    return {field: " ".join(messages) for field, messages in exc.value.message_dict.items()}


def create(actor=None, **changes):
    data = {**VALID, **changes}
    return enterprise_create(actor=actor or officer_of("ID-SA"), data=data)


# --- Creating ---------------------------------------------------------------------------------


def test_create_normalises_and_classifies():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    enterprise.refresh_from_db()
    assert enterprise.registration_id == "9120000000077"
    assert enterprise.registration_scheme == "NIB"
    assert enterprise.phone == "+6281234567890"
    assert enterprise.whatsapp == "+6281234567891"
    assert enterprise.currency == "IDR"  # the country's, as none was given
    assert enterprise.size_class == "micro"
    assert "Annual sales" in enterprise.size_basis
    assert enterprise.slug == "pt-kakao-minahasa"
    record = enterprise.history.get()
    assert record.history_user == officer
    assert record.history_change_reason == "created"


BAD_INPUT = [
    # (field, value, fragment of the expected message)
    ("registration_id", "12345", "13-digit NIB"),
    ("registration_id", "ABC1234567890", "13 digits only"),
    ("phone", "12", "phone number"),
    ("phone", "0812-3456-7890<script>", "only digits"),
    ("whatsapp", "+62 21 5550 1234", "not a mobile number"),
    ("employees", -1, "employees cannot be negative"),
    ("employees", 2_000_000, "not plausible for one enterprise"),
    ("employees", "many", "whole number"),
    ("annual_turnover", "-5", "Annual turnover cannot be negative"),
    ("annual_turnover", str(10**16), "not plausible"),
    ("assets", "-1", "Assets cannot be negative"),
    ("subdivision", "ID-XX", "Unknown province or state code"),
    ("subdivision", "MY-12", "is in Malaysia, not in Indonesia"),
    ("country", "SG", "Brunei, Indonesia, Malaysia and the Philippines"),
    ("legal_name", "x" * 201, "at most 200 characters"),
    ("legal_name", "", "required"),
    ("trade_name", "y" * 201, "at most 200 characters"),
    ("description", "z" * 5001, "at most 5000 characters"),
    ("year_established", timezone.localdate().year + 1, "in the future"),
    ("year_established", 1500, "1800 or later"),
    ("currency", "ZZZ", "not an ISO 4217 currency code"),
    ("currency", "XXX", "not an ISO 4217 currency code"),
    ("export_markets", ["MY", "XX"], "not an ISO 3166 country code"),
    ("export_markets", "MY; <b>", "not an ISO 3166 country code"),
    ("email", "not-an-address", "valid email"),
    ("website", "javascript:alert(1)", "valid URL"),
    ("verified_at", "2024-01-01", "cannot be changed here"),
    ("size_class", "large", "cannot be changed here"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT,
                         ids=[f"{f}-{i}" for i, (f, _v, _m) in enumerate(BAD_INPUT)])
def test_create_refuses_bad_input_with_a_specific_message(field, value, message):
    before = Enterprise.objects.count()
    with pytest.raises(ValidationError) as exc:
        create(**{field: value})
    errors = errors_of(exc)
    assert message in errors.get(field, ""), errors
    assert Enterprise.objects.count() == before


def test_nric_instead_of_ssm_is_refused_as_personal_data():
    with pytest.raises(ValidationError) as exc:
        create(focal_point_of("MY"), country="MY", subdivision="MY-12",
               registration_id="900101-12-5678", phone="", whatsapp="")
    assert "identity card" in errors_of(exc)["registration_id"]


def test_duplicate_registration_number_in_the_same_country():
    create()
    with pytest.raises(ValidationError) as exc:
        create(legal_name="Another", registration_id="9120000000077")
    assert "already registered in" in errors_of(exc)["registration_id"]
    assert Enterprise.objects.filter(registration_id="9120000000077").count() == 1


def test_figure_beyond_the_country_ceiling_is_refused():
    # Under the generic 10^15 limit but beyond what Malaysia's economy could turn over.
    with pytest.raises(ValidationError) as exc:
        create(focal_point_of("MY"), country="MY", subdivision="MY-12",
               registration_id="201901000005", phone="", whatsapp="",
               annual_turnover=str(10**14))
    assert "check the figure and the currency" in errors_of(exc)["annual_turnover"]
    assert not Enterprise.objects.filter(country="MY").exists()


def test_several_errors_are_reported_together():
    with pytest.raises(ValidationError) as exc:
        create(employees=-3, phone="1", legal_name="x" * 300)
    assert {"employees", "phone", "legal_name"} <= set(errors_of(exc))


# --- Size classes -----------------------------------------------------------------------------


def test_indonesian_business_set_up_under_the_rule_is_classified_by_capital():
    enterprise = create(year_established=2022, assets="2000000000",
                        annual_turnover="100000000")
    assert enterprise.size_class == "small"  # capital 2 bn; sales alone would say micro
    assert "capital" in enterprise.size_basis


def test_older_indonesian_business_is_classified_by_sales():
    enterprise = create(year_established=2015, assets="2000000000",
                        annual_turnover="20000000000")
    assert enterprise.size_class == "medium"  # sales 20 bn; capital would say small
    assert "Annual sales" in enterprise.size_basis


@pytest.mark.parametrize(("sector", "expected"), [("manufacturing", "small"),
                                                  ("services", "medium")])
def test_malaysian_size_depends_on_the_sector(sector, expected):
    enterprise = create(focal_point_of("MY"), country="MY", subdivision="MY-12",
                        registration_id="201901000005", phone="", whatsapp="",
                        sector_kind=sector, annual_turnover="10000000", employees=50)
    assert enterprise.size_class == expected
    assert enterprise.currency == "MYR"


def test_update_recomputes_the_size_class():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    updated = enterprise_update(actor=officer, enterprise=enterprise,
                                data={"annual_turnover": "60000000000"})
    assert updated.size_class == "large"
    enterprise.refresh_from_db()
    assert enterprise.size_class == "large"


def test_without_figures_there_is_no_class_but_a_reason():
    enterprise = create(annual_turnover=None, employees=None)
    assert enterprise.size_class == ""
    assert "needed" in enterprise.size_basis


# --- Updating, history, owners -----------------------------------------------------------------


def test_update_keeps_fields_not_given_and_records_who_changed_what():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    other = officer_of("ID-SA")
    enterprise_update(actor=other, enterprise=enterprise,
                      data={"legal_name": "PT Kakao Sulut", "phone": "+62 812-3456-7899"})
    enterprise.refresh_from_db()
    assert enterprise.legal_name == "PT Kakao Sulut"
    assert enterprise.phone == "+6281234567899"
    assert enterprise.registration_id == "9120000000077"  # untouched
    latest, first = enterprise_history(enterprise)
    assert first.action == "created" and first.who == str(officer)
    assert latest.action == "changed" and latest.who_id == other.pk
    changes = {c.field: (c.old, c.new) for c in latest.changes}
    assert changes == {"legal_name": ("PT Kakao Minahasa", "PT Kakao Sulut"),
                       "phone": ("+6281234567890", "+6281234567899")}


def test_same_values_written_differently_are_not_a_change():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    enterprise_update(actor=officer, enterprise=enterprise,
                      data={"phone": "+62 812 3456 7890", "registration_id": "9120-0000-00077"})
    assert enterprise.history.count() == 1


def test_failed_update_writes_nothing():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    with pytest.raises(ValidationError):
        enterprise_update(actor=officer, enterprise=enterprise,
                          data={"legal_name": "New name", "employees": -1})
    enterprise.refresh_from_db()
    assert enterprise.legal_name == "PT Kakao Minahasa"
    assert enterprise.history.count() == 1


def test_owner_edits_are_tracked_for_the_import():
    enterprise = create()
    owner = owner_of(enterprise)
    enterprise_update(actor=owner, enterprise=enterprise,
                      data={"description": "Biji kakao fermentasi.", "employees": 9})
    enterprise.refresh_from_db()
    assert enterprise.owner_edited_fields == ["description", "employees"]
    assert enterprise.owner_edited_at is not None
    first_edit = enterprise.owner_edited_at
    enterprise_update(actor=owner, enterprise=enterprise, data={"website": "kakao.example"})
    enterprise.refresh_from_db()
    assert enterprise.owner_edited_fields == ["description", "employees", "website"]
    assert enterprise.website == "https://kakao.example"
    assert enterprise.owner_edited_at > first_edit


def test_office_edits_are_not_owner_edits():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    enterprise_update(actor=officer, enterprise=enterprise, data={"description": "Kakao."})
    enterprise.refresh_from_db()
    assert enterprise.owner_edited_fields == []
    assert enterprise.owner_edited_at is None


def test_owner_cannot_change_identity_fields():
    enterprise = create()
    owner = owner_of(enterprise)
    for field, value in [("registration_id", "9120000000999"), ("subdivision", "ID-KI"),
                         ("country", "MY"), ("consent", "paper")]:
        with pytest.raises(ValidationError) as exc:
            enterprise_update(actor=owner, enterprise=enterprise, data={field: value})
        assert "cannot be changed here" in errors_of(exc)[field]
    enterprise.refresh_from_db()
    assert enterprise.registration_id == "9120000000077"


# --- Permissions -----------------------------------------------------------------------------


def test_officer_of_another_province_cannot_update():
    enterprise = create()
    with pytest.raises(PermissionDenied):
        enterprise_update(actor=officer_of("ID-KI"), enterprise=enterprise,
                          data={"legal_name": "Hijacked"})
    enterprise.refresh_from_db()
    assert enterprise.legal_name == "PT Kakao Minahasa"


@pytest.mark.parametrize("make_actor", [buyer, lambda: owner_of(make_enterprise())])
def test_buyers_and_other_owners_cannot_update(make_actor):
    enterprise = create()
    with pytest.raises(PermissionDenied):
        enterprise_update(actor=make_actor(), enterprise=enterprise, data={"legal_name": "X"})


def test_officer_cannot_move_an_enterprise_out_of_its_province():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    with pytest.raises(PermissionDenied):
        enterprise_update(actor=officer, enterprise=enterprise, data={"subdivision": "ID-KI"})
    enterprise.refresh_from_db()
    assert enterprise.subdivision_id == "ID-SA"


def test_officer_cannot_create_in_another_province():
    with pytest.raises(PermissionDenied):
        create(officer_of("ID-KI"))
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("make_actor", [buyer, lambda: owner_of(make_enterprise())])
def test_only_offices_register_enterprises(make_actor):
    actor = make_actor()
    before = Enterprise.objects.count()
    with pytest.raises(PermissionDenied):
        create(actor)
    assert Enterprise.objects.count() == before


def test_focal_point_and_secretariat_reach_every_province_of_their_scope():
    enterprise = create()
    enterprise_update(actor=focal_point_of("ID"), enterprise=enterprise,
                      data={"subdivision": "ID-KI"})
    enterprise_update(actor=secretariat(), enterprise=enterprise, data={"area": "ID-64.72"})
    enterprise.refresh_from_db()
    assert (enterprise.subdivision_id, enterprise.area.name) == ("ID-KI", "Kota Samarinda")
    with pytest.raises(PermissionDenied):
        enterprise_update(actor=focal_point_of("MY"), enterprise=enterprise,
                          data={"area": "ID-64.71"})


# --- Verification ----------------------------------------------------------------------------


def test_office_verifies_and_history_says_so():
    enterprise = create()
    officer = officer_of("ID-SA")
    verified = enterprise_verify(actor=officer, enterprise=enterprise)
    assert verified.verified_by == officer
    assert verified.verified_at is not None
    assert "ID-SA" in verified.verified_by_office or "Sulawesi" in verified.verified_by_office
    latest = enterprise_history(enterprise)[0]
    assert latest.reason == "verified" and latest.who_id == officer.pk
    assert {"verified_at", "verified_by", "verified_by_office"} <= {c.field for c in
                                                                    latest.changes}


@pytest.mark.parametrize("make_actor", [lambda e: officer_of("ID-KI"), lambda e: owner_of(e),
                                        lambda e: buyer()])
def test_verification_refused_outside_the_office(make_actor):
    enterprise = create()
    with pytest.raises(PermissionDenied):
        enterprise_verify(actor=make_actor(enterprise), enterprise=enterprise)
    enterprise.refresh_from_db()
    assert enterprise.verified_at is None


# --- Certifications --------------------------------------------------------------------------


def test_certification_add_update_remove():
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    cert = certification_add(actor=officer, enterprise=enterprise, data={
        "kind": "halal", "number": "ID3110000123", "issuer": "BPJPH",
        "valid_from": "2024-01-01", "valid_until": "2028-01-01"})
    assert cert.history.get().history_user == officer
    cert = certification_update(actor=officer, certification=cert,
                                data={"valid_until": dt.date(2029, 1, 1)})
    assert cert.valid_until == dt.date(2029, 1, 1)
    certification_remove(actor=officer, certification=cert)
    assert not Certification.objects.filter(pk=cert.pk).exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"valid_from": "2025-01-01", "valid_until": "2024-01-01"}, "valid_until",
     "cannot expire"),
    ({"kind": "made-up"}, "kind", "valid choice"),
    ({"number": "9" * 61}, "number", "at most 60 characters"),
    ({"valid_until": "9999-01-01"}, "valid_until", "not a plausible"),
])
def test_certification_validation(data, field, message):
    officer = officer_of("ID-SA")
    enterprise = create(officer)
    with pytest.raises(ValidationError) as exc:
        certification_add(actor=officer, enterprise=enterprise, data={"kind": "halal", **data})
    assert message in errors_of(exc)[field]
    assert not enterprise.certifications.exists()


def test_certification_of_another_province_is_refused():
    enterprise = create()
    cert = make_certification(enterprise)
    intruder = officer_of("ID-KI")
    with pytest.raises(PermissionDenied):
        certification_add(actor=intruder, enterprise=enterprise, data={"kind": "organic"})
    with pytest.raises(PermissionDenied):
        certification_update(actor=intruder, certification=cert, data={"number": "X"})
    with pytest.raises(PermissionDenied):
        certification_remove(actor=intruder, certification=cert)
    assert Certification.objects.filter(pk=cert.pk, number=cert.number).exists()
    assert Decimal(enterprise.annual_turnover) == Decimal("500000000")
