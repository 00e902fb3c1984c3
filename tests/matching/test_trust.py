"""Trust: verified buyers only reach MSMEs; reported requests are held for review; MSMEs
see a buyer's record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from etalase.accounts import permissions
from etalase.accounts.services import organisation_verify
from etalase.matching import messaging, selectors, services
from etalase.matching.models import Notification, RequestReport
from tests.factories import make_buyer_org, officer_of, secretariat
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db


def test_an_unverified_buyer_reaches_msmes_once_an_office_verifies_it(world):
    org = make_buyer_org("PT Baru", country="ID")
    from tests.factories import buyer as make_buyer

    new_buyer = make_buyer(org)
    r = services.sourcing_request_create(actor=new_buyer, organisation=org,
                                         hs_codes=["180100"], title="cocoa beans")
    r = services.sourcing_request_set_status(actor=new_buyer, sourcing_request=r, status="open")
    assert not permissions.can_view_sourcing_request(world.owner_a, r)
    assert selectors.requests_for_enterprise(world.a) == []
    with pytest.raises(PermissionDenied):
        organisation_verify(organisation=org, by=officer_of("ID-SA"))  # org has no province
    organisation_verify(organisation=org, by=secretariat())
    r.refresh_from_db()
    assert permissions.can_view_sourcing_request(world.owner_a, r)
    assert [item.request.pk for item in selectors.requests_for_enterprise(world.a)] == [r.pk]


def test_a_report_holds_the_request_and_tells_the_secretariat(client, world):
    staff = secretariat()
    r = open_request(world, cocoa_request(world))
    client.force_login(world.owner_a)
    response = client.post(reverse("matching:request_report", args=[r.pk]),
                           {"enterprise": world.a.pk, "reason": "fraud",
                            "note": "<b>asks for a deposit</b>"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.held_at is not None
    assert RequestReport.objects.get().reason == "fraud"
    assert Notification.objects.filter(user=staff, kind="report").exists()
    assert Notification.objects.filter(user=world.buyer, kind="held").exists()
    # Held: no MSME sees it any more, the buyer still does.
    assert not permissions.can_view_sourcing_request(world.owner_c, r)
    assert selectors.requests_for_enterprise(world.c) == []
    assert permissions.can_view_sourcing_request(world.buyer, r)
    # The secretariat sees the report (escaped) and releases the request.
    client.force_login(staff)
    page = client.get(reverse("matching:request_detail", args=[r.pk])).content.decode()
    assert "&lt;b&gt;asks for a deposit&lt;/b&gt;" in page and "Release to suppliers" in page
    client.post(reverse("matching:request_review", args=[r.pk]), {"decision": "dismiss"})
    r.refresh_from_db()
    assert r.held_at is None and r.status == "open"
    assert RequestReport.objects.get().upheld is False


def test_an_upheld_report_closes_the_request(world):
    r = open_request(world, cocoa_request(world))
    services.request_report(actor=world.owner_a, sourcing_request=r, enterprise=world.a,
                            reason="junk")
    services.request_review(actor=secretariat(), sourcing_request=r, uphold=True)
    r.refresh_from_db()
    assert r.status == "closed" and r.held_at is not None


def test_reports_are_checked(world):
    r = open_request(world, cocoa_request(world))
    with pytest.raises(ValidationError):
        services.request_report(actor=world.owner_a, sourcing_request=r, enterprise=world.a,
                                reason="because")
    with pytest.raises(PermissionDenied):  # not its enterprise
        services.request_report(actor=world.owner_a, sourcing_request=r, enterprise=world.c,
                                reason="junk")
    with pytest.raises(PermissionDenied):  # a buyer is not an MSME
        services.request_report(actor=world.other_buyer, sourcing_request=r,
                                enterprise=world.a, reason="junk")
    services.request_report(actor=world.owner_a, sourcing_request=r, enterprise=world.a,
                            reason="junk")
    with pytest.raises((ValidationError, PermissionDenied)):  # once; and now it is held
        services.request_report(actor=world.owner_a, sourcing_request=r, enterprise=world.a,
                                reason="junk")
    with pytest.raises(PermissionDenied):  # only the secretariat or the buyer's office
        services.request_review(actor=officer_of("ID-SA"), sourcing_request=r, uphold=False)
    with pytest.raises(PermissionDenied):
        services.request_review(actor=world.buyer, sourcing_request=r, uphold=False)


def test_msmes_see_the_buyers_record(client, world):
    r = open_request(world, cocoa_request(world))
    other = open_request(world, cocoa_request(world, title="second cocoa"))
    inquiry = messaging.request_respond(actor=world.owner_a, sourcing_request=r,
                                        enterprise=world.a, body="We can.")
    messaging.request_respond(actor=world.owner_c, sourcing_request=other,
                              enterprise=world.c, body="Us too.")
    messaging.message_post(actor=world.buyer, inquiry=inquiry, body="Great, a sample?")
    messaging.inquiry_set_status(actor=world.buyer, inquiry=inquiry, status="won")
    record = selectors.buyer_record(world.buyer_org)
    assert (record.requests_posted, record.inquiries, record.answered, record.deals) == (
        2, 2, 1, 1)
    client.force_login(world.owner_c)
    page = client.get(reverse("matching:request_detail", args=[other.pk])).content.decode()
    assert "2 requests posted" in page and "answered 1 of 2 conversations" in page
    assert "1 deal" in page and "verified buyer" in page


def test_an_office_verifies_a_waiting_buyer_from_the_requests_page(client, world):
    from etalase.accounts.models import Organisation
    from tests.factories import buyer as make_buyer

    org = Organisation.objects.create(name="PT Kakao Sulut", kind="buyer", country_id="ID",
                                      subdivision_id="ID-SA")
    services.sourcing_request_create(actor=make_buyer(org), organisation=org,
                                     hs_codes=["180100"], title="cocoa")
    client.force_login(officer_of("ID-KI"))
    assert "PT Kakao Sulut" not in client.get(reverse("matching:requests")).content.decode()
    assert client.post(reverse("matching:buyer_verify", args=[org.pk])).status_code == 404
    officer = officer_of("ID-SA")
    client.force_login(officer)
    assert "PT Kakao Sulut" in client.get(reverse("matching:requests")).content.decode()
    client.post(reverse("matching:buyer_verify", args=[org.pk]))
    org.refresh_from_db()
    assert org.verified_at is not None and org.verified_by == officer
