"""Publishing tells the owners of eligible enterprises — in the app and by e-mail digest —
and never those of ineligible ones."""

import pytest
from django.urls import reverse

from etalase.learning import notifications, services
from etalase.learning.models import Notification
from tests.factories import make_enterprise, make_product, make_user, officer_of, owner_of
from tests.learning.helpers import XSS, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def owners():
    """Owners of enterprises in and out of a cocoa programme for Sulawesi Utara."""
    made = {}
    for key, subdivision, hs, size in [
        ("cocoa_sa", "ID-SA", "180100", "micro"),
        ("cocoa_sa_2", "ID-SA", "180631", "small"),
        ("coffee_sa", "ID-SA", "090111", "micro"),
        ("cocoa_ki", "ID-KI", "180100", "micro"),
        ("cocoa_sabah", "MY-12", "180100", "micro"),
        ("cocoa_sa_medium", "ID-SA", "180100", "medium"),
    ]:
        enterprise = make_enterprise(subdivision, size_class=size)
        make_product(enterprise, hs_code_id=hs)
        made[key] = owner_of(enterprise, preferred_language="id" if key != "cocoa_sa_2" else "en")
    return made


def publish(programme, django_capture_on_commit_callbacks):
    office = officer_of("ID-SA")
    with django_capture_on_commit_callbacks(execute=True):
        services.programme_publish(user=office, programme_id=programme.pk)


def test_only_eligible_owners_are_notified_and_mailed(owners, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    programme = make_programme(published=False, office_subdivision="ID-SA",
                               subdivisions=["ID-SA"], hs_chapters=["18"],
                               size_classes=["micro", "small"])
    publish(programme, django_capture_on_commit_callbacks)
    notified = set(Notification.objects.filter(programme=programme).values_list("user_id",
                                                                                flat=True))
    assert notified == {owners["cocoa_sa"].pk, owners["cocoa_sa_2"].pk}
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([owners["cocoa_sa"].email, owners["cocoa_sa_2"].email])
    for key in ("coffee_sa", "cocoa_ki", "cocoa_sabah", "cocoa_sa_medium"):
        assert owners[key].email not in recipients
    assert Notification.objects.filter(emailed_at=None).count() == 0


def test_digest_is_in_the_owners_language_and_links_the_programme(
        owners, mailoutbox, django_capture_on_commit_callbacks):
    programme = make_programme(published=False, office_subdivision="ID-SA",
                               subdivisions=["ID-SA"], hs_chapters=["18"],
                               size_classes=["micro", "small"], title="Pelatihan kakao",
                               language="id")
    programme.translations.create(language_code="en", title="Cocoa training")
    publish(programme, django_capture_on_commit_callbacks)
    by_recipient = {m.to[0]: m for m in mailoutbox}
    english = by_recipient[owners["cocoa_sa_2"].email]
    assert "Cocoa training" in english.body
    assert reverse("learning:detail", args=[programme.pk]) in english.body
    indonesian = by_recipient[owners["cocoa_sa"].email]
    assert "Pelatihan kakao" in indonesian.body


def test_publishing_twice_notifies_once(owners, mailoutbox, django_capture_on_commit_callbacks):
    programme = make_programme(published=False, office_subdivision="ID-SA",
                               subdivisions=["ID-SA"], hs_chapters=["18"])
    publish(programme, django_capture_on_commit_callbacks)
    sent = len(mailoutbox)
    publish(programme, django_capture_on_commit_callbacks)  # already published: no-op
    assert notifications.notify_programme_published(programme.pk) == 3  # a retried task…
    notifications.send_digests()
    assert Notification.objects.filter(programme=programme).count() == 3  # …adds nobody
    assert len(mailoutbox) == sent


def test_one_digest_gathers_several_notices(owners, mailoutbox):
    first = make_programme(subdivisions=["ID-SA"], hs_chapters=["18"])
    second = make_programme(countries=["ID"])
    notifications.notify_programme_published(first.pk)
    notifications.notify_programme_published(second.pk)
    assert notifications.send_digests() == 5  # every ID owner once, cocoa ones with two lines
    mail = next(m for m in mailoutbox if m.to == [owners["cocoa_sa"].email])
    assert first.title in mail.body and second.title in mail.body
    assert "2" in mail.subject


def test_unpublished_programme_notifies_nobody(owners, mailoutbox):
    programme = make_programme(published=False)
    assert notifications.notify_programme_published(programme.pk) == 0
    assert not Notification.objects.exists()


def test_inactive_owner_is_not_notified(mailoutbox):
    enterprise = make_enterprise("ID-SA")
    owner = owner_of(enterprise)
    owner.is_active = False
    owner.save()
    programme = make_programme()
    assert notifications.notify_programme_published(programme.pk) == 0


def test_in_app_notice_escapes_the_title(client, owners):
    programme = make_programme(title=XSS, subdivisions=["ID-SA"], hs_chapters=["18"])
    notifications.notify_programme_published(programme.pk)
    client.force_login(owners["cocoa_sa"])
    page = client.get(reverse("learning:mine")).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert Notification.objects.get(user=owners["cocoa_sa"]).read_at is not None


def test_notices_are_private(client, owners):
    programme = make_programme(title="Rahasia kakao", subdivisions=["ID-SA"],
                               hs_chapters=["18"])
    notifications.notify_programme_published(programme.pk)
    client.force_login(make_user())
    assert "Rahasia kakao" not in client.get(reverse("learning:mine")).content.decode()


def test_digest_command_sends_pending_notices(owners, mailoutbox):
    from django.core.management import call_command

    programme = make_programme(subdivisions=["ID-SA"], hs_chapters=["18"])
    notifications.notify_programme_published(programme.pk)
    call_command("send_learning_digests")
    assert len(mailoutbox) == 3
    call_command("send_learning_digests")
    assert len(mailoutbox) == 3
