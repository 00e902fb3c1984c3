"""`etalase send_learning_digests`: e-mail every pending programme notice as one digest per
person (publication already sends them; run this from cron for a daily rhythm, or after
a mail outage)."""

from django.core.management.base import BaseCommand

from etalase.learning.notifications import send_digests


class Command(BaseCommand):
    help = "E-mail pending programme notices, one digest per person."

    def handle(self, *args, **options) -> None:
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
