"""The HTTP API root: every app's router is mounted here at /api/v1/."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from ninja import NinjaAPI
from ninja.parser import Parser

from etalase.accounts.api_auth import optional_auth
from etalase.api_openapi import TruthfulSchema


class EtalaseAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document also lists what every operation shares
    (api_openapi: the statuses of authentication, validation and missing objects)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return TruthfulSchema(self, path_prefix, optional_auth)


class ObjectBodyParser(Parser):
    """Every JSON body of this API is an object. django-ninja's schemas read attributes, so a
    JSON array or a bare value would pass as an object with every field left at its default
    (`[null]` marked all notifications read); it is refused with 400 instead."""

    def parse_body(self, request: HttpRequest):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The body must be a JSON object.")
        return data


api = EtalaseAPI(
    parser=ObjectBodyParser(),
    title="Etalase API",
    version="1",
    description="Regions, HS codes, enterprises and products of the Etalase MSME platform.",
    auth=optional_auth,
    urls_namespace="api",
)

from etalase.catalog.api import router as catalog_router  # noqa: E402
from etalase.enterprises.api import router as enterprises_router  # noqa: E402
from etalase.insights.api import router as insights_router  # noqa: E402
from etalase.intake.api import router as intake_router  # noqa: E402
from etalase.learning.api import router as learning_router  # noqa: E402
from etalase.matching.api import router as matching_router  # noqa: E402
from etalase.payments.api import router as payments_router  # noqa: E402
from etalase.regions.api import router as regions_router  # noqa: E402
from etalase.trade.api import router as trade_router  # noqa: E402

api.add_router("/regions", regions_router)
api.add_router("/", catalog_router)
api.add_router("/enterprises", enterprises_router)
api.add_router("/payments", payments_router)
api.add_router("/submissions", intake_router)
api.add_router("/learning", learning_router)
api.add_router("/matching", matching_router)
api.add_router("/insights", insights_router)
api.add_router("/", trade_router)


# --- Errors as JSON ------------------------------------------------------------------
# Services raise Django's own exceptions; the API answers them with a JSON body and the
# status a client expects, instead of an HTML error page.


# A well-formed code that names nothing (an area filter) is a thing not found: 404, so that
# a request the schema allows is never refused as malformed (the OpenAPI document says so).
NOT_FOUND_CODES = frozenset({"unknown_area", "unknown_country"})


def _codes(exc: DjangoValidationError) -> set[str | None]:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


@api.exception_handler(DjangoValidationError)
def _validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    codes = _codes(exc)
    status = 404 if codes and codes <= NOT_FOUND_CODES else 422
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "You may not do this."
    return api.create_response(request, {"detail": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 handler (urls.handler404): JSON under /api/, as the API's own 404s are
    (an id a path converter does not match, /api/v1/matching/requests/abc, never reaches
    django-ninja); the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return page_not_found(request, exception)
