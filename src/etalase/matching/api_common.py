"""What every module of the matching API shares: who may call, and how a refusal reads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Status
from ninja.errors import AuthenticationError

CONFLICT = 409


def signed_in(request: HttpRequest):
    """Reads: a browser session or a bearer token."""
    if not request.user.is_authenticated:
        raise AuthenticationError(message="Sign in or send 'Authorization: Bearer <token>'.")
    return request.user


def writer(request: HttpRequest):
    """Writes: a bearer token only (an API call carried by a session cookie would be a
    cross-site request forgery target)."""
    if not request.headers.get("Authorization"):
        raise AuthenticationError(message="Writes need 'Authorization: Bearer <token>'.")
    return signed_in(request)


def conflict(exc: ValidationError) -> Status:
    """A schema-valid call that the object's state refuses (registration closed, reported
    already): 409 with the service's own messages."""
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return Status(CONFLICT, {"detail": detail})
