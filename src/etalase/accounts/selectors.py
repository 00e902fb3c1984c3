"""Functions that read accounts: a user's roles and tokens for the account page."""

from __future__ import annotations

from django.db.models import F, QuerySet

from etalase.accounts.models import ApiToken, RoleAssignment, User


def roles_of(user: User) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("organisation", "enterprise", "subdivision", "country")
        .order_by("role", "pk")
    )


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's tokens, active first; hashes are never shown, only the prefix."""
    return ApiToken.objects.filter(user=user).order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at"
    )
