"""The API covers what the pages do (issue 17).

Every named page of the site (the root URLconf walked, so a page added to any app, or an
app added, is seen) must be accounted for in one of three lists:

- API: the API operations that do what the page does (each must exist in the OpenAPI
  document, with its method);
- MACHINE: the page is itself a machine interface (iCalendar feed, CSV/JSON export,
  OpenRosa, sitemap) that systems already read;
- BROWSER: the page serves only people in a browser (sign-in, the language switch, the
  service worker), with the reason.

What is left is GAPS: pages of other apps whose API is not written yet, listed by name so
that the list can only shrink (an entry whose page is gone fails too). Matching — the
subject of issue 17's second item — has none.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from etalase.api import api

M = "/api/v1/matching"

API: dict[str, tuple[str, ...]] = {
    # Matching: requests, matches, answers, conversations, events, notifications.
    "matching:requests": (f"GET {M}/requests",),
    "matching:request_create": (f"POST {M}/requests",),
    "matching:hs_options": ("GET /api/v1/hs-codes",),
    "matching:for_me": (f"GET {M}/requests/fitting",),
    "matching:buyer_verify": (f"POST {M}/buyers/{{pk}}/verify",),
    "matching:request_detail": (f"GET {M}/requests/{{pk}}", f"GET {M}/requests/{{pk}}/matches",
                                f"GET {M}/requests/{{pk}}/joint-offers"),
    "matching:request_edit": (f"PATCH {M}/requests/{{pk}}",),
    "matching:request_status": (f"POST {M}/requests/{{pk}}/status",),
    "matching:match_decide": (f"POST {M}/requests/{{pk}}/matches/{{enterprise_id}}",),
    "matching:request_respond": (f"POST {M}/requests/{{pk}}/respond",),
    "matching:request_report": (f"POST {M}/requests/{{pk}}/reports",),
    "matching:request_review": (f"POST {M}/requests/{{pk}}/review",),
    "matching:joint_offer_create": (f"POST {M}/requests/{{pk}}/joint-offers",),
    "matching:inquiries": (f"GET {M}/inquiries",),
    "matching:inquiry_create": (f"POST {M}/inquiries",),
    "matching:inquiry_detail": (f"GET {M}/inquiries/{{pk}}", f"POST {M}/inquiries/{{pk}}/messages",
                                f"POST {M}/inquiries/{{pk}}/messages/with-files",
                                f"GET {M}/inquiries/{{pk}}/quotes"),
    "matching:inquiry_status": (f"POST {M}/inquiries/{{pk}}/status",),
    "matching:inquiry_quote": (f"POST {M}/inquiries/{{pk}}/quotes",),
    "matching:attachment": (f"GET {M}/attachments/{{pk}}",),
    "matching:notifications": (f"GET {M}/notifications", f"POST {M}/notifications/read"),
    "matching:events": (f"GET {M}/events",),
    "matching:event_create": (f"POST {M}/events",),
    "matching:event_detail": (f"GET {M}/events/{{pk}}", f"GET {M}/events/{{pk}}/registrations",
                              f"GET {M}/events/{{pk}}/meetings"),
    "matching:event_register": (f"POST {M}/events/{{pk}}/registrations",),
    "matching:event_propose": (f"POST {M}/events/{{pk}}/proposals",),
    "matching:event_schedule": (f"POST {M}/events/{{pk}}/schedule",),
    "matching:meeting_respond": (f"POST {M}/events/{{pk}}/meetings/{{meeting_id}}/answer",),
    "matching:event_ical": (f"GET {M}/events/{{pk}}/calendar.ics",),
    # The public registry.
    "regions:province": ("GET /api/v1/regions/subdivisions/{code}",
                         "GET /api/v1/regions/subdivisions/{code}/areas"),
    "catalog:gallery": ("GET /api/v1/products",),
    "catalog:product": ("GET /api/v1/products/{product_id}",),
    "catalog:product_short": ("GET /api/v1/products/{product_id}",),
    "enterprises:storefront": ("GET /api/v1/enterprises/{enterprise_id}",),
    "enterprises:storefront_short": ("GET /api/v1/enterprises/{enterprise_id}",),
    # Offices' submissions.
    "intake:upload": ("POST /api/v1/submissions",),
    "intake:detail": ("GET /api/v1/submissions/{submission_id}",),
    "intake:progress": ("GET /api/v1/submissions/{submission_id}",),
    # Learning.
    "learning:programmes": ("GET /api/v1/learning/programmes",),
    "learning:calendar": ("GET /api/v1/learning/programmes",),
    "learning:detail": ("GET /api/v1/learning/programmes/{programme_id}",),
    "learning:enrol": ("POST /api/v1/learning/programmes/{programme_id}/enrolments",),
    "learning:cancel": ("POST /api/v1/learning/enrolments/{enrolment_id}/cancel",),
    "learning:mine": ("GET /api/v1/learning/enrolments",),
    "learning:resources": ("GET /api/v1/learning/resources",),
    "learning:resource": ("GET /api/v1/learning/resources/{resource_id}",),
    # Insights and trade.
    "insights:dashboard": ("GET /api/v1/insights/dashboard",),
    "insights:open_data": ("GET /api/v1/insights/open-data",),
    "trade:checklist": ("GET /api/v1/export-checklist",),
}

MACHINE: dict[str, str] = {
    "learning:ics": "an iCalendar file (RFC 5545)",
    "learning:feed": "an iCalendar subscription feed",
    "insights:open_data_export": "the open data as CSV and JSON",
    "insights:open_data_package": "a Frictionless Data Package (datapackage.json)",
    "insights:open_data_catalog": "a DCAT-AP catalogue (JSON-LD)",
    "insights:open_data_catalog_as": "a DCAT-AP catalogue (JSON-LD or RDF/XML)",
    "insights:intake_table_schema": "a Frictionless Table Schema of the intake template",
    "fieldcapture:form_list": "OpenRosa form list for ODK Collect",
    "fieldcapture:form": "an XForm (OpenRosa)",
    "fieldcapture:submission": "OpenRosa submission endpoint",
    "sitemap": "sitemaps.org XML",
    "sitemap_section": "sitemaps.org XML",
    "robots": "robots.txt",
    "web:sw": "the service worker script",
    "web:manifest": "the web app manifest",
    "media": "uploaded files (product photos) as the API's answers link them",
    "privacy:my_data_json": "a person's own data as JSON",
}

BROWSER: dict[str, str] = {
    "set_language": "API callers choose with ?lang= or Accept-Language",
    "web:home": "the landing page; its figures are GET /api/v1/insights/open-data",
    "web:offline": "the page shown when a phone is offline",
    "accounts:account": "a person's own account page",
    "accounts:login": "browser sign-in; systems use a bearer token",
    "accounts:logout": "browser sign-out",
    "accounts:password_change": "a person's password",
    "accounts:password_change_done": "a person's password",
    "accounts:password_reset": "a person's password, by e-mail",
    "accounts:password_reset_done": "a person's password, by e-mail",
    "accounts:password_reset_confirm": "a person's password, by e-mail",
    "accounts:password_reset_complete": "a person's password, by e-mail",
    "accounts:token_issue": "a token is issued to a signed-in person, never by a token",
    "accounts:token_revoke": "a token is revoked by its signed-in person (or the CLI)",
    "intake:claim": "an owner claims its record from the link it received",
}

# Pages of other apps with no API yet (not issue 17's matching item). Only ever shrink this.
GAPS: frozenset[str] = frozenset({
    "enterprises:manage", "enterprises:profile_edit", "enterprises:product_create",
    "enterprises:product_edit", "enterprises:product_publish", "enterprises:image_upload",
    "enterprises:image_delete", "enterprises:enterprise_capture",
    "payments:merchant_qr", "payments:payment_request", "payments:merchant_qr_image",
    "intake:submissions", "intake:template", "intake:mapping", "intake:decisions",
    "intake:submit", "intake:accept", "intake:return", "intake:report", "intake:original",
    "intake:consent", "intake:consent_bulk_paper", "intake:consent_bulk_invite",
    "intake:consent_invite", "intake:consent_paper",
    "learning:certificate", "learning:certificate_verify", "learning:feed_reset",
    "learning:manage", "learning:create", "learning:edit", "learning:publish",
    "learning:organiser", "learning:export", "learning:resource_manage",
    "learning:resource_create", "learning:resource_edit", "learning:resource_publish",
    "learning:attachment_add", "learning:attachment", "learning:attachment_remove",
    "insights:report_xlsx", "insights:report_pdf",
    "fieldcapture:index", "fieldcapture:held", "fieldcapture:decide",
    "trade:checklist_pdf", "trade:currency",
    "privacy:audit_log", "privacy:decide_erasure", "privacy:erasure_requests",
    "privacy:my_data", "privacy:request_erasure", "privacy:withdraw_consent",
})
NOT_PAGES = ("admin", "api")  # the admin site, and the API itself


def _page_names(resolver=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_PAGES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _page_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


@pytest.fixture(scope="module")
def pages() -> set[str]:
    return _page_names()


@pytest.fixture(scope="module")
def operations() -> set[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return {f"{method.upper()} {path}" for path, item in schema["paths"].items()
            for method in item}


def test_the_walk_finds_the_pages_of_every_app(pages):
    assert {"matching:event_register", "learning:enrol", "catalog:gallery",
            "accounts:login"} <= pages
    assert not {p for p in pages if p.startswith(("admin:", "api:"))}


def _unaccounted(pages: set[str]) -> set[str]:
    return pages - (set(API) | set(MACHINE) | set(BROWSER) | GAPS)


def _missing(mapping: dict[str, tuple[str, ...]], operations: set[str]) -> set[str]:
    return {op for ops in mapping.values() for op in ops} - operations


def test_every_page_is_accounted_for(pages):
    listed = [set(API), set(MACHINE), set(BROWSER), set(GAPS)]
    unaccounted = _unaccounted(pages)
    assert not unaccounted, (
        f"Pages without an API operation: {sorted(unaccounted)}. Add the endpoint and map it "
        "in API, or say why it is MACHINE/BROWSER only.")
    for i, first in enumerate(listed):
        for second in listed[i + 1:]:
            assert not first & second, f"listed twice: {sorted(first & second)}"


def test_no_entry_names_a_page_that_is_gone(pages):
    stale = (set(API) | set(MACHINE) | set(BROWSER) | GAPS) - pages
    assert not stale, f"Remove these entries, their pages are gone: {sorted(stale)}"


def test_every_mapped_operation_exists(operations):
    missing = _missing(API, operations)
    assert not missing, f"Not in the OpenAPI document: {sorted(missing)}"


def test_matching_pages_all_have_their_api():
    assert not {p for p in GAPS | set(BROWSER) | set(MACHINE) if p.startswith("matching:")}


def test_the_check_fails_on_a_page_without_an_endpoint(pages, operations):
    """The check itself can fail: a page added without an entry, or mapped to an operation
    the API does not have, is caught."""
    added = _unaccounted(pages | {"matching:event_badges"}) - _unaccounted(pages)
    assert added == {"matching:event_badges"}
    badges = f"GET {M}/events/{{pk}}/badges"
    assert _missing({**API, "matching:event_badges": (badges,)}, operations) == {badges}
