"""The OpenAPI document as the API behaves, for every router at once.

Some answers do not come from an endpoint's own code but from the layers around it, the
same for every operation; each endpoint would otherwise have to repeat them, and a new one
would forget. They are added here where the endpoint did not declare the status itself:

- 401: an operation with authentication refuses a malformed, unknown or revoked token
  (accounts.api_auth), and the endpoints that need a caller refuse anonymous calls;
- 403: a write reaches services that raise PermissionDenied (api.py answers it with 403);
- 404: an operation with path parameters answers 404 for an id that does not exist or
  is outside the caller's reach, and one with an area filter for an area code naming none;
- 422: any parameter or body that breaks its schema (django-ninja's validation, and the
  services' ValidationError through api.py);
- 400: a JSON body that cannot be parsed;
- 429: every call counts against its address's and token's rate limits (etalase.limits).

Authentication is documented too: a bearer token (`etalase issue_api_token`); where the
operation also serves anonymous callers, the empty alternative `{}` says so.
"""

from __future__ import annotations

from typing import Any

from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from etalase.regions.schemas import ErrorOut

BEARER = "bearer"
BEARER_SCHEME = {
    "type": "http", "scheme": "bearer",
    "description": "An organisation system's API token (`etalase issue_api_token`). Reads "
                   "also accept a signed-in browser session; writes need the token.",
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
# Query parameters that name a thing by its code: a well-formed code naming nothing is 404
# (etalase.api.NOT_FOUND_CODES), like an id in a path.
NAMING_PARAMETERS = frozenset({"area"})
COMMON = {
    400: "The body is not well-formed JSON.",
    401: "A malformed, unknown or revoked token; or no caller where one is needed.",
    403: "The caller's roles do not allow this.",
    404: "Not found, or outside the caller's reach.",
    422: "A parameter or the body breaks the schema or a rule of the data.",
    429: "Too many requests from this address or token (etalase.limits); wait Retry-After "
         "seconds.",
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait.",
                               "schema": {"type": "integer", "minimum": 0}}}


def _json_error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


def _has_json_body(details: dict) -> bool:
    return "application/json" in details.get("requestBody", {}).get("content", {})


class TruthfulSchema(OpenAPISchema):
    """django-ninja's document, plus the statuses and security every operation shares."""

    def __init__(self, api, path_prefix: str, optional_auth) -> None:
        self._optional_auth = optional_auth
        super().__init__(api, path_prefix)
        self["components"]["schemas"].setdefault(
            "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))

    def operation_security(self, operation: Operation):
        if not operation.auth_callbacks:
            return None
        self.securitySchemes[BEARER] = BEARER_SCHEME
        if any(cb is self._optional_auth for cb in operation.auth_callbacks):
            return [{BEARER: []}, {}]
        return [{BEARER: []}]

    def operation_details(self, operation: Operation) -> dict[str, Any]:
        details = super().operation_details(operation)
        responses = details["responses"]
        statuses = {int(code) for code in responses}
        wanted = []
        if operation.auth_callbacks:
            wanted.append(401)
            if set(operation.methods) - {"GET", "HEAD"}:
                wanted.append(403)
        parameters = details.get("parameters") or []
        if any(p.get("in") == "path" or p.get("name") in NAMING_PARAMETERS
               for p in parameters):
            wanted.append(404)
        if parameters or details.get("requestBody"):
            wanted.append(422)
        if _has_json_body(details):
            wanted.append(400)
        wanted.append(429)
        for status in wanted:
            if status not in statuses:
                responses[status] = _json_error(COMMON[status])
        if 429 in wanted and "headers" not in responses[429]:
            responses[429]["headers"] = RETRY_AFTER
        return details


# --- Types whose documented schema is exactly what they accept ------------------------------


def amount(whole_digits: int, description: str = "") -> Any:
    """A non-negative decimal with at most `whole_digits` digits before the point and two
    after (the model's DecimalField), as a JSON number or a decimal string.

    pydantic's own Decimal is documented as "a number or any string" while it refuses "" and
    "1e5" and more than two decimals: a client following the document was refused. Here a
    string must match the documented pattern, and a number within the documented bounds is
    taken at cent precision (rounded half up), as a price is kept.
    """
    import re
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
    from typing import Annotated

    from pydantic import PlainValidator, WithJsonSchema

    cent = Decimal("0.01")
    limit = Decimal(10) ** whole_digits - cent
    pattern = rf"^[0-9]{{1,{whole_digits}}}(\.[0-9]{{1,2}})?$"
    refusal = (f"A number from 0 to {limit}, or a string such as \"1250.50\" (at most "
               f"{whole_digits} digits before the point, two after).")

    def parse(value: Any) -> Decimal:
        if isinstance(value, Decimal):
            return value
        if isinstance(value, str) and re.fullmatch(pattern, value):
            return Decimal(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                number = Decimal(str(value)).quantize(cent, rounding=ROUND_HALF_UP)
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite() and 0 <= number <= limit:
                return number
        raise ValueError(refusal)

    schema = {"anyOf": [{"type": "number", "minimum": 0, "maximum": float(limit)},
                        {"type": "string", "pattern": pattern}]}
    if description:
        schema["description"] = description
    return Annotated[Decimal, PlainValidator(parse), WithJsonSchema(schema)]
