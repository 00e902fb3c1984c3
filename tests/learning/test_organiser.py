"""Offices publish programmes within their scope; the organiser's view, attendance, export."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from etalase.learning import services
from etalase.learning.models import Enrolment, EnrolmentStatus, Notification, Programme
from etalase.regions.models import Subdivision
from tests.factories import (
    focal_point_of,
    make_enterprise,
    make_user,
    officer_of,
    owner_of,
    secretariat,
)
from tests.learning.helpers import XSS, make_programme, make_provider, programme_data

pytestmark = pytest.mark.django_db


# --- Publishing within scope -------------------------------------------------------------


def test_officer_publishes_to_its_own_province_and_those_inside():
    officer = officer_of("ID-SA")
    programme = services.programme_save(
        user=officer, data=programme_data(eligible_subdivisions=["ID-SA"]))
    assert programme.office_subdivision_id == "ID-SA" and programme.office_country_id == "ID"
    assert not programme.is_published
    # A region's officer reaches the provinces inside it (PH-11 holds PH-DAV).
    services.programme_save(user=officer_of("PH-11"),
                            data=programme_data(eligible_subdivisions=["PH-DAV", "PH-11"]))


@pytest.mark.parametrize("targeting", [
    {},  # the whole region
    {"eligible_countries": ["ID"]},  # the whole country
    {"eligible_subdivisions": ["ID-KI"]},  # another province
    {"eligible_subdivisions": ["ID-SA", "ID-KI"]},  # partly outside
    {"eligible_countries": ["MY"]},
])
def test_officer_cannot_publish_outside_its_province(targeting):
    with pytest.raises(ValidationError) as info:
        services.programme_save(user=officer_of("ID-SA"), data=programme_data(**targeting))
    assert "eligible_subdivisions" in info.value.message_dict
    assert not Programme.objects.exists()


def test_focal_point_publishes_in_its_country_only():
    focal = focal_point_of("PH")
    programme = services.programme_save(user=focal,
                                        data=programme_data(eligible_countries=["PH"]))
    assert programme.office_country_id == "PH" and programme.office_subdivision is None
    services.programme_save(user=focal, data=programme_data(eligible_subdivisions=["PH-DAV"]))
    for targeting in ({}, {"eligible_countries": ["PH", "ID"]},
                      {"eligible_subdivisions": ["ID-SA"]}):
        with pytest.raises(ValidationError):
            services.programme_save(user=focal, data=programme_data(**targeting))


def test_secretariat_publishes_region_wide():
    programme = services.programme_save(user=secretariat(), data=programme_data())
    assert programme.office_country is None and programme.office_subdivision is None


@pytest.mark.parametrize("maker", [lambda: owner_of(make_enterprise("ID-SA")), make_user])
def test_owners_and_plain_users_cannot_create_programmes(maker):
    with pytest.raises(PermissionDenied):
        services.programme_save(user=maker(), data=programme_data())


def test_other_provinces_programme_is_not_editable():
    programme = services.programme_save(user=officer_of("ID-SA"),
                                        data=programme_data(eligible_subdivisions=["ID-SA"]))
    intruder = officer_of("ID-KI")
    with pytest.raises(PermissionDenied):
        services.programme_save(user=intruder, programme_id=programme.pk,
                                data=programme_data(eligible_subdivisions=["ID-KI"]))
    with pytest.raises(PermissionDenied):
        services.programme_publish(user=intruder, programme_id=programme.pk)
    # The country's focal point may change its provinces' programmes.
    services.programme_save(user=focal_point_of("ID"), programme_id=programme.pk,
                            data=programme_data(title="Diperbarui",
                                                eligible_subdivisions=["ID-SA"]))
    programme.refresh_from_db()
    assert programme.title == "Diperbarui"
    with pytest.raises(PermissionDenied):
        services.programme_save(user=focal_point_of("MY"), programme_id=programme.pk,
                                data=programme_data(eligible_countries=["MY"]))


@pytest.mark.parametrize(("overrides", "field"), [
    ({"ends_at": timezone.now() - dt.timedelta(days=30)}, "ends_at"),
    ({"time_zone": "Europe/Nowhere"}, "time_zone"),
    ({"capacity": -1}, "capacity"),
    ({"capacity": 10**9}, "capacity"),
    ({"mode": "on_site", "venue": "  "}, "venue"),
    ({"cost": 10, "currency": ""}, "currency"),
    ({"eligible_size_classes": ["huge"]}, "eligible_size_classes"),
    ({"delivery_languages": ["xx"]}, "delivery_languages"),
    ({"kind": "party"}, "kind"),
    ({"title": "   "}, "title"),
    ({"eligible_subdivisions": ["ZZ-99"]}, "eligible_subdivisions"),
])
def test_invalid_programme_data_is_refused_with_a_field_error(overrides, field):
    with pytest.raises(ValidationError) as info:
        services.programme_save(user=secretariat(), data=programme_data(**overrides))
    assert field in info.value.message_dict


def test_translations_are_stored_except_the_original_language():
    data = programme_data(language="id", translations={
        "en": ("Digital marketing training", "In English"), "id": ("ignored", ""),
        "ms": ("", ""), "xx": ("evil", "")})
    programme = services.programme_save(user=secretariat(), data=data)
    assert {t.language_code: t.title for t in programme.translations.all()} == {
        "en": "Digital marketing training"}
    assert programme.text_in("en")[0] == "Digital marketing training"
    assert programme.text_in("fil")[0] == "Pelatihan pemasaran digital"


# --- Pages -------------------------------------------------------------------------------


def form_post(provider_org, **overrides):
    data = {
        "kind": "training", "provider": provider_org.pk, "title": "Pelatihan ekspor kopi",
        "description": "Untuk UMKM kopi.", "language": "id", "delivery_languages": ["id"],
        "mode": "online", "time_zone": "Asia/Jayapura", "starts_at": "2027-03-02T09:00",
        "ends_at": "2027-03-02T12:00", "capacity": "20", "accepts_enrolment": "on",
        "eligible_subdivisions": ["ID-SA"], "title_en": "Coffee export training",
    }
    data.update(overrides)
    return data


def test_officer_creates_through_the_form_with_local_times(client):
    client.force_login(officer_of("ID-SA"))
    response = client.post(reverse("learning:create"), form_post(make_provider()))
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get()
    # 09:00 in Jayapura (UTC+9) is 00:00 UTC, whatever the site's own time zone.
    assert programme.starts_at == dt.datetime(2027, 3, 2, 0, 0, tzinfo=dt.UTC)
    assert programme.text_in("en")[0] == "Coffee export training"
    edit = client.get(reverse("learning:edit", args=[programme.pk]))
    assert edit.context["form"].initial["starts_at"] == dt.datetime(2027, 3, 2, 9, 0)


def test_form_refuses_targeting_outside_the_area_with_a_message(client):
    client.force_login(officer_of("ID-SA"))
    response = client.post(reverse("learning:create"),
                           form_post(make_provider(), eligible_subdivisions=["ID-KI"]))
    assert response.status_code == 200
    assert "your own area" in str(response.context["form"].errors)
    assert not Programme.objects.exists()


def test_form_hostile_input(client):
    client.force_login(officer_of("ID-SA"))
    response = client.post(reverse("learning:create"), form_post(
        make_provider(), title="x" * 5000, capacity="-5", starts_at="not a date",
        online_url="javascript:alert(1)", provider="999999", time_zone="<script>"))
    errors = response.context["form"].errors
    for field in ("title", "capacity", "starts_at", "online_url", "provider", "time_zone"):
        assert field in errors, field
    assert not Programme.objects.exists()


def test_publish_from_the_organiser_page_notifies_eligible(client, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    eligible = owner_of(make_enterprise("ID-SA"))
    ineligible = owner_of(make_enterprise("ID-KI"))
    programme = make_programme(published=False, office_subdivision="ID-SA",
                               subdivisions=["ID-SA"])
    client.force_login(officer_of("ID-SA"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("learning:publish", args=[programme.pk]), {"action": "publish"})
    programme.refresh_from_db()
    assert programme.is_published
    assert list(Notification.objects.values_list("user_id", flat=True)) == [eligible.pk]
    assert [m.to for m in mailoutbox] == [[eligible.email]]
    assert ineligible.email not in str([m.to for m in mailoutbox])


@pytest.mark.parametrize("name", ["edit", "organiser", "export", "publish"])
def test_other_office_gets_404_on_organiser_pages(client, name):
    programme = make_programme(office_subdivision="ID-SA", office_country="ID")
    client.force_login(officer_of("ID-KI"))
    url = reverse(f"learning:{name}", args=[programme.pk])
    response = client.post(url) if name == "publish" else client.get(url)
    assert response.status_code == 404
    programme.refresh_from_db()
    assert programme.is_published


def test_owner_cannot_reach_the_management_pages(client):
    client.force_login(owner_of(make_enterprise("ID-SA")))
    assert client.get(reverse("learning:manage")).status_code == 403
    assert client.get(reverse("learning:create")).status_code == 403


@pytest.fixture
def running():
    """A programme that started an hour ago with two confirmed and one waiting."""
    programme = make_programme(capacity=2, office_subdivision="ID-SA", office_country="ID",
                               starts_at=timezone.now() - dt.timedelta(hours=1), hours=4)
    rows = []
    for index, status in enumerate([EnrolmentStatus.CONFIRMED, EnrolmentStatus.CONFIRMED,
                                    EnrolmentStatus.WAITLISTED]):
        enterprise = make_enterprise("ID-SA", legal_name=f"UD Kakao {index}",
                                     contact_person="=HYPERLINK(\"http://evil\")" if index == 0
                                     else "Ibu Sari")
        rows.append(Enrolment.objects.create(programme=programme, enterprise=enterprise,
                                             enrolled_by=owner_of(enterprise), status=status))
    return programme, rows


def test_organiser_marks_attendance(client, running):
    programme, (a, b, waiting) = running
    client.force_login(officer_of("ID-SA"))
    page = client.get(reverse("learning:organiser", args=[programme.pk]))
    assert [e.pk for e in page.context["confirmed"]] == [a.pk, b.pk]
    assert [e.pk for e in page.context["waiting"]] == [waiting.pk]
    response = client.post(reverse("learning:organiser", args=[programme.pk]),
                           {"present": [a.pk]})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (True, False)


def test_attendance_with_foreign_or_waiting_ids_is_refused(client, running):
    programme, (a, _b, waiting) = running
    other = make_programme(office_subdivision="ID-SA")
    foreign = Enrolment.objects.create(programme=other, enterprise=make_enterprise("ID-SA"),
                                       status=EnrolmentStatus.CONFIRMED)
    client.force_login(officer_of("ID-SA"))
    for ids in ([waiting.pk], [foreign.pk], ["abc"], [a.pk, "9" * 25]):
        client.post(reverse("learning:organiser", args=[programme.pk]), {"present": ids})
    assert not Enrolment.objects.filter(attended__isnull=False).exists()


def test_export_xlsx(client, running):
    programme, (a, _b, _waiting) = running
    a.attended = True
    a.save()
    client.force_login(focal_point_of("ID"))
    response = client.get(reverse("learning:export", args=[programme.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Position", "Status", "Enterprise")
    assert [r[2] for r in rows[1:]] == ["UD Kakao 0", "UD Kakao 1", "UD Kakao 2"]
    assert [r[0] for r in rows[1:]] == [None, None, 1]
    assert rows[1][-1] == "yes" and rows[2][-1] in (None, "")  # b: not marked yet
    # Text typed by an enterprise never becomes a formula.
    assert rows[1][4] == "'=HYPERLINK(\"http://evil\")"


def test_manage_lists_only_the_offices_programmes(client):
    mine = make_programme(office_subdivision="ID-SA", title="Milik Sulut")
    make_programme(office_subdivision="ID-KI", title="Milik Kaltim")
    client.force_login(officer_of("ID-SA"))
    html = client.get(reverse("learning:manage")).content.decode()
    assert "Milik Sulut" in html and "Milik Kaltim" not in html
    assert reverse("learning:organiser", args=[mine.pk]) in html


def test_organiser_page_escapes_enterprise_names(client):
    programme = make_programme(office_subdivision="ID-SA")
    Enrolment.objects.create(programme=programme,
                             enterprise=make_enterprise("ID-SA", legal_name=XSS),
                             status=EnrolmentStatus.CONFIRMED)
    client.force_login(officer_of("ID-SA"))
    html = client.get(reverse("learning:organiser", args=[programme.pk])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_subdivision_fixture_sanity():
    # The region/province pairs the scope tests rely on.
    assert Subdivision.objects.get(code="PH-DAV").parent_id == "PH-11"
    assert Subdivision.objects.get(code="ID-SA").parent_id == "ID-SL"
