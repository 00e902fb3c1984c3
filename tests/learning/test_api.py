"""The learning API: public programmes and resources, enrolment for the signed-in owner."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from etalase.accounts.models import ApiToken
from etalase.learning import resources
from etalase.learning.models import Enrolment, EnrolmentStatus
from etalase.learning.resources import ResourceData
from tests.factories import make_enterprise, make_product, officer_of, owner_of, secretariat
from tests.learning.helpers import XSS, make_programme

pytestmark = pytest.mark.django_db

BASE = "/api/v1/learning"


def bearer(user) -> dict:
    _token, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_list_and_detail(client):
    programme = make_programme(title="Pelatihan kakao", capacity=10, countries=["ID"],
                               hs_chapters=["18"], size_classes=["micro"])
    programme.translations.create(language_code="en", title="Cocoa training")
    make_programme(published=False)
    body = client.get(f"{BASE}/programmes?lang=id").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "Pelatihan kakao"
    assert item["seats_left"] == 10 and item["time_zone"] == "Asia/Makassar"
    assert item["eligibility"] == {"countries": ["ID"], "subdivisions": [],
                                   "hs_chapters": ["18"], "size_classes": ["micro"],
                                   "export_statuses": []}
    assert item["ics_url"].endswith("/calendar.ics")
    detail = client.get(f"{BASE}/programmes/{programme.pk}?lang=en").json()
    assert detail["title"] == "Cocoa training"
    starts = dt.datetime.fromisoformat(detail["starts_at"])
    assert starts == programme.starts_at


def test_unpublished_and_unknown_are_404(client):
    hidden = make_programme(published=False)
    assert client.get(f"{BASE}/programmes/{hidden.pk}").status_code == 404
    assert client.get(f"{BASE}/programmes/999999").status_code == 404
    assert client.get(f"{BASE}/programmes/{2**64}").status_code == 422
    assert client.get(f"{BASE}/programmes/abc").status_code == 422


def test_list_filters_and_hostile_values(client):
    webinar = make_programme(kind="webinar", delivery_languages=["en"])
    make_programme(kind="training")
    assert [p["id"] for p in client.get(f"{BASE}/programmes?kind=webinar").json()["items"]] \
        == [webinar.pk]
    assert [p["id"] for p in client.get(f"{BASE}/programmes?language=en").json()["items"]] \
        == [webinar.pk]
    for bad in ("kind=party", "mode=x", "month=2027-1", "month=<script>", "language=xx",
                "page_size=1000", "eligible_for=-1"):
        assert client.get(f"{BASE}/programmes?{bad}").status_code == 422, bad


def test_eligible_for_own_enterprise_only(client):
    enterprise = make_enterprise("ID-SA")
    make_product(enterprise, hs_code_id="180100")
    owner = owner_of(enterprise)
    cocoa = make_programme(hs_chapters=["18"])
    make_programme(hs_chapters=["09"])
    url = f"{BASE}/programmes?eligible_for={enterprise.pk}"
    assert client.get(url).status_code == 403  # anonymous
    client.force_login(owner)
    assert [p["id"] for p in client.get(url).json()["items"]] == [cocoa.pk]
    other = make_enterprise("ID-SA")
    assert client.get(f"{BASE}/programmes?eligible_for={other.pk}").status_code == 403


def test_enrol_with_a_token_then_cancel_promotes(client):
    programme = make_programme(capacity=1)
    first, second = make_enterprise("ID-SA"), make_enterprise("ID-SA")
    u1, u2 = owner_of(first), owner_of(second)
    response = client.post(f"{BASE}/programmes/{programme.pk}/enrolments",
                           {"enterprise_id": first.pk}, content_type="application/json",
                           **bearer(u1))
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "confirmed"
    waiting = client.post(f"{BASE}/programmes/{programme.pk}/enrolments",
                          {"enterprise_id": second.pk}, content_type="application/json",
                          **bearer(u2)).json()
    assert waiting["status"] == "waitlisted" and waiting["waiting_list_position"] == 1
    cancelled = client.post(f"{BASE}/enrolments/{response.json()['id']}/cancel", **bearer(u1))
    assert cancelled.json()["status"] == "cancelled"
    mine = client.get(f"{BASE}/enrolments", **bearer(u2)).json()
    assert [(e["id"], e["status"]) for e in mine] == [(waiting["id"], "confirmed")]


def test_enrol_refusals(client):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    url = lambda p: f"{BASE}/programmes/{p.pk}/enrolments"  # noqa: E731
    headers = bearer(owner)

    def post(programme, enterprise_id=enterprise.pk):
        return client.post(url(programme), {"enterprise_id": enterprise_id},
                           content_type="application/json", **headers)

    closed = make_programme(application_deadline=timezone.now() - dt.timedelta(hours=1))
    response = post(closed)
    assert response.status_code == 409 and response.json()["code"] == "deadline"
    ineligible = make_programme(subdivisions=["MY-12"])
    assert post(ineligible).json()["code"] == "ineligible"
    open_one = make_programme()
    assert post(open_one).status_code == 201
    assert post(open_one).json()["code"] == "duplicate"
    someone_else = make_enterprise("ID-SA")
    assert post(make_programme(), someone_else.pk).status_code == 403
    assert post(make_programme(published=False)).status_code == 404
    assert client.post(url(open_one), {"enterprise_id": "x"},
                       content_type="application/json", **headers).status_code == 422
    assert Enrolment.objects.count() == 1


def test_enrol_needs_authentication_and_csrf_with_a_session():
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    programme = make_programme()
    url = f"{BASE}/programmes/{programme.pk}/enrolments"
    anonymous = Client()
    assert anonymous.post(url, {"enterprise_id": enterprise.pk},
                          content_type="application/json").status_code == 401
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    response = browser.post(url, {"enterprise_id": enterprise.pk},
                            content_type="application/json")
    assert response.status_code == 403  # a cross-site form cannot enrol anyone
    assert not Enrolment.objects.exists()
    browser.get("/programmes/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post(url, {"enterprise_id": enterprise.pk},
                            content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    bad = {"HTTP_AUTHORIZATION": "Bearer nope"}
    assert anonymous.post(url, {"enterprise_id": enterprise.pk},
                          content_type="application/json", **bad).status_code == 401


def test_cancel_someone_elses_enrolment_is_404(client):
    programme = make_programme()
    enterprise = make_enterprise("ID-SA")
    enrolment = Enrolment.objects.create(programme=programme, enterprise=enterprise,
                                         status=EnrolmentStatus.CONFIRMED)
    intruder = owner_of(make_enterprise("ID-SA"))
    response = client.post(f"{BASE}/enrolments/{enrolment.pk}/cancel", **bearer(intruder))
    assert response.status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    # An officer's token may not cancel through the owners' endpoint either.
    response = client.post(f"{BASE}/enrolments/{enrolment.pk}/cancel",
                           **bearer(officer_of("ID-SA")))
    assert response.status_code == 404


def test_resources_list_search_and_detail(client):
    office = secretariat()
    guide = resources.resource_save(user=office, data=ResourceData(
        category="export", title="Exporting cocoa to the EU", language="en", tags=["cocoa"],
        translations={"id": ("Ekspor kakao ke Uni Eropa", "", "")}))
    resources.resource_set_published(user=office, resource_id=guide.pk, published=True)
    draft = resources.resource_save(user=office, data=ResourceData(category="news",
                                                                   title=XSS))
    body = client.get(f"{BASE}/resources?q=kakao").json()
    assert [r["id"] for r in body["items"]] == [guide.pk]
    assert client.get(f"{BASE}/resources?q=kakao&lang=id").json()["items"][0]["title"] \
        == "Ekspor kakao ke Uni Eropa"
    assert client.get(f"{BASE}/resources?category=news").json()["count"] == 0
    assert client.get(f"{BASE}/resources/{draft.pk}").status_code == 404
    detail = client.get(f"{BASE}/resources/{guide.pk}").json()
    assert detail["tags"] == ["cocoa"] and detail["category"] == "export"
    for bad in ("category=evil", "tag=<b>", "q=" + "x" * 300, "q=%00"):
        assert client.get(f"{BASE}/resources?{bad}").status_code == 422, bad


def test_openapi_documents_the_learning_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert f"{BASE}/programmes" in paths
    assert f"{BASE}/programmes/{{programme_id}}/enrolments" in paths
    assert f"{BASE}/resources" in paths
