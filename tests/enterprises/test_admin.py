"""The registry's admin: scoped by role, validated like the services, escaping hostile text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from etalase.catalog.models import HSCode, Product
from etalase.enterprises.models import Certification, Enterprise
from etalase.regions.models import Subdivision
from tests.factories import (
    buyer,
    focal_point_of,
    make_certification,
    make_enterprise,
    make_product,
    officer_of,
    owner_of,
    secretariat,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("etalase")</script>'


def url(model, view: str, *args) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


@pytest.fixture
def area():
    return {
        "sa": make_enterprise("ID-SA", legal_name="Kakao Minahasa"),
        "sa2": make_enterprise("ID-SA", legal_name="Kopra Bitung"),
        "ki": make_enterprise("ID-KI", legal_name="Rotan Samarinda"),
        "my": make_enterprise("MY-12", legal_name="Rumpai Laut Semporna"),
    }


def enterprise_post(enterprise: Enterprise, **changes) -> dict:
    """What the change form posts: every field, plus the inlines' empty management forms."""
    data = {
        "legal_name": enterprise.legal_name, "trade_name": enterprise.trade_name,
        "registration_id": enterprise.registration_id, "country": enterprise.country_id,
        "subdivision": enterprise.subdivision_id, "area": enterprise.area_id or "", "address": "",
        "year_established": "", "employees": enterprise.employees or "",
        "annual_turnover": enterprise.annual_turnover or "", "assets": "",
        "currency": enterprise.currency, "sector_kind": enterprise.sector_kind,
        "export_status": enterprise.export_status, "export_markets": "",
        "contact_person": "", "phone": enterprise.phone, "whatsapp": "",
        "email": enterprise.email, "website": "", "description": "",
        "language": enterprise.language, "consent": enterprise.consent, "consent_at": "",
        "is_published": "on",
    }
    for prefix in ("certifications", "translations"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- Who sees what ---------------------------------------------------------------------------


def test_officer_changelist_lists_only_its_province(client, area):
    client.force_login(officer_of("ID-SA"))
    response = client.get(url(Enterprise, "changelist"))
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list)
    assert listed == {area["sa"], area["sa2"]}
    body = response.content.decode()
    assert "Kakao Minahasa" in body and "Rotan Samarinda" not in body


def test_subdivision_filter_offers_only_the_users_area(client, area):
    client.force_login(focal_point_of("ID"))
    body = client.get(url(Enterprise, "changelist")).content.decode()
    assert "subdivision__code__exact=ID-SA" in body
    assert "subdivision__code__exact=ID-KI" in body
    assert "subdivision__code__exact=MY-12" not in body


def test_focal_point_sees_its_country_and_secretariat_everything(client, area):
    client.force_login(focal_point_of("ID"))
    listed = set(client.get(url(Enterprise, "changelist")).context["cl"].result_list)
    assert listed == {area["sa"], area["sa2"], area["ki"]}
    client.force_login(secretariat())
    listed = set(client.get(url(Enterprise, "changelist")).context["cl"].result_list)
    assert listed == set(area.values())


@pytest.mark.parametrize("make_user", [lambda e: owner_of(e), lambda e: buyer()])
def test_owners_and_buyers_have_no_admin(client, area, make_user):
    client.force_login(make_user(area["sa"]))
    for target in [url(Enterprise, "changelist"), url(Enterprise, "change", area["sa"].pk),
                   url(Product, "changelist")]:
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_officer_cannot_open_another_province_by_id(client, area):
    client.force_login(officer_of("ID-SA"))
    target = area["ki"]
    for view in ("change", "history", "delete"):
        response = client.get(url(Enterprise, view, target.pk))
        assert response.status_code in (302, 403, 404), view
        assert b"Rotan Samarinda" not in response.content


def test_officer_cannot_change_another_province_by_post(client, area):
    client.force_login(officer_of("ID-SA"))
    target = area["ki"]
    response = client.post(url(Enterprise, "change", target.pk),
                           enterprise_post(target, legal_name="Hijacked"))
    assert response.status_code in (302, 403, 404)
    target.refresh_from_db()
    assert target.legal_name == "Rotan Samarinda"
    assert target.history.count() == 1  # the factory's creation only


def test_verify_action_skips_enterprises_outside_the_area(client, area):
    officer = officer_of("ID-SA")
    client.force_login(officer)
    response = client.post(url(Enterprise, "changelist"), {
        "action": "verify_selected",
        "_selected_action": [area["sa"].pk, area["ki"].pk],
    })
    assert response.status_code == 302
    area["sa"].refresh_from_db()
    area["ki"].refresh_from_db()
    assert area["sa"].verified_by == officer
    assert area["ki"].verified_at is None


# --- Saving through the admin ----------------------------------------------------------------


def test_admin_save_normalises_phones_and_recomputes_size(client, area):
    officer = officer_of("ID-SA")
    client.force_login(officer)
    target = area["sa"]
    response = client.post(url(Enterprise, "change", target.pk), enterprise_post(
        target, phone="0812-3456-7899", whatsapp="0812 1111 2222",
        annual_turnover="60000000000"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    target.refresh_from_db()
    assert target.phone == "+6281234567899"
    assert target.whatsapp == "+6281211112222"
    assert target.size_class == "large"
    latest = target.history.latest()
    assert latest.history_user == officer
    assert "phone" in latest.history_change_reason


@pytest.mark.parametrize(("field", "value", "message"), [
    ("phone", "12345", "phone number"),
    ("employees", "-4", "cannot be negative"),
    ("registration_id", "123", "13-digit NIB"),
    ("legal_name", "x" * 250, "at most 200 characters"),
])
def test_admin_shows_specific_errors_and_saves_nothing(client, area, field, value, message):
    client.force_login(officer_of("ID-SA"))
    target = area["sa"]
    response = client.post(url(Enterprise, "change", target.pk),
                           enterprise_post(target, **{field: value}))
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors.get(field, []))
    assert Enterprise.objects.get(pk=target.pk).legal_name == "Kakao Minahasa"


def test_officer_can_only_choose_provinces_of_its_area(client, area):
    client.force_login(officer_of("ID-SA"))
    form = client.get(url(Enterprise, "add")).context["adminform"].form
    assert set(form.fields["subdivision"].queryset.values_list("pk", flat=True)) == {"ID-SA"}
    assert set(form.fields["country"].queryset.values_list("pk", flat=True)) == {"ID"}
    # A tampered form moving the enterprise to ID-KI is refused, and nothing moves.
    target = area["sa"]
    response = client.post(url(Enterprise, "change", target.pk),
                           enterprise_post(target, subdivision="ID-KI"))
    assert response.status_code == 200
    assert "subdivision" in response.context["adminform"].form.errors
    target.refresh_from_db()
    assert target.subdivision_id == "ID-SA"


def test_officer_adds_an_enterprise_in_its_province(client, db):
    client.force_login(officer_of("ID-SA"))
    template = Enterprise(legal_name="CV Pala Sangihe", registration_id="9120 0000 55555",
                          country_id="ID", subdivision_id="ID-SA", currency="",
                          annual_turnover="3000000000", phone="0431 123456")
    response = client.post(url(Enterprise, "add"), enterprise_post(template))
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Enterprise.objects.get(registration_id="912000005555" + "5")
    assert created.size_class == "small" and created.currency == "IDR"
    assert created.phone == "+62431123456"
    # The same form posted for ID-KI is refused: that province is not among the choices.
    other = Enterprise(legal_name="CV Rotan", registration_id="9120000055556", country_id="ID",
                       subdivision_id="ID-KI", currency="IDR", phone="")
    response = client.post(url(Enterprise, "add"), enterprise_post(other))
    assert response.status_code == 200
    assert not Enterprise.objects.filter(registration_id="9120000055556").exists()


def test_hostile_name_is_escaped_in_the_changelist(client, db):
    make_enterprise("ID-SA", legal_name=XSS, trade_name=XSS)
    client.force_login(officer_of("ID-SA"))
    body = client.get(url(Enterprise, "changelist")).content.decode()
    assert XSS not in body
    assert "&lt;script&gt;alert(&quot;etalase&quot;)&lt;/script&gt;" in body


# --- Certifications and products -------------------------------------------------------------


def test_certifications_and_products_follow_the_enterprise_scope(client, area):
    own_cert, far_cert = make_certification(area["sa"]), make_certification(area["ki"])
    own_product, far_product = make_product(area["sa"]), make_product(area["ki"])
    client.force_login(officer_of("ID-SA"))
    listed = set(client.get(url(Certification, "changelist")).context["cl"].result_list)
    assert listed == {own_cert}
    listed = set(client.get(url(Product, "changelist")).context["cl"].result_list)
    assert listed == {own_product}
    assert client.get(url(Certification, "change", far_cert.pk)).status_code == 404
    assert client.get(url(Product, "change", far_product.pk)).status_code == 404
    assert client.get(url(Product, "change", own_product.pk)).status_code == 200


def product_post(product_or_none=None, **changes) -> dict:
    data = {"name": "Pala kering", "description": "", "language": "id", "hs_code": "0908.11",
            "unit": "kg", "min_order": "", "monthly_capacity": "100", "price_min": "10",
            "price_max": "20", "currency": "", "is_published": "on"}
    for prefix in ("translations", "images"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(changes)
    return data


def test_product_admin_adds_only_to_enterprises_of_the_area(client, area):
    officer = officer_of("ID-SA")
    client.force_login(officer)
    response = client.post(url(Product, "add"), product_post(enterprise=area["ki"].pk))
    assert response.status_code == 200
    assert "enterprise" in response.context["adminform"].form.errors
    assert not Product.objects.exists()
    response = client.post(url(Product, "add"), product_post(enterprise=area["sa"].pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    product = Product.objects.get()
    assert (product.enterprise, product.hs_code_id, product.currency) == (area["sa"], "090811",
                                                                         "IDR")
    assert product.history.get().history_user == officer


def test_product_admin_validates_the_hs_code_and_prices(client, area):
    client.force_login(officer_of("ID-SA"))
    response = client.post(url(Product, "add"), product_post(
        enterprise=area["sa"].pk, hs_code="0908", price_min="30", price_max="20"))
    errors = response.context["adminform"].form.errors
    assert "6-digit HS subheading" in errors["hs_code"][0]
    assert "below the lowest price" in errors["price_max"][0]
    assert not Product.objects.exists()


def test_product_name_is_escaped_in_the_changelist(client, area):
    make_product(area["sa"], name=XSS)
    client.force_login(officer_of("ID-SA"))
    body = client.get(url(Product, "changelist")).content.decode()
    assert XSS not in body and "&lt;script&gt;" in body


# --- Reference data --------------------------------------------------------------------------


def test_reference_data_is_read_only_for_everyone(client, db):
    for user in (officer_of("ID-SA"), secretariat()):
        client.force_login(user)
        assert client.get(url(HSCode, "changelist")).status_code == 200
        assert client.get(url(HSCode, "add")).status_code == 403
        response = client.post(url(HSCode, "change", "180100"), {"description": "Hacked"})
        assert response.status_code == 403
        assert client.get(url(Subdivision, "add")).status_code == 403
        response = client.post(url(Subdivision, "change", "ID-SA"), {"name": "Hacked"})
        assert response.status_code == 403
    assert HSCode.objects.get(pk="180100").description != "Hacked"
    assert Subdivision.objects.get(pk="ID-SA").name == "Sulawesi Utara"


def test_subdivisions_filter_on_focus_areas(client, db):
    client.force_login(officer_of("ID-SA"))
    response = client.get(url(Subdivision, "changelist"), {"is_focus_area__exact": "1",
                                                           "q": "ID-"})
    listed = {s.code for s in response.context["cl"].result_list}
    assert "ID-SA" in listed
    assert all(s.is_focus_area for s in response.context["cl"].result_list)


# --- Areas (issue 13) ------------------------------------------------------------------------


def test_the_change_form_offers_the_areas_of_the_enterprises_province(client, area):
    client.force_login(officer_of("ID-SA"))
    target = area["sa"]
    form = client.get(url(Enterprise, "change", target.pk)).context["adminform"].form
    offered = set(form.fields["area"].queryset.values_list("subdivision_id", flat=True))
    assert offered == {"ID-SA"}
    response = client.post(url(Enterprise, "change", target.pk),
                           enterprise_post(target, area="ID-71.02"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    target.refresh_from_db()
    assert target.area.name == "Kabupaten Minahasa"
    assert "area" in target.history.latest().history_change_reason
    response = client.post(url(Enterprise, "change", target.pk),
                           enterprise_post(target, area="ID-64.02"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["area"] == [
        "Kabupaten Kutai Kartanegara lies in Kalimantan Timur, not in Sulawesi Utara."]
    assert Enterprise.objects.get(pk=target.pk).area_id == "ID-71.02"


def test_the_add_form_of_an_officer_offers_its_provinces_areas_only(client, db):
    client.force_login(officer_of("ID-SA"))
    form = client.get(url(Enterprise, "add")).context["adminform"].form
    assert set(form.fields["area"].queryset.values_list("subdivision_id", flat=True)) == {"ID-SA"}


def test_the_changelist_lists_the_records_without_an_area_of_the_officers_province(client, area):
    Enterprise.objects.filter(pk=area["sa"].pk).update(area_id="ID-71.02")
    make_enterprise("ID-SA", legal_name="Usaha Wori", regency="Kecamatan Wori", area_id=None)
    make_enterprise("ID-KI", legal_name="Usaha Kaltim", area_id=None)
    client.force_login(officer_of("ID-SA"))
    body = client.get(url(Enterprise, "changelist"), {"area__isempty": "1"}).content.decode()
    assert "Usaha Wori" in body and "Kopra Bitung" in body
    assert "Kakao Minahasa" not in body and "Usaha Kaltim" not in body


def test_the_locality_as_the_file_wrote_it_is_shown_read_only(client, db):
    enterprise = make_enterprise("ID-SA", regency="Kab. Minahasa Utara (Airmadidi)", area_id=None)
    client.force_login(officer_of("ID-SA"))
    response = client.get(url(Enterprise, "change", enterprise.pk))
    form = response.context["adminform"].form
    assert "regency" not in form.fields
    body = response.content.decode()
    assert "Kab. Minahasa Utara (Airmadidi)" in body
    assert "Regency / city as its source wrote it" in body
