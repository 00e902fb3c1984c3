"""Security headers on every response: Content-Security-Policy (no 'unsafe-inline', a fresh nonce
per request), Permissions-Policy, and frame denial in CSP beside X-Frame-Options.

Django 5.2 has no CSP of its own. Templates reach the nonce as `{{ request.csp_nonce }}`
(`<script nonce="{{ request.csp_nonce }}">`), but the site's pages carry no inline script or
style at all: code lives in static files, so a page cached whole stays valid.
Referrer-Policy, X-Frame-Options, X-Content-Type-Options and Cross-Origin-Opener-Policy come from
Django's own SecurityMiddleware and XFrameOptionsMiddleware (settings.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Sources by directive; "{nonce}" is replaced per request. Images may be data: URIs (favicons,
# QR codes) and blob: (a photo previewed before upload); nothing is loaded from another origin.
CSP_DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": ["'self'", "'nonce-{nonce}'"],
    "style-src-attr": ["'none'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# Directives that also admit the origin of STATIC_URL / MEDIA_URL when those are absolute.
ASSET_DIRECTIVES = frozenset({"script-src", "style-src", "img-src", "font-src"})

# No page uses a device or payment API: the QR photo is chosen with a file input, not the
# camera API, and payments are QR codes read by the payer's own banking app.
PERMISSIONS_POLICY: dict[str, str] = {
    feature: "()"
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "camera",
        "display-capture", "geolocation", "gyroscope", "hid", "magnetometer", "microphone",
        "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}


def _asset_origins() -> list[str]:
    """Origins of STATIC_URL and MEDIA_URL when an operator serves them from elsewhere (a CDN,
    S3-compatible storage); relative URLs are the site itself."""
    origins = []
    for url in (settings.STATIC_URL or "", settings.MEDIA_URL or ""):
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return sorted(set(origins))


def content_security_policy(nonce: str) -> str:
    directives = getattr(settings, "CSP_DIRECTIVES", CSP_DIRECTIVES)
    extra = _asset_origins()
    parts = [
        " ".join([
            name,
            *(source.replace("{nonce}", nonce) for source in sources),
            *(extra if name in ASSET_DIRECTIVES else []),
        ])
        for name, sources in directives.items()
    ]
    report_uri = getattr(settings, "CSP_REPORT_URI", "")
    if report_uri:
        parts.append(f"report-uri {report_uri}")
    return "; ".join(parts)


def permissions_policy() -> str:
    return ", ".join(f"{feature}={allow}" for feature, allow in PERMISSIONS_POLICY.items())


class SecurityHeadersMiddleware:
    """Sets the nonce on the request before the view, and the headers on the way out (a view
    that wrote its own Content-Security-Policy keeps it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.permissions_policy = permissions_policy()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )
        if "Content-Security-Policy" not in response and header not in response:
            response[header] = content_security_policy(nonce)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        return response
