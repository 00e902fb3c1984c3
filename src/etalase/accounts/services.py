"""Functions that change accounts: API tokens and organisation verification.

Keyword-only arguments, one transaction each. Each re-checks the decision in
`permissions` so a caller (view, command, admin action) cannot skip it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from etalase.accounts import permissions
from etalase.accounts.models import ApiToken, Organisation, User

# Enough for a test and a production system of each of an organisation's tools;
# more usually means keys are being issued instead of reused or revoked.
MAX_ACTIVE_TOKENS = 10


@transaction.atomic
def api_token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token; returns it with its clear key, which is never stored."""
    if not permissions.can_issue_api_token(user):
        raise PermissionDenied(_("Your roles do not allow API tokens."))
    name = (name or "").strip()
    max_length = ApiToken._meta.get_field("name").max_length
    if not name or len(name) > max_length:
        raise ValidationError(
            _("A token name has 1 to %(max)d characters.") % {"max": max_length}, code="name"
        )
    # Lock the user's row so two simultaneous requests cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    active = ApiToken.objects.filter(user=user, revoked_at=None).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You already have %(n)d active tokens; revoke one first.") % {"n": active},
            code="too_many",
        )
    return ApiToken.issue(user=user, name=name)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False if there is no such active token."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    return updated == 1


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by: User) -> Organisation:
    """Mark an organisation verified by an office that covers it."""
    allowed = permissions.organisations_managed_by(by).filter(pk=organisation.pk).exists()
    if not (allowed and permissions.can_verify_buyer(by)):
        raise PermissionDenied(_("This organisation is outside your area."))
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation
