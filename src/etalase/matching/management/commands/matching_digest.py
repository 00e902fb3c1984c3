"""`etalase matching_digest`: enqueue the weekly digest (run weekly by cron or a timer)."""

from django.core.management.base import BaseCommand, CommandParser

from etalase.matching.tasks import send_weekly_digest


class Command(BaseCommand):
    help = "Send each MSME owner the new sourcing requests of the past week that fit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", help="ISO date-time (default: 7 days ago)")

    def handle(self, *args, **options) -> None:
        result = send_weekly_digest.enqueue(options.get("since"))
        self.stdout.write(f"Digest task enqueued ({result.id}).")
