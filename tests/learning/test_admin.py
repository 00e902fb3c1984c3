"""The learning admin is scoped: an office sees its own programmes, cannot retarget them."""

import pytest
from django.urls import reverse

from tests.factories import officer_of, secretariat
from tests.learning.helpers import make_programme

pytestmark = pytest.mark.django_db


def test_officer_sees_only_its_programmes_and_cannot_retarget(client):
    mine = make_programme(office_subdivision="ID-SA", office_country="ID", title="Sulut")
    other = make_programme(office_subdivision="ID-KI", office_country="ID", title="Kaltim")
    client.force_login(officer_of("ID-SA"))
    listing = client.get(reverse("admin:learning_programme_changelist")).content.decode()
    assert "Sulut" in listing and "Kaltim" not in listing
    assert client.get(reverse("admin:learning_programme_change",
                              args=[other.pk])).status_code == 404
    page = client.get(reverse("admin:learning_programme_change", args=[mine.pk]))
    assert page.status_code == 200
    form_fields = page.context["adminform"].form.fields
    assert "eligible_subdivisions" not in form_fields and "office_subdivision" not in form_fields
    assert client.get(reverse("admin:learning_programme_add")).status_code == 403


def test_secretariat_sees_everything_including_notifications(client):
    make_programme(office_subdivision="ID-KI", title="Kaltim")
    client.force_login(secretariat())
    assert "Kaltim" in client.get(reverse("admin:learning_programme_changelist")).content.decode()
    assert client.get(reverse("admin:learning_notification_changelist")).status_code == 200
    assert client.get(reverse("admin:learning_resource_changelist")).status_code == 200


def test_officer_cannot_see_notifications_or_feeds(client):
    client.force_login(officer_of("ID-SA"))
    assert client.get(reverse("admin:learning_notification_changelist")).status_code == 403
    assert client.get(reverse("admin:learning_calendarfeed_changelist")).status_code == 403
