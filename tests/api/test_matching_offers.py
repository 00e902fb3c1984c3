"""Joint offers, reports of junk requests and their review, buyer verification and
notifications through the API: the pages' services and rules, hostile input refused."""

from decimal import Decimal

import pytest

from etalase.accounts.models import Role
from etalase.matching.models import JointOffer, Notification, SourcingRequest
from tests.api.matching_world import BASE, post, token
from tests.factories import focal_point_of, grant, make_buyer_org, make_user, officer_of
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(world):
    return open_request(world, cocoa_request(world, quantity_per_month=Decimal(40)))


def test_an_office_forms_a_joint_offer_the_buyer_reads(client, world, big):
    office = token(officer_of("ID-SA"))
    url = f"{BASE}/requests/{big.pk}/joint-offers"
    created = post(client, url, {"name": "Kelompok kakao Sulut", "note": "Dua UMKM.",
                                 "members": [world.a.pk, world.c.pk]}, office)
    assert created.status_code == 201, created.content
    body = created.json()
    assert Decimal(body["total_capacity"]) == Decimal(55) and body["unit"] == "t"
    assert sorted(m["enterprise_id"] for m in body["members"]) == sorted([world.a.pk,
                                                                          world.c.pk])
    read = client.get(url, **token(world.buyer)).json()
    assert [o["name"] for o in read] == ["Kelompok kakao Sulut"]
    # A supplier that is not the buyer nor an office does not see the group.
    assert client.get(url, **token(world.owner_f)).status_code == 404
    notice = client.get(f"{BASE}/notifications", **token(world.buyer)).json()["items"][0]
    assert notice["kind"] == "joint_offer" and notice["body"] == "Kelompok kakao Sulut"


@pytest.mark.parametrize("members, who, status", [
    ("ac", "ID-KI", 403),  # another province's office
    ("ac", "buyer", 403),  # not an office
    ("ah", "ID-SA", 409),  # seaweed farmers do not fit cocoa
    ("a", "ID-SA", 422),   # alone
    ("aa", "ID-SA", 422),  # the same one twice
])
def test_joint_offers_refused(client, world, big, members, who, status):
    actor = world.buyer if who == "buyer" else officer_of(who)
    ids = [getattr(world, m).pk for m in members]
    response = post(client, f"{BASE}/requests/{big.pk}/joint-offers",
                    {"name": "x", "members": ids}, token(actor))
    assert response.status_code == status, response.content
    assert not JointOffer.objects.exists()


def test_a_report_holds_the_request_and_an_office_releases_it(client, world):
    public = open_request(world, cocoa_request(world, visibility="public"))
    reported = post(client, f"{BASE}/requests/{public.pk}/reports",
                    {"enterprise_id": world.a.pk, "reason": "junk",
                     "note": "Permintaan palsu?"}, token(world.owner_a))
    assert reported.status_code == 201, reported.content
    assert SourcingRequest.objects.get(pk=public.pk).held_at is not None
    again = post(client, f"{BASE}/requests/{public.pk}/reports",
                 {"enterprise_id": world.a.pk, "reason": "junk"}, token(world.owner_a))
    assert again.status_code == 404  # held: out of suppliers' reach until reviewed
    # Another owner's enterprise, an unknown reason, a stranger's review: refused.
    assert post(client, f"{BASE}/requests/{public.pk}/reports",
                {"enterprise_id": world.c.pk, "reason": "junk"}, token(world.owner_a)
                ).status_code == 404
    assert post(client, f"{BASE}/requests/{public.pk}/reports",
                {"enterprise_id": world.a.pk, "reason": "<script>"}, token(world.owner_a)
                ).status_code == 422
    assert post(client, f"{BASE}/requests/{public.pk}/review", {"uphold": False},
                token(world.owner_a)).status_code == 404
    secretariat = make_user(email="sec@bimp.test")
    grant(secretariat, Role.SECRETARIAT)
    reviewed = post(client, f"{BASE}/requests/{public.pk}/review", {"uphold": False},
                    token(secretariat))
    assert reviewed.json() == {"request_id": public.pk, "status": "open", "held": False}


def test_an_office_verifies_a_buyer_of_its_country_only(client, world):
    buyer = make_buyer_org("PT Rempah Manado", country="ID")
    url = f"{BASE}/buyers/{buyer.pk}/verify"
    assert post(client, url, {}, token(focal_point_of("MY"))).status_code == 404
    assert post(client, url, {}, token(world.buyer)).status_code == 404
    assert post(client, f"{BASE}/buyers/{world.a.pk + 10_000}/verify", {},
                token(focal_point_of("ID"))).status_code == 404
    verified = post(client, url, {}, token(focal_point_of("ID")))
    assert verified.status_code == 200 and verified.json()["verified_at"]


def test_notifications_are_the_callers_own_and_marked_read(client, world):
    mine = Notification.objects.create(user=world.buyer, kind="reply",
                                       subject="Balasan dari UD Kakao Minahasa")
    theirs = Notification.objects.create(user=world.other_buyer, kind="reply",
                                         subject="Reply from Davao Cacao Growers")
    listed = client.get(f"{BASE}/notifications?unread=true", **token(world.buyer)).json()
    assert [n["id"] for n in listed["items"]] == [mine.pk]
    marked = post(client, f"{BASE}/notifications/read", {"ids": [mine.pk, theirs.pk]},
                  token(world.buyer))
    assert marked.json() == {"marked": 1}
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.get(f"{BASE}/notifications?unread=true",
                      **token(world.buyer)).json()["count"] == 0
    assert post(client, f"{BASE}/notifications/read", {"ids": ["<script>"]},
                token(world.buyer)).status_code == 422
    assert client.get(f"{BASE}/notifications").status_code == 401


def test_a_message_with_a_pdf_and_the_file_read_back(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from etalase.matching import messaging

    inquiry = messaging.inquiry_start(actor=world.buyer, enterprise=world.a, body="Halo")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    url = f"{BASE}/inquiries/{inquiry.pk}/messages/with-files"
    sent = client.post(url, {"body": "Sertifikat halal terlampir.",
                             "files": [SimpleUploadedFile("halal.pdf", pdf, "application/pdf")]},
                       **token(world.owner_a))
    assert sent.status_code == 201, sent.content
    assert sent.json()["attachments"] == ["halal.pdf"]
    attachment_id = inquiry.messages.latest("id").attachments.get().pk
    got = client.get(f"{BASE}/attachments/{attachment_id}", **token(world.buyer))
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert b"".join(got.streaming_content) == pdf
    # Not a party: the file and the thread are out of reach.
    assert client.get(f"{BASE}/attachments/{attachment_id}",
                      **token(world.other_buyer)).status_code == 404
    fake = SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>", "application/pdf")
    refused = client.post(url, {"body": "x", "files": [fake]}, **token(world.owner_a))
    assert refused.status_code == 422
    assert client.post(url, {"body": "x", "files": [fake]},
                       **token(world.other_buyer)).status_code == 404
