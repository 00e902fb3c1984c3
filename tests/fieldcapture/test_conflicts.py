"""Resends and conflicts: one record per instanceID, nothing overwritten silently."""

import pytest
from django.utils import timezone

from etalase.fieldcapture import services
from etalase.fieldcapture.models import FieldRecord
from etalase.intake.models import Submission, SubmissionRow
from tests.factories import make_enterprise, officer_of
from tests.fieldcapture.conftest import instance_xml, post_instance

pytestmark = pytest.mark.django_db
UUID = "uuid:0b6f3a52-3f0e-4a8e-8b11-8d2f9e4c7a01"


def test_resend_with_other_content_is_held_not_overwritten(client, officer):
    assert post_instance(client, officer, instance_xml(instance_id=UUID)).status_code == 201
    changed = instance_xml(instance_id=UUID, employees="9", phone="0812-9999-0000")
    response = post_instance(client, officer, changed)
    assert response.status_code == 202
    held = FieldRecord.objects.get(status="held")
    assert held.hold == "resent" and held.version == 2
    assert held.hold_detail["employees"] == {"before": "4", "after": "9"}
    row = SubmissionRow.objects.get()
    assert row.values["employees"] == 4  # the first version stands until the officer decides
    services.decide(record=held, actor=officer, choice="accept")
    row = SubmissionRow.objects.get()
    assert row.values["employees"] == 9 and row.row == 2
    assert FieldRecord.objects.get(version=1).status == "superseded"


def test_resend_discarded_by_the_officer(client, officer):
    post_instance(client, officer, instance_xml(instance_id=UUID))
    post_instance(client, officer, instance_xml(instance_id=UUID, employees="9"))
    held = FieldRecord.objects.get(status="held")
    client.force_login(officer)
    page = client.get("/fieldcapture/held/")
    assert page.status_code == 200 and b"UD Kopra Talaud Sejahtera" in page.content
    response = client.post(f"/fieldcapture/held/{held.pk}/", {"choice": "discard"})
    assert response.status_code == 302
    assert FieldRecord.objects.get(pk=held.pk).status == "discarded"
    assert SubmissionRow.objects.get().values["employees"] == 4


def test_edit_in_collect_replaces_the_record_in_its_row(client, officer):
    """ODK Collect's edit of a sent form: a new instanceID, meta/deprecatedID the first."""
    post_instance(client, officer, instance_xml(instance_id=UUID))
    post_instance(client, officer, instance_xml(legal_name="CV Pala Siau", product="",
                                                product_photo=""), photos={})
    edited = instance_xml(instance_id="uuid:5d1e0c9b-7a4f-4c3e-9a2b-1f0e8d7c6b5a",
                          deprecated=UUID, employees="6")
    response = post_instance(client, officer, edited)
    assert response.status_code == 201
    rows = dict(SubmissionRow.objects.values_list("row", "values"))
    assert sorted(rows) == [2, 3] and rows[2]["employees"] == 6
    assert FieldRecord.objects.get(instance_id=UUID).status == "superseded"


def test_another_office_cannot_decide(client, officer):
    post_instance(client, officer, instance_xml(instance_id=UUID))
    post_instance(client, officer, instance_xml(instance_id=UUID, employees="9"))
    held = FieldRecord.objects.get(status="held")
    other = officer_of("ID-GO")
    client.force_login(other)
    assert b"UD Kopra" not in client.get("/fieldcapture/held/").content
    assert client.post(f"/fieldcapture/held/{held.pk}/", {"choice": "accept"}).status_code == 404
    assert FieldRecord.objects.get(pk=held.pk).status == "held"


def _registered():
    return make_enterprise("ID-SA", legal_name="UD Kopra Talaud Sejahtera",
                           registration_id="9120000777001", phone="+6281244556677",
                           employees=4, regency="Kabupaten Kepulauan Talaud")


def test_field_changed_online_meanwhile_is_shown_both_ways(client, officer):
    enterprise = _registered()
    opened = timezone.now()
    enterprise.phone = "+6281311112222"  # the office corrects it online
    enterprise.save()
    xml = instance_xml(registration_id="9120000777001", phone="0812-4000-5000", employees="5",
                       start=opened.isoformat())
    response = post_instance(client, officer, xml)
    assert response.status_code == 202
    held = FieldRecord.objects.get()
    assert held.hold == "changed_online"
    assert set(held.hold_detail) == {"phone"}  # employees were not changed online
    assert held.hold_detail["phone"]["online"] == "+6281311112222"
    assert held.hold_detail["phone"]["field"] == "0812-4000-5000"
    assert not Submission.objects.exists()
    client.force_login(officer)
    page = client.get("/fieldcapture/held/", HTTP_ACCEPT_LANGUAGE="id")
    assert b"+6281311112222" in page.content and b"Telepon" in page.content
    client.post(f"/fieldcapture/held/{held.pk}/", {"choice": "accept", "field-phone": "online"})
    row = SubmissionRow.objects.get()
    assert row.action == "update" and "phone" not in row.diff and "employees" in row.diff


def test_field_value_chosen_over_the_online_one(client, officer):
    enterprise = _registered()
    opened = timezone.now()
    enterprise.phone = "+6281311112222"
    enterprise.save()
    post_instance(client, officer, instance_xml(registration_id="9120000777001",
                                                phone="0812-4000-5000",
                                                start=opened.isoformat()))
    held = FieldRecord.objects.get()
    services.decide(record=held, actor=officer, choice="accept", fields={"phone": "field"})
    assert SubmissionRow.objects.get().diff["phone"][1] == "+6281240005000"


def test_no_conflict_when_nothing_changed_online(client, officer):
    _registered()
    post_instance(client, officer, instance_xml(registration_id="9120000777001",
                                                employees="5",
                                                start=timezone.now().isoformat()))
    row = SubmissionRow.objects.get()
    assert row.action == "update" and FieldRecord.objects.get().status == "in_submission"


def test_a_field_the_owner_edited_is_the_intake_conflict(client, officer):
    """The owner's own edits are decided as for an uploaded file (intake.comparison)."""
    enterprise = _registered()
    enterprise.owner_edited_fields = ["employees"]
    enterprise.save()
    post_instance(client, officer, instance_xml(registration_id="9120000777001",
                                                employees="7", start=timezone.now().isoformat()))
    row = SubmissionRow.objects.get()
    assert row.action == "update" and row.conflicts == ["employees"]
