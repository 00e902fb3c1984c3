"""The programme list, calendar and page: filters, time zones, escaping, joining."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from etalase.learning.models import Enrolment, EnrolmentStatus, Mode, ProgrammeKind
from tests.factories import make_enterprise, make_product, make_user, officer_of, owner_of
from tests.learning.helpers import XSS, make_programme

pytestmark = pytest.mark.django_db

LIST = reverse("learning:programmes")
CALENDAR = reverse("learning:calendar")


def shown(response) -> set[int]:
    return {p.pk for p in response.context["programmes"]}


def test_list_shows_published_upcoming_only(client):
    upcoming = make_programme()
    make_programme(published=False)
    past = make_programme(starts_at=timezone.now() - dt.timedelta(days=3))
    response = client.get(LIST)
    assert response.status_code == 200
    assert shown(response) == {upcoming.pk}
    # A past programme is found by its month.
    month = past.starts_at.astimezone(ZoneInfo(past.time_zone)).strftime("%Y-%m")
    assert past.pk in shown(client.get(LIST, {"month": month}))


def test_filters_kind_mode_language(client):
    webinar = make_programme(kind=ProgrammeKind.WEBINAR, mode=Mode.ONLINE,
                             delivery_languages=["en", "id"])
    fair = make_programme(kind=ProgrammeKind.TRADE_FAIR, mode=Mode.ON_SITE, venue="Manado",
                          delivery_languages=["id"])
    assert shown(client.get(LIST, {"kind": "webinar"})) == {webinar.pk}
    assert shown(client.get(LIST, {"mode": "on_site"})) == {fair.pk}
    assert shown(client.get(LIST, {"language": "en"})) == {webinar.pk}
    assert shown(client.get(LIST, {"language": "id"})) == {webinar.pk, fair.pk}


def test_month_filter_uses_the_programmes_own_time_zone(client):
    # 07:00 on 1 April in Jayapura is still 31 March in UTC: it belongs to April.
    april = make_programme(time_zone="Asia/Jayapura",
                           starts_at=dt.datetime(2027, 4, 1, 7, tzinfo=ZoneInfo("Asia/Jayapura")))
    march = make_programme(time_zone="Asia/Jakarta",
                           starts_at=dt.datetime(2027, 3, 31, 20, tzinfo=ZoneInfo("Asia/Jakarta")))
    assert shown(client.get(LIST, {"month": "2027-04"})) == {april.pk}
    assert shown(client.get(LIST, {"month": "2027-03"})) == {march.pk}


@pytest.mark.parametrize("bad", ["2027-13", "abcd-ef", "' OR 1=1 --", "9999-01", "2027-4",
                                 "x" * 5000])
def test_hostile_filter_values_are_ignored(client, bad):
    make_programme()
    response = client.get(LIST, {"month": bad, "kind": bad, "mode": bad, "language": bad,
                                 "enterprise": bad, "page": bad})
    assert response.status_code == 200
    assert response.context["filters"].month is None


def test_eligible_for_my_enterprise(client):
    enterprise = make_enterprise("PH-DAV", size_class="micro")
    make_product(enterprise, hs_code_id="460121")
    owner = owner_of(enterprise)
    for_region = make_programme(subdivisions=["PH-11"])
    for_weavers = make_programme(hs_chapters=["46"], size_classes=["micro"])
    make_programme(countries=["ID"])
    make_programme(hs_chapters=["18"])
    open_to_all = make_programme()
    client.force_login(owner)
    assert len(shown(client.get(LIST))) == 5
    assert shown(client.get(LIST, {"eligible": "1"})) == {for_region.pk, for_weavers.pk,
                                                        open_to_all.pk}


def test_eligible_filter_applies_to_the_chosen_own_enterprise_only(client):
    mine_sa, mine_ki = make_enterprise("ID-SA"), make_enterprise("ID-KI")
    owner = owner_of(mine_sa)
    from tests.factories import grant

    grant(owner, "msme_owner", enterprise=mine_ki)
    theirs = make_enterprise("MY-12")
    sa = make_programme(subdivisions=["ID-SA"])
    ki = make_programme(subdivisions=["ID-KI"])
    sabah = make_programme(subdivisions=["MY-12"])
    client.force_login(owner)
    assert shown(client.get(LIST, {"eligible": "1", "enterprise": mine_ki.pk})) == {ki.pk}
    assert shown(client.get(LIST, {"eligible": "1", "enterprise": mine_sa.pk})) == {sa.pk}
    # Someone else's enterprise is not used: the filter falls back to the owner's own.
    result = shown(client.get(LIST, {"eligible": "1", "enterprise": theirs.pk}))
    assert sabah.pk not in result


def test_eligible_filter_for_anonymous_says_sign_in(client):
    make_programme()
    response = client.get(LIST, {"eligible": "1"})
    assert response.context["eligible_unavailable"]
    assert "Sign in as an MSME owner" in response.content.decode()


def test_xss_in_title_and_description_is_escaped_everywhere(client):
    programme = make_programme(title=XSS, description=XSS,
                               starts_at=timezone.now().replace(day=1) + dt.timedelta(days=40))
    pages = [LIST, reverse("learning:detail", args=[programme.pk]),
             CALENDAR + "?month=" + programme.starts_at.astimezone(
                 ZoneInfo(programme.time_zone)).strftime("%Y-%m")]
    for url in pages:
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url
        assert "<script>alert" not in html and "<img src=x" not in html, url


def test_calendar_places_programmes_on_their_local_days(client):
    # 07:00 WIT on 2 May is 22:00 UTC on 1 May; a three-day fair covers 10–12 May.
    jayapura, manila = ZoneInfo("Asia/Jayapura"), ZoneInfo("Asia/Manila")
    early = make_programme(starts_at=dt.datetime(2027, 5, 2, 7, tzinfo=jayapura),
                           time_zone="Asia/Jayapura", title="Early Papua webinar")
    fair = make_programme(starts_at=dt.datetime(2027, 5, 10, 9, tzinfo=manila),
                          time_zone="Asia/Manila", title="Davao fair", hours=24 * 2 + 8)
    response = client.get(CALENDAR, {"month": "2027-05"})
    days = {day.date: [p.pk for p in day.programmes]
            for week in response.context["weeks"] for day in week}
    assert days[dt.date(2027, 5, 2)] == [early.pk]
    assert days[dt.date(2027, 5, 1)] == []
    assert [d for d, ids in days.items() if fair.pk in ids] == [
        dt.date(2027, 5, 10), dt.date(2027, 5, 11), dt.date(2027, 5, 12)]
    html = response.content.decode()
    assert 'data-day="2027-05-02"' in html and "Early Papua webinar" in html
    assert response.context["weeks"][0][0].date.weekday() == 0  # Monday first


def test_calendar_month_navigation_keeps_filters(client):
    response = client.get(CALENDAR, {"month": "2027-01", "kind": "webinar"})
    assert response.context["previous_query"] == "kind=webinar&month=2026-12"
    assert response.context["next_query"] == "kind=webinar&month=2027-02"


def test_detail_in_the_readers_language_with_fallback(client):
    programme = make_programme(title="Pelatihan kakao", language="id")
    programme.translations.create(language_code="en", title="Cocoa training",
                                  description="In English")
    url = reverse("learning:detail", args=[programme.pk])
    client.cookies["etalase_language"] = "en"
    assert client.get(url).context["title"] == "Cocoa training"
    client.cookies["etalase_language"] = "ms"  # no Malay version: the original
    assert client.get(url).context["title"] == "Pelatihan kakao"


def test_unpublished_programme_hidden_from_public_and_other_offices(client):
    programme = make_programme(published=False, office_subdivision="ID-SA",
                               office_country="ID")
    url = reverse("learning:detail", args=[programme.pk])
    assert client.get(url).status_code == 404
    client.force_login(officer_of("ID-KI"))
    assert client.get(url).status_code == 404
    client.force_login(officer_of("ID-SA"))
    assert client.get(url).status_code == 200


def test_owner_enrols_from_the_page_and_sees_its_status(client):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    programme = make_programme(capacity=1, online_url="https://meet.example.test/room")
    client.force_login(owner)
    url = reverse("learning:detail", args=[programme.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="enrol"' in page and "meet.example.test" not in page
    response = client.post(reverse("learning:enrol", args=[programme.pk]),
                           {"enterprise": enterprise.pk})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    page = client.get(url).content.decode()
    assert 'data-status="confirmed"' in page
    assert "meet.example.test" in page  # the link goes to confirmed participants only


def test_enrolling_someone_elses_enterprise_from_the_page_is_refused(client):
    owner = owner_of(make_enterprise("ID-SA"))
    theirs = make_enterprise("ID-SA")
    programme = make_programme()
    client.force_login(owner)
    response = client.post(reverse("learning:enrol", args=[programme.pk]),
                           {"enterprise": theirs.pk})
    assert response.status_code == 403
    assert not Enrolment.objects.exists()
    for garbage in ("abc", "", "-1", "9" * 30):
        assert client.post(reverse("learning:enrol", args=[programme.pk]),
                           {"enterprise": garbage}).status_code == 403


def test_enrol_needs_sign_in_and_post(client):
    programme = make_programme()
    url = reverse("learning:enrol", args=[programme.pk])
    assert client.post(url, {"enterprise": 1}).status_code == 302
    client.force_login(make_user())
    assert client.get(url).status_code == 405


def test_ineligible_enterprise_sees_why(client):
    enterprise = make_enterprise("ID-KI")
    client.force_login(owner_of(enterprise))
    programme = make_programme(subdivisions=["ID-SA"])
    page = client.get(reverse("learning:detail", args=[programme.pk])).content.decode()
    assert 'data-testid="ineligible"' in page and "province / state" in page
    assert 'data-testid="enrol"' not in page


def test_deadline_passed_shows_closed_and_refuses_posts(client):
    enterprise = make_enterprise("ID-SA")
    client.force_login(owner_of(enterprise))
    programme = make_programme(application_deadline=timezone.now() - dt.timedelta(hours=1))
    page = client.get(reverse("learning:detail", args=[programme.pk])).content.decode()
    assert "Applications are closed." in page
    client.post(reverse("learning:enrol", args=[programme.pk]), {"enterprise": enterprise.pk})
    assert not Enrolment.objects.exists()


def test_cancel_from_the_page(client):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    programme = make_programme()
    enrolment = Enrolment.objects.create(programme=programme, enterprise=enterprise,
                                         enrolled_by=owner, status=EnrolmentStatus.CONFIRMED)
    client.force_login(owner_of(make_enterprise("ID-SA")))
    url = reverse("learning:cancel", args=[enrolment.pk])
    assert client.post(url).status_code == 404
    client.force_login(owner)
    assert client.post(url).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED
