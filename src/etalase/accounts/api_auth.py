"""API authentication: a session (browser) or a bearer token (an organisation's system).

Anonymous calls are allowed on read endpoints and get public fields only; a
present-but-wrong token is refused rather than silently treated as anonymous.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError

from etalase.accounts.models import ApiToken


def user_from_token(key: str):
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def optional_auth(request: HttpRequest):
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise AuthenticationError(message="Use 'Authorization: Bearer <token>'.")
        user = user_from_token(key.strip())
        if user is None:
            raise AuthenticationError(message="Unknown or revoked API token.")
        request.user = user
        return user
    user = getattr(request, "user", None)
    if user is None:
        request.user = AnonymousUser()
    # Returning a truthy value marks the request as accepted (anonymous or signed in).
    return request.user if request.user.is_authenticated else "anonymous"


def required_auth(request: HttpRequest):
    result = optional_auth(request)
    if result == "anonymous":
        return None
    return result
