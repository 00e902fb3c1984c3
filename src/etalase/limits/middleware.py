"""Rate limits on the actions that abuse targets: signing in, password resets, inquiries and
messages, sourcing requests, uploads, and every API call (per address and per bearer token).

One middleware applies them all by URL name, so each view stays as it is and a new route is
limited by adding one line to VIEW_RULES. A refusal is 429 with `Retry-After` (seconds), as an
HTML page in the user's language or as JSON under the API.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from etalase.limits.counter import Verdict, hit

# rule: (hits allowed, window in seconds). settings.RATE_LIMITS overrides any of them.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "signin": (20, 60),
    "password_reset": (5, 900),
    "message": (30, 600),
    "sourcing": (20, 3600),
    "upload": (20, 3600),
    "api_address": (600, 60),
    "api_token": (300, 60),
}

# URL name → rule, for state-changing methods only (reading a sign-in form is not limited).
VIEW_RULES: dict[str, str] = {
    "accounts:login": "signin",
    "admin:login": "signin",
    "accounts:password_reset": "password_reset",
    "matching:inquiry_create": "message",
    "matching:inquiry_detail": "message",  # a message in an inquiry's thread
    "matching:inquiry_quote": "message",
    "matching:request_create": "sourcing",
    "matching:request_respond": "sourcing",
    "matching:joint_offer_create": "sourcing",
    "intake:upload": "upload",
    "enterprises:image_upload": "upload",
    "learning:attachment_add": "upload",
    "fieldcapture:submission": "upload",
}
LIMITED_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
API_NAMESPACE = "api"


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "RATE_LIMITS", {})}


def client_address(request: HttpRequest) -> str:
    """The client's address, as a key: an IPv6 client is counted by its /64 network, since one
    subscriber holds a whole /64 and could otherwise take a fresh address for every request.
    X-Forwarded-For is read only as far as the operator says proxies of its own stand in front
    (ETALASE_TRUSTED_PROXIES); a client can write anything into the rest of it."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", 0)
    if proxies:
        chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [a for a in chain if a]
        if len(chain) >= proxies:
            address = chain[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def bearer_token_subject(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    # Only a hash of the token is ever used as a key.
    return hashlib.sha256(key.strip().encode()).hexdigest()


def checks_for(
    request: HttpRequest, view_name: str, namespaces: list[str]
) -> list[tuple[str, str]]:
    """(rule, subject) pairs that this request counts against."""
    if namespaces and namespaces[0] == API_NAMESPACE:
        checks = [("api_address", client_address(request))]
        token = bearer_token_subject(request)
        if token:
            checks.append(("api_token", token))
        return checks
    rule = VIEW_RULES.get(view_name)
    if rule and request.method in LIMITED_METHODS:
        return [(rule, client_address(request))]
    return []


def too_many(request: HttpRequest, verdict: Verdict, is_api: bool) -> HttpResponseBase:
    message = ngettext(
        "Too many requests. Please wait %(seconds)s second and try again.",
        "Too many requests. Please wait %(seconds)s seconds and try again.",
        verdict.retry_after,
    ) % {"seconds": verdict.retry_after}
    if is_api:
        response: HttpResponseBase = JsonResponse({"detail": message}, status=429)
    else:
        response = render(
            request, "limits/too_many_requests.html",
            {"message": message, "retry_after": verdict.retry_after}, status=429,
        )
    response["Retry-After"] = str(verdict.retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not getattr(settings, "RATE_LIMITS_ENABLED", True):
            return None
        match = request.resolver_match
        if match is None:
            return None
        checks = checks_for(request, match.view_name, match.namespaces)
        if not checks:
            return None
        table = limits()
        refused: Verdict | None = None
        for rule, subject in checks:
            allowed, period = table[rule]
            verdict = hit(rule, subject, allowed, period)
            # Of two refusals, answer with the longer wait, so a retry is not refused again.
            if not verdict.allowed and (
                refused is None or verdict.retry_after > refused.retry_after
            ):
                refused = verdict
        if refused is None:
            return None
        return too_many(request, refused, is_api=match.namespaces[:1] == [API_NAMESPACE])
