"""Security headers on every page: a CSP without 'unsafe-inline' and with a fresh nonce per
request, Permissions-Policy, Referrer-Policy, frame denial; and no inline code left in the
templates or the pages that the CSP would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from etalase.catalog.links import product_url, storefront_url
from etalase.web.security import content_security_policy
from tests.factories import make_product

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "etalase"

# An executable inline <script> (no src; JSON data blocks are not run and need no nonce),
# a <style> element, a style="" attribute, an on…="" handler.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
HANDLER = re.compile(r"\son(?:click|change|submit|load|error|input|key\w+|mouse\w+)\s*=", re.I)


def _directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.fixture
def public_pages(db):
    product = make_product()
    return [
        reverse("web:home"),
        reverse("catalog:gallery"),
        reverse("catalog:gallery") + "?q=kakao",
        product_url(product),
        storefront_url(product.enterprise),
        reverse("accounts:login"),
        reverse("accounts:password_reset"),
        "/api/v1/products",
        "/api/v1/docs",
        "/robots.txt",
        "/no-such-page/",
        "/sourcing/",  # a redirect to sign in
    ]


def test_every_public_page_carries_the_headers(client, public_pages):
    for url in public_pages:
        response = client.get(url)
        assert response.status_code < 500, url
        policy = _directives(response["Content-Security-Policy"])
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in policy[directive], url
            assert "'unsafe-eval'" not in policy[directive], url
        assert policy["style-src-attr"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["object-src"] == ["'none'"], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}
        assert response["X-Content-Type-Options"] == "nosniff", url
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in permissions, (url, feature)


def test_the_nonce_is_new_for_every_request(client, db):
    nonces = set()
    for _ in range(5):
        policy = _directives(client.get(reverse("catalog:gallery"))["Content-Security-Policy"])
        nonce = [s for s in policy["script-src"] if s.startswith("'nonce-")]
        assert len(nonce) == 1 and len(nonce[0]) >= 24
        assert nonce[0] in policy["style-src"]
        nonces.add(nonce[0])
    assert len(nonces) == 5


def test_the_nonce_reaches_the_templates(rf):
    from etalase.web.security import SecurityHeadersMiddleware

    seen = {}

    def view(request):
        from django.http import HttpResponse
        from django.template import engines

        template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">')
        seen["html"] = template.render({"request": request})
        return HttpResponse(seen["html"])

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    nonce = re.search(r'nonce="([^"]+)"', seen["html"]).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_report_only_mode_sends_the_report_only_header(client, db, settings):
    settings.CSP_REPORT_ONLY = True
    settings.CSP_REPORT_URI = "/csp-report"
    response = client.get(reverse("web:home"))
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"].endswith("report-uri /csp-report")


def test_pages_hold_no_inline_code_the_policy_would_block(client, public_pages):
    for url in public_pages:
        html = client.get(url).content.decode(errors="replace")
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_STYLE.search(html), url
        assert not HANDLER.search(html), url


def test_no_template_holds_inline_script_style_or_handlers():
    found = []
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, HANDLER):
            for match in pattern.finditer(text):
                if "nonce=" not in text[match.start():match.end() + 200].split(">")[0]:
                    found.append(f"{path.relative_to(PACKAGE)}: {match.group(0)}")
    assert found == []


def test_the_policy_text_is_well_formed():
    policy = content_security_policy("abc123")
    assert "'nonce-abc123'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "*" not in policy.replace("'", "")


def test_pictures_served_from_another_origin_are_allowed_as_images_only(settings):
    settings.MEDIA_URL = "https://media.example.org/etalase/"
    policy = _directives(content_security_policy("n"))
    assert "https://media.example.org" in policy["img-src"]
    assert "https://media.example.org" not in policy["connect-src"]
    assert "https://media.example.org" not in policy["frame-ancestors"]
