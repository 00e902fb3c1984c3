"""The weekly digest: new requests that fit, by e-mail and in the app."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from etalase.matching import tasks
from etalase.matching.models import Notification, SourcingRequest
from tests.matching.conftest import cocoa_request, open_request

pytestmark = pytest.mark.django_db


def test_owners_get_the_requests_of_the_week_that_fit(world, django_capture_on_commit_callbacks):
    fresh = open_request(world, cocoa_request(world, title="cocoa beans, new"))
    old = open_request(world, cocoa_request(world, title="cocoa beans, last month"))
    SourcingRequest.objects.filter(pk=old.pk).update(
        published_at=timezone.now() - dt.timedelta(days=30))
    open_request(world, cocoa_request(world, title="kopi", hs_codes=["090111"]))
    with django_capture_on_commit_callbacks(execute=True):
        sent = tasks.send_weekly_digest.call()
    # A and C (cocoa) have owners and fit; F's owner gets the coffee one.
    assert sent == 3
    digest = Notification.objects.get(user=world.owner_a, kind="digest")
    assert fresh.title in digest.body and old.title not in digest.body
    assert "HS 1801.00 exact" in digest.body
    assert digest.subject == "1 new request fits your products"
    to_a = [m for m in mail.outbox if m.to == [world.owner_a.email]]
    assert len(to_a) == 1 and fresh.title in to_a[0].body and "/sourcing/for-me/" in to_a[0].body
    coffee = Notification.objects.get(user=world.owner_f, kind="digest")
    assert "kopi" in coffee.body and "cocoa" not in coffee.body


def test_nothing_new_sends_nothing(world):
    assert tasks.send_weekly_digest.call() == 0
    assert not Notification.objects.filter(kind="digest").exists()


def test_the_command_enqueues_the_task(world, capsys):
    open_request(world, cocoa_request(world))
    call_command("matching_digest")
    assert "enqueued" in capsys.readouterr().out
    # The test settings run tasks immediately.
    assert Notification.objects.filter(kind="digest").count() == 2
