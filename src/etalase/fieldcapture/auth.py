"""Officer accounts for ODK Collect: HTTP Basic over HTTPS.

ODK Collect, KoboCollect and Enketo answer a 401 carrying `WWW-Authenticate: Basic` with the
user name and password set on the phone (ODK Collect sends Basic only over HTTPS). Digest,
which OpenRosa prefers, needs the server to keep a password-equivalent hash (MD5 of
user:realm:password) beside each account; Etalase keeps only Django's salted password hash,
so Digest is not offered. Over plain http Basic would show the password to the network: it
is refused there, except in development and tests (DEBUG, ETALASE_DEV, pytest).

Failed attempts go through django-axes (authenticate with the request), as a sign-in does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.utils.translation import gettext as _

from etalase.fieldcapture.openrosa import OpenRosaError


def plain_http_allowed() -> bool:
    return bool(settings.DEBUG or getattr(settings, "DEV", False)
                or getattr(settings, "TESTING", False))


def officer_of_request(request):
    """The authenticated account, or OpenRosaError 401 (the phone then asks for it)."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        raise OpenRosaError(401, "authentication_required",
                            _("Sign in with your Etalase e-mail address and password."))
    if not request.is_secure() and not plain_http_allowed():
        raise OpenRosaError(403, "https_required",
                            _("Use the https:// address of Etalase: a password is never sent "
                              "over plain http."))
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    email, sep, password = decoded.partition(":")
    email = email.strip().lower()
    user = _remembered(email, password) if sep else None
    if user is None:
        user = authenticate(request, username=email, password=password) if sep else None
        if user is not None and user.is_active:
            _remember(email, password, user)
    if user is None or not user.is_active:
        raise OpenRosaError(401, "authentication_failed",
                            _("The e-mail address or the password is not right."))
    return user


# Basic sends the password with every request: a phone sending 30 records makes 60 requests
# (HEAD and POST each), and checking a password with Django's PBKDF2 costs about a second of
# CPU here. A verified pair is remembered for a few minutes as an HMAC (never the password),
# tied to the account's current password hash so that a changed password ends it at once.
REMEMBER_SECONDS = 300


def _key(email: str, password: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{email}\0{password}".encode(),
                      hashlib.sha256).hexdigest()
    return f"fieldcapture-basic:{digest}"


def _remember(email: str, password: str, user) -> None:
    cache.set(_key(email, password), (user.pk, _password_tag(user)), REMEMBER_SECONDS)


def _remembered(email: str, password: str):
    from django.contrib.auth import get_user_model

    entry = cache.get(_key(email, password))
    if entry is None:
        return None
    user = get_user_model().objects.filter(pk=entry[0], is_active=True).first()
    if user is None or _password_tag(user) != entry[1] or user.email.lower() != email:
        return None
    return user


def _password_tag(user) -> str:
    return hashlib.sha256(user.password.encode()).hexdigest()[:32]
