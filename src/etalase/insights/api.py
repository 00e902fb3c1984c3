"""Open-data aggregates (public) and dashboard figures (officials, within their scope)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from etalase.insights import dashboard, opendata
from etalase.insights.scope import resolve_area

router = Router(tags=["insights"])


@router.get("/open-data", auth=None, summary="Aggregate figures per province and sector")
def open_data(request: HttpRequest):
    """Counts of public enterprises and products per province, per regency / city and per
    sector; counts describing fewer than 3 enterprises are null (withheld), and so are the
    figures that would let one work them out (complementary suppression)."""
    release = opendata.release()
    return {
        "licence": opendata.LICENCE,
        "by_subdivision": release.by_subdivision,
        "by_area": release.by_area,
        "by_sector": release.by_sector,
    }


# 403: anonymous callers, and an area outside the caller's scope (resolve_area).
@router.get("/dashboard", summary="Dashboard figures for an area in the caller's scope",
            openapi_extra={"responses": {403: {
                "description": "Not signed in, or the area is outside the caller's scope.",
                "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/ErrorOut"}}}}}})
def dashboard_figures(request: HttpRequest, area: str | None = None):
    if not request.user.is_authenticated:
        raise PermissionDenied("Sign in or use an API token.")
    data = dashboard.build(resolve_area(request.user, area))
    return {
        "area": {
            "level": data["area"].level,
            "code": data["area"].code,
            "label": str(data["area"].label),
        },
        "headline": data["headline"],
        "pending_submissions": data["pending_submissions"],
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "headers": [str(h) for h in s.headers],
                # `values`: the row's figures in the order of `headers` after the first
                # (the by-area table has three: enterprises, exporting, products published).
                "rows": [
                    {"key": r.key, "label": r.label, "value": r.value, "values": [r.value, *r.more]}
                    for r in s.rows
                ],
            }
            for s in data["sections"]
        ],
    }
