"""Issue an API token for a user's organisation system; prints the key once.

    etalase issue_api_token buyer@example.test --name "ERP"
    etalase issue_api_token buyer@example.test --revoke 12
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from etalase.accounts import services
from etalase.accounts.models import User


class Command(BaseCommand):
    help = "Issue (or revoke) an API token of a buyer, an office or the secretariat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the user's e-mail address")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--revoke", type=int, metavar="TOKEN_ID",
                            help="revoke this token of the user instead of issuing one")

    def handle(self, *args, email: str, name: str, revoke: int | None, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email!r}.")
        if revoke is not None:
            if not services.api_token_revoke(user=user, token_id=revoke):
                raise CommandError(f"{email} has no active token with id {revoke}.")
            self.stdout.write(f"Token {revoke} revoked.")
            return
        if not name.strip():
            raise CommandError("Give the token a name with --name.")
        try:
            token, key = services.api_token_issue(user=user, name=name)
        except PermissionDenied as exc:
            raise CommandError(f"{email}: {exc}") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stderr.write(f"Token {token.pk} ({token.name}) for {user.email}. "
                          "The key is shown once; store it now.")
        # The key alone on stdout, so scripts can capture it.
        self.stdout.write(key)
