"""Every write path keeps the derived figures (published-product flag, size class) equal to
what `etalase check_figures` recomputes from the rows: web forms, admin, offline outbox,
consent (claim link, withdrawal), erasure, field capture (through intake's review and bulk
writer). The file import and the intake API share that writer: tests/insights/
test_check_figures.py imports files. The REST API has no write endpoint for enterprises or
products (it reads; submissions go through intake)."""

import uuid

import pytest
from django.urls import reverse

from etalase.catalog.models import Product
from etalase.catalog.services import product_create, product_set_published
from etalase.enterprises.models import Enterprise
from etalase.enterprises.services import enterprise_create, enterprise_update
from etalase.insights import figures, selectors
from etalase.insights.scope import resolve_area
from etalase.intake import consent
from etalase.intake import services as intake
from etalase.intake.models import Submission
from etalase.privacy import services as privacy
from tests.factories import focal_point_of, make_enterprise, make_product, officer_of, owner_of
from tests.fieldcapture.conftest import instance_xml, officer, post_instance  # noqa: F401

pytestmark = pytest.mark.django_db

ENTERPRISE = {
    "legal_name": "PT Kakao Minahasa",
    "registration_id": "9120 0000 00077",
    "country": "ID",
    "subdivision": "ID-SA",
    "annual_turnover": "500000000",
    "employees": 8,
    "phone": "0812-3456-7890",
}
PRODUCT = {
    "name": "Kopi arabika Toraja",
    "language": "id",
    "hs_code": "0901.11",
    "unit": "kg",
    "price_min": "90000",
    "price_max": "120000",
    "is_published": "on",
}


def _flag(enterprise) -> bool:
    return Enterprise.objects.values_list("has_published_product", flat=True).get(pk=enterprise.pk)


def _no_difference() -> None:
    assert figures.differences() == []


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_web_forms_an_office_registers_changes_figures_and_adds_a_product():
    office = officer_of("ID-SA")
    enterprise = enterprise_create(actor=office, data=ENTERPRISE)
    _no_difference()
    # Rp 60 billion a year: large under PP 7/2021; the form reclassifies on the same write.
    enterprise = enterprise_update(actor=office, enterprise=enterprise,
                                   data={"annual_turnover": "60000000000"})
    assert enterprise.size_class == "large"
    product = product_create(actor=office, enterprise=enterprise, data=PRODUCT)
    assert product.is_published and _flag(enterprise) is True
    _no_difference()
    product_set_published(actor=office, product=product, published=False)
    assert _flag(enterprise) is False
    _no_difference()


def test_the_owners_product_form_and_its_offline_outbox_replay(client):
    enterprise = make_enterprise("ID-SA", legal_name="CV Kopi Toraja", size_class="micro")
    client.force_login(owner_of(enterprise))
    url = reverse("enterprises:product_create", args=[enterprise.pk])
    key = str(uuid.uuid4())
    # The outbox sends the queued form again when the phone is back online: one product.
    for _attempt in range(2):
        assert client.post(url, {**PRODUCT, "client_id": key}).status_code == 302
    assert Product.objects.get(enterprise=enterprise).is_published
    assert _flag(enterprise) is True
    _no_difference()


def test_admin_withdraws_and_publishes_products(client):
    enterprise = make_enterprise("ID-SA", size_class="micro")
    product = make_product(enterprise, hs_code_id="090111")
    client.force_login(officer_of("ID-SA"))
    changelist = reverse("admin:catalog_product_changelist")
    response = client.post(changelist, {"action": "withdraw_selected",
                                        "_selected_action": [product.pk]})
    assert response.status_code == 302
    assert _flag(enterprise) is False
    _no_difference()
    client.post(changelist, {"action": "publish_selected", "_selected_action": [product.pk]})
    assert _flag(enterprise) is True
    _no_difference()


def test_consent_given_online_keeps_the_flag_and_moves_only_the_consent_count():
    enterprise = make_enterprise("ID-SA", consent="pending", size_class="micro")
    make_product(enterprise, hs_code_id="090111")
    area = resolve_area(officer_of("ID-SA"), None)
    before = selectors.data_quality(area)[0]["failures"]
    invitation, _token = consent.invitation_create(actor=officer_of("ID-SA"),
                                                   enterprise=enterprise, channel="email")
    # The owner's account (its other enterprise is in another province, outside the area).
    owner = owner_of(make_enterprise("ID-GO", size_class="micro"))
    consent.claim_accept(invitation_id=invitation.pk, user=owner)
    after = selectors.data_quality(area)[0]["failures"]
    assert (before["consent"], after["consent"]) == (1, 0)
    assert before["products"] == after["products"] and _flag(enterprise) is True
    _no_difference()


def test_field_capture_committed_through_review(client, officer,  # noqa: F811
                                                django_capture_on_commit_callbacks):
    post_instance(client, officer, instance_xml())
    submission = Submission.objects.get()
    intake.submission_submit(submission=submission, actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        intake.submission_accept(submission=submission, actor=focal_point_of("ID"))
    submission.refresh_from_db()
    assert submission.status == "committed", submission.refusal_message
    enterprise = Enterprise.objects.get(legal_name="UD Kopra Talaud Sejahtera")
    assert Product.objects.get(enterprise=enterprise).is_published
    assert _flag(enterprise) is True  # written in bulk SQL: no signal, the writer refreshes
    assert enterprise.size_class == "micro"
    _no_difference()


def test_consent_withdrawn_and_the_owners_data_erased():
    enterprise = make_enterprise("ID-SA", consent="self", size_class="micro")
    make_product(enterprise, hs_code_id="090111")
    owner = owner_of(enterprise)
    privacy.withdraw_consent(owner, enterprise)
    assert _flag(enterprise) is True  # still has its published product; not shown publicly
    _no_difference()
    erasure = privacy.request_erasure(owner)
    privacy.confirm_erasure(officer_of("ID-SA"), erasure)
    assert Enterprise.objects.get(pk=enterprise.pk).legal_name != enterprise.legal_name
    _no_difference()
